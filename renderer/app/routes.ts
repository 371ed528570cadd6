// The console's address: every screen and its selection as a hash path (#/slos/api-latency), both
// ways. pathOf reads the store; routeFor turns a path back into the store's state. Nothing else
// knows the path format (hashRouter.ts moves it between the store and the address bar).
import type { AlertsTab } from '../store/alertStreamSlice.ts';
import type { AppState } from '../store/appState.ts';
import type { SlaRoute, SloRoute } from '../store/sloViewSlice.ts';
import type { DrillsTab, OnCallTab, Page, PostmortemsTab, SettingsTab } from '../store/uiSlice.ts';
import { GOVERNANCE_TABS, type GovernanceTab } from '../features/governance/governanceViewSlice.ts';
import type { ExperimentsRoute } from '../features/experiments/experimentsSlice.ts';

/** The part of the store an address decides. */
export type RouteState = Pick<
  AppState,
  | 'page'
  | 'settingsTab'
  | 'fleetView'
  | 'sloRoute'
  | 'slaRoute'
  | 'incidentRoute'
  | 'postmortemOpenId'
  | 'drillRunOpenId'
  | 'runbookOpenName'
  | 'alertsTab'
  | 'oncallTab'
  | 'postmortemsTab'
  | 'drillsTab'
  | 'governanceRoute'
  | 'experimentsRoute'
>;

/** The path segment of each page (plural nouns, as an operator would type them). */
const PAGE_PATHS: Record<Page, string> = {
  overview: 'overview',
  incidents: 'incidents',
  oncall: 'oncall',
  postmortems: 'postmortems',
  drills: 'drills',
  runbooks: 'runbooks',
  fleet: 'fleet',
  slo: 'slos',
  alerts: 'alerts',
  sla: 'slas',
  audit: 'audit',
  changes: 'changes',
  experiments: 'experiments',
  settings: 'settings',
};
const PAGE_BY_PATH = new Map(
  Object.entries(PAGE_PATHS).map(([page, path]) => [path, page as Page]),
);
const SETTINGS_TABS: readonly SettingsTab[] = [
  'site',
  'storage',
  'operators',
  'sessions',
  'intake',
  'notifications',
  'security',
];
const ALERTS_TABS: readonly AlertsTab[] = ['stream', 'silences', 'noise', 'slo', 'rules'];
const ONCALL_TABS: readonly OnCallTab[] = ['now', 'schedules', 'policies'];
const POSTMORTEMS_TABS: readonly PostmortemsTab[] = ['list', 'actionItems'];
const DRILLS_TABS: readonly DrillsTab[] = ['scenarios', 'live', 'history', 'calendar'];
/** Not a valid SLO or SLA name (lower-case letters, digits, dashes), so it cannot collide with one. */
const NEW = '+new';

const enc = encodeURIComponent;

function namedPath(base: string, route: SloRoute | SlaRoute): string {
  if (route.view === 'list') return base;
  if (route.view === 'editor')
    return route.name === null ? `${base}/${NEW}` : `${base}/${enc(route.name)}/edit`;
  return `${base}/${enc(route.name)}`;
}

/** The address of what the store shows, e.g. `/fleet/hosts/4/gpus/0`. */
export function pathOf(state: RouteState): string {
  const base = `/${PAGE_PATHS[state.page]}`;
  switch (state.page) {
    case 'incidents':
      return state.incidentRoute.view === 'detail' ? `${base}/${state.incidentRoute.id}` : base;
    case 'oncall':
      return state.oncallTab === 'now' ? base : `${base}/${state.oncallTab}`;
    case 'postmortems':
      if (state.postmortemOpenId !== null) return `${base}/${state.postmortemOpenId}`;
      return state.postmortemsTab === 'list' ? base : `${base}/${state.postmortemsTab}`;
    case 'drills':
      if (state.drillRunOpenId !== null) return `${base}/${state.drillRunOpenId}`;
      return state.drillsTab === null ? base : `${base}/${state.drillsTab}`;
    case 'runbooks':
      return state.runbookOpenName !== null ? `${base}/${enc(state.runbookOpenName)}` : base;
    case 'fleet': {
      const { hostId, gpu } = state.fleetView;
      if (hostId === null) return base;
      return gpu === null ? `${base}/hosts/${hostId}` : `${base}/hosts/${hostId}/gpus/${enc(gpu)}`;
    }
    case 'slo':
      return namedPath(base, state.sloRoute);
    case 'sla':
      return namedPath(base, state.slaRoute);
    case 'alerts':
      return `${base}/${state.alertsTab}`;
    case 'changes': {
      const { tab, changeId } = state.governanceRoute;
      if (changeId !== null) return `${base}/${changeId}`;
      return tab === 'records' ? base : `${base}/${tab}`;
    }
    case 'experiments': {
      const route = state.experimentsRoute;
      if (route.view === 'detail') return `${base}/${route.id}`;
      return route.view === 'editor' ? `${base}/${NEW}` : base;
    }
    case 'settings':
      return `${base}/${state.settingsTab}`;
    default:
      return base;
  }
}

