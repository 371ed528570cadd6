// Fleet: enrolled hosts, their live state and telemetry history, agent actions, and (admins) enrolment and revocation.
import { EnrolmentError, type EnrolmentErrorCode } from '../fleet/enrol.ts';
import type { DemoSite } from '../fleet/demoSite.ts';
import type { FleetService } from '../fleet/service.ts';
import { audit } from './handler.ts';
import type { Site } from '../core/site.ts';
import { requireActor, type DomainHandlers } from './handler.ts';
import { DomainError } from '../core/errors.ts';

const API_CODES: Record<EnrolmentErrorCode, DomainError['code']> = {
  BAD_CODE: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  REFUSED: 'CONFLICT',
  UNREACHABLE: 'CONFLICT',
  OFFLINE: 'CONFLICT',
  UNDECLARED: 'BAD_REQUEST',
};

/** Fleet errors carry a message an operator can act on; the API passes it through with its code. */
async function asApi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EnrolmentError) throw new DomainError(API_CODES[error.code], error.message);
    throw error;
  }
}

export function fleetHandlers(
  fleet: FleetService,
  demo: DemoSite,
  site: Site,
): DomainHandlers<
  | 'fleet.startDemo'
  | 'fleet.demoFault'
    | 'fleet.list'
  | 'fleet.host'
  | 'fleet.series'
  | 'fleet.gpus'
  | 'fleet.enrol'
  | 'fleet.revoke'
  | 'fleet.runAction'
  | 'fleet.clusters'
  | 'fleet.createCluster'
> {
  return {
    'fleet.list': () => asApi(() => fleet.listHosts()),
    'fleet.host': (input) => asApi(() => fleet.hostDetail(input.hostId)),
    'fleet.series': (input) => asApi(() => fleet.series(input)),
    'fleet.gpus': (input) => asApi(() => fleet.listGpus(input.clusterId)),
    'fleet.runAction': (input, call) => asApi(() => fleet.runAction(input, requireActor(call))),
    'fleet.startDemo': (input, call) => asApi(() => demo.start(input, requireActor(call))),
    'fleet.demoFault': (input, call) =>
      asApi(async () => {
        const actor = requireActor(call);
        await demo.inject(input);
        audit(site.store(), actor, { action: 'fleet.demoFault', target: `simulated-host:${input.target.host}`, outcome: 'success', details: { ...input } }, call.now);
        return { done: true as const };
      }),
    'fleet.clusters': () => asApi(() => fleet.listClusters()),
    'fleet.createCluster': (input, call) => asApi(() => fleet.createCluster(input, requireActor(call))),
    'fleet.enrol': (input, call) => asApi(() => fleet.enrol(input, requireActor(call))),
    'fleet.revoke': (input, call) =>
      asApi(async () => {
        await fleet.revoke(input.hostId, requireActor(call));
        return { done: true as const };
      }),
  };
}
