// Pure: stored series → what a chart draws (units, counters turned into rates, reason bands).
import { bandsWhere, type Point, type TimeBand } from '../../charts/timeSeriesOption.ts';
import { toGiB, type Transform } from './metrics.ts';

/** Per-second rate of a counter; a drop (counter reset on restart) counts from zero. */
export function ratePoints(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < points.length; i++) {
    const [t0, v0] = points[i - 1]!;
    const [t1, v1] = points[i]!;
    const seconds = (t1 - t0) / 1000;
    if (seconds <= 0) continue;
    const delta = v1 >= v0 ? v1 - v0 : v1;
    out.push([t1, delta / seconds]);
  }
  return out;
}

/** Errors are counted over at least this trailing window, as a rate() over [1m] would: one failed
 * request among the hundred of a single scrape would otherwise read as a 1 % error rate. */
export const ERROR_WINDOW_MS = 60_000;

/** Running total of a counter's increases (a drop is a restart and counts from zero). */
function increases(points: readonly Point[]): Point[] {
  let total = 0;
  return points.map(([ts, v], i) => {
    const before = i > 0 ? points[i - 1]![1] : v;
    total += v >= before ? v - before : v;
    return [ts, total] as const;
  });
}

/** The running total at the last sample at or before `ts` (the first sample when none is). */
function totalAt(totals: readonly Point[], ts: number): number | undefined {
  let lo = 0;
  let hi = totals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (totals[mid]![0] <= ts) lo = mid + 1;
    else hi = mid;
  }
  return totals[Math.max(0, lo - 1)]?.[1];
}

/**
 * Errors as a percentage of requests, from the two counters (sampled independently), each point
 * over the trailing minute or the step since the previous sample, whichever is longer.
 */
export function errorPercentPoints(errors: readonly Point[], requests: readonly Point[]): Point[] {
  const errorTotals = increases(errors);
  const requestTotals = increases(requests);
  const out: Point[] = [];
  for (let i = 1; i < errorTotals.length; i++) {
    const [ts, errorTotal] = errorTotals[i]!;
    const from = Math.min(ts - ERROR_WINDOW_MS, errorTotals[i - 1]![0]);
    const failed = errorTotal - (totalAt(errorTotals, from) ?? errorTotal);
    const served = (totalAt(requestTotals, ts) ?? 0) - (totalAt(requestTotals, from) ?? 0);
    out.push([ts, served > 0 ? Math.min(100, (100 * failed) / served) : 0]);
  }
  return out;
}

export function transformPoints(
  kind: Transform,
  points: readonly Point[],
  requests: readonly Point[] = [],
): Point[] {
  switch (kind) {
    case 'bytesToGiB':
      return points.map(([t, v]) => [t, toGiB(v)] as const);
    case 'secondsToMs':
      return points.map(([t, v]) => [t, v * 1000] as const);
    case 'rate':
      return ratePoints(points);
    case 'errorPercent':
      return errorPercentPoints(points, requests);
    default:
      return [...points];
  }
}

/**
 * Bands where a clock event reason bit was set. Long ranges ask for each bucket's last mask (a mean
 * of a mask decodes to nothing); a value that is still not a whole number is left unshaded.
 */
export function reasonBands(
  mask: readonly Point[],
  reasons: readonly { bit: number; label: string; tone: TimeBand['tone'] }[],
): TimeBand[] {
  return reasons.flatMap(({ bit, label, tone }) =>
    bandsWhere(mask, (value) => Number.isInteger(value) && (value & bit) !== 0, label, tone),
  );
}
