// The fleet: hosts, clusters and the open host's detail (server data, FleetSlice; the heatmaps'
// GPU readings are FleetGpusSlice), and where the operator is in the Fleet view (FleetViewSlice).
import type {
  ChannelInput,
  ChannelOutput,
  Cluster,
  FleetHost,
  FleetHostDetail,
  SERIES_RANGES,
  SeriesPoints,
} from '../../shared/ipc/contract.ts';
import { HOST_STATES, type HostState } from '../../shared/domain/fleet/hostStates.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';
import { throttledBatch } from '../../shared/util/throttledBatch.ts';

export type SeriesRange = (typeof SERIES_RANGES)[number];
export type HeatmapMetric = 'utilization' | 'temperature';

// A record over the contract's type (not its runtime list, which would bundle zod).
const RANGES: Record<SeriesRange, true> = {
  live: true,
  '1h': true,
  '24h': true,
  '7d': true,
  '30d': true,
};
export const SERIES_RANGE_LIST = Object.keys(RANGES) as SeriesRange[];

export interface FleetChange {
  seq: number;
  hostIds: readonly number[];
}

export interface FleetSlice {
  fleetHosts: Remote<FleetHost[]>;
  fleetClusters: Remote<Cluster[]>;
  /** The host open in the detail view (refreshed when fleet.changed names it). */
  fleetHostDetail: Remote<FleetHostDetail>;
  /** Bumped on every fleet.changed, so live charts of the named hosts refetch. */
  fleetChange: FleetChange;
  loadFleet: (options?: { quiet?: boolean }) => Promise<void>;
  loadFleetClusters: () => Promise<void>;
  loadFleetHost: (hostId: number, options?: { quiet?: boolean }) => Promise<void>;
  enrolHost: (input: ChannelInput<'fleet.enrol'>) => Promise<FleetHost>;
  revokeHost: (hostId: number) => Promise<void>;
  /** Starts the simulated demo site on the backend (admins) and reloads the fleet. */
  startDemoSite: () => Promise<void>;
  /** Stops the demo site and deletes its simulated hosts, clusters and telemetry (admins). */
  removeDemoSite: () => Promise<ChannelOutput<'fleet.removeDemo'>>;
  createCluster: (input: ChannelInput<'fleet.createCluster'>) => Promise<Cluster>;
  /** Breaks a simulated host for a while (drills and demos; the backend refuses real hosts). */
  injectDemoFault: (input: ChannelInput<'fleet.demoFault'>) => Promise<void>;
  /** History for one chart; charts keep their own points, so nothing is cached here. */
  fetchFleetSeries: (input: ChannelInput<'fleet.series'>) => Promise<SeriesPoints>;
  applyFleetChanged: (hostIds: readonly number[]) => void;
  resetFleet: () => void;
}

export interface FleetRoute {
  hostId: number | null;
  gpu: string | null;
}

export interface FleetViewSlice {
  fleetView: FleetRoute;
  fleetRange: SeriesRange;
  fleetHeatmapMetric: HeatmapMetric;
  fleetEnrolOpen: boolean;
  openFleetHost: (hostId: number | null) => void;
  openFleetGpu: (hostId: number, gpu: string) => void;
  /** One level up: GPU → host → fleet (Escape and the back button). */
  fleetBack: () => void;
  setFleetRange: (range: SeriesRange) => void;
  setFleetHeatmapMetric: (metric: HeatmapMetric) => void;
  setFleetEnrolOpen: (open: boolean) => void;
}

/** The list refreshes at most once a second. */
const LIST_REFRESH_MS = 1000;

const fleetInitial = () => ({
  fleetHosts: idle<FleetHost[]>(),
  fleetClusters: idle<Cluster[]>(),
  fleetHostDetail: idle<FleetHostDetail>(),
  fleetChange: { seq: 0, hostIds: [] } as FleetChange,
});

const viewInitial = () => ({
  fleetView: { hostId: null, gpu: null } as FleetRoute,
  fleetEnrolOpen: false,
});

