// Incidents as the backend keeps them (server data): the queue, the open incident, the counts for
// the navigation and the window title, and the pages naming this operator that wait for an answer.
// Where the operator is in the Incidents view lives in IncidentsViewSlice (incidentsViewSlice.ts).
import { roleCan } from '../../shared/domain/roles.ts';
import type { AlertVerdict, IncidentState } from '../../shared/domain/incidents/index.ts';
import type {
  ChannelInput,
  EventPayload,
  IncidentCounts,
  IncidentDetail,
  IncidentSummary,
  PipelineAlert,
  SloDetail,
} from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { incidentsViewInitial } from './incidentsViewSlice.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';
import { throttledBatch } from '../../shared/util/throttledBatch.ts';

export type IncidentPaged = EventPayload<'incidents.paged'>;
export type IncidentsChanged = EventPayload<'incidents.changed'>;

/** One page waiting in the alert bar (the newest page per incident). */
export interface IncidentPage extends IncidentPaged {
  /** Distinct per page received, so the bar knows a new one arrived (and sounds once). */
  key: number;
}

export interface IncidentsSlice {
  incidentList: Remote<IncidentSummary[]>;
  /**
   * The queue holds only the open incidents so far: on a first load they come alone (what the queue
   * shows by default, a small share of a long history), and the resolved, closed and canceled follow.
   */
  incidentListIsOpenOnly: boolean;
  /** The incident open in the detail view (refreshed when incidents.changed names it). */
  incidentDetail: Remote<IncidentDetail>;
  incidentCounts: IncidentCounts | null;
  incidentPages: IncidentPage[];
  loadIncidents: (options?: { quiet?: boolean }) => Promise<void>;
  loadIncident: (id: number, options?: { quiet?: boolean }) => Promise<void>;
  loadIncidentCounts: () => Promise<void>;
  declareIncident: (input: ChannelInput<'incidents.declare'>) => Promise<IncidentDetail>;
  acknowledgeIncident: (id: number) => Promise<IncidentDetail>;
  transitionIncident: (id: number, to: IncidentState, note?: string) => Promise<IncidentDetail>;
  setIncidentPriority: (input: ChannelInput<'incidents.setPriority'>) => Promise<IncidentDetail>;
  updateIncident: (input: ChannelInput<'incidents.update'>) => Promise<IncidentDetail>;
  addIncidentNote: (id: number, text: string) => Promise<IncidentDetail>;
  assignIncidentRole: (input: ChannelInput<'incidents.assignRole'>) => Promise<IncidentDetail>;
  setIncidentTeamMember: (
    input: ChannelInput<'incidents.setTeamMember'>,
  ) => Promise<IncidentDetail>;
  setAlertVerdict: (alertId: number, verdict: AlertVerdict) => Promise<PipelineAlert>;
  /** An affected SLO's detail for its chart on the incident (not cached: the SLO view has its own). */
  fetchIncidentSlo: (name: string) => Promise<SloDetail>;
  applyIncidentsChanged: (change: IncidentsChanged) => void;
  /** Keeps a page that names this operator (or anyone who responds, when it names nobody). */
  receivePage: (page: IncidentPaged) => void;
  dismissPage: (incidentId: number) => void;
  resetIncidents: () => void;
}

/** A burst of changes costs one refetch a second. */
const REFRESH_MS = 1000;
/** Up to this many changed incidents are fetched one by one; more reload the whole queue. */
const MERGE_LIMIT = 20;

/** The states still being worked (the queue's default filter). */
const OPEN_STATES: IncidentState[] = ['new', 'in_progress', 'on_hold'];

const incidentsInitial = () => ({
  incidentList: idle<IncidentSummary[]>(),
  incidentListIsOpenOnly: false,
  incidentDetail: idle<IncidentDetail>(),
  incidentCounts: null,
  incidentPages: [] as IncidentPage[],
});

/** The queue row inside a detail (the detail is the row plus its timeline, alerts and team). */
export function toIncidentSummary(detail: IncidentDetail): IncidentSummary {
  const { timeline, alerts, roles, team, slos, suggestion, ...summary } = detail;
  return summary;
}

const isAnswered = (incident: IncidentSummary) =>
  incident.acknowledgedAt !== null || !['new', 'in_progress', 'on_hold'].includes(incident.state);

