// Every GPU's latest reading per cluster, for the heatmaps: one fleet.gpus call per cluster shown,
// refreshed at most every few seconds when fleet.changed names one of the cluster's hosts.
import type { FleetGpu } from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';
import { throttledBatch } from '../../shared/util/throttledBatch.ts';

export interface FleetGpusSlice {
  /** cluster id → its GPUs, in host order then GPU order as the backend sorts them. */
  fleetGpus: Record<number, Remote<readonly FleetGpu[]>>;
  loadFleetGpus: (clusterId: number, options?: { quiet?: boolean }) => Promise<void>;
  /** fleet.changed: reloads (throttled) the loaded clusters that hold one of these hosts. */
  refreshFleetGpus: (hostIds: readonly number[]) => void;
  resetFleetGpus: () => void;
}

/** Heatmap colours need not follow every 500 ms event: a glance-level view refreshes every 3 s. */
const GPUS_REFRESH_MS = 3000;

/** The loaded clusters that hold one of the hosts; all of them when a host is not known yet. */
function clustersToRefresh(state: AppState, hostIds: readonly number[]): number[] {
  const loaded = Object.keys(state.fleetGpus).map(Number);
  const clusterOf = new Map((state.fleetHosts.data ?? []).map((h) => [h.id, h.clusterId]));
  if (hostIds.some((id) => !clusterOf.has(id))) return loaded;
  const named = new Set(hostIds.map((id) => clusterOf.get(id)));
  return loaded.filter((id) => named.has(id));
}

export const createFleetGpusSlice =
  (api: ApiClient): SliceCreator<FleetGpusSlice> =>
  (set, get) => {
    // Per cluster, so a slow answer never overwrites a newer one.
    const generations = new Map<number, number>();
    const refresh = throttledBatch(GPUS_REFRESH_MS, (ids) => {
      const s = get();
      if (!s.session || s.session.locked) return;
      for (const clusterId of clustersToRefresh(s, ids))
        void s.loadFleetGpus(clusterId, { quiet: true });
    });
    const put = (clusterId: number, remote: Remote<readonly FleetGpu[]>) =>
      set({ fleetGpus: { ...get().fleetGpus, [clusterId]: remote } });

    return {
      fleetGpus: {},

      async loadFleetGpus(clusterId, options) {
        const mine = (generations.get(clusterId) ?? 0) + 1;
        generations.set(clusterId, mine);
        const previous = get().fleetGpus[clusterId] ?? idle<readonly FleetGpu[]>();
        if (!options?.quiet) put(clusterId, loading(previous));
        try {
          const gpus = await api.call('fleet.gpus', { clusterId });
          if (generations.get(clusterId) === mine) put(clusterId, ready(gpus));
        } catch (error) {
          if (generations.get(clusterId) === mine)
            put(clusterId, failed(get().fleetGpus[clusterId] ?? previous, error));
        }
      },

      refreshFleetGpus(hostIds) {
        refresh.add(hostIds);
      },

      resetFleetGpus() {
        refresh.cancel();
        for (const [id, n] of generations) generations.set(id, n + 1);
        set({ fleetGpus: {} });
      },
    };
  };

const NO_GPUS: readonly FleetGpu[] = [];

export const selectClusterGpus = (clusterId: number) => (state: AppState) =>
  state.fleetGpus[clusterId]?.data ?? NO_GPUS;
export const selectClusterGpusError = (clusterId: number) => (state: AppState) =>
  state.fleetGpus[clusterId]?.error ?? null;
