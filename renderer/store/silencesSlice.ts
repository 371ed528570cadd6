// Silences (server data): pending, active and, when asked, expired ones; creating one and expiring
// one. Whether expired silences are listed is AlertsViewSlice's (alertStreamSlice.ts).
import type { ChannelInput, PipelineAlert, Silence } from '../../shared/ipc/contract.ts';
import { allMatch, type LabelMatcher } from '../../shared/domain/incidents/matching.ts';
import type { ApiClient } from '../api/client.ts';
import { alertLabels } from './alertStreamSlice.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

export interface SilencesSlice {
  silences: Remote<Silence[]>;
  loadSilences: (options?: { quiet?: boolean }) => Promise<void>;
  createSilence: (input: ChannelInput<'silences.create'>) => Promise<Silence>;
  expireSilence: (id: number) => Promise<Silence>;
  resetSilences: () => void;
}

export const createSilencesSlice =
  (api: ApiClient): SliceCreator<SilencesSlice> =>
  (set, get) => {
    let generation = 0;

    // Put the backend's answer in the list (it may have become expired, or be new).
    const upsert = (silence: Silence) => {
      const remote = get().silences;
      if (!remote.data) return;
      const hidden = silence.status === 'expired' && !get().silencesIncludeExpired;
      const others = remote.data.filter((s) => s.id !== silence.id);
      set({ silences: ready(hidden ? others : [silence, ...others]) });
    };

    return {
      silences: idle(),

      async loadSilences(options) {
        const mine = ++generation;
        if (!options?.quiet) set({ silences: loading(get().silences) });
        try {
          const rows = await api.call('silences.list', {
            includeExpired: get().silencesIncludeExpired,
          });
          if (mine === generation) set({ silences: ready(rows) });
        } catch (error) {
          if (mine === generation) set({ silences: failed(get().silences, error) });
        }
      },

      async createSilence(input) {
        const silence = await api.call('silences.create', input);
        generation++;
        upsert(silence);
        return silence;
      },

      async expireSilence(id) {
        const silence = await api.call('silences.expire', { id });
        generation++;
        upsert(silence);
        return silence;
      },

      resetSilences() {
        generation++;
        set({ silences: idle() });
      },
    };
  };

// ── Selectors and the preview ──────────────────────────────────────────────────────────────

const STATUS_ORDER: Record<Silence['status'], number> = { active: 0, pending: 1, expired: 2 };

let lastRows: Silence[] | null = null;
let lastSorted: Silence[] = [];

/** Active first, then pending, then expired; the newest end first within each. */
export const selectSortedSilences = (state: AppState): Silence[] => {
  const rows = state.silences.data;
  if (rows !== lastRows) {
    lastRows = rows;
    lastSorted = [...(rows ?? [])].sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        b.endsAt.localeCompare(a.endsAt) ||
        b.id - a.id,
    );
  }
  return lastSorted;
};

/** The alerts a silence with these matchers would silence, matched as the pipeline matches them. */
export function alertsMatching(
  alerts: readonly PipelineAlert[],
  matchers: readonly LabelMatcher[],
): PipelineAlert[] {
  return alerts.filter((a) => allMatch(matchers, alertLabels(a)));
}

export const selectSilences = (state: AppState) => state.silences;
