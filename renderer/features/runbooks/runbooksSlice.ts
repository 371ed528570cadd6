// Runbooks from the backend: the library (newest versions), the one open on the Runbooks page, and the
// suggestions and runs of the incident on screen. Refreshed when the backend says runbooks changed.
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract.ts';
import type {
  IncidentRunbooks,
  RunbookDetail,
  RunbookSummary,
} from '../../../shared/ipc/runbookSchemas.ts';
import type { ApiClient } from '../../api/client.ts';
import type { SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';

/** The channels that move a run and answer with it. */
export type RunChange =
  | 'runbooks.start'
  | 'runbooks.approveStep'
  | 'runbooks.completeStep'
  | 'runbooks.skipStep'
  | 'runbooks.cancel';

export interface RunbooksSlice {
  runbookLibrary: Remote<RunbookSummary[]>;
  runbook: Remote<RunbookDetail>;
  incidentRunbooks: Remote<IncidentRunbooks & { incidentId: number }>;
  /** The library runbook open on the Runbooks page (its name), or null. */
  runbookOpenName: string | null;
  openRunbook: (name: string | null) => void;
  loadRunbooks: () => Promise<void>;
  loadRunbook: (name: string, version?: number) => Promise<void>;
  loadIncidentRunbooks: (incidentId: number) => Promise<void>;
  /** Calls a runbook channel that reads or stores library data (validate, import, export, dry-run). */
  runbookCall: <C extends ChannelName & `runbooks.${string}`>(
    channel: C,
    input: ChannelInput<C>,
  ) => Promise<ChannelOutput<C>>;
  /** Moves a run, then shows the incident's runs as they now stand. */
  changeRun: <C extends RunChange>(channel: C, input: ChannelInput<C>) => Promise<void>;
  applyRunbooksChanged: (change: { incidentIds: number[]; isLibraryChanged: boolean }) => void;
  resetRunbooks: () => void;
}

export const createRunbooksSlice =
  (api: ApiClient): SliceCreator<RunbooksSlice> =>
  (set, get) => {
    const loadIncident = async (incidentId: number) => {
      const previous = get().incidentRunbooks;
      set({
        incidentRunbooks: loading(previous.data?.incidentId === incidentId ? previous : idle()),
      });
      try {
        const value = await api.call('runbooks.forIncident', { incidentId });
        set({ incidentRunbooks: ready({ ...value, incidentId }) });
      } catch (error) {
        set({ incidentRunbooks: failed(get().incidentRunbooks, error) });
      }
    };
    return {
      runbookLibrary: idle(),
      runbook: idle(),
      incidentRunbooks: idle(),
      runbookOpenName: null,
      openRunbook(runbookOpenName) {
        set({ runbookOpenName });
      },
      async loadRunbooks() {
        set({ runbookLibrary: loading(get().runbookLibrary) });
        try {
          set({ runbookLibrary: ready((await api.call('runbooks.list', {})).items) });
        } catch (error) {
          set({ runbookLibrary: failed(get().runbookLibrary, error) });
        }
      },
      async loadRunbook(name, version) {
        set({ runbook: loading(get().runbook) });
        try {
          set({ runbook: ready(await api.call('runbooks.get', { name, version })) });
        } catch (error) {
          set({ runbook: failed(get().runbook, error) });
        }
      },
      loadIncidentRunbooks: loadIncident,
      runbookCall: (channel, input) => api.call(channel, input),
      async changeRun(channel, input) {
        const run = (await api.call(channel, input)) as ChannelOutput<'runbooks.start'>;
        await loadIncident(run.incidentId);
      },
      applyRunbooksChanged({ incidentIds, isLibraryChanged }) {
        const s = get();
        const shown = s.incidentRunbooks.data?.incidentId;
        if (shown !== undefined && (incidentIds.includes(shown) || isLibraryChanged))
          void loadIncident(shown);
        if (isLibraryChanged && s.runbookLibrary.status !== 'idle') void s.loadRunbooks();
      },
      resetRunbooks() {
        set({ runbookLibrary: idle(), runbook: idle(), incidentRunbooks: idle() });
      },
    };
  };
