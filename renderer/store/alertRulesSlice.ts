// Threshold rules (server data): the list, the signals and label values the editor offers, and
// saving or deleting a rule (the list is reloaded after each, so it shows the backend's answer).
import type { ThresholdRule, ThresholdRuleInput } from '../../shared/domain/alertRules/rule.ts';
import type { KnownSignals } from '../../shared/ipc/alertRuleChannels.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

export interface AlertRulesSlice {
  alertRules: Remote<ThresholdRule[]>;
  alertSignals: Remote<KnownSignals>;
  loadAlertRules: () => Promise<void>;
  loadAlertSignals: () => Promise<void>;
  /** Creates a rule (no id) or replaces rule `id`. */
  saveAlertRule: (rule: ThresholdRuleInput, id?: number) => Promise<ThresholdRule>;
  deleteAlertRule: (id: number) => Promise<void>;
  resetAlertRules: () => void;
}

export const createAlertRulesSlice =
  (api: ApiClient): SliceCreator<AlertRulesSlice> =>
  (set, get) => {
    let rulesGeneration = 0;
    let signalsGeneration = 0;

    return {
      alertRules: idle(),
      alertSignals: idle(),

      async loadAlertRules() {
        const mine = ++rulesGeneration;
        set({ alertRules: loading(get().alertRules) });
        try {
          const rules = await api.call('alertRules.list', {});
          if (mine === rulesGeneration) set({ alertRules: ready(rules) });
        } catch (error) {
          if (mine === rulesGeneration) set({ alertRules: failed(get().alertRules, error) });
        }
      },

      async loadAlertSignals() {
        const mine = ++signalsGeneration;
        set({ alertSignals: loading(get().alertSignals) });
        try {
          const signals = await api.call('alertRules.signals', {});
          if (mine === signalsGeneration) set({ alertSignals: ready(signals) });
        } catch (error) {
          if (mine === signalsGeneration) set({ alertSignals: failed(get().alertSignals, error) });
        }
      },

      async saveAlertRule(rule, id) {
        const saved = await api.call('alertRules.save', id === undefined ? { rule } : { id, rule });
        await get().loadAlertRules();
        return saved;
      },

      async deleteAlertRule(id) {
        await api.call('alertRules.delete', { id });
        await get().loadAlertRules();
      },

      resetAlertRules() {
        rulesGeneration++;
        signalsGeneration++;
        set({ alertRules: idle(), alertSignals: idle() });
      },
    };
  };

export const selectAlertRules = (state: AppState) => state.alertRules;
export const selectAlertSignals = (state: AppState) => state.alertSignals;
