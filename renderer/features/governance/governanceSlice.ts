// Retraining triggers and change records (server data): the trigger rules, the site's pipeline,
// retraining requests and change records as last loaded, refreshed on governance.changed; and the
// calls that change them. The view's own state (which tab, which record) lives in governanceViewSlice.
import type {
  ChangeRecord,
  PipelineSettings,
  RetrainingRequest,
  TriggerRule,
  TriggerRuleInput,
} from '../../../shared/ipc/governanceSchemas.ts';
import type { ApiClient } from '../../api/client.ts';
import type { SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';

export interface GovernanceSlice {
  changeRecords: Remote<ChangeRecord[]>;
  retrainingRequests: Remote<RetrainingRequest[]>;
  triggerRules: Remote<TriggerRule[]>;
  retrainingPipeline: Remote<PipelineSettings | null>;
  loadChangeRecords: () => Promise<void>;
  loadRetraining: () => Promise<void>;
  decideChange: (id: number, decision: 'approved' | 'rejected', reason: string) => Promise<void>;
  exportChanges: (
    id: number | null,
    format: 'json' | 'html' | 'pdf',
    language: 'en' | 'ar',
  ) => Promise<{ directory: string; files: { name: string }[] }>;
  saveTriggerRule: (id: number | null, rule: TriggerRuleInput) => Promise<void>;
  savePipeline: (pipeline: PipelineSettings) => Promise<void>;
  evaluateTriggers: () => Promise<number[]>;
  applyGovernanceChanged: () => void;
  resetGovernance: () => void;
}

export const createGovernanceSlice =
  (api: ApiClient): SliceCreator<GovernanceSlice> =>
  (set, get) => {
    const load = async <T>(
      read: () => Remote<T>,
      write: (remote: Remote<T>) => void,
      fetch: () => Promise<T>,
    ) => {
      write(loading(read()));
      try {
        write(ready(await fetch()));
      } catch (error) {
        write(failed(read(), error));
      }
    };
    return {
      changeRecords: idle(),
      retrainingRequests: idle(),
      triggerRules: idle(),
      retrainingPipeline: idle(),

      loadChangeRecords: () =>
        load(
          () => get().changeRecords,
          (changeRecords) => set({ changeRecords }),
          async () => (await api.call('changes.list', {})).items,
        ),

      async loadRetraining() {
        await Promise.all([
          load(
            () => get().triggerRules,
            (triggerRules) => set({ triggerRules }),
            async () => (await api.call('retraining.rules', {})).items,
          ),
          load(
            () => get().retrainingRequests,
            (retrainingRequests) => set({ retrainingRequests }),
            async () => (await api.call('retraining.requests', {})).items,
          ),
          load(
            () => get().retrainingPipeline,
            (retrainingPipeline) => set({ retrainingPipeline }),
            async () => (await api.call('retraining.pipeline', {})).pipeline,
          ),
        ]);
      },

      async decideChange(id, decision, reason) {
        await api.call('changes.decide', { id, decision, reason });
        await get().loadChangeRecords();
      },

      exportChanges: (id, format, language) => api.call('changes.export', { id, format, language }),

      async saveTriggerRule(id, rule) {
        await api.call('retraining.saveRule', { id, rule });
        await get().loadRetraining();
      },

      async savePipeline(pipeline) {
        await api.call('retraining.setPipeline', { pipeline });
        await get().loadRetraining();
      },

      async evaluateTriggers() {
        const { filed } = await api.call('retraining.evaluate', {});
        await get().loadRetraining();
        return filed;
      },

      applyGovernanceChanged() {
        if (get().changeRecords.status !== 'idle') void get().loadChangeRecords();
        if (get().triggerRules.status !== 'idle') void get().loadRetraining();
      },

      resetGovernance() {
        set({
          changeRecords: idle(),
          retrainingRequests: idle(),
          triggerRules: idle(),
          retrainingPipeline: idle(),
        });
      },
    };
  };
