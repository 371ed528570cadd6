// Operators and their roles, cached from operators.list and kept current by the mutations; with
// them, who is held back after failed sign-ins (operators.lockouts).
import type { Role } from '../../shared/domain/roles.ts';
import type { ChannelInput, Lockout, Operator } from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

export interface OperatorsSlice {
  operators: Remote<Operator[]>;
  loadOperators: () => Promise<void>;
  createOperator: (input: ChannelInput<'operators.create'>) => Promise<Operator>;
  setOperatorRole: (username: string, role: Role) => Promise<Operator>;
  setOperatorDisabled: (username: string, disabled: boolean) => Promise<Operator>;
  /** A temporary password; the operator's sessions end and they choose their own at sign-in. */
  resetOperatorPassword: (username: string, password: string) => Promise<void>;
  lockouts: Remote<Lockout[]>;
  clearLockout: (lockout: Pick<Lockout, 'scope' | 'id'>) => Promise<void>;
}

const withOperator = (list: Operator[] | null, next: Operator): Operator[] => {
  const rest = (list ?? []).filter((operator) => operator.id !== next.id);
  return [...rest, next].sort((a, b) => a.username.localeCompare(b.username));
};

export const createOperatorsSlice =
  (api: ApiClient): SliceCreator<OperatorsSlice> =>
  (set, get) => {
    const applied = (operator: Operator) => {
      set({ operators: ready(withOperator(get().operators.data, operator)) });
      return operator;
    };
    const loadLockouts = async () => {
      set({ lockouts: loading(get().lockouts) });
      try {
        set({ lockouts: ready(await api.call('operators.lockouts', {})) });
      } catch (error) {
        set({ lockouts: failed(get().lockouts, error) });
      }
    };
    return {
      operators: idle(),
      lockouts: idle(),
      async loadOperators() {
        set({ operators: loading(get().operators) });
        const lockouts = loadLockouts();
        try {
          const list = await api.call('operators.list', {});
          set({ operators: ready([...list].sort((a, b) => a.username.localeCompare(b.username))) });
        } catch (error) {
          set({ operators: failed(get().operators, error) });
        }
        await lockouts;
      },
      async clearLockout({ scope, id }) {
        await api.call('operators.clearLockout', { scope, id });
        await loadLockouts();
      },
      async createOperator(input) {
        return applied(await api.call('operators.create', input));
      },
      async setOperatorRole(username, role) {
        return applied(await api.call('operators.setRole', { username, role }));
      },
      async resetOperatorPassword(username, password) {
        await api.call('operators.resetPassword', { username, password });
      },
      async setOperatorDisabled(username, disabled) {
        return applied(await api.call('operators.setDisabled', { username, disabled }));
      },
    };
  };

export const selectOperators = (state: AppState) => state.operators;
export const selectLockouts = (state: AppState) => state.lockouts;
