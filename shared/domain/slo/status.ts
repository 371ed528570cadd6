// Turns an SLO's counted sums and alert states into the status the console shows and stores. Both the
// tracker and the full recompute end here, so they can only differ in how they counted.
import type { AlertRuleState, RuleAlertState } from './alerts.ts';
import { coveredThreshold, observedMinutes, windowCoverage, type SloCoverage } from './coverage.ts';
import {
  cleanNumber,
  errorBudget,
  exceedsThreshold,
  timeToExhaustionMinutes,
  windowBurnRate,
  type ErrorBudget,
} from './math.ts';
import type { BudgetUnit, SloPlan } from './plan.ts';
import type { AlertSeverity, BudgetingMethod } from './spec.ts';
import { minuteOf, type WindowBounds } from './windows.ts';

/** not_enough_data: counted, but too little of the window to judge (see MIN_VERDICT_COVERAGE). */
export type SloHealth = 'ok' | 'at_risk' | 'breached' | 'not_enough_data' | 'no_data';

/** One alert window's burn rates now. */
export interface WindowBurnRate {
  severity: AlertSeverity;
  longMinutes: number;
  shortMinutes: number;
  budgetFraction: number;
  threshold: number;
  /** Minutes of the long window that have data; below longMinutes the pair needs effectiveThreshold. */
  observedMinutes: number;
  /** The threshold raised while the long window is not yet covered by data (see coveredThreshold). */
  effectiveThreshold: number;
  /** Null when the window counted nothing. */
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** Events (or slices) in the long window, and the low-traffic guard's minimum. */
  longCount: number;
  minCount: number;
  hasEnoughTraffic: boolean;
  /** Both windows above threshold with enough traffic (outside maintenance). */
  isBurning: boolean;
}

/** One alert rule (one per severity) as it stands now. */
export interface SloAlert {
  fingerprint: string;
  sloName: string;
  severity: AlertSeverity;
  state: RuleAlertState;
  labels: Record<string, string>;
  pendingSinceMs: number | null;
  firingSinceMs: number | null;
  resolvedAtMs: number | null;
  /** Highest long-window burn rate among the rule's windows now, and during the current or last firing. */
  burnRate: number | null;
  peakBurnRate: number | null;
  windows: { longMinutes: number; shortMinutes: number; threshold: number }[];
}

export interface SloStatus {
  sloName: string;
  status: SloHealth;
  objective: number;
  /** good / total over the window; null when nothing was counted. */
  attainment: number | null;
  budgetingMethod: BudgetingMethod;
  unit: BudgetUnit;
  /** Good and counted events (or slices) in the window, maintenance left out. */
  good: number;
  total: number;
  window: WindowBounds;
  /** How much of the window has data; verdicts wait for coverage.isSufficient. */
  coverage: SloCoverage;
  budget: ErrorBudget;
  /** Burn rate over the last hour. */
  currentBurnRate: number | null;
  /** At the current burn rate; null when nothing burns. */
  timeToExhaustionMinutes: number | null;
  burnRates: WindowBurnRate[];
  alerts: SloAlert[];
  /** The last counted minute was inside declared maintenance. */
  isInMaintenance: boolean;
}

export interface StatusInput {
  bounds: WindowBounds;
  good: number;
  total: number;
  /** Running sums per `plan.lengths`, ending at the last counted minute. */
  sumGood: Float64Array;
  sumTotal: Float64Array;
  states: readonly AlertRuleState[];
  isInMaintenance: boolean;
  /** The first minute with data (coverage is counted from it); null when none. */
  firstDataMinute: number | null;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : cleanNumber(x));

