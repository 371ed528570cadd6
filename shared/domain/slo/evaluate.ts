// The full recompute: counts a whole history with prefix sums and walks the alert rules minute by minute
// from its first minute. Slow but obviously right; the tracker must agree with it, and the backtest uses it.
import {
  newAlertRuleState,
  stepAlerts,
  type AlertRuleState,
  type AlertTransitionListener,
} from './alerts.ts';
import { countedUnits, denseHistory, minuteEndMs, type SliHistory } from './history.ts';
import { planSlo, ThresholdClock, type EvaluationOptions, type SloPlan } from './plan.ts';
import type { SloSpec } from './spec.ts';
import { buildStatus, type SloStatus } from './status.ts';
import { MINUTE_MS } from '../time.ts';
import { minuteOf, sloWindowBounds } from './windows.ts';

// Bound once: some loaders (tsx) compile every call of an import into a property getter; these run every minute.
const stepAllAlerts = stepAlerts;
const MINUTE = MINUTE_MS;

/** Where a replay ended: enough to build the status at its last minute. */
export interface Replay {
  plan: SloPlan;
  lastMinute: number;
  /** Good and counted units over the SLO window ending at lastMinute. */
  good: number;
  total: number;
  sumGood: Float64Array;
  sumTotal: Float64Array;
  states: AlertRuleState[];
  /** The first minute with data, from which coverage is counted; null when none. */
  firstDataMinute: number | null;
}

/** Replays `data` up to `lastMinute`, calling `onTransition` for every alert that fires or resolves. */
export function replaySlo(
  plan: SloPlan,
  data: SliHistory,
  lastMinute: number,
  onTransition?: AlertTransitionListener,
): Replay {
  const lengths = plan.lengths;
  const sumGood = new Float64Array(lengths.length);
  const sumTotal = new Float64Array(lengths.length);
  const states = plan.rules.map(newAlertRuleState);
  const history = denseHistory(plan, data, lastMinute);
  if (history === null)
    return {
      plan,
      lastMinute,
      good: 0,
      total: 0,
      sumGood,
      sumTotal,
      states,
      firstDataMinute: null,
    };
  const { firstDataMinute } = history;

  const units = countedUnits(plan, history);
  const n = units.good.length;
  const prefixGood = new Float64Array(n + 1);
  const prefixTotal = new Float64Array(n + 1);
  for (let i = 0; i < n; i += 1) {
    prefixGood[i + 1] = prefixGood[i]! + units.good[i]!;
    prefixTotal[i + 1] = prefixTotal[i]! + units.total[i]!;
  }
  // Sum of minutes (i − length, i], clipped to the history's start.
  const fill = (i: number): void => {
    for (let j = 0; j < lengths.length; j += 1) {
      const lo = Math.max(0, i + 1 - lengths[j]!);
      sumGood[j] = prefixGood[i + 1]! - prefixGood[lo]!;
      sumTotal[j] = prefixTotal[i + 1]! - prefixTotal[lo]!;
    }
  };

  const clock = new ThresholdClock(plan);
  for (let i = 0; i < n; i += 1) {
    const minute = history.firstMinute + i;
    const endMs = (minute + 1) * MINUTE;
    fill(i);
    stepAllAlerts(
      plan,
      clock.at(endMs),
      sumGood,
      sumTotal,
      states,
      endMs,
      plan.maintenance.has(minute),
      firstDataMinute,
      onTransition,
    );
  }

  const bounds = sloWindowBounds(plan.spec.window, minuteEndMs(lastMinute), plan.timeZone);
  const lo = Math.max(0, minuteOf(bounds.startMs) - history.firstMinute);
  return {
    plan,
    lastMinute,
    good: prefixGood[n]! - prefixGood[lo]!,
    total: prefixTotal[n]! - prefixTotal[lo]!,
    sumGood,
    sumTotal,
    states,
    firstDataMinute,
  };
}

export function statusOfReplay(replay: Replay): SloStatus {
  const { plan, lastMinute } = replay;
  return buildStatus(plan, {
    bounds: sloWindowBounds(plan.spec.window, minuteEndMs(lastMinute), plan.timeZone),
    good: replay.good,
    total: replay.total,
    sumGood: replay.sumGood,
    sumTotal: replay.sumTotal,
    states: replay.states,
    isInMaintenance: plan.maintenance.has(lastMinute),
    firstDataMinute: replay.firstDataMinute,
  });
}

/**
 * The SLO's status at `nowMs` from its whole history (minutes that ended by `nowMs`; later ones are
 * ignored). Alert states come from replaying every minute since the history's first.
 */
export function evaluateSlo(
  spec: SloSpec,
  data: SliHistory,
  nowMs: number,
  options: EvaluationOptions = {},
): SloStatus {
  const plan = planSlo(spec, options);
  return statusOfReplay(replaySlo(plan, data, minuteOf(nowMs) - 1));
}
