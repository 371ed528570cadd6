// SLOs and the alert stream as the backend evaluates them (server data), refreshed on slo.changed.
// Where the operator is in the SLO, Alerts and SLA views lives in SloViewSlice (sloViewSlice.ts).
import type { EnforcementPolicy } from '../../shared/domain/slo/sla.ts';
import type {
  Alert,
  Backtest,
  ChannelInput,
  ChannelOutput,
  EnforcementAction,
  FleetHost,
  FleetHostDetail,
  SloDetail,
  SloSummary,
} from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';
import { toNextSloViewState } from './sloViewSlice.ts';
import { throttledBatch } from '../../shared/util/throttledBatch.ts';

export type SloStatus = SloSummary['status'];
export type SloImportResult = ChannelOutput<'slo.import'>;
export type SloExport = ChannelOutput<'slo.export'>;
export type DeclaredAction = FleetHostDetail['actions'][number];

// A record over the contract's type (not its runtime list, which would bundle zod).
const STATUSES: Record<SloStatus, true> = {
  ok: true,
  at_risk: true,
  breached: true,
  not_enough_data: true,
  no_data: true,
  invalid: true,
};
export const SLO_STATUS_LIST = Object.keys(STATUSES) as SloStatus[];

export interface SloSlice {
  sloList: Remote<SloSummary[]>;
  /** The SLO open in the detail view (refreshed when slo.changed names it). */
  sloDetail: Remote<SloDetail>;
  alertStream: Remote<Alert[]>;
  loadSlos: (options?: { quiet?: boolean }) => Promise<void>;
  loadSlo: (name: string, options?: { quiet?: boolean }) => Promise<void>;
  loadAlerts: (options?: { quiet?: boolean }) => Promise<void>;
  saveSlo: (input: ChannelInput<'slo.save'>) => Promise<SloSummary>;
  deleteSlo: (name: string) => Promise<void>;
  backtestSlo: (input: ChannelInput<'slo.backtest'>) => Promise<Backtest>;
  importSlos: (text: string, dryRun: boolean) => Promise<SloImportResult>;
  exportSlos: (names?: string[]) => Promise<SloExport>;
  setSloPolicy: (name: string, policy: EnforcementPolicy | null) => Promise<void>;
  decideSloAction: (actionId: number, approve: boolean) => Promise<EnforcementAction>;
  /** Hosts and their declared actions for the enforcement policy editor (not cached). */
  fetchPolicyHosts: () => Promise<FleetHost[]>;
  fetchHostActions: (hostId: number) => Promise<DeclaredAction[]>;
  /** The models, metrics and hosts the fleet has reported, offered and checked by the editors (not cached). */
  fetchSloKnownNames: () => Promise<ChannelOutput<'slo.knownNames'>>;
  applySloChanged: (payload: { names: readonly string[]; isAlertsChanged: boolean }) => void;
  resetSlo: () => void;
}

/** Evaluation cycles can name many SLOs a second; the views refetch at most once a second. */
const REFRESH_MS = 1000;

const sloInitial = () => ({
  sloList: idle<SloSummary[]>(),
  sloDetail: idle<SloDetail>(),
  alertStream: idle<Alert[]>(),
});

