// The burn-rate alert state machine, stepped once per evaluated minute by both the incremental tracker
// and the full recompute, so both walk the same states.
//
// inactive ──(short window burns, long not yet)──▶ pending ──(both windows burn for forMinutes)──▶ firing
// firing ──(no pair burns in both windows)──▶ resolved; resolved/inactive can go pending or firing again.
// Pending is the early warning at an outage's start: the 5-minute window crosses before the hour does.
import { coveredThreshold, observedMinutes } from './coverage.ts';
import { exceedsThreshold, windowBurnRate } from './math.ts';
import type { PlannedRule, SloPlan } from './plan.ts';
import { MINUTE_MS } from '../time.ts';

// Bound once: some loaders (tsx) compile every call of an import into a property getter, and these
// run for every SLO every minute.
const burnRateOf = windowBurnRate;
const isAbove = exceedsThreshold;
const thresholdFor = coveredThreshold;

/** The states of an alert in the stream and in every view; one list, so no copy drifts from it. */
export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
/** A rule's state in this machine: 'inactive' while its condition does not hold (no alert exists then). */
export type RuleAlertState = 'inactive' | AlertState;

export interface AlertRuleState {
  state: RuleAlertState;
  /** When some pair began to burn above threshold in both windows; null while none does. */
  conditionSinceMs: number | null;
  pendingSinceMs: number | null;
  firingSinceMs: number | null;
  /** When the last firing ended; kept while a new pending spell comes and goes. */
  resolvedAtMs: number | null;
  /** Highest long-window burn rate during the current (or last) firing. */
  peakBurnRate: number | null;
  /** The rule's highest long-window burn rate at the last step. */
  burnRate: number | null;
}

export type AlertTransition = 'fired' | 'resolved';
export type AlertTransitionListener = (
  rule: PlannedRule,
  transition: AlertTransition,
  state: AlertRuleState,
  atMs: number,
) => void;

export function newAlertRuleState(): AlertRuleState {
  return {
    state: 'inactive',
    conditionSinceMs: null,
    pendingSinceMs: null,
    firingSinceMs: null,
    resolvedAtMs: null,
    peakBurnRate: null,
    burnRate: null,
  };
}

/** Moves one rule's state to `nowMs`; returns the transition that happened, if any. */
export function stepAlertRule(
  s: AlertRuleState,
  nowMs: number,
  isMet: boolean,
  isEarly: boolean,
  burnRate: number | null,
  forMs: number,
): AlertTransition | null {
  s.burnRate = burnRate;
  if (!isMet) s.conditionSinceMs = null;
  else if (s.conditionSinceMs === null) s.conditionSinceMs = nowMs;

  if (s.state === 'firing') {
    if (isMet) {
      if (burnRate !== null && (s.peakBurnRate === null || burnRate > s.peakBurnRate))
        s.peakBurnRate = burnRate;
      return null;
    }
    s.state = 'resolved';
    s.resolvedAtMs = nowMs;
    return 'resolved';
  }
  if (isMet && s.conditionSinceMs !== null && nowMs - s.conditionSinceMs >= forMs) {
    s.state = 'firing';
    s.firingSinceMs = nowMs;
    s.pendingSinceMs = null;
    s.resolvedAtMs = null;
    s.peakBurnRate = burnRate;
    return 'fired';
  }
  if (isMet || isEarly) {
    if (s.state !== 'pending') {
      s.state = 'pending';
      s.pendingSinceMs = nowMs;
    }
    return null;
  }
  s.state = s.resolvedAtMs !== null ? 'resolved' : 'inactive';
  s.pendingSinceMs = null;
  return null;
}

/**
 * Evaluates every rule at `nowMs` from the running sums of `plan.lengths` and steps its state. Inside
 * maintenance nothing holds, so nothing fires (a firing alert resolves). A pair whose long window
 * reaches back before `firstDataMinute` (the SLO's first minute of data) must clear a threshold raised
 * in proportion (see coveredThreshold): a burn over minutes of data is not a burn over days.
 */
export function stepAlerts(
  plan: SloPlan,
  thresholds: Float64Array,
  sumGood: Float64Array,
  sumTotal: Float64Array,
  states: AlertRuleState[],
  nowMs: number,
  isMaintenance: boolean,
  firstDataMinute: number | null,
  onTransition?: AlertTransitionListener,
): void {
  const allowance = plan.allowance;
  const observed = observedMinutes(firstDataMinute, Math.round(nowMs / MINUTE_MS) - 1);
  for (let r = 0; r < plan.rules.length; r += 1) {
    const rule = plan.rules[r]!;
    let isMet = false;
    let isEarly = false;
    let burn = NaN;
    for (let i = 0; i < rule.pairs.length; i += 1) {
      const p = rule.pairs[i]!;
      const longTotal = sumTotal[p.longIdx]!;
      const longBurn = burnRateOf(sumGood[p.longIdx]!, longTotal, allowance);
      if (longBurn > burn || burn !== burn) burn = longBurn;
      if (isMaintenance || longTotal < p.minUnits) continue;
      const shortBurn = burnRateOf(sumGood[p.shortIdx]!, sumTotal[p.shortIdx]!, allowance);
      const threshold = thresholdFor(thresholds[p.windowIndex]!, p.longMinutes, observed);
      const isShortBurning = isAbove(shortBurn, threshold);
      if (isShortBurning && isAbove(longBurn, threshold)) isMet = true;
      else if (isShortBurning) isEarly = true;
    }
    const state = states[r]!;
    const transition = stepAlertRule(
      state,
      nowMs,
      isMet,
      isEarly,
      burn !== burn ? null : burn,
      plan.forMs,
    );
    if (transition !== null && onTransition !== undefined)
      onTransition(rule, transition, state, nowMs);
  }
}