/** Restores the view's invariants after new data: a selection that no longer exists is cleared. */
function toNextFleetState(state: AppState): Partial<AppState> {
  const hosts = state.fleetHosts.data;
  if (!hosts) return {};
  const ids = new Set(hosts.map((h) => h.id));
  const patch: Partial<AppState> = {};
  if (state.fleetView.hostId !== null && !ids.has(state.fleetView.hostId))
    patch.fleetView = { hostId: null, gpu: null };
  return patch;
}

export const createFleetSlice =
  (api: ApiClient): SliceCreator<FleetSlice> =>
  (set, get) => {
    let listGeneration = 0;
    let hostGeneration = 0;

    const listRefresh = throttledBatch(LIST_REFRESH_MS, (ids) => {
      const s = get();
      if (!s.session || s.session.locked) return;
      if (s.fleetHosts.status !== 'idle') void s.loadFleet({ quiet: true });
      const open = s.fleetView.hostId;
      if (open !== null && ids.includes(open)) void s.loadFleetHost(open, { quiet: true });
    });

    return {
      ...fleetInitial(),

      async loadFleet(options) {
        const mine = ++listGeneration;
        if (!options?.quiet) set({ fleetHosts: loading(get().fleetHosts) });
        try {
          const hosts = await api.call('fleet.list', {});
          if (mine !== listGeneration) return;
          set({ fleetHosts: ready(hosts) });
          set(toNextFleetState(get()));
        } catch (error) {
          if (mine !== listGeneration) return;
          set({ fleetHosts: failed(get().fleetHosts, error) });
        }
      },

      async loadFleetClusters() {
        set({ fleetClusters: loading(get().fleetClusters) });
        try {
          set({ fleetClusters: ready(await api.call('fleet.clusters', {})) });
        } catch (error) {
          set({ fleetClusters: failed(get().fleetClusters, error) });
        }
      },

      async loadFleetHost(hostId, options) {
        const mine = ++hostGeneration;
        const previous = get().fleetHostDetail;
        const same = previous.data?.host.id === hostId;
        if (!options?.quiet || !same) set({ fleetHostDetail: loading(same ? previous : idle()) });
        try {
          const detail = await api.call('fleet.host', { hostId });
          if (mine !== hostGeneration) return;
          set({ fleetHostDetail: ready(detail) });
        } catch (error) {
          if (mine !== hostGeneration) return;
          set({ fleetHostDetail: failed(get().fleetHostDetail, error) });
        }
      },

      async enrolHost(input) {
        const host = await api.call('fleet.enrol', input);
        void get().loadFleet({ quiet: true });
        return host;
      },

      async startDemoSite() {
        await api.call('fleet.startDemo', {});
        await Promise.all([get().loadFleet({ quiet: true }), get().loadFleetClusters()]);
      },

      async removeDemoSite() {
        const removed = await api.call('fleet.removeDemo', {});
        await Promise.all([get().loadFleet({ quiet: true }), get().loadFleetClusters()]);
        return removed;
      },

      async revokeHost(hostId) {
        await api.call('fleet.revoke', { hostId });
        void get().loadFleet({ quiet: true });
        if (get().fleetView.hostId === hostId) void get().loadFleetHost(hostId, { quiet: true });
      },

      async injectDemoFault(input) {
        await api.call('fleet.demoFault', input);
      },

      async createCluster(input) {
        const cluster = await api.call('fleet.createCluster', input);
        set({ fleetClusters: ready([...(get().fleetClusters.data ?? []), cluster]) });
        return cluster;
      },

      fetchFleetSeries(input) {
        return api.call('fleet.series', input);
      },

      applyFleetChanged(hostIds) {
        set({ fleetChange: { seq: get().fleetChange.seq + 1, hostIds } });
        listRefresh.add(hostIds);
        get().refreshFleetGpus(hostIds);
      },

      resetFleet() {
        listRefresh.cancel();
        get().resetFleetGpus();
        listGeneration++;
        hostGeneration++;
        set({ ...fleetInitial(), ...viewInitial() });
      },
    };
  };

