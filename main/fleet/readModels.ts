// What the API reads of the fleet: the hosts list, one host's detail, clusters, every GPU's latest
// reading and chart series. Latest values come from memory, history from the telemetry store.
import type {
  Cluster,
  FleetGpu,
  FleetHost,
  FleetHostDetail,
  SeriesPoints,
} from '../../shared/ipc/contract.ts';
import type { Clock } from '../core/clock.ts';
import type { ReadableDb } from '../store/types.ts';
import { querySeries, type SeriesRequest } from '../telemetry/charts.ts';
import { recentAgentEvents } from './agentEvents.ts';
import { findCluster, listClusters } from './clusters.ts';
import type { FleetConnections } from './connections.ts';
import { fleetFailure } from './failures.ts';
import { toFleetGpus } from './gpuReadings.ts';
import { findHost, listHostRecords, type HostRecord } from './hosts.ts';

export class FleetReadModels {
  constructor(private readonly options: { connections: FleetConnections; clock: Clock }) {}

  private async db(): Promise<ReadableDb> {
    return (await this.options.connections.ensureStarted()).db;
  }

  toFleetHost(db: ReadableDb, host: HostRecord, clusterNames?: Map<number, string>): FleetHost {
    const { connections } = this.options;
    const names = clusterNames ?? new Map(listClusters(db).map((c) => [c.id, c.name]));
    return {
      id: host.id,
      agentId: host.agentId,
      name: host.name,
      address: host.address,
      clusterId: host.clusterId,
      clusterName: names.get(host.clusterId) ?? '',
      state: connections.stateOf(host),
      stateReason: host.revokedAt ? null : (connections.connectionOf(host.id)?.stateReason ?? null),
      lastSeenAt: host.lastSeenAt,
      clockOffsetMs: host.clockOffsetMs,
      simulated: host.simulated,
      enrolledAt: host.enrolledAt,
      revokedAt: host.revokedAt,
      gpuCount: connections.live.gpuCount(host.id),
      signals: connections.live.signals(host.id),
    };
  }

  async listHosts(): Promise<FleetHost[]> {
    const db = await this.db();
    const names = new Map(listClusters(db).map((c) => [c.id, c.name]));
    return listHostRecords(db).map((host) => this.toFleetHost(db, host, names));
  }

  async hostDetail(hostId: number): Promise<FleetHostDetail> {
    const db = await this.db();
    const host = findHost(db, hostId);
    if (!host) throw fleetFailure('NOT_FOUND', `There is no host with id ${hostId}.`);
    const { connections } = this.options;
    return {
      host: this.toFleetHost(db, host),
      ...connections.live.breakdown(hostId),
      actions: connections.actionsOf(hostId) ?? [],
      events: recentAgentEvents(db, hostId, 100),
    };
  }

  async listClusters(): Promise<Cluster[]> {
    return listClusters(await this.db());
  }

  /** Every GPU's latest reading, of one cluster or all, from memory: the heatmaps' one call. */
  async listGpus(clusterId?: number): Promise<FleetGpu[]> {
    const db = await this.db();
    if (clusterId !== undefined && !findCluster(db, clusterId))
      throw fleetFailure('NOT_FOUND', `There is no cluster with id ${clusterId}.`);
    const { connections } = this.options;
    const hosts = listHostRecords(db).filter(
      (h) => clusterId === undefined || h.clusterId === clusterId,
    );
    return hosts.flatMap((host) =>
      toFleetGpus(
        {
          id: host.id,
          name: host.name,
          clusterId: host.clusterId,
          state: connections.stateOf(host),
        },
        connections.live.gpus(host.id),
      ),
    );
  }

  async series(request: SeriesRequest): Promise<SeriesPoints> {
    const db = await this.db();
    if (!findHost(db, request.hostId))
      throw fleetFailure('NOT_FOUND', `There is no host with id ${request.hostId}.`);
    return querySeries(db, request, this.options.clock.now().getTime());
  }
}
