// On-call schedules, escalation policies, who is on call and the calendar's week (server data).
// Edits reload the lists; oncall.changed (someone else's edit) reloads what is loaded.
import type { PolicySpecInput, ScheduleSpecInput } from '../../shared/domain/oncall/index.ts';
import type {
  ChannelInput,
  EscalationPolicyView,
  OnCallPerson,
  OnCallSchedule,
  OnCallShifts,
  OnCallWho,
} from '../../shared/ipc/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, SliceCreator } from './appState.ts';
import { failed, idle, loading, ready, type Remote } from './remote.ts';

export interface OnCallWeek {
  /** The Monday shown (site date). */
  start: string;
  from: string;
  to: string;
}

export interface OncallSlice {
  oncallSchedules: Remote<OnCallSchedule[]>;
  oncallPolicies: Remote<EscalationPolicyView[]>;
  oncallPeople: Remote<OnCallPerson[]>;
  oncallWho: Remote<OnCallWho>;
  oncallShifts: Remote<OnCallShifts>;
  oncallWeek: OnCallWeek | null;
  /** Schedules, policies, people and who is on call now. */
  loadOnCall: () => Promise<void>;
  /** The calendar's week; `from`/`to` are the week's bounds in the site's zone (ISO). */
  loadOnCallWeek: (week: OnCallWeek) => Promise<void>;
  saveOnCallSchedule: (id: number | undefined, spec: ScheduleSpecInput) => Promise<OnCallSchedule>;
  deleteOnCallSchedule: (id: number) => Promise<void>;
  addOnCallOverride: (input: ChannelInput<'oncall.addOverride'>) => Promise<OnCallSchedule>;
  removeOnCallOverride: (id: number) => Promise<void>;
  saveEscalationPolicy: (
    id: number | undefined,
    spec: PolicySpecInput,
  ) => Promise<EscalationPolicyView>;
  deleteEscalationPolicy: (id: number) => Promise<void>;
  applyOnCallChanged: () => void;
  resetOnCall: () => void;
}

const oncallInitial = () => ({
  oncallSchedules: idle<OnCallSchedule[]>(),
  oncallPolicies: idle<EscalationPolicyView[]>(),
  oncallPeople: idle<OnCallPerson[]>(),
  oncallWho: idle<OnCallWho>(),
  oncallShifts: idle<OnCallShifts>(),
  oncallWeek: null,
});

export const createOncallSlice =
  (api: ApiClient): SliceCreator<OncallSlice> =>
  (set, get) => {
    let generation = 0;
    let weekGeneration = 0;

    /** Loads one piece into its Remote, unless a reset came first. */
    async function loadInto<T>(
      read: () => Remote<T>,
      write: (remote: Remote<T>) => void,
      fetch: () => Promise<T>,
    ): Promise<void> {
      const mine = generation;
      write(loading(read()));
      try {
        const data = await fetch();
        if (mine === generation) write(ready(data));
      } catch (error) {
        if (mine === generation) write(failed(read(), error));
      }
    }

    const reloadWeek = () => {
      const week = get().oncallWeek;
      if (week) void get().loadOnCallWeek(week);
    };

    return {
      ...oncallInitial(),

      async loadOnCall() {
        await Promise.all([
          loadInto(
            () => get().oncallSchedules,
            (oncallSchedules) => set({ oncallSchedules }),
            () => api.call('oncall.schedules', {}),
          ),
          loadInto(
            () => get().oncallPolicies,
            (oncallPolicies) => set({ oncallPolicies }),
            () => api.call('escalation.policies', {}),
          ),
          loadInto(
            () => get().oncallPeople,
            (oncallPeople) => set({ oncallPeople }),
            () => api.call('oncall.people', {}),
          ),
          loadInto(
            () => get().oncallWho,
            (oncallWho) => set({ oncallWho }),
            () => api.call('oncall.who', {}),
          ),
        ]);
      },

      async loadOnCallWeek(week) {
        const mine = ++weekGeneration;
        const sameWeek = get().oncallWeek?.start === week.start;
        // Another week's shifts are not shown while the new one loads.
        set({
          oncallWeek: week,
          oncallShifts: loading(sameWeek ? get().oncallShifts : idle()),
        });
        try {
          const shifts = await api.call('oncall.shifts', { from: week.from, to: week.to });
          if (mine === weekGeneration) set({ oncallShifts: ready(shifts) });
        } catch (error) {
          if (mine === weekGeneration) set({ oncallShifts: failed(idle(), error) });
        }
      },

      async saveOnCallSchedule(id, spec) {
        const saved = await api.call(
          'oncall.saveSchedule',
          id === undefined ? { spec } : { id, spec },
        );
        get().applyOnCallChanged();
        return saved;
      },

      async deleteOnCallSchedule(id) {
        await api.call('oncall.deleteSchedule', { id });
        get().applyOnCallChanged();
      },

      async addOnCallOverride(input) {
        const saved = await api.call('oncall.addOverride', input);
        get().applyOnCallChanged();
        return saved;
      },

      async removeOnCallOverride(id) {
        await api.call('oncall.removeOverride', { id });
        get().applyOnCallChanged();
      },

      async saveEscalationPolicy(id, spec) {
        const saved = await api.call(
          'escalation.savePolicy',
          id === undefined ? { spec } : { id, spec },
        );
        get().applyOnCallChanged();
        return saved;
      },

      async deleteEscalationPolicy(id) {
        await api.call('escalation.deletePolicy', { id });
        get().applyOnCallChanged();
      },

      applyOnCallChanged() {
        if (get().oncallSchedules.status !== 'idle') void get().loadOnCall();
        reloadWeek();
      },

      resetOnCall() {
        generation++;
        weekGeneration++;
        set(oncallInitial());
      },
    };
  };

export const selectOnCallSchedules = (state: AppState) => state.oncallSchedules;
export const selectOnCallPolicies = (state: AppState) => state.oncallPolicies;
export const selectOnCallPeople = (state: AppState) => state.oncallPeople;
export const selectOnCallWho = (state: AppState) => state.oncallWho;
export const selectOnCallShifts = (state: AppState) => state.oncallShifts;
export const selectOnCallWeek = (state: AppState) => state.oncallWeek;
