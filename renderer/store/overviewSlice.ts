// The overview page's figures, cached from overview.get.
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

export type Overview = ChannelOutput<'overview.get'>;

export interface OverviewSlice {
  overview: Remote<Overview>;
  loadOverview: () => Promise<void>;
}

export const createOverviewSlice =
  (api: ApiClient): SliceCreator<OverviewSlice> =>
  (set, get) => ({
    overview: idle(),
    async loadOverview() {
      set({ overview: loading(get().overview) });
      try {
        set({ overview: ready(await api.call('overview.get', {})) });
      } catch (error) {
        set({ overview: failed(get().overview, error) });
      }
    },
  });

export const selectOverview = (state: AppState) => state.overview;
