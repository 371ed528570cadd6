// Model drift (server data): each model's drift windows and per-feature results as last loaded.
import type { ModelDrift } from '../../../shared/ipc/driftChannels.ts';
import type { ApiClient } from '../../api/client.ts';
import type { SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';

export interface DriftSlice {
  modelDrift: Record<string, Remote<ModelDrift>>;
  loadModelDrift: (model: string, hours: number) => Promise<void>;
  /** Reloads the models named whose drift was loaded this session, over the hours last asked for. */
  applyDriftChanged: (models: readonly string[]) => void;
  resetDrift: () => void;
}

export const createDriftSlice =
  (api: ApiClient): SliceCreator<DriftSlice> =>
  (set, get) => {
    const generations = new Map<string, number>();
    const hoursOf = new Map<string, number>();
    const put = (model: string, remote: Remote<ModelDrift>) =>
      set({ modelDrift: { ...get().modelDrift, [model]: remote } });
    return {
      modelDrift: {},
      async loadModelDrift(model, hours) {
        hoursOf.set(model, hours);
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
      applyDriftChanged(models) {
        for (const model of models) {
          const hours = hoursOf.get(model);
          if (hours !== undefined && get().modelDrift[model])
            void get().loadModelDrift(model, hours);
        }
      },
      resetDrift() {
        generations.clear();
        hoursOf.clear();
        set({ modelDrift: {} });
      },
    };
  };
