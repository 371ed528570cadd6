// What an enforcement policy may name: a host the fleet has, an action that host declares, and — in a
// parameter that names a host (a fail-over's standby) — another host the fleet has. Checked on save, so
// a typo is refused with the name instead of failing when the alert fires.
import type { ActionSpec } from '../../shared/agent-protocol/index.ts';
import type { EnforcementPolicy } from '../../shared/domain/slo/sla.ts';
import { findHost, listHostRecords } from '../fleet/hosts.ts';
import type { ReadableDb } from '../store/types.ts';

/** Parameters read as host names when the agent's declaration is not known (it has not said hello). */
const HOST_PARAM_NAMES: readonly string[] = ['standby', 'host'];
const LISTED_HOSTS = 10;

function hostParams(spec: ActionSpec | undefined, params: EnforcementPolicy['params']): string[] {
  if (spec) return spec.params.filter((p) => p.refersTo === 'host').map((p) => p.name);
  return Object.keys(params).filter((name) => HOST_PARAM_NAMES.includes(name));
}

/** Why the policy cannot be kept, naming the host or action at fault; null when it can. */
export function policyProblem(
  db: ReadableDb,
  policy: EnforcementPolicy,
  actionsOf?: (hostId: number) => readonly ActionSpec[] | undefined,
): string | null {
  const host = findHost(db, policy.hostId);
  if (!host) return `There is no host #${policy.hostId} in the fleet.`;
  const declared = actionsOf?.(host.id);
  const spec = declared?.find((a) => a.name === policy.action);
  if (declared && !spec)
    return `Host "${host.name}" declares no action "${policy.action}" (it declares: ${declared.map((a) => a.name).join(', ') || 'none'}).`;
  const names = listHostRecords(db).map((h) => h.name);
  for (const param of hostParams(spec, policy.params)) {
    const value = policy.params[param];
    if (value === undefined || names.includes(String(value))) continue;
    const listed = names.slice(0, LISTED_HOSTS).join(', ');
    const more = names.length > LISTED_HOSTS ? ', …' : '';
    return `${param}: there is no host named "${String(value)}" in the fleet (hosts: ${listed || 'none'}${more}).`;
  }
  return null;
}