const idOf = (segment: string | undefined): number | null =>
  segment !== undefined && /^[1-9]\d{0,15}$/.test(segment) ? Number(segment) : null;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function namedRoute(rest: string[]): SloRoute | null {
  if (rest.length === 0) return { view: 'list' };
  if (rest.length === 1 && rest[0] === NEW) return { view: 'editor', name: null };
  const name = decode(rest[0]!);
  if (!name) return null;
  if (rest.length === 1) return { view: 'detail', name };
  return rest.length === 2 && rest[1] === 'edit' ? { view: 'editor', name } : null;
}

/**
 * The store state an address asks for, or null when the address names nothing the console has
 * (the caller then stays where it is). Only the page's own selection is set; other pages keep theirs.
 */
export function routeFor(path: string): Partial<RouteState> | null {
  const [head = '', ...rest] = path
    .replace(/^#?\/?/, '')
    .replace(/\/$/, '')
    .split('/');
  const page = PAGE_BY_PATH.get(head || 'overview');
  if (!page) return null;
  const one = (value: Partial<RouteState> | null) => (value ? { page, ...value } : null);
  switch (page) {
    case 'incidents': {
      if (rest.length === 0) return one({ incidentRoute: { view: 'list' } });
      const id = idOf(rest[0]);
      return rest.length === 1 && id !== null
        ? one({ incidentRoute: { view: 'detail', id } })
        : null;
    }
    case 'oncall': {
      const tab = (rest[0] ?? 'now') as OnCallTab;
      return rest.length <= 1 && ONCALL_TABS.includes(tab) ? one({ oncallTab: tab }) : null;
    }
    case 'postmortems': {
      if (rest.length > 1) return null;
      const id = idOf(rest[0]);
      if (id !== null) return one({ postmortemOpenId: id });
      const tab = (rest[0] ?? 'list') as PostmortemsTab;
      return POSTMORTEMS_TABS.includes(tab)
        ? one({ postmortemOpenId: null, postmortemsTab: tab })
        : null;
    }
    case 'drills': {
      if (rest.length > 1) return null;
      const id = idOf(rest[0]);
      if (id !== null) return one({ drillRunOpenId: id });
      if (rest.length === 0) return one({ drillRunOpenId: null, drillsTab: null });
      const tab = rest[0] as DrillsTab;
      return DRILLS_TABS.includes(tab) ? one({ drillRunOpenId: null, drillsTab: tab }) : null;
    }
    case 'runbooks': {
      if (rest.length === 0) return one({ runbookOpenName: null });
      const name = rest.length === 1 ? decode(rest[0]!) : null;
      return name ? one({ runbookOpenName: name }) : null;
    }
    case 'fleet': {
      if (rest.length === 0) return one({ fleetView: { hostId: null, gpu: null } });
      const hostId = rest[0] === 'hosts' ? idOf(rest[1]) : null;
      if (hostId === null) return null;
      if (rest.length === 2) return one({ fleetView: { hostId, gpu: null } });
      const gpu = rest.length === 4 && rest[2] === 'gpus' ? decode(rest[3]!) : null;
      return gpu ? one({ fleetView: { hostId, gpu } }) : null;
    }
    case 'slo': {
      const sloRoute = namedRoute(rest);
      return sloRoute ? one({ sloRoute }) : null;
    }
    case 'sla': {
      const route = namedRoute(rest);
      if (!route) return null;
      const slaRoute: SlaRoute =
        route.view === 'detail' ? { view: 'report', name: route.name } : route;
      return one({ slaRoute });
    }
    case 'alerts': {
      const tab = (rest[0] ?? 'stream') as AlertsTab;
      return rest.length <= 1 && ALERTS_TABS.includes(tab) ? one({ alertsTab: tab }) : null;
    }
    case 'changes': {
      if (rest.length > 1) return null;
      const changeId = idOf(rest[0]);
      if (changeId !== null) return one({ governanceRoute: { tab: 'records', changeId } });
      const tab = (rest[0] ?? 'records') as GovernanceTab;
      return GOVERNANCE_TABS.includes(tab)
        ? one({ governanceRoute: { tab, changeId: null } })
        : null;
    }
    case 'experiments': {
      if (rest.length > 1) return null;
      const id = idOf(rest[0]);
      const experimentsRoute: ExperimentsRoute | null =
        rest.length === 0
          ? { view: 'list' }
          : rest[0] === NEW
            ? { view: 'editor' }
            : id !== null
              ? { view: 'detail', id }
              : null;
      return experimentsRoute ? one({ experimentsRoute }) : null;
    }
    case 'settings': {
      const tab = (rest[0] ?? 'site') as SettingsTab;
      return rest.length <= 1 && SETTINGS_TABS.includes(tab) ? one({ settingsTab: tab }) : null;
    }
    default:
      return rest.length === 0 ? { page } : null;
  }
}
