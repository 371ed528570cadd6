// The audit log as the operator filters and pages it, plus chain verification and export.
import type {
  AUDIT_OUTCOMES,
  AuditEntry,
  ChannelInput,
  ChannelOutput,
  VerifyReport,
} from '../../shared/ipc/contract.ts';
import { toApiCallError, type ApiCallError, type ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type AuditExport = ChannelOutput<'audit.export'>;

export interface AuditFilters {
  text: string;
  action: string;
  actor: string;
  outcome: AuditOutcome | '';
}

export const AUDIT_PAGE_SIZE = 200;

// A Record over the contract's type, so a new outcome fails to compile here; importing the
// contract's runtime list would bundle zod into the renderer, which never parses anything.
const OUTCOMES: Record<AuditOutcome, true> = { success: true, failure: true, denied: true };
export const AUDIT_OUTCOME_LIST = Object.keys(OUTCOMES) as AuditOutcome[];

export interface AuditSlice {
  auditFilters: AuditFilters;
  auditEntries: AuditEntry[];
  auditTotal: number;
  auditStatus: 'idle' | 'loading' | 'loading-older' | 'ready' | 'error';
  auditError: ApiCallError | null;
  auditHasMore: boolean;
  auditVerify: Remote<VerifyReport>;
  auditExport: Remote<AuditExport>;
  setAuditFilters: (patch: Partial<AuditFilters>) => void;
  loadAudit: () => Promise<void>;
  loadOlderAudit: () => Promise<void>;
  verifyAudit: () => Promise<void>;
  exportAudit: () => Promise<void>;
}

const toQuery = (filters: AuditFilters): ChannelInput<'audit.list'> => ({
  text: filters.text.trim() || undefined,
  action: filters.action.trim() || undefined,
  actor: filters.actor.trim() || undefined,
  outcome: filters.outcome || undefined,
  limit: AUDIT_PAGE_SIZE,
});

export const createAuditSlice =
  (api: ApiClient): SliceCreator<AuditSlice> =>
  (set, get) => {
    // Replies to an older filter are dropped when a newer request was sent after them.
    let generation = 0;

    return {
      auditFilters: { text: '', action: '', actor: '', outcome: '' },
      auditEntries: [],
      auditTotal: 0,
      auditStatus: 'idle',
      auditError: null,
      auditHasMore: false,
      auditVerify: idle(),
      auditExport: idle(),

      setAuditFilters(patch) {
        set({ auditFilters: { ...get().auditFilters, ...patch } });
      },

      async loadAudit() {
        const mine = ++generation;
        set({ auditStatus: 'loading', auditError: null });
        try {
          const { entries, total } = await api.call('audit.list', toQuery(get().auditFilters));
          if (mine !== generation) return;
          set({
            auditEntries: entries,
            auditTotal: total,
            auditHasMore: entries.length < total,
            auditStatus: 'ready',
          });
        } catch (error) {
          if (mine !== generation) return;
          set({ auditStatus: 'error', auditError: toApiCallError(error) });
        }
      },

      async loadOlderAudit() {
        const { auditEntries, auditStatus, auditHasMore } = get();
        const oldest = auditEntries.at(-1);
        if (!oldest || !auditHasMore || auditStatus !== 'ready') return;
        const mine = ++generation;
        set({ auditStatus: 'loading-older', auditError: null });
        try {
          const query = { ...toQuery(get().auditFilters), beforeSeq: oldest.seq };
          const { entries } = await api.call('audit.list', query);
          if (mine !== generation) return;
          const all = [...get().auditEntries, ...entries];
          set({
            auditEntries: all,
            auditHasMore: entries.length === AUDIT_PAGE_SIZE && all.length < get().auditTotal,
            auditStatus: 'ready',
          });
        } catch (error) {
          if (mine !== generation) return;
          set({ auditStatus: 'error', auditError: toApiCallError(error) });
        }
      },

      async verifyAudit() {
        set({ auditVerify: loading(get().auditVerify) });
        try {
          set({ auditVerify: ready(await api.call('audit.verify', {})) });
        } catch (error) {
          set({ auditVerify: failed(get().auditVerify, error) });
        }
      },

      async exportAudit() {
        set({ auditExport: loading(idle()) });
        try {
          set({ auditExport: ready(await api.call('audit.export', {})) });
        } catch (error) {
          set({ auditExport: failed(idle(), error) });
        }
      },
    };
  };

export const selectAuditFilters = (state: AppState) => state.auditFilters;
/** True when only the newest page is shown, so a pushed audit.changed can simply reload it. */
export const selectAuditOnFirstPage = (state: AppState) =>
  state.auditEntries.length <= AUDIT_PAGE_SIZE;
