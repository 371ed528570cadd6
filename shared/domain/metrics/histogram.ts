// Latency percentiles from cumulative `le` buckets, computed exactly as PromQL's histogram_quantile
// (promql/quantile.go bucketQuantile), and per-second rates from counters that may have been reset.
import type { Sample } from './types.ts';

export interface Bucket {
  /** The bucket's `le` bound; Infinity for the +Inf bucket. */
  upperBound: number;
  /** Cumulative count of observations <= upperBound. */
  count: number;
}

/** Reads the bucket bounds and counts from `_bucket` samples (those without a parseable `le` are skipped). */
export function bucketsFromSamples(samples: readonly Sample[]): Bucket[] {
  const buckets: Bucket[] = [];
  for (const s of samples) {
    const le = s.labels.le;
    if (le === undefined) continue;
    const upperBound = /^\+?inf$/i.test(le) ? Infinity : Number(le);
    if (le.trim() !== '' && !Number.isNaN(upperBound)) buckets.push({ upperBound, count: s.value });
  }
  return buckets;
}

/**
 * The q-quantile (0 <= q <= 1) of the observations in the buckets, interpolated linearly inside the
 * bucket it falls in; the lowest bucket starts at 0 when its bound is positive. NaN when there is
 * no +Inf bucket, fewer than two buckets or no observations; the highest finite bound when the
 * quantile falls in the +Inf bucket; -Inf/+Inf for q < 0 / q > 1, as PromQL returns.
 */
export function histogramQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length < 2 || sorted[sorted.length - 1]?.upperBound !== Infinity) return NaN;
  // Coalesce buckets with the same bound (e.g. two series merged), then force counts to be monotonic.
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push({ ...b });
  }
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count < max) b.count = max;
    else max = b.count;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]?.count ?? 0;
  if (observations === 0 || Number.isNaN(observations)) return NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first bucket whose count reaches the rank.
  let b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank);
  if (b === -1) b = buckets.length - 1;
  const at = (i: number) => buckets[i] as Bucket;
  if (b === buckets.length - 1) return at(buckets.length - 2).upperBound;
  if (b === 0 && at(0).upperBound <= 0) return at(0).upperBound;
  let bucketStart = 0;
  const bucketEnd = at(b).upperBound;
  let count = at(b).count;
  if (b > 0) {
    bucketStart = at(b - 1).upperBound;
    count -= at(b - 1).count;
    rank -= at(b - 1).count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** How much a counter grew between two readings; a drop means the process restarted from zero. */
export function increaseOf(counterNow: number, counterBefore: number): number | null {
  if (
    !Number.isFinite(counterNow) ||
    !Number.isFinite(counterBefore) ||
    counterNow < 0 ||
    counterBefore < 0
  )
    return null;
  return counterNow >= counterBefore ? counterNow - counterBefore : counterNow;
}

/** Per-second rate of a counter over `seconds`, with reset handling; null when it cannot be known. */
export function rateOf(counterNow: number, counterBefore: number, seconds: number): number | null {
  const increase = increaseOf(counterNow, counterBefore);
  if (increase === null || !Number.isFinite(seconds) || seconds <= 0) return null;
  return increase / seconds;
}
