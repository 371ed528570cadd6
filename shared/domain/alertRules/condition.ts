// One alert condition over time, as Prometheus evaluates a rule: inactive → pending (the condition
// holds, waiting out its for-duration) → firing → inactive. Hysteresis comes from the caller: an
// observation between the fire and clear levels keeps whatever phase the condition is in.

/**
 * What one evaluation saw: `breach` (beyond the fire level), `clear` (back past the clear level),
 * `between` (neither: hysteresis holds the phase) or `noData` (nothing fresh to judge).
 */
export type Observation = 'breach' | 'clear' | 'between' | 'noData';

export type ConditionPhase = 'inactive' | 'pending' | 'firing';

export interface ConditionState {
  phase: ConditionPhase;
  /** pending: when the condition began to hold; firing: when it began (the alert's start). */
  sinceMs: number;
  /** The newest evaluation that had data. */
  lastDataMs: number;
}

export interface ConditionTiming {
  /** How long the condition must hold before the alert fires (0: at once). */
  forMs: number;
  /** A firing alert with no data for this long resolves (its series is gone, not merely late). */
  noDataResolveMs: number;
}

export type ConditionChange = 'fired' | 'resolved' | null;

export const inactiveCondition = (nowMs: number): ConditionState => ({
  phase: 'inactive',
  sinceMs: nowMs,
  lastDataMs: nowMs,
});

/** A condition already firing since `sinceMs` (an alert that was open before the console restarted). */
export const firingCondition = (sinceMs: number, nowMs: number): ConditionState => ({
  phase: 'firing',
  sinceMs,
  lastDataMs: nowMs,
});

export function stepCondition(
  state: ConditionState,
  observation: Observation,
  nowMs: number,
  timing: ConditionTiming,
): { state: ConditionState; change: ConditionChange } {
  const lastDataMs = observation === 'noData' ? state.lastDataMs : nowMs;
  const same = { state: { ...state, lastDataMs }, change: null };
  switch (state.phase) {
    case 'inactive':
      if (observation !== 'breach') return same;
      if (timing.forMs <= 0)
        return { state: { phase: 'firing', sinceMs: nowMs, lastDataMs }, change: 'fired' };
      return { state: { phase: 'pending', sinceMs: nowMs, lastDataMs }, change: null };
    case 'pending':
      // Like Prometheus, a pending condition starts over as soon as it stops holding.
      if (observation !== 'breach')
        return { state: { phase: 'inactive', sinceMs: nowMs, lastDataMs }, change: null };
      if (nowMs - state.sinceMs >= timing.forMs)
        return { state: { ...state, phase: 'firing', lastDataMs }, change: 'fired' };
      return same;
    case 'firing':
      if (
        observation === 'clear' ||
        (observation === 'noData' && nowMs - state.lastDataMs >= timing.noDataResolveMs)
      )
        return { state: { phase: 'inactive', sinceMs: nowMs, lastDataMs }, change: 'resolved' };
      return same;
  }
}
