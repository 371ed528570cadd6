// Where the app stands: store state (from app.status) and the signed-in operator's session.
import { roleCan, type Permission } from '../../shared/domain/roles.ts';
import type { AppStatus, ChannelInput, SessionInfo } from '../../shared/ipc/contract.ts';
import { toApiCallError, type ApiCallError, type ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';

export type LockReason = 'inactivity' | 'revoked' | 'signed-out' | 'manual';

export interface SessionSlice {
  bootStatus: 'loading' | 'ready' | 'error';
  bootError: ApiCallError | null;
  status: AppStatus | null;
  session: SessionInfo | null;
  /** Shown once after setup or a key rotation, until the operator confirms it is saved. */
  pendingRecoveryKey: string | null;
  loadStatus: () => Promise<void>;
  createSite: (input: ChannelInput<'setup.create'>) => Promise<void>;
  acknowledgeRecoveryKey: () => Promise<void>;
  unlockStore: (input: ChannelInput<'store.unlock'>) => Promise<void>;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  resumeSession: (password: string) => Promise<void>;
  changePassword: (current: string, next: string) => Promise<void>;
  markSessionLocked: (reason: LockReason) => void;
  /** Locks the session on the backend too (the palette's "Lock session", or the idle timer). */
  lockSession: (reason: 'manual' | 'inactivity') => Promise<void>;
  markSignedOut: () => void;
}

/** Everything cached from the backend for the previous operator goes when the session ends. */
export const signedOutState = (): Partial<AppState> => ({
  session: null,
  overview: { data: null, status: 'idle', error: null },
  auditEntries: [],
  auditTotal: 0,
  auditStatus: 'idle',
  auditError: null,
  auditHasMore: false,
  auditVerify: { data: null, status: 'idle', error: null },
  auditExport: { data: null, status: 'idle', error: null },
  operators: { data: null, status: 'idle', error: null },
  settings: { data: null, status: 'idle', error: null },
  sessions: { data: null, status: 'idle', error: null },
  page: 'overview',
  paletteOpen: false,
  operatorDialogOpen: false,
});

export const createSessionSlice =
  (api: ApiClient): SliceCreator<SessionSlice> =>
  (set, get) => ({
    bootStatus: 'loading',
    bootError: null,
    status: null,
    session: null,
    pendingRecoveryKey: null,

    async loadStatus() {
      set({ bootStatus: 'loading', bootError: null });
      try {
        const status = await api.call('app.status', {});
        set({ status, session: status.signedIn, bootStatus: 'ready' });
      } catch (error) {
        set({ bootStatus: 'error', bootError: toApiCallError(error) });
      }
    },

    async createSite(input) {
      const { recoveryKey } = await api.call('setup.create', input);
      set({ pendingRecoveryKey: recoveryKey });
    },

    async acknowledgeRecoveryKey() {
      set({ pendingRecoveryKey: null });
      if (!get().session) await get().loadStatus();
    },

    async unlockStore(input) {
      await api.call('store.unlock', input);
      await get().loadStatus();
    },

    async signIn(username, password) {
      const session = await api.call('auth.signIn', { username, password });
      const { status } = get();
      set({
        ...signedOutState(),
        session,
        status: status ? { ...status, signedIn: session } : status,
      });
    },

    async signOut() {
      try {
        await api.call('auth.signOut', {});
      } finally {
        get().markSignedOut();
      }
    },

    async resumeSession(password) {
      const session = await api.call('auth.unlock', { password });
      set({ session });
    },

    async changePassword(current, next) {
      await api.call('auth.changePassword', { current, next });
      // A temporary password has just been replaced: the console opens.
      if (get().session?.mustChangePassword) set({ session: await api.call('auth.whoami', {}) });
    },

    markSessionLocked(reason) {
      const { session } = get();
      if (!session) return;
      if (reason === 'revoked' || reason === 'signed-out') get().markSignedOut();
      else
        set({
          session: { ...session, locked: true },
          paletteOpen: false,
          operatorDialogOpen: false,
        });
    },

    async lockSession(reason) {
      get().markSessionLocked(reason);
      try {
        await api.call('auth.lock', { reason });
      } catch (error) {
        // Already locked or signed out on the backend: the screen is locked either way.
        const code = toApiCallError(error).code;
        if (code !== 'SESSION_LOCKED' && code !== 'UNAUTHENTICATED') throw error;
      }
    },

    markSignedOut() {
      const { status } = get();
      set({ ...signedOutState(), status: status ? { ...status, signedIn: null } : status });
    },
  });

// ── Selectors ──────────────────────────────────────────────────────────────────────────────

/** The UI hides what the role cannot do, from the same table the backend enforces. */
export const selectCan = (permission: Permission) => (state: AppState) =>
  state.session ? roleCan(state.session.operator.role, permission) : false;
export const selectSiteName = (state: AppState) =>
  state.settings.data?.siteName ?? state.status?.siteName ?? '';
export const selectTimeZone = (state: AppState) =>
  state.settings.data?.timeZone ?? state.status?.timeZone ?? 'Asia/Dubai';
