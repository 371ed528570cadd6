// How much of an SLO's window the console has data for, and what that allows it to say. Counted from
// the SLO's first minute of data: a new SLO (or a new model service) has minutes of a 28-day window, so
// its attainment and budget are provisional, and a burn-rate alert must not read a 4-minute burn as
// three days' worth.
import { MINUTE_MS } from '../time.ts';
import type { WindowBounds } from './windows.ts';

/**
 * Share of the SLO window that must have data before the console judges it (breached, budget
 * exhausted): a tenth, 3 days of a 30-day window, the Workbook's longest alert window. Before that the
 * SLO reads "not enough data yet" and its figures are marked provisional.
 */
export const MIN_VERDICT_COVERAGE = 0.1;

export interface SloCoverage {
  /** Start of the first counted minute with data inside the window; null when there is none. */
  sinceMs: number | null;
  /** Minutes of the window from its first data to its end. */
  observedMinutes: number;
  /** The window's full length (rolling days, or the whole calendar period). */
  windowMinutes: number;
  /** observedMinutes / windowMinutes, 0 to 1. */
  fraction: number;
  /** fraction ≥ MIN_VERDICT_COVERAGE: verdicts and budget figures stand. */
  isSufficient: boolean;
}

/** Minutes from `firstDataMinute` through `lastMinute` (inclusive), at most `cap`; 0 before any data. */
export function observedMinutes(
  firstDataMinute: number | null,
  lastMinute: number,
  cap = Infinity,
): number {
  if (firstDataMinute === null || firstDataMinute > lastMinute) return 0;
  return Math.min(cap, lastMinute - firstDataMinute + 1);
}

/** The coverage of the window `bounds` for data that began at minute `firstDataMinute`. */
export function windowCoverage(bounds: WindowBounds, firstDataMinute: number | null): SloCoverage {
  const windowMinutes = bounds.lengthMinutes;
  const sinceMs =
    firstDataMinute === null || firstDataMinute * MINUTE_MS >= bounds.endMs
      ? null
      : Math.max(bounds.startMs, firstDataMinute * MINUTE_MS);
  const observed = sinceMs === null ? 0 : Math.round((bounds.endMs - sinceMs) / MINUTE_MS);
  const fraction = windowMinutes > 0 ? Math.min(1, observed / windowMinutes) : 0;
  return {
    sinceMs,
    observedMinutes: observed,
    windowMinutes,
    fraction,
    isSufficient: fraction >= MIN_VERDICT_COVERAGE,
  };
}

/**
 * The burn rate an alert pair must exceed while its long window is not yet covered by data. A pair's
 * threshold is sized so that firing means `budgetFraction` of the budget went within the long window
 * (SRE Workbook ch. 5); over only `observed` of its `longMinutes`, the same share is spent only at a
 * burn rate longMinutes / observed times higher. So a 3-day ticket never fires on 4 minutes of data
 * unless those minutes alone spent its 10 % of the budget. Infinity before any data.
 */
export function coveredThreshold(threshold: number, longMinutes: number, observed: number): number {
  if (observed >= longMinutes) return threshold;
  return observed > 0 ? (threshold * longMinutes) / observed : Infinity;
}
