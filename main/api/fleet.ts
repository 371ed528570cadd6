// Fleet: enrolled hosts, their live state and telemetry history, agent actions, and (admins) enrolment and revocation.
import type { DemoSite } from '../fleet/demoSite.ts';
import type { FleetService } from '../fleet/service.ts';
import { requireActor, type DomainHandlers } from './handler.ts';

export function fleetHandlers(
  fleet: FleetService,
  demo: DemoSite,
): DomainHandlers<
  | 'fleet.startDemo'
  | 'fleet.demoFault'
  | 'fleet.removeDemo'
  | 'fleet.list'
  | 'fleet.host'
  | 'fleet.series'
  | 'fleet.gpus'
  | 'fleet.enrol'
  | 'fleet.revoke'
  | 'fleet.runAction'
  | 'fleet.clusters'
  | 'fleet.storageStatus'
  | 'fleet.createCluster'
> {
  return {
    'fleet.list': () => fleet.reads.listHosts(),
    'fleet.host': (input) => fleet.reads.hostDetail(input.hostId),
    'fleet.series': (input) => fleet.reads.series(input),
    'fleet.gpus': (input) => fleet.reads.listGpus(input.clusterId),
    'fleet.runAction': (input, call) => fleet.runAction(input, requireActor(call)),
    'fleet.startDemo': (input, call) => demo.start(input, requireActor(call)),
    'fleet.demoFault': async (input, call) => {
      await demo.inject(input, requireActor(call), call.now);
      return { done: true as const };
    },
    'fleet.removeDemo': (_input, call) => demo.remove(requireActor(call), () => call.now),
    'fleet.clusters': () => fleet.reads.listClusters(),
    'fleet.storageStatus': () => fleet.storageStatus(),
    'fleet.createCluster': (input, call) => fleet.createCluster(input, requireActor(call)),
    'fleet.enrol': (input, call) => fleet.enrolment.enrol(input, requireActor(call)),
    'fleet.revoke': async (input, call) => {
      await fleet.enrolment.revoke(input.hostId, requireActor(call));
      return { done: true as const };
    },
  };
}
