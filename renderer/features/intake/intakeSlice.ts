// The intake tokens the site's Alertmanager delivers with (intake.manage: admins). A new token's
// secret is handed to the dialog that shows it once and is never kept in the store.
import type { IntakeToken } from '../../../shared/ipc/incidentSchemas.ts';
import type { ApiClient } from '../../api/client.ts';
import type { AppState, SliceCreator } from '../../store/appState.ts';
import { failed, idle, loading, ready, type Remote } from '../../store/remote.ts';

export interface IntakeSlice {
  intakeTokens: Remote<IntakeToken[]>;
  loadIntakeTokens: () => Promise<void>;
  /** Returns the token itself, for the dialog to show once. */
  createIntakeToken: (name: string) => Promise<{ token: string; info: IntakeToken }>;
  revokeIntakeToken: (id: number) => Promise<void>;
  resetIntake: () => void;
}

export const createIntakeSlice =
  (api: ApiClient): SliceCreator<IntakeSlice> =>
  (set, get) => {
    const refresh = async () => {
      set({ intakeTokens: loading(get().intakeTokens) });
      try {
        set({ intakeTokens: ready(await api.call('intake.listTokens', {})) });
      } catch (error) {
        set({ intakeTokens: failed(get().intakeTokens, error) });
      }
    };
    return {
      intakeTokens: idle(),
      loadIntakeTokens: refresh,
      async createIntakeToken(name) {
        const created = await api.call('intake.createToken', { name });
        await refresh();
        return created;
      },
      async revokeIntakeToken(id) {
        await api.call('intake.revokeToken', { id });
        await refresh();
      },
      resetIntake() {
        set({ intakeTokens: idle() });
      },
    };
  };

export const selectIntakeTokens = (state: AppState) => state.intakeTokens;
