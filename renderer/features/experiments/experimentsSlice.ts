// Model A/B experiments (server data, refreshed on experiments.changed) and the page's own route:
// the list, one experiment, or the editor (part of the address: #/experiments, #/experiments/N,
// #/experiments/+new).
import type { ExperimentPlan, Experiment } from '../../../shared/ipc/experimentSchemas.ts';
import type { ExperimentDecisionKind } from '../../../shared/ipc/experimentSchemas.ts';
import type { ApiClient } from '../../api/client.ts';
import type { SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';

export type ExperimentsRoute =
  { view: 'list' } | { view: 'detail'; id: number } | { view: 'editor' };

export interface ExperimentsSlice {
  experiments: Remote<Experiment[]>;
  experimentsRoute: ExperimentsRoute;
  openExperiments: (route: ExperimentsRoute) => void;
  loadExperiments: () => Promise<void>;
  createExperiment: (plan: ExperimentPlan) => Promise<Experiment>;
  startExperiment: (id: number) => Promise<void>;
  stopExperiment: (id: number, reason: string) => Promise<void>;
  decideExperiment: (id: number, decision: ExperimentDecisionKind, reason: string) => Promise<void>;
  sampleSize: (input: {
    primaryMetric: ExperimentPlan['primaryMetric'];
    mde: number;
    alpha: number;
    power: number;
    baseline: number;
  }) => Promise<number>;
  applyExperimentsChanged: () => void;
  resetExperiments: () => void;
}

export const createExperimentsSlice =
  (api: ApiClient): SliceCreator<ExperimentsSlice> =>
  (set, get) => {
    const upsert = (experiment: Experiment) => {
      const items = get().experiments.data ?? [];
      const next = items.some((e) => e.id === experiment.id)
        ? items.map((e) => (e.id === experiment.id ? experiment : e))
        : [experiment, ...items];
      set({ experiments: ready(next) });
    };
    return {
      experiments: idle(),
      experimentsRoute: { view: 'list' },
      openExperiments: (route) => set({ page: 'experiments', experimentsRoute: route }),
      async loadExperiments() {
        set({ experiments: loading(get().experiments) });
        try {
          set({ experiments: ready((await api.call('experiments.list', {})).items) });
        } catch (error) {
          set({ experiments: failed(get().experiments, error) });
        }
      },
      async createExperiment(plan) {
        const created = await api.call('experiments.create', plan);
        upsert(created);
        return created;
      },
      async startExperiment(id) {
        upsert(await api.call('experiments.start', { id }));
      },
      async stopExperiment(id, reason) {
        upsert(await api.call('experiments.stop', { id, reason }));
      },
      async decideExperiment(id, decision, reason) {
        upsert(await api.call('experiments.decide', { id, decision, reason }));
      },
      sampleSize: async (input) => (await api.call('experiments.sampleSize', input)).perArm,
      applyExperimentsChanged: () => {
        if (get().experiments.data) void get().loadExperiments();
      },
      resetExperiments: () => set({ experiments: idle(), experimentsRoute: { view: 'list' } }),
    };
  };
