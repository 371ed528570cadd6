// Where the operator is in the Incidents view (UI-only): the open incident, the queue's filter and
// sort, the row the keyboard is on, and the declare dialog. The queue's rows are IncidentsSlice's.
import type {
  IncidentCategory,
  IncidentState,
  Priority,
} from '../../shared/domain/incidents/index.ts';
import type { IncidentSummary } from '../../shared/ipc/contract.ts';
import type { AppState, SliceCreator } from './appState.ts';

export type IncidentRoute = { view: 'list' } | { view: 'detail'; id: number };

export type IncidentSortKey =
  'priority' | 'id' | 'title' | 'state' | 'category' | 'service' | 'respond' | 'resolve' | 'opened';

export interface IncidentSort {
  key: IncidentSortKey;
  isDescending: boolean;
}

/** 'open' is every state still being worked (new, in progress, on hold). */
export type IncidentStateFilter = IncidentState | 'open' | 'all';

export interface IncidentFilter {
  priority: Priority | 'all';
  state: IncidentStateFilter;
  category: IncidentCategory | 'all';
  service: string;
  text: string;
}

export interface IncidentsViewSlice {
  incidentRoute: IncidentRoute;
  incidentFilter: IncidentFilter;
  incidentSort: IncidentSort;
  /** The queue row the keyboard is on, kept so the queue comes back to it from the detail. */
  incidentActiveId: number | null;
  incidentDeclareOpen: boolean;
  openIncident: (id: number) => void;
  showIncidentList: () => void;
  setIncidentFilter: (patch: Partial<IncidentFilter>) => void;
  clearIncidentFilter: () => void;
  /** Sorts by `key`; the same key again flips the order. */
  sortIncidentsBy: (key: IncidentSortKey) => void;
  setIncidentActive: (id: number | null) => void;
  setIncidentDeclareOpen: (open: boolean) => void;
}

const LIST = { view: 'list' } as const;
export const DEFAULT_INCIDENT_FILTER: IncidentFilter = {
  priority: 'all',
  state: 'open',
  category: 'all',
  service: '',
  text: '',
};

export const incidentsViewInitial = () => ({
  incidentRoute: LIST as IncidentRoute,
  incidentFilter: DEFAULT_INCIDENT_FILTER,
  incidentSort: { key: 'priority', isDescending: false } as IncidentSort,
  incidentActiveId: null,
  incidentDeclareOpen: false,
});

export const createIncidentsViewSlice = (): SliceCreator<IncidentsViewSlice> => (set, get) => ({
  ...incidentsViewInitial(),
  openIncident(id) {
    set({ page: 'incidents', incidentRoute: { view: 'detail', id }, incidentActiveId: id });
  },
  showIncidentList() {
    set({ incidentRoute: LIST });
  },
  setIncidentFilter(patch) {
    set({ incidentFilter: { ...get().incidentFilter, ...patch } });
  },
  clearIncidentFilter() {
    set({ incidentFilter: DEFAULT_INCIDENT_FILTER });
  },
  sortIncidentsBy(key) {
    const sort = get().incidentSort;
    set({
      incidentSort:
        sort.key === key ? { key, isDescending: !sort.isDescending } : { key, isDescending: false },
    });
  },
  setIncidentActive(incidentActiveId) {
    set({ incidentActiveId });
  },
  setIncidentDeclareOpen(incidentDeclareOpen) {
    set({ incidentDeclareOpen });
  },
});

// ── Selectors ──────────────────────────────────────────────────────────────────────────────

// Records over the domain's types (not its runtime lists, which would bundle zod into the shell).
const PRIORITY_RANK: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3, P5: 4 };
const STATE_RANK: Record<IncidentState, number> = {
  new: 0,
  in_progress: 1,
  on_hold: 2,
  resolved: 3,
  closed: 4,
  canceled: 5,
};
const isOpen = (state: IncidentState) => STATE_RANK[state] <= STATE_RANK.on_hold;

