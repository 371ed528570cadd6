// The console's per-minute SLI data, and how a stretch of it becomes the dense, maintenance-free columns
// the full recompute and the backtest count over.
import type { SloPlan } from './plan.ts';
import { MINUTE_MS } from '../time.ts';
import { minuteOf } from './windows.ts';

/**
 * One minute of an SLI as the console rolls it up: good and total events, or, for slice indicators, the
 * minute already judged (good 1 or 0, total 1; total 0 when there was no data). `t` is the minute's start, ms UTC.
 */
export interface MinutePoint {
  t: number;
  good: number;
  total: number;
}

/** The same minutes column-wise, for bulk loads: minute i starts at startMs + i minutes. */
export interface MinuteSeries {
  startMs: number;
  good: ArrayLike<number>;
  total: ArrayLike<number>;
}

export type SliHistory = readonly MinutePoint[] | MinuteSeries;

export const isMinuteSeries = (data: SliHistory): data is MinuteSeries => !Array.isArray(data);

/** Minutes first..last (inclusive) of good/total, maintenance minutes zeroed; a later point for a minute wins. */
export interface DenseHistory {
  firstMinute: number;
  /** The first minute with data (total > 0, maintenance or not); null when none has any. */
  firstDataMinute: number | null;
  good: Float64Array;
  total: Float64Array;
}

/** The history up to and including `lastMinute`, from its first minute; null when none of it is that old. */
export function denseHistory(
  plan: SloPlan,
  data: SliHistory,
  lastMinute: number,
): DenseHistory | null {
  let first: number;
  if (isMinuteSeries(data)) {
    first = minuteOf(data.startMs);
  } else {
    first = Infinity;
    for (const p of data) first = Math.min(first, minuteOf(p.t));
  }
  if (!Number.isFinite(first) || first > lastMinute) return null;

  const n = lastMinute - first + 1;
  const good = new Float64Array(n);
  const total = new Float64Array(n);
  if (isMinuteSeries(data)) {
    const count = Math.min(n, data.total.length);
    for (let i = 0; i < count; i += 1) {
      good[i] = data.good[i] ?? 0;
      total[i] = data.total[i] ?? 0;
    }
  } else {
    for (const p of data) {
      const m = minuteOf(p.t);
      if (m <= lastMinute) {
        good[m - first] = p.good;
        total[m - first] = p.total;
      }
    }
  }
  const hasMaintenance = !plan.maintenance.isEmpty;
  let firstDataMinute: number | null = null;
  for (let i = 0; i < n; i += 1) {
    if (firstDataMinute === null && total[i]! > 0) firstDataMinute = first + i;
    // NaN or negative counts are 0 and good never exceeds total (a counter reset), as in the tracker.
    const t = total[i]! > 0 && !(hasMaintenance && plan.maintenance.has(first + i)) ? total[i]! : 0;
    const g = good[i]!;
    good[i] = g > 0 ? (g < t ? g : t) : 0;
    total[i] = t;
  }
  return { firstMinute: first, firstDataMinute, good, total };
}

/**
 * What each minute counts for the budget: itself for Occurrences; for slice methods, the judged slice at
 * its last minute (slices align to whole multiples of the slice length since the epoch) and 0 elsewhere.
 */
export function countedUnits(
  plan: SloPlan,
  history: DenseHistory,
): { good: Float64Array; total: Float64Array } {
  const k = plan.sliceMinutes;
  if (plan.unit === 'events') return history;
  const n = history.good.length;
  const good = new Float64Array(n);
  const total = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const m = history.firstMinute + i;
    if ((m + 1) % k !== 0) continue;
    let g = 0;
    let t = 0;
    for (let j = Math.max(0, i - k + 1); j <= i; j += 1) {
      g += history.good[j]!;
      t += history.total[j]!;
    }
    const score = plan.scoreSlice(g, t);
    if (!Number.isNaN(score)) {
      good[i] = score;
      total[i] = 1;
    }
  }
  return { good, total };
}

export const minuteEndMs = (minute: number): number => (minute + 1) * MINUTE_MS;
