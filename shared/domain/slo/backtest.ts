// "Had this SLO existed over the last 30 days, here is when it would have alerted": replays the alert
// rules minute by minute over stored history and returns every firing as an interval.
import { replaySlo } from './evaluate.ts';
import { isMinuteSeries, type SliHistory } from './history.ts';
import { planSlo, type EvaluationOptions } from './plan.ts';
import type { AlertSeverity, SloSpec } from './spec.ts';
import { cleanNumber } from './math.ts';
import { MINUTE_MS } from '../time.ts';
import { minuteOf } from './windows.ts';

export interface AlertInterval {
  severity: AlertSeverity;
  fingerprint: string;
  /** When the rule would have fired (end of the minute that tipped it). */
  startMs: number;
  /** When it would have resolved; null when still firing at the end of the backtest. */
  endMs: number | null;
  /** Highest long-window burn rate while firing. */
  peakBurnRate: number | null;
}

export interface BacktestOptions extends EvaluationOptions {
  /** Report firings that were active at or after this instant (history before it still primes the windows). */
  fromMs: number;
  /** Replay up to this instant (exclusive; minutes that ended by then). */
  toMs: number;
}

/** Firings in time order (pages and tickets interleaved); the replay starts at the history's first minute. */
export function backtestSlo(
  spec: SloSpec,
  data: SliHistory,
  options: BacktestOptions,
): AlertInterval[] {
  const plan = planSlo(spec, options);
  const intervals: AlertInterval[] = [];
  const open = new Map<string, AlertInterval>();
  const replay = replaySlo(
    plan,
    data,
    minuteOf(options.toMs) - 1,
    (rule, transition, state, atMs) => {
      if (transition === 'fired') {
        const interval: AlertInterval = {
          severity: rule.severity,
          fingerprint: rule.fingerprint,
          startMs: atMs,
          endMs: null,
          peakBurnRate: null,
        };
        intervals.push(interval);
        open.set(rule.fingerprint, interval);
        return;
      }
      const interval = open.get(rule.fingerprint);
      if (interval === undefined) return;
      interval.endMs = atMs;
      interval.peakBurnRate = state.peakBurnRate === null ? null : cleanNumber(state.peakBurnRate);
      open.delete(rule.fingerprint);
    },
  );
  // Still firing at the end: the peak so far is in the rule's final state.
  plan.rules.forEach((rule, r) => {
    const interval = open.get(rule.fingerprint);
    const peak = replay.states[r]?.peakBurnRate ?? null;
    if (interval !== undefined) interval.peakBurnRate = peak === null ? null : cleanNumber(peak);
  });
  return intervals.filter((i) => i.endMs === null || i.endMs > options.fromMs);
}

export interface BacktestCoverage {
  /** Start of the first minute with data in the span (the span's start when data began earlier); null when none. */
  sinceMs: number | null;
  /** Minutes from `sinceMs` to the span's end: what "no alerts" is based on. */
  observedMinutes: number;
  spanMinutes: number;
}

/**
 * How much of [fromMs, toMs) the backtest had data for, counted from the first minute with data (as
 * an SLO's coverage is): "would not have alerted" means little over 2 minutes of a 30-day span.
 */
export function backtestCoverage(data: SliHistory, fromMs: number, toMs: number): BacktestCoverage {
  let first = Infinity;
  if (isMinuteSeries(data)) {
    for (let i = 0; i < data.total.length && first === Infinity; i += 1)
      if (data.total[i]! > 0) first = data.startMs + i * MINUTE_MS;
  } else {
    for (const p of data) if (p.total > 0 && p.t < first) first = p.t;
  }
  const since = first < toMs ? Math.max(fromMs, first - (first % MINUTE_MS)) : null;
  return {
    sinceMs: since,
    observedMinutes: since === null ? 0 : Math.round((toMs - since) / MINUTE_MS),
    spanMinutes: Math.round((toMs - fromMs) / MINUTE_MS),
  };
}
