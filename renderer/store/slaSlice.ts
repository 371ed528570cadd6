// SLAs (server data): the list, the open report for one period and its export to PDF and CSV.
import type { SlaSpecInput } from '../../shared/domain/slo/sla.ts';
import type { ChannelOutput, SlaReport, SlaSummary } from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

export type SlaExport = ChannelOutput<'sla.export'>;

export interface SlaSlice {
  slaList: Remote<SlaSummary[]>;
  slaReport: Remote<SlaReport>;
  slaExport: Remote<SlaExport>;
  loadSlas: () => Promise<void>;
  /** `includeSimulated`: count the demo's simulated hosts too (the report then says so). */
  loadSlaReport: (name: string, period: string, includeSimulated?: boolean) => Promise<void>;
  /** Written in the operator's console language. */
  exportSlaReport: (name: string, period: string, includeSimulated?: boolean) => Promise<void>;
  saveSla: (spec: SlaSpecInput) => Promise<SlaSummary>;
  deleteSla: (name: string) => Promise<void>;
  resetSla: () => void;
}

const slaInitial = () => ({
  slaList: idle<SlaSummary[]>(),
  slaReport: idle<SlaReport>(),
  slaExport: idle<SlaExport>(),
});

export const createSlaSlice =
  (api: ApiClient): SliceCreator<SlaSlice> =>
  (set, get) => {
    let listGeneration = 0;
    let reportGeneration = 0;

    return {
      ...slaInitial(),

      async loadSlas() {
        const mine = ++listGeneration;
        set({ slaList: loading(get().slaList) });
        try {
          const slas = await api.call('sla.list', {});
          if (mine === listGeneration) set({ slaList: ready(slas) });
        } catch (error) {
          if (mine === listGeneration) set({ slaList: failed(get().slaList, error) });
        }
      },

      async loadSlaReport(name, period, includeSimulated = false) {
        const mine = ++reportGeneration;
        // A report for another SLA or period is not shown while the new one loads.
        set({ slaReport: loading(idle()), slaExport: idle() });
        try {
          const report = await api.call('sla.report', { name, period, includeSimulated });
          if (mine === reportGeneration) set({ slaReport: ready(report) });
        } catch (error) {
          if (mine === reportGeneration) set({ slaReport: failed(idle(), error) });
        }
      },

      async exportSlaReport(name, period, includeSimulated = false) {
        set({ slaExport: loading(idle()) });
        const input = { name, period, includeSimulated, language: get().language };
        try {
          set({ slaExport: ready(await api.call('sla.export', input)) });
        } catch (error) {
          set({ slaExport: failed(idle(), error) });
        }
      },

      async saveSla(spec) {
        const summary = await api.call('sla.save', { spec });
        void get().loadSlas();
        return summary;
      },

      async deleteSla(name) {
        await api.call('sla.delete', { name });
        await get().loadSlas();
      },

      resetSla() {
        listGeneration++;
        reportGeneration++;
        set(slaInitial());
      },
    };
  };

export const selectSlaList = (state: AppState) => state.slaList;
export const selectSlaReport = (state: AppState) => state.slaReport;
