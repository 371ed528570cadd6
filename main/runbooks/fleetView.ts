// The fleet as a runbook plan sees it: enrolled hosts by name, with the actions each agent declared.
import type { ActionSpec } from '../../shared/agent-protocol/index.ts';
import type { HostLookup } from '../../shared/domain/runbooks/index.ts';
import { listHostRecords } from '../fleet/hosts.ts';
import type { ReadableDb } from '../store/types.ts';

export interface HostLookupWithIds {
  view: HostLookup;
  /** Host name → id, for the hosts a plan names. */
  ids: ReadonlyMap<string, number>;
}

/** `actionsOf` is the fleet's record of each connected agent's hello (undefined until it says hello). */
export function fleetHosts(
  db: ReadableDb,
  actionsOf: (hostId: number) => readonly ActionSpec[] | undefined,
): HostLookupWithIds {
  // A revoked host may share its name with the host that replaced it: the live one wins.
  const records = listHostRecords(db).sort(
    (a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null),
  );
  const byName = new Map<string, (typeof records)[number]>();
  for (const r of records) if (!byName.has(r.name)) byName.set(r.name, r);
  return {
    view: (name) => {
      const host = byName.get(name);
      return host
        ? { actions: actionsOf(host.id) ?? null, isRevoked: host.revokedAt !== null }
        : null;
    },
    ids: new Map([...byName].map(([name, host]) => [name, host.id])),
  };
}
