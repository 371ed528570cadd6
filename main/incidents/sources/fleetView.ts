// The fleet as one evaluation tick sees it: every enrolled (not revoked) host with its cluster, its
// connection state and its latest readings, all from memory except the host and cluster rows.
import { listClusters } from '../../fleet/clusters.ts';
import { listHostRecords } from '../../fleet/hosts.ts';
import type { FleetService } from '../../fleet/service.ts';
import type { ReadableDb } from '../../store/types.ts';
import type { HostView } from './evaluation.ts';

export function fleetView(db: ReadableDb, fleet: FleetService): HostView[] {
  const { connections } = fleet;
  const clusters = new Map(listClusters(db).map((c) => [c.id, c.name]));
  return listHostRecords(db)
    .filter((host) => host.revokedAt === null)
    .map((host) => ({
      id: host.id,
      name: host.name,
      cluster: clusters.get(host.clusterId) ?? '',
      state: connections.stateOf(host),
      stateReason: connections.connectionOf(host.id)?.stateReason ?? null,
      values: connections.live.values(host.id),
      gpus: connections.live.gpus(host.id),
    }));
}
