// Drills from the backend: the live drill and whether this client works in it (the banner), the
// scenario library, finished runs with their scores, the one open, and the drill calendar. Joining
// or leaving reloads the page, so no screen keeps data from the other workspace.
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract.ts';
import type {
  DrillRunDetail,
  DrillRunSummary,
  DrillSchedule,
  DrillStatus,
  ScenarioDetail,
  ScenarioSummary,
} from '../../../shared/ipc/drillSchemas.ts';
import type { ApiClient } from '../../api/client.ts';
import type { AppState, SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';
import type { PageReloader } from './pageReload.ts';

type DrillChannel = ChannelName & `drill.${string}`;

export interface DrillsSlice {
  drillStatus: Remote<DrillStatus>;
  /** When the status arrived (this machine's clock), so the banner can run the drill clock on. */
  drillStatusAtMs: number;
  drillScenarios: Remote<ScenarioSummary[]>;
  drillScenario: Remote<ScenarioDetail>;
  drillRuns: Remote<DrillRunSummary[]>;
  drillRun: Remote<DrillRunDetail>;
  drillSchedules: Remote<DrillSchedule[]>;
  drillRunOpenId: number | null;
  loadDrillStatus: () => Promise<void>;
  loadDrillScenarios: () => Promise<void>;
  loadDrillScenario: (name: string) => Promise<void>;
  loadDrillRuns: () => Promise<void>;
  loadDrillRun: (id: number) => Promise<void>;
  loadDrillSchedules: () => Promise<void>;
  /** Shows one finished drill (or the tabs, with null) on the Drills page. */
  openDrillRun: (id: number | null) => void;
  /** Calls a drill channel (start, pause, inject, import, schedules…); views refresh on drill.changed. */
  drillCall: <C extends DrillChannel>(
    channel: C,
    input: ChannelInput<C>,
  ) => Promise<ChannelOutput<C>>;
  endDrill: () => Promise<DrillRunDetail>;
  joinDrill: () => Promise<void>;
  leaveDrill: () => Promise<void>;
  /** Reloads onto the site's data when the drill this client worked in has ended. */
  leaveEndedDrill: () => Promise<void>;
}

/** One request at a time per resource; a change that arrives meanwhile asks once more after it. */
function coalesced(run: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let again = false;
  const next = (): Promise<void> => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = run().finally(() => {
      inFlight = null;
      if (again) {
        again = false;
        void next();
      }
    });
    return inFlight;
  };
  return next;
}

export const createDrillsSlice =
  (api: ApiClient, reloader: PageReloader): SliceCreator<DrillsSlice> =>
  (set, get) => {
    type RemoteKey =
      | 'drillScenarios'
      | 'drillScenario'
      | 'drillRuns'
      | 'drillRun'
      | 'drillSchedules'
      | 'drillStatus';
    // reason: one loader for six Remote fields; each caller pairs a key with its own channel.
    const fetchInto = async <T>(key: RemoteKey, work: () => Promise<T>) => {
      const put = (value: Remote<T>, extra: Partial<AppState> = {}) =>
        set({ [key]: value, ...extra } as unknown as Partial<AppState>);
      const previous = () => get()[key] as unknown as Remote<T>;
      put(loading(previous()));
      try {
        const value = await work();
        put(ready(value), key === 'drillStatus' ? { drillStatusAtMs: Date.now() } : {});
      } catch (error) {
        put(failed(previous(), error));
      }
    };
    const loadStatus = coalesced(() =>
      fetchInto('drillStatus', () => api.call('drill.status', {})),
    );
    const loadRuns = coalesced(() => fetchInto('drillRuns', () => api.call('drill.runs', {})));
    const loadSchedules = coalesced(() =>
      fetchInto('drillSchedules', () => api.call('drill.schedules', {})),
    );
    const loadRun = (id: number) => fetchInto('drillRun', () => api.call('drill.run', { id }));
    const switchWorkspace = async (channel: 'drill.join' | 'drill.leave') => {
      await api.call(channel, {});
      const { page, drillRunOpenId } = get();
      reloader.reload({ page, drillRunId: drillRunOpenId });
    };

    let isLeaving = false;
    api.onEvent('drill.changed', ({ runId }) => {
      const s = get();
      if (s.drillStatus.status !== 'idle') void loadStatus();
      if (s.drillRuns.status !== 'idle') void loadRuns();
      if (s.drillSchedules.status !== 'idle') void loadSchedules();
      const open = s.drillRunOpenId;
      if (open !== null && (runId === null || runId === open)) void loadRun(open);
    });

    return {
      drillStatus: idle(),
      drillStatusAtMs: 0,
      drillScenarios: idle(),
      drillScenario: idle(),
      drillRuns: idle(),
      drillRun: idle(),
      drillSchedules: idle(),
      drillRunOpenId: null,
      loadDrillStatus: loadStatus,
      loadDrillScenarios: () => fetchInto('drillScenarios', () => api.call('drill.scenarios', {})),
      loadDrillScenario: (name) =>
        fetchInto('drillScenario', () => api.call('drill.scenario', { name })),
      loadDrillRuns: loadRuns,
      loadDrillRun: loadRun,
      loadDrillSchedules: loadSchedules,
      openDrillRun(id) {
        set({ drillRunOpenId: id });
        get().navigate('drills');
        if (id !== null) void loadRun(id);
      },
      drillCall: (channel, input) => api.call(channel, input),
      async endDrill() {
        const run = await api.call('drill.end', {});
        set({ drillRun: ready(run) });
        get().openDrillRun(run.id);
        void loadStatus();
        return run;
      },
      joinDrill: () => switchWorkspace('drill.join'),
      leaveDrill: () => switchWorkspace('drill.leave'),
      async leaveEndedDrill() {
        if (isLeaving) return;
        isLeaving = true;
        // The backend may still count this client in the ended drill: leave it, then reload.
        try {
          if (get().drillStatus.data?.isJoined) await api.call('drill.leave', {});
        } catch {
          // whatever leaving answers, the reload asks the site again who this client is
        }
        const { page, drillRunOpenId } = get();
        reloader.reload({ page, drillRunId: drillRunOpenId });
      },
    };
  };

export const selectDrillStatus = (state: AppState) => state.drillStatus;
export const selectLiveDrill = (state: AppState) => state.drillStatus.data?.live ?? null;
export const selectIsJoined = (state: AppState) => state.drillStatus.data?.isJoined ?? false;
export const selectDueSchedules = (state: AppState) =>
  (state.drillSchedules.data ?? []).filter((s) => s.isDue);
