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

/** The value of `series` at the sample nearest to `ts` (series sorted by time). */
function nearest(series: readonly Point[], ts: number): number | undefined {
  let lo = 0;
  let hi = series.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (series[mid]![0] < ts) lo = mid + 1;
    else hi = mid;
  }
  const after = series[lo]!;
  const before = series[lo - 1];
  return before && ts - before[0] < after[0] - ts ? before[1] : after[1];
}

/** Errors as a percentage of requests, from the two counters (sampled independently). */
export function errorPercentPoints(errors: readonly Point[], requests: readonly Point[]): Point[] {
  const requestRate = ratePoints(requests);
  return ratePoints(errors).map(([ts, errorRate]) => {
    const rate = nearest(requestRate, ts) ?? 0;
    return [ts, rate > 0 ? Math.min(100, (100 * errorRate) / rate) : 0] as const;
  });
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
