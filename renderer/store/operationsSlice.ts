// The operations home and the response-time (MTTx) dashboard as the backend reports them (server
// data): open incidents by priority, the latest firing alerts, who is on call, fleet health,
// incident statistics and their targets. Which home tab and range are shown lives in OperationsViewSlice below.
import type { Priority } from '../../shared/domain/incidents/priority.ts';
import type { Targets } from '../../shared/domain/incidents/targets.ts';
import type {
  EventPayload,
  FleetGpu,
  FleetHost,
  IncidentCounts,
  IncidentStats,
  OnCallWho,
  PipelineAlert,
  SloSummary,
} from '../../shared/ipc/contract.ts';
import type { HostState } from '../../shared/domain/fleet/hostStates.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { DEFAULT_INCIDENT_FILTER } from './incidentsViewSlice.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';
import { throttledBatch } from '../../shared/util/throttledBatch.ts';

export interface FleetHealth {
  hostsTotal: number;
  hostsDown: number;
  gpusTotal: number;
  gpusUnhealthy: number;
  gpusCritical: number;
}

export type OverviewTab = 'now' | 'mttx';
export type MttxDays = 30 | 90 | 180;
export const MTTX_DAYS: readonly MttxDays[] = [30, 90, 180];

/** How many of the newest firing alerts the home lists (the count covers them all). */
export const HOME_FIRING_LIMIT = 5;

export interface OperationsSlice {
  opsCounts: Remote<IncidentCounts>;
  opsFiring: Remote<PipelineAlert[]>;
  opsFleet: Remote<FleetHealth>;
  opsOnCall: Remote<OnCallWho>;
  mttxStats: Remote<IncidentStats>;
  incidentTargets: Remote<Targets>;
  loadOpsCounts: (options?: { quiet?: boolean }) => Promise<void>;
  loadOpsFiring: (options?: { quiet?: boolean }) => Promise<void>;
  loadOpsFleet: (options?: { quiet?: boolean }) => Promise<void>;
  loadOpsOnCall: (options?: { quiet?: boolean }) => Promise<void>;
  loadMttx: (options?: { quiet?: boolean }) => Promise<void>;
  loadIncidentTargets: () => Promise<void>;
  saveIncidentTargets: (targets: Targets) => Promise<Targets>;
  applyOpsIncidentsChanged: (change: EventPayload<'incidents.changed'>) => void;
  applyOpsFleetChanged: () => void;
  applyOpsOnCallChanged: () => void;
  resetOperations: () => void;
}

export interface OperationsViewSlice {
  overviewTab: OverviewTab;
  mttxDays: MttxDays;
  setOverviewTab: (tab: OverviewTab) => void;
  setMttxDays: (days: MttxDays) => void;
  /** The incident queue showing the open incidents of one priority (or all of them). */
  openIncidentQueue: (priority: Priority | 'all') => void;
}

/** A burst of incident changes costs one refetch a second. */
const INCIDENTS_REFRESH_MS = 1000;
/** Fleet health is a glance: every host's state and every GPU's health at most every 5 s. */
const FLEET_REFRESH_MS = 5000;

// Revoked hosts left the fleet on purpose; connecting ones are on their way in.
const DOWN: Record<HostState, boolean> = {
  connecting: false,
  online: false,
  silent: true,
  offline: true,
  refused: true,
  revoked: false,
};

export function fleetHealthOf(hosts: readonly FleetHost[], gpus: readonly FleetGpu[]): FleetHealth {
  const kept = hosts.filter((h) => h.state !== 'revoked');
  const keptIds = new Set(kept.map((h) => h.id));
  const shown = gpus.filter((g) => keptIds.has(g.hostId));
  return {
    hostsTotal: kept.length,
    hostsDown: kept.filter((h) => DOWN[h.state]).length,
    gpusTotal: shown.length,
    gpusUnhealthy: shown.filter((g) => g.health !== 'ok').length,
    gpusCritical: shown.filter((g) => g.health === 'critical').length,
  };
}

const opsInitial = () => ({
  opsCounts: idle<IncidentCounts>(),
  opsFiring: idle<PipelineAlert[]>(),
  opsFleet: idle<FleetHealth>(),
  opsOnCall: idle<OnCallWho>(),
  mttxStats: idle<IncidentStats>(),
  incidentTargets: idle<Targets>(),
});

/** The home refreshes only while it is shown; opening it again reloads everything. */
const isHomeShown = (s: AppState) => !!s.session && !s.session.locked && s.page === 'overview';