const dueMs = (due: string | null) => (due === null ? Number.POSITIVE_INFINITY : Date.parse(due));

type Compare = (a: IncidentSummary, b: IncidentSummary) => number;
const COMPARE: Record<IncidentSortKey, Compare> = {
  priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority],
  id: (a, b) => a.id - b.id,
  title: (a, b) => a.title.localeCompare(b.title),
  state: (a, b) => STATE_RANK[a.state] - STATE_RANK[b.state],
  category: (a, b) => a.category.localeCompare(b.category),
  service: (a, b) => (a.service ?? '\uffff').localeCompare(b.service ?? '\uffff'),
  // Soonest due first; stopped or paused clocks (no due time) after every running one (∞ − ∞ is NaN: a tie).
  respond: (a, b) => dueMs(a.respond.dueAt) - dueMs(b.respond.dueAt) || 0,
  resolve: (a, b) => dueMs(a.resolve.dueAt) - dueMs(b.resolve.dueAt) || 0,
  opened: (a, b) => a.openedAt.localeCompare(b.openedAt),
};

export function matchesIncidentFilter(incident: IncidentSummary, filter: IncidentFilter): boolean {
  if (filter.priority !== 'all' && incident.priority !== filter.priority) return false;
  const state = filter.state;
  if (state === 'open' && !isOpen(incident.state)) return false;
  if (state !== 'open' && state !== 'all' && incident.state !== state) return false;
  if (filter.category !== 'all' && incident.category !== filter.category) return false;
  if (filter.service && incident.service !== filter.service) return false;
  const needle = filter.text.trim().toLowerCase().replace(/^#/, '');
  if (!needle) return true;
  return (
    String(incident.id) === needle ||
    incident.title.toLowerCase().includes(needle) ||
    (incident.service?.toLowerCase().includes(needle) ?? false) ||
    (incident.cluster?.toLowerCase().includes(needle) ?? false) ||
    (incident.commander?.toLowerCase().includes(needle) ?? false)
  );
}

export function sortIncidents(rows: IncidentSummary[], sort: IncidentSort): IncidentSummary[] {
  const compare = COMPARE[sort.key];
  const sign = sort.isDescending ? -1 : 1;
  // Ties go newest first, whatever the key.
  return rows.sort((a, b) => sign * compare(a, b) || b.id - a.id);
}

let lastInput: [IncidentSummary[] | null, IncidentFilter, IncidentSort] | null = null;
let lastShown: IncidentSummary[] = [];

/** The queue as shown: filtered and sorted on the client; the same array while nothing changed. */
export const selectShownIncidents = (state: AppState): IncidentSummary[] => {
  const input: [IncidentSummary[] | null, IncidentFilter, IncidentSort] = [
    state.incidentList.data,
    state.incidentFilter,
    state.incidentSort,
  ];
  if (lastInput && input.every((value, i) => Object.is(value, lastInput?.[i]))) return lastShown;
  lastInput = input;
  const [rows, filter, sort] = input;
  lastShown = sortIncidents(
    (rows ?? []).filter((row) => matchesIncidentFilter(row, filter)),
    sort,
  );
  return lastShown;
};

let lastServicesOf: IncidentSummary[] | null = null;
let lastServices: string[] = [];

/** Every service named in the queue, for the service filter. */
export const selectIncidentServices = (state: AppState): string[] => {
  const rows = state.incidentList.data;
  if (rows !== lastServicesOf) {
    lastServicesOf = rows;
    const names = new Set<string>();
    for (const row of rows ?? []) if (row.service) names.add(row.service);
    lastServices = [...names].sort((a, b) => a.localeCompare(b));
  }
  return lastServices;
};

export const selectIncidentRoute = (state: AppState) => state.incidentRoute;
export const selectIncidentFilter = (state: AppState) => state.incidentFilter;
export const selectIncidentSort = (state: AppState) => state.incidentSort;
export const isOpenIncidentState = isOpen;