export const createIncidentsSlice =
  (api: ApiClient): SliceCreator<IncidentsSlice> =>
  (set, get) => {
    let listGeneration = 0;
    let detailGeneration = 0;
    let countsGeneration = 0;
    let pageKey = 0;

    /** Puts a fresh copy of one incident into the queue, the open detail and the alert bar. */
    const merge = (detail: IncidentDetail) => {
      const row = toIncidentSummary(detail);
      const s = get();
      const patch: Partial<AppState> = {};
      const rows = s.incidentList.data;
      if (rows) {
        const at = rows.findIndex((r) => r.id === row.id);
        const next = at === -1 ? [row, ...rows] : rows.with(at, row);
        patch.incidentList = { ...s.incidentList, data: next };
      }
      if (s.incidentDetail.data?.id === detail.id) patch.incidentDetail = ready(detail);
      // Someone answered the page (here or elsewhere): the bar has nothing left to ask.
      if (isAnswered(row) && s.incidentPages.some((p) => p.incidentId === row.id))
        patch.incidentPages = s.incidentPages.filter((p) => p.incidentId !== row.id);
      set(patch);
      return detail;
    };

    const refreshOne = async (id: number) => {
      try {
        merge(await api.call('incidents.get', { id }));
      } catch {
        // The queue reload on the next change (or the operator's retry) shows what went wrong.
      }
    };

    let isAlertsChanged = false;
    const batch = throttledBatch<number>(REFRESH_MS, (changed) => {
      const alertsMoved = isAlertsChanged;
      isAlertsChanged = false;
      const s = get();
      if (!s.session || s.session.locked) return;
      const route = s.incidentRoute;
      const open = route.view === 'detail' ? route.id : null;
      if (open !== null && (changed.includes(open) || alertsMoved))
        void s.loadIncident(open, { quiet: true });
      const paged = new Set(s.incidentPages.map((p) => p.incidentId));
      const isListHeld = s.incidentList.status !== 'idle';
      if (isListHeld && changed.length > MERGE_LIMIT) {
        void s.loadIncidents({ quiet: true });
        return;
      }
      for (const id of changed) {
        if (id !== open && (isListHeld || paged.has(id))) void refreshOne(id);
      }
    });

    const mutate = async (call: Promise<IncidentDetail>) => merge(await call);

    return {
      ...incidentsInitial(),

      async loadIncidents(options) {
        const mine = ++listGeneration;
        const held = get().incidentList;
        if (!options?.quiet) set({ incidentList: loading(held) });
        try {
          // Nothing held yet: the open incidents first, so the queue paints without waiting for
          // months of history; every incident follows.
          if (held.data === null) {
            const open = await api.call('incidents.list', { states: OPEN_STATES });
            if (mine !== listGeneration) return;
            set({ incidentList: loading(ready(open.items)), incidentListIsOpenOnly: true });
          }
          const { items } = await api.call('incidents.list', {});
          if (mine === listGeneration)
            set({ incidentList: ready(items), incidentListIsOpenOnly: false });
        } catch (error) {
          if (mine === listGeneration) set({ incidentList: failed(get().incidentList, error) });
        }
      },

      async loadIncident(id, options) {
        const mine = ++detailGeneration;
        const previous = get().incidentDetail;
        const same = previous.data?.id === id;
        if (!options?.quiet || !same) set({ incidentDetail: loading(same ? previous : idle()) });
        try {
          const detail = await api.call('incidents.get', { id });
          if (mine !== detailGeneration) return;
          set({ incidentDetail: ready(detail) });
          merge(detail);
        } catch (error) {
          if (mine === detailGeneration)
            set({ incidentDetail: failed(same ? get().incidentDetail : idle(), error) });
        }
      },

      async loadIncidentCounts() {
        const mine = ++countsGeneration;
        try {
          const counts = await api.call('incidents.counts', {});
          if (mine === countsGeneration) set({ incidentCounts: counts });
        } catch {
          // The counts are a hint in the navigation; the next incidents.changed brings them.
        }
      },

      async declareIncident(input) {
        const detail = await api.call('incidents.declare', input);
        set({ incidentDetail: ready(detail) });
        return merge(detail);
      },

      acknowledgeIncident(id) {
        return mutate(api.call('incidents.acknowledge', { id }));
      },

      transitionIncident(id, to, note) {
        return mutate(api.call('incidents.transition', note ? { id, to, note } : { id, to }));
      },

      setIncidentPriority(input) {
        return mutate(api.call('incidents.setPriority', input));
      },

      updateIncident(input) {
        return mutate(api.call('incidents.update', input));
      },

      addIncidentNote(id, text) {
        return mutate(api.call('incidents.addNote', { id, text }));
      },

      assignIncidentRole(input) {
        return mutate(api.call('incidents.assignRole', input));
      },

      setIncidentTeamMember(input) {
        return mutate(api.call('incidents.setTeamMember', input));
      },

      async setAlertVerdict(alertId, verdict) {
        const alert = await api.call('alertStream.setVerdict', { id: alertId, verdict });
        const detail = get().incidentDetail;
        if (detail.data?.alerts.some((a) => a.id === alert.id)) {
          const alerts = detail.data.alerts.map((a) => (a.id === alert.id ? alert : a));
          set({ incidentDetail: { ...detail, data: { ...detail.data, alerts } } });
        }
        return alert;
      },

      fetchIncidentSlo(name) {
        return api.call('slo.get', { name });
      },

      applyIncidentsChanged({ incidentIds, isAlertsChanged: alerts, counts }) {
        countsGeneration++;
        set({ incidentCounts: counts });
        isAlertsChanged ||= alerts;
        batch.add(incidentIds);
      },

      receivePage(page) {
        const operator = get().session?.operator;
        if (!operator) return;
        const isForMe =
          page.usernames.length === 0
            ? roleCan(operator.role, 'incidents.respond')
            : page.usernames.includes(operator.username);
        if (!isForMe) return;
        const others = get().incidentPages.filter((p) => p.incidentId !== page.incidentId);
        set({ incidentPages: [{ ...page, key: ++pageKey }, ...others] });
      },

      dismissPage(incidentId) {
        set({ incidentPages: get().incidentPages.filter((p) => p.incidentId !== incidentId) });
      },

      resetIncidents() {
        batch.cancel();
        isAlertsChanged = false;
        listGeneration++;
        detailGeneration++;
        countsGeneration++;
        set({ ...incidentsInitial(), ...incidentsViewInitial() });
      },
    };
  };

// ── Selectors ──────────────────────────────────────────────────────────────────────────────

export const selectIncidentList = (state: AppState) => state.incidentList;
export const selectIncidentDetail = (state: AppState) => state.incidentDetail;
export const selectIncidentCounts = (state: AppState) => state.incidentCounts;
export const selectIncidentPages = (state: AppState) => state.incidentPages;