export const createOperationsSlice =
  (api: ApiClient): SliceCreator<OperationsSlice> =>
  (set, get) => {
    let countsGeneration = 0;
    let firingGeneration = 0;
    let fleetGeneration = 0;
    let onCallGeneration = 0;
    let statsGeneration = 0;

    let isAlertsChanged = false;
    const incidentsRefresh = throttledBatch<number>(INCIDENTS_REFRESH_MS, () => {
      const alertsMoved = isAlertsChanged;
      isAlertsChanged = false;
      const s = get();
      if (!isHomeShown(s)) return;
      if (alertsMoved && s.opsFiring.status !== 'idle') void s.loadOpsFiring({ quiet: true });
      if (s.overviewTab === 'mttx' && s.mttxStats.status !== 'idle')
        void s.loadMttx({ quiet: true });
    });
    const fleetRefresh = throttledBatch<number>(FLEET_REFRESH_MS, () => {
      const s = get();
      if (isHomeShown(s) && s.opsFleet.status !== 'idle') void s.loadOpsFleet({ quiet: true });
    });

    return {
      ...opsInitial(),

      async loadOpsCounts(options) {
        const mine = ++countsGeneration;
        if (!options?.quiet) set({ opsCounts: loading(get().opsCounts) });
        try {
          const counts = await api.call('incidents.counts', {});
          if (mine === countsGeneration) set({ opsCounts: ready(counts) });
        } catch (error) {
          if (mine === countsGeneration) set({ opsCounts: failed(get().opsCounts, error) });
        }
      },

      async loadOpsFiring(options) {
        const mine = ++firingGeneration;
        if (!options?.quiet) set({ opsFiring: loading(get().opsFiring) });
        try {
          const alerts = await api.call('alertStream.list', {
            states: ['firing'],
            limit: HOME_FIRING_LIMIT,
          });
          if (mine === firingGeneration) set({ opsFiring: ready(alerts) });
        } catch (error) {
          if (mine === firingGeneration) set({ opsFiring: failed(get().opsFiring, error) });
        }
      },

      async loadOpsFleet(options) {
        const mine = ++fleetGeneration;
        if (!options?.quiet) set({ opsFleet: loading(get().opsFleet) });
        try {
          const [hosts, gpus] = await Promise.all([
            api.call('fleet.list', {}),
            api.call('fleet.gpus', {}),
          ]);
          if (mine === fleetGeneration) set({ opsFleet: ready(fleetHealthOf(hosts, gpus)) });
        } catch (error) {
          if (mine === fleetGeneration) set({ opsFleet: failed(get().opsFleet, error) });
        }
      },

      async loadOpsOnCall(options) {
        const mine = ++onCallGeneration;
        if (!options?.quiet) set({ opsOnCall: loading(get().opsOnCall) });
        try {
          const who = await api.call('oncall.who', {});
          if (mine === onCallGeneration) set({ opsOnCall: ready(who) });
        } catch (error) {
          if (mine === onCallGeneration) set({ opsOnCall: failed(get().opsOnCall, error) });
        }
      },

      async loadMttx(options) {
        const mine = ++statsGeneration;
        if (!options?.quiet) set({ mttxStats: loading(get().mttxStats) });
        try {
          const stats = await api.call('incidents.stats', { days: get().mttxDays });
          if (mine === statsGeneration) set({ mttxStats: ready(stats) });
        } catch (error) {
          if (mine === statsGeneration) set({ mttxStats: failed(get().mttxStats, error) });
        }
      },

      async loadIncidentTargets() {
        set({ incidentTargets: loading(get().incidentTargets) });
        try {
          set({ incidentTargets: ready(await api.call('incidents.targets', {})) });
        } catch (error) {
          set({ incidentTargets: failed(get().incidentTargets, error) });
        }
      },

      async saveIncidentTargets(targets) {
        const saved = await api.call('incidents.setTargets', { targets });
        set({ incidentTargets: ready(saved) });
        return saved;
      },

      applyOpsIncidentsChanged({ incidentIds, isAlertsChanged: alerts, counts }) {
        // The event carries the counts: the priority tiles follow it without a call.
        countsGeneration++;
        if (get().opsCounts.status !== 'idle') set({ opsCounts: ready(counts) });
        isAlertsChanged ||= alerts;
        incidentsRefresh.add(incidentIds);
      },

      applyOpsFleetChanged() {
        fleetRefresh.add([]);
      },

      applyOpsOnCallChanged() {
        const s = get();
        if (isHomeShown(s) && s.opsOnCall.status !== 'idle') void s.loadOpsOnCall({ quiet: true });
      },

      resetOperations() {
        incidentsRefresh.cancel();
        fleetRefresh.cancel();
        isAlertsChanged = false;
        countsGeneration++;
        firingGeneration++;
        fleetGeneration++;
        onCallGeneration++;
        statsGeneration++;
        set({ ...opsInitial(), overviewTab: 'now' });
      },
    };
  };

export const createOperationsViewSlice = (): SliceCreator<OperationsViewSlice> => (set) => ({
  overviewTab: 'now',
  mttxDays: 90,
  setOverviewTab(overviewTab) {
    set({ overviewTab });
  },
  setMttxDays(mttxDays) {
    set({ mttxDays });
  },
  openIncidentQueue(priority) {
    set({
      page: 'incidents',
      incidentRoute: { view: 'list' },
      incidentFilter: { ...DEFAULT_INCIDENT_FILTER, state: 'open', priority },
    });
  },
});

// ── Selectors ──────────────────────────────────────────────────────────────────────────────

/** How many SLOs the home lists, fastest burn first. */
export const BURNING_LIMIT = 5;

let lastSlos: SloSummary[] | null = null;
let lastBurning: SloSummary[] = [];

/** The SLOs burning their budget fastest (a known burn rate above zero); the same array while unchanged. */
export const selectSlosBurningFastest = (state: AppState): SloSummary[] => {
  const list = state.sloList.data;
  if (list !== lastSlos) {
    lastSlos = list;
    lastBurning = (list ?? [])
      .filter((s) => s.burnRate !== null && s.burnRate > 0)
      .sort((a, b) => (b.burnRate ?? 0) - (a.burnRate ?? 0) || a.name.localeCompare(b.name))
      .slice(0, BURNING_LIMIT);
  }
  return lastBurning;
};

export const selectOpsCounts = (state: AppState) => state.opsCounts;
export const selectOpsFiring = (state: AppState) => state.opsFiring;
export const selectOpsFleet = (state: AppState) => state.opsFleet;
export const selectOpsOnCall = (state: AppState) => state.opsOnCall;
export const selectMttxStats = (state: AppState) => state.mttxStats;
export const selectIncidentTargets = (state: AppState) => state.incidentTargets;