export const createFleetViewSlice = (): SliceCreator<FleetViewSlice> => (set, get) => ({
  ...viewInitial(),
  fleetRange: 'live',
  fleetHeatmapMetric: 'utilization',
  openFleetHost(hostId) {
    set({ fleetView: { hostId, gpu: null } });
  },
  openFleetGpu(hostId, gpu) {
    set({ fleetView: { hostId, gpu } });
  },
  fleetBack() {
    const { hostId, gpu } = get().fleetView;
    if (gpu !== null) set({ fleetView: { hostId, gpu: null } });
    else if (hostId !== null) set({ fleetView: { hostId: null, gpu: null } });
  },
  setFleetRange(fleetRange) {
    set({ fleetRange });
  },
  setFleetHeatmapMetric(fleetHeatmapMetric) {
    set({ fleetHeatmapMetric });
  },
  setFleetEnrolOpen(fleetEnrolOpen) {
    set({ fleetEnrolOpen });
  },
});

// ── Selectors ──────────────────────────────────────────────────────────────────────────────

/** Remembers the last input and result, so derived objects keep their identity between renders. */
function memoLast<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult!: R;
  return (...args) => {
    if (lastArgs && args.every((arg, i) => Object.is(arg, lastArgs?.[i]))) return lastResult;
    lastArgs = args;
    lastResult = compute(...args);
    return lastResult;
  };
}

export interface FleetCounts {
  total: number;
  simulated: number;
  gpus: number;
  byState: Record<HostState, number>;
}

const countHosts = memoLast((hosts: FleetHost[] | null): FleetCounts => {
  const byState = Object.fromEntries(HOST_STATES.map((s) => [s, 0])) as Record<HostState, number>;
  let simulated = 0;
  let gpus = 0;
  for (const host of hosts ?? []) {
    byState[host.state] += 1;
    if (host.simulated) simulated += 1;
    gpus += host.gpuCount;
  }
  return { total: hosts?.length ?? 0, simulated, gpus, byState };
});

export interface ClusterSummary {
  id: number;
  name: string;
  site: string;
  kind: Cluster['kind'];
  hosts: FleetHost[];
  gpus: number;
  byState: Record<HostState, number>;
}

const summariseClusters = memoLast(
  (hosts: FleetHost[] | null, clusters: Cluster[] | null): ClusterSummary[] => {
    const byId = new Map<number, ClusterSummary>();
    const blank = () =>
      Object.fromEntries(HOST_STATES.map((s) => [s, 0])) as Record<HostState, number>;
    for (const c of clusters ?? []) {
      byId.set(c.id, {
        id: c.id,
        name: c.name,
        site: c.site,
        kind: c.kind,
        hosts: [],
        gpus: 0,
        byState: blank(),
      });
    }
    for (const host of hosts ?? []) {
      let summary = byId.get(host.clusterId);
      if (!summary) {
        // The clusters list may lag a new cluster: name it from the host until it arrives.
        summary = {
          id: host.clusterId,
          name: host.clusterName,
          site: '',
          kind: host.gpuCount > 0 ? 'gpu_cluster' : 'cpu_pool',
          hosts: [],
          gpus: 0,
          byState: blank(),
        };
        byId.set(host.clusterId, summary);
      }
      summary.hosts.push(host);
      summary.gpus += host.gpuCount;
      summary.byState[host.state] += 1;
    }
    return [...byId.values()];
  },
);

export const selectFleetHosts = (state: AppState) => state.fleetHosts;
export const selectFleetCounts = (state: AppState) => countHosts(state.fleetHosts.data);
export const selectClusterSummaries = (state: AppState) =>
  summariseClusters(state.fleetHosts.data, state.fleetClusters.data);
export const selectFleetRange = (state: AppState) => state.fleetRange;
