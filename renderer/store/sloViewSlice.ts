// Where the operator is in the SLO, Alerts and SLA views (UI-only): which SLO or SLA is open and
// how, the alert filter, the report period and the import dialog. The palette sets these too.
import type { ChannelInput } from '../../shared/ipc/contract.ts';
import type { AppState, SliceCreator } from './appState.ts';

export type SloRoute =
  | { view: 'list' }
  | { view: 'detail'; name: string }
  /** name null: a new SLO. */
  | { view: 'editor'; name: string | null };

export type SlaRoute =
  { view: 'list' } | { view: 'report'; name: string } | { view: 'editor'; name: string | null };

/** The alert stream's filter: everything, or what alerts.list accepts as its state. */
export type AlertViewFilter = 'all' | NonNullable<ChannelInput<'alerts.list'>['state']>;

export interface SloViewSlice {
  sloRoute: SloRoute;
  sloImportOpen: boolean;
  alertsFilter: AlertViewFilter;
  slaRoute: SlaRoute;
  /** `YYYY-MM` or `YYYY-Qn`; null until the operator picks one (the previous month is shown). */
  slaPeriod: string | null;
  openSlo: (name: string) => void;
  editSlo: (name: string | null) => void;
  /** One level up: editor → detail (or list for a new SLO) → list (Escape and the back button). */
  sloBack: () => void;
  showSloList: () => void;
  setSloImportOpen: (open: boolean) => void;
  setAlertsFilter: (filter: AlertViewFilter) => void;
  openSla: (name: string) => void;
  editSla: (name: string | null) => void;
  /** Editor → report (or list for a new SLA) → list. */
  slaBack: () => void;
  showSlaList: () => void;
  setSlaPeriod: (period: string) => void;
}

const LIST = { view: 'list' } as const;

export const createSloViewSlice = (): SliceCreator<SloViewSlice> => (set, get) => ({
  sloRoute: LIST,
  sloImportOpen: false,
  alertsFilter: 'open',
  slaRoute: LIST,
  slaPeriod: null,
  openSlo(name) {
    set({ page: 'slo', sloRoute: { view: 'detail', name } });
  },
  editSlo(name) {
    set({ page: 'slo', sloRoute: { view: 'editor', name } });
  },
  sloBack() {
    const route = get().sloRoute;
    if (route.view === 'editor' && route.name !== null)
      set({ sloRoute: { view: 'detail', name: route.name } });
    else set({ sloRoute: LIST });
  },
  showSloList() {
    set({ sloRoute: LIST });
  },
  setSloImportOpen(sloImportOpen) {
    set({ sloImportOpen });
  },
  setAlertsFilter(alertsFilter) {
    set({ alertsFilter });
  },
  openSla(name) {
    set({ page: 'sla', slaRoute: { view: 'report', name } });
  },
  editSla(name) {
    set({ page: 'sla', slaRoute: { view: 'editor', name } });
  },
  slaBack() {
    const route = get().slaRoute;
    if (route.view === 'editor' && route.name !== null)
      set({ slaRoute: { view: 'report', name: route.name } });
    else set({ slaRoute: LIST });
  },
  showSlaList() {
    set({ slaRoute: LIST });
  },
  setSlaPeriod(slaPeriod) {
    set({ slaPeriod });
  },
});

/** Restores the views' invariants after new data: an open SLO that no longer exists is closed. */
export function toNextSloViewState(state: AppState): Partial<AppState> {
  const slos = state.sloList.data;
  const route = state.sloRoute;
  if (!slos || route.view !== 'detail') return {};
  return slos.some((s) => s.name === route.name) ? {} : { sloRoute: LIST };
}

export const selectSloRoute = (state: AppState) => state.sloRoute;
export const selectSlaRoute = (state: AppState) => state.slaRoute;
