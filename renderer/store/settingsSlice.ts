// Site settings, telemetry storage, signed-in sessions and the store's key material.
import type {
  ChannelInput,
  SessionRow,
  Settings,
  TelemetryStorage,
} from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

export interface SettingsSlice {
  settings: Remote<Settings>;
  sessions: Remote<SessionRow[]>;
  /** Telemetry storage: size on disk, the disk budget and retention, the oldest data kept. */
  telemetryStorage: Remote<TelemetryStorage>;
  loadTelemetryStorage: () => Promise<void>;
  /** Sets the disk budget as written ("50 GB"; empty: none); admins only. */
  setTelemetryDiskBudget: (diskBudget: string) => Promise<void>;
  loadSettings: () => Promise<void>;
  updateSettings: (patch: ChannelInput<'settings.update'>) => Promise<void>;
  applySettings: (settings: Settings) => void;
  loadSessions: () => Promise<void>;
  revokeSession: (id: string) => Promise<void>;
  /** A new one-time sign-in link for another browser (browser console only); shown once. */
  issueSignInLink: () => Promise<{ url: string; expiresAt: string }>;
  changePassphrase: (current: string, next: string) => Promise<void>;
  /** Returns the new recovery key; the caller shows it once. */
  rotateKey: (passphrase: string) => Promise<string>;
}

export const createSettingsSlice =
  (api: ApiClient): SliceCreator<SettingsSlice> =>
  (set, get) => ({
    settings: idle(),
    sessions: idle(),
    telemetryStorage: idle(),

    async loadTelemetryStorage() {
      set({ telemetryStorage: loading(get().telemetryStorage) });
      try {
        set({ telemetryStorage: ready(await api.call('telemetryStorage.get', {})) });
      } catch (error) {
        set({ telemetryStorage: failed(get().telemetryStorage, error) });
      }
    },

    async setTelemetryDiskBudget(diskBudget) {
      set({
        telemetryStorage: ready(await api.call('telemetryStorage.setDiskBudget', { diskBudget })),
      });
    },

    async loadSettings() {
      set({ settings: loading(get().settings) });
      try {
        get().applySettings(await api.call('settings.get', {}));
      } catch (error) {
        set({ settings: failed(get().settings, error) });
      }
    },

    async updateSettings(patch) {
      get().applySettings(await api.call('settings.update', patch));
    },

    applySettings(settings) {
      const { status } = get();
      set({
        settings: ready(settings),
        status: status
          ? { ...status, siteName: settings.siteName, timeZone: settings.timeZone }
          : status,
      });
    },

    async loadSessions() {
      set({ sessions: loading(get().sessions) });
      try {
        set({ sessions: ready(await api.call('sessions.list', {})) });
      } catch (error) {
        set({ sessions: failed(get().sessions, error) });
      }
    },

    async issueSignInLink() {
      return api.call('sessions.issueLink', {});
    },
    async revokeSession(id) {
      await api.call('sessions.revoke', { id });
      const list = get().sessions.data ?? [];
      set({ sessions: ready(list.filter((row) => row.id !== id)) });
    },

    async changePassphrase(current, next) {
      await api.call('store.changePassphrase', { current, next });
    },

    async rotateKey(passphrase) {
      const { recoveryKey } = await api.call('store.rotateKey', { passphrase });
      return recoveryKey;
    },
  });

export const selectSettings = (state: AppState) => state.settings;
export const selectSessions = (state: AppState) => state.sessions;
export const selectTelemetryStorage = (state: AppState) => state.telemetryStorage;
