// Model drift (server data): each model's drift windows and per-feature results as last loaded.
import type { ModelDrift } from '../../../shared/ipc/driftChannels.ts';
import type { ApiClient } from '../../api/client.ts';
import type { SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';

export interface DriftSlice {
  modelDrift: Record<string, Remote<ModelDrift>>;
  loadModelDrift: (model: string, hours: number) => Promise<void>;
  /** Loads a model's drift and keeps it current while shown; returns the function that stops. */
  watchModelDrift: (model: string, hours: number) => () => void;
  /** Reloads the models named that a panel shows now. */
  applyDriftChanged: (models: readonly string[]) => void;
  resetDrift: () => void;
}

export const createDriftSlice =
  (api: ApiClient): SliceCreator<DriftSlice> =>
  (set, get) => {
    const generations = new Map<string, number>();
    /** The models shown now: the hours each panel asked for, and how many panels show it. */
    const watched = new Map<string, { hours: number; panels: number }>();
    const put = (model: string, remote: Remote<ModelDrift>) =>
      set({ modelDrift: { ...get().modelDrift, [model]: remote } });
    return {
      modelDrift: {},
      async loadModelDrift(model, hours) {
        const mine = (generations.get(model) ?? 0) + 1;
        generations.set(model, mine);
        put(model, loading(get().modelDrift[model] ?? idle()));
        try {
          const drift = await api.call('drift.model', { model, hours });
          if (generations.get(model) === mine) put(model, ready(drift));
        } catch (error) {
          if (generations.get(model) === mine)
            put(model, failed(get().modelDrift[model] ?? idle(), error));
        }
      },
      watchModelDrift(model, hours) {
        const panels = (watched.get(model)?.panels ?? 0) + 1;
        watched.set(model, { hours, panels });
        void get().loadModelDrift(model, hours);
        return () => {
          const left = (watched.get(model)?.panels ?? 1) - 1;
          if (left > 0) watched.set(model, { hours, panels: left });
          else watched.delete(model);
        };
      },
      applyDriftChanged(models) {
        for (const model of models) {
          const shown = watched.get(model);
          if (shown) void get().loadModelDrift(model, shown.hours);
        }
      },
      resetDrift() {
        generations.clear();
        watched.clear();
        set({ modelDrift: {} });
      },
    };
  };
