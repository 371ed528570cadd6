// Model versions (server data): each model service's versions as last loaded, by model, refreshed
// when the backend says a model's versions changed; marking a version good or suspect.
import type { ModelServiceSummary, ModelVersionsDetail } from '../../../shared/ipc/modelSchemas.ts';
import type { ApiClient } from '../../api/client.ts';
import type { AppState, SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';

export interface VersionMark {
  model: string;
  version: string;
  reason: string;
}

export interface ModelVersionsSlice {
  modelVersions: Record<string, Remote<ModelVersionsDetail>>;
  /** Every model service the fleet serves (the command palette searches them). */
  modelServices: Remote<ModelServiceSummary[]>;
  loadModelVersions: (model: string) => Promise<void>;
  loadModelServices: () => Promise<void>;
  markModelVersion: (state: 'known_good' | 'suspect', mark: VersionMark) => Promise<void>;
  applyModelsChanged: (models: readonly string[]) => void;
  resetModelVersions: () => void;
}

export const createModelVersionsSlice =
  (api: ApiClient): SliceCreator<ModelVersionsSlice> =>
  (set, get) => {
    const generations = new Map<string, number>();
    const put = (model: string, remote: Remote<ModelVersionsDetail>) =>
      set({ modelVersions: { ...get().modelVersions, [model]: remote } });

    return {
      modelVersions: {},
      modelServices: idle(),

      async loadModelServices() {
        set({ modelServices: loading(get().modelServices) });
        try {
          set({ modelServices: ready((await api.call('models.list', {})).items) });
        } catch (error) {
          set({ modelServices: failed(get().modelServices, error) });
        }
      },

      async loadModelVersions(model) {
        const mine = (generations.get(model) ?? 0) + 1;
        generations.set(model, mine);
        put(model, loading(get().modelVersions[model] ?? idle()));
        try {
          const detail = await api.call('models.versions', { model });
          if (generations.get(model) === mine) put(model, ready(detail));
        } catch (error) {
          if (generations.get(model) === mine)
            put(model, failed(get().modelVersions[model] ?? idle(), error));
        }
      },

      async markModelVersion(state, mark) {
        await api.call(state === 'known_good' ? 'models.markGood' : 'models.markSuspect', mark);
        await get().loadModelVersions(mark.model);
      },

      applyModelsChanged(models) {
        if (get().modelServices.status !== 'idle') void get().loadModelServices();
        for (const model of models)
          if (get().modelVersions[model]) void get().loadModelVersions(model);
      },

      resetModelVersions() {
        for (const model of generations.keys())
          generations.set(model, (generations.get(model) ?? 0) + 1);
        set({ modelVersions: {}, modelServices: idle() });
      },
    };
  };

const IDLE = idle<ModelVersionsDetail>();

/** One model's versions as last loaded (idle when never asked for). */
export const selectModelVersions =
  (model: string) =>
  (state: AppState): Remote<ModelVersionsDetail> =>
    state.modelVersions[model] ?? IDLE;