export const createSloSlice =
  (api: ApiClient): SliceCreator<SloSlice> =>
  (set, get) => {
    let listGeneration = 0;
    let detailGeneration = 0;
    let alertsGeneration = 0;

    // slo.changed names SLOs and says whether alerts moved; both gather until the next run.
    let isAlertsChanged = false;
    const batch = throttledBatch<string>(REFRESH_MS, (list) => {
      const names = new Set(list);
      const alertsMoved = isAlertsChanged;
      isAlertsChanged = false;
      const s = get();
      if (!s.session || s.session.locked) return;
      if (s.sloList.status !== 'idle') void s.loadSlos({ quiet: true });
      const open = s.sloRoute.view === 'detail' ? s.sloRoute.name : null;
      if (open !== null && (names.has(open) || alertsMoved)) void s.loadSlo(open, { quiet: true });
      if (alertsMoved && s.alertStream.status !== 'idle') void s.loadAlerts({ quiet: true });
    });
    const refresh = {
      add(names: readonly string[], alerts: boolean) {
        isAlertsChanged ||= alerts;
        batch.add(names);
      },
      cancel() {
        isAlertsChanged = false;
        batch.cancel();
      },
    };

    return {
      ...sloInitial(),

      async loadSlos(options) {
        const mine = ++listGeneration;
        if (!options?.quiet) set({ sloList: loading(get().sloList) });
        try {
          const slos = await api.call('slo.list', {});
          if (mine !== listGeneration) return;
          set({ sloList: ready(slos) });
          set(toNextSloViewState(get()));
        } catch (error) {
          if (mine === listGeneration) set({ sloList: failed(get().sloList, error) });
        }
      },

      async loadSlo(name, options) {
        const mine = ++detailGeneration;
        const previous = get().sloDetail;
        const same = previous.data?.summary.name === name;
        if (!options?.quiet || !same) set({ sloDetail: loading(same ? previous : idle()) });
        try {
          const detail = await api.call('slo.get', { name });
          if (mine === detailGeneration) set({ sloDetail: ready(detail) });
        } catch (error) {
          if (mine === detailGeneration)
            set({ sloDetail: failed(same ? get().sloDetail : idle(), error) });
        }
      },

      async loadAlerts(options) {
        const mine = ++alertsGeneration;
        if (!options?.quiet) set({ alertStream: loading(get().alertStream) });
        const filter = get().alertsFilter;
        try {
          const alerts = await api.call('alerts.list', filter === 'all' ? {} : { state: filter });
          if (mine === alertsGeneration) set({ alertStream: ready(alerts) });
        } catch (error) {
          if (mine === alertsGeneration) set({ alertStream: failed(get().alertStream, error) });
        }
      },

      async saveSlo(input) {
        const summary = await api.call('slo.save', input);
        void get().loadSlos({ quiet: true });
        return summary;
      },

      async deleteSlo(name) {
        await api.call('slo.delete', { name });
        detailGeneration++;
        set({ sloDetail: idle() });
        await get().loadSlos({ quiet: true });
      },

      backtestSlo(input) {
        return api.call('slo.backtest', input);
      },

      async importSlos(text, dryRun) {
        const result = await api.call('slo.import', { text, dryRun });
        if (!dryRun) void get().loadSlos({ quiet: true });
        return result;
      },

      exportSlos(names) {
        return api.call('slo.export', names ? { names } : {});
      },

      async setSloPolicy(name, policy) {
        await api.call('slo.setPolicy', { name, policy });
        void get().loadSlo(name, { quiet: true });
      },

      async decideSloAction(actionId, approve) {
        const action = await api.call('slo.decide', { actionId, approve });
        void get().loadSlo(action.sloName, { quiet: true });
        return action;
      },

      fetchPolicyHosts() {
        return api.call('fleet.list', {});
      },

      async fetchHostActions(hostId) {
        return (await api.call('fleet.host', { hostId })).actions;
      },

      fetchSloKnownNames() {
        return api.call('slo.knownNames', {});
      },

      applySloChanged({ names, isAlertsChanged }) {
        refresh.add(names, isAlertsChanged);
      },

      resetSlo() {
        refresh.cancel();
        listGeneration++;
        detailGeneration++;
        alertsGeneration++;
        set({
          ...sloInitial(),
          sloRoute: { view: 'list' },
          slaRoute: { view: 'list' },
          sloImportOpen: false,
        });
      },
    };
  };

// ── Selectors ──────────────────────────────────────────────────────────────────────────────

/** Least budget first (the SLOs closest to breach); SLOs without a budget (invalid, no data) last. */
export function compareByBudget(a: SloSummary, b: SloSummary): number {
  const x = a.budgetRemaining;
  const y = b.budgetRemaining;
  if (x === null || y === null) {
    if (x !== y) return x === null ? 1 : -1;
  } else if (x !== y) return x - y;
  return a.name.localeCompare(b.name);
}

let lastList: SloSummary[] | null = null;
let lastSorted: SloSummary[] = [];

/** The list sorted by remaining budget; the same array while the list is unchanged. */
export const selectSlosByBudget = (state: AppState): SloSummary[] => {
  const list = state.sloList.data;
  if (list !== lastList) {
    lastList = list;
    lastSorted = list ? [...list].sort(compareByBudget) : [];
  }
  return lastSorted;
};

export const selectSloList = (state: AppState) => state.sloList;
export const selectAlertStream = (state: AppState) => state.alertStream;
