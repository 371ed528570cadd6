// The SLO arithmetic every view and alert shares: error allowance, burn rate, thresholds and budget.
// Plain numbers in, plain numbers out; no clock, no time zone.

/** Rounds away float noise (1 - 0.9 = 0.09999999999999998) so budgets and thresholds read as people wrote them. */
export function cleanNumber(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}

/** The share of events (or slices) allowed to be bad: 1 − objective, e.g. 0.001 for 99.9 %. */
export function errorAllowance(objective: number): number {
  return cleanNumber(1 - objective);
}

/** How many times faster than "exactly on budget" errors arrive: 1 spends the budget over the whole window. */
export function burnRate(errorRatio: number, objective: number): number {
  return errorRatio / errorAllowance(objective);
}

/**
 * Bad events (or slices): total − good, where a difference below 1e-10 of the total is the rounding left
 * by summing fractional slice scores, not an error (it would show as a burn rate of 1e-14).
 */
export function badCount(good: number, total: number): number {
  const bad = total - good;
  return bad <= total * 1e-10 ? 0 : bad;
}

/** The error ratio of a window, or null when it holds no events (no data is not the same as no errors). */
export function errorRatio(good: number, total: number): number | null {
  return total > 0 ? badCount(good, total) / total : null;
}

/** Burn rate of a window from its sums; NaN when it counted nothing (comparisons with NaN are false). */
export function windowBurnRate(good: number, total: number, allowance: number): number {
  return total > 0 ? badCount(good, total) / total / allowance : NaN;
}

/**
 * Whether a burn rate is above its threshold by more than rounding: a window sitting exactly on the
 * threshold (28 bad minutes of 120 at 0.3) must not fire or not depending on how the sum was added up.
 */
export function exceedsThreshold(burnRate: number, threshold: number): boolean {
  return burnRate > threshold * (1 + 1e-9);
}

/**
 * Burn rate at which `budgetFraction` of the budget is gone within the alert's long window
 * (SRE Workbook ch. 5): 2 % of a 30-day budget in 1 h → 0.02 × 720 / 1 = 14.4.
 */
export function burnRateThreshold(
  budgetFraction: number,
  sloWindowHours: number,
  longWindowHours: number,
): number {
  return cleanNumber((budgetFraction * sloWindowHours) / longWindowHours);
}

export interface ErrorBudget {
  /** Bad events (or slices) the objective allows over the counted ones. */
  total: number;
  /** Bad events (or slices) so far. */
  consumed: number;
  /** total − consumed; negative once the objective is missed. */
  remaining: number;
  /** remaining / total (1 when nothing was counted); negative once the objective is missed. */
  remainingFraction: number;
  /** consumed / total (0 when nothing was counted). */
  consumedFraction: number;
}

/** The error budget of `total` counted events (or slices) of which `good` met the objective. */
export function errorBudget(input: {
  objective: number;
  good: number;
  total: number;
}): ErrorBudget {
  const budget = cleanNumber(input.total * errorAllowance(input.objective));
  const consumed = cleanNumber(badCount(input.good, input.total));
  const remaining = cleanNumber(budget - consumed);
  // Nothing counted yet: nothing allowed, nothing spent.
  if (budget <= 0)
    return { total: 0, consumed, remaining, remainingFraction: 1, consumedFraction: 0 };
  return {
    total: budget,
    consumed,
    remaining,
    remainingFraction: cleanNumber(remaining / budget),
    consumedFraction: cleanNumber(consumed / budget),
  };
}

/**
 * Minutes until the budget is gone if errors keep arriving at `currentBurnRate`: a burn rate of b spends
 * b / windowMinutes of the budget per minute. Null when nothing burns; 0 when the budget is already spent.
 */
export function timeToExhaustionMinutes(
  remainingFraction: number,
  currentBurnRate: number | null,
  windowMinutes: number,
): number | null {
  if (remainingFraction <= 0) return 0;
  if (currentBurnRate === null || !(currentBurnRate > 0)) return null;
  return cleanNumber((remainingFraction * windowMinutes) / currentBurnRate);
}
