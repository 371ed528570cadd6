// Client-side checks for the enrol form, mirroring the contract and the agent's pairing code
// format; they return i18n keys, and the backend validates again.
import { parsePairingCode } from '../../../shared/agent-protocol/pairing.ts';
import { isSimulatedCluster } from '../../../shared/domain/fleet/demoSite.ts';
import type { Cluster } from '../../../shared/ipc/contract.ts';
import type { RuleResult } from '../../ui/formRules.ts';

const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

export const hostAddress = (value: string): RuleResult => {
  const match = ADDRESS.exec(value.trim());
  if (!match) return 'fleet.enrol.addressInvalid';
  const port = Number(match[2]);
  return port >= 1 && port <= 65_535 ? null : 'fleet.enrol.addressInvalid';
};

export const pairingCode = (value: string): RuleResult =>
  !value.trim()
    ? 'validation.required'
    : parsePairingCode(value).ok
      ? null
      : 'fleet.enrol.codeInvalid';

/** The code as the backend expects it: lower case, spaces and line breaks from a paste removed. */
export const normalisedPairingCode = (value: string): string => {
  const parsed = parsePairingCode(value);
  return parsed.ok ? `mq1.${parsed.code.fingerprint}.${parsed.code.secret}` : value.trim();
};

/** The clusters a real host may join: never a simulated one (the demo's), whose data stays out of reports. */
export const realClusters = (clusters: readonly Cluster[]): Cluster[] =>
  clusters.filter((c) => !isSimulatedCluster(c));