export function buildStatus(plan: SloPlan, input: StatusInput): SloStatus {
  const { spec } = plan;
  const { windows } = plan.windowsFor(input.bounds.lengthMinutes);
  const budget = errorBudget({ objective: spec.objective, good: input.good, total: input.total });
  const attainment =
    input.total > 0 ? (budget.consumed === 0 ? 1 : input.good / input.total) : null;
  const currentBurnRate = orNull(
    windowBurnRate(input.sumGood[plan.hourIdx]!, input.sumTotal[plan.hourIdx]!, plan.allowance),
  );

  const coverage = windowCoverage(input.bounds, input.firstDataMinute);
  const lastMinute = minuteOf(input.bounds.endMs) - 1;
  const burnRates = plan.pairs.map((p): WindowBurnRate => {
    const w = windows[p.windowIndex]!;
    const observed = observedMinutes(input.firstDataMinute, lastMinute, w.longMinutes);
    const effectiveThreshold = coveredThreshold(w.threshold, w.longMinutes, observed);
    const longCount = input.sumTotal[p.longIdx]!;
    const longBurnRate = orNull(
      windowBurnRate(input.sumGood[p.longIdx]!, longCount, plan.allowance),
    );
    const shortBurnRate = orNull(
      windowBurnRate(input.sumGood[p.shortIdx]!, input.sumTotal[p.shortIdx]!, plan.allowance),
    );
    const hasEnoughTraffic = longCount >= p.minUnits;
    const isBurning =
      !input.isInMaintenance &&
      hasEnoughTraffic &&
      exceedsThreshold(longBurnRate ?? 0, effectiveThreshold) &&
      exceedsThreshold(shortBurnRate ?? 0, effectiveThreshold);
    const { severity, longMinutes, shortMinutes, budgetFraction, threshold } = w;
    return {
      severity,
      longMinutes,
      shortMinutes,
      budgetFraction,
      threshold,
      observedMinutes: observed,
      effectiveThreshold: cleanNumber(effectiveThreshold),
      longBurnRate,
      shortBurnRate,
      longCount,
      minCount: p.minUnits,
      hasEnoughTraffic,
      isBurning,
    };
  });

  const alerts = plan.rules.map((rule, r): SloAlert => {
    const s = input.states[r]!;
    return {
      fingerprint: rule.fingerprint,
      sloName: spec.name,
      severity: rule.severity,
      state: s.state,
      labels: rule.labels,
      pendingSinceMs: s.pendingSinceMs,
      firingSinceMs: s.firingSinceMs,
      resolvedAtMs: s.resolvedAtMs,
      burnRate: s.burnRate === null ? null : cleanNumber(s.burnRate),
      peakBurnRate: s.peakBurnRate === null ? null : cleanNumber(s.peakBurnRate),
      windows: rule.pairs.map((p) => {
        const w = windows[p.windowIndex]!;
        return { longMinutes: w.longMinutes, shortMinutes: w.shortMinutes, threshold: w.threshold };
      }),
    };
  });

  return {
    sloName: spec.name,
    status: healthOf(plan, attainment, budget, alerts, coverage),
    objective: spec.objective,
    attainment,
    budgetingMethod: spec.budgetingMethod,
    unit: plan.unit,
    good: input.good,
    total: input.total,
    window: input.bounds,
    coverage,
    budget,
    currentBurnRate,
    timeToExhaustionMinutes:
      attainment === null
        ? null
        : timeToExhaustionMinutes(
            // On too little of the window, the whole window's budget at the traffic seen so far
            // (a 4-minute fault spends a sliver of 28 days' budget, not all of it).
            coverage.isSufficient
              ? budget.remainingFraction
              : 1 - budget.consumedFraction * coverage.fraction,
            currentBurnRate,
            input.bounds.lengthMinutes,
          ),
    burnRates,
    alerts,
    isInMaintenance: input.isInMaintenance,
  };
}

function healthOf(
  plan: SloPlan,
  attainment: number | null,
  budget: ErrorBudget,
  alerts: readonly SloAlert[],
  coverage: SloCoverage,
): SloHealth {
  if (attainment === null) return 'no_data';
  const isFiring = alerts.some((a) => a.state === 'firing');
  // Minutes of a 28-day window do not make a breach; a firing alert (sized for what was observed) does warn.
  if (!coverage.isSufficient) return isFiring ? 'at_risk' : 'not_enough_data';
  // Compare ratios, not budgets: 1 − 0.9 is not exactly 0.1, and meeting the objective exactly is not a breach.
  if (attainment < plan.spec.objective) return 'breached';
  if (isFiring || budget.remainingFraction < plan.atRiskRemainingFraction) return 'at_risk';
  return 'ok';
}
