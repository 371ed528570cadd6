// Latency percentiles as PromQL's histogram_quantile computes them, and counter rates across resets.
import { describe, expect, it } from 'vitest';
import { toCanonical } from '../../../shared/domain/metrics/canonical.ts';
import { parseExposition } from '../../../shared/domain/metrics/exposition.ts';
import {
  bucketsFromSamples,
  histogramQuantile,
  increaseOf,
  rateOf,
  type Bucket,
} from '../../../shared/domain/metrics/histogram.ts';
import { inferenceRunPhases, inferenceRunScrapes } from '../../helpers/fixtures.ts';

const b = (upperBound: number, count: number): Bucket => ({ upperBound, count });

describe('histogramQuantile', () => {
  // 100 observations: 10 <= 0.1 s, 50 <= 0.5 s, 90 <= 1 s, all <= +Inf.
  const buckets = [b(0.1, 10), b(0.5, 50), b(1, 90), b(Infinity, 100)];

  it('interpolates linearly inside the bucket the rank falls in', () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.5); // rank 50 = top of the 0.5 bucket
    expect(histogramQuantile(0.3, buckets)).toBeCloseTo(0.1 + 0.4 * (20 / 40)); // 0.3
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.5 + 0.5 * (20 / 40)); // 0.75
  });

  it('starts the lowest bucket at 0 when its bound is positive', () => {
    expect(histogramQuantile(0.05, buckets)).toBeCloseTo(0.1 * (5 / 10));
  });

  it('returns the lowest bound when that bound is zero or negative', () => {
    expect(histogramQuantile(0.1, [b(-1, 5), b(1, 10), b(Infinity, 10)])).toBe(-1);
  });

  it('answers the highest finite bound when the rank lands in the +Inf bucket', () => {
    expect(histogramQuantile(0.99, buckets)).toBe(1);
  });

  it('is NaN without a +Inf bucket, with one bucket or with no observations', () => {
    expect(histogramQuantile(0.5, [b(0.1, 1), b(1, 2)])).toBeNaN();
    expect(histogramQuantile(0.5, [b(Infinity, 3)])).toBeNaN();
    expect(histogramQuantile(0.5, [b(1, 0), b(Infinity, 0)])).toBeNaN();
  });

  it('follows PromQL outside [0, 1] and for NaN', () => {
    expect(histogramQuantile(-0.1, buckets)).toBe(-Infinity);
    expect(histogramQuantile(1.1, buckets)).toBe(Infinity);
    expect(histogramQuantile(NaN, buckets)).toBeNaN();
  });

  it('sorts unsorted buckets, merges equal bounds and repairs non-monotonic counts', () => {
    expect(
      histogramQuantile(0.5, [b(Infinity, 100), b(1, 90), b(0.1, 10), b(0.5, 50)]),
    ).toBeCloseTo(0.5);
    expect(histogramQuantile(0.75, [b(1, 2), b(1, 2), b(2, 4), b(Infinity, 4)])).toBeCloseTo(0.75);
    expect(histogramQuantile(0.5, [b(0.5, 60), b(1, 50), b(Infinity, 100)])).toBeCloseTo(
      0.5 * (50 / 60),
    );
  });

  it('reads buckets from parsed _bucket samples', () => {
    const { families } = parseExposition(
      '# TYPE h histogram\nh_bucket{le="0.5"} 1\nh_bucket{le="+Inf"} 2\nh_count 2\nh_sum 1\n',
    );
    expect(bucketsFromSamples(families[0]?.samples ?? [])).toEqual([b(0.5, 1), b(Infinity, 2)]);
  });
});

describe('rateOf', () => {
  it('divides the increase by the interval', () => {
    expect(rateOf(150, 100, 10)).toBe(5);
  });
  it('treats a drop as a restart from zero', () => {
    expect(increaseOf(30, 1000)).toBe(30);
    expect(rateOf(30, 1000, 15)).toBe(2);
  });
  it('refuses intervals and readings that cannot give a rate', () => {
    expect(rateOf(1, 0, 0)).toBeNull();
    expect(rateOf(NaN, 0, 5)).toBeNull();
    expect(rateOf(1, -1, 5)).toBeNull();
  });
});

describe('the recorded inference run (idle → ramp → saturated → recover)', () => {
  const phases = inferenceRunPhases();
  const phaseAt = (t: number) => [...phases].reverse().find((p) => p.start <= t)?.phase ?? 'before';
  const scrapes = inferenceRunScrapes().map(({ unixTime, text }) => {
    const { signals } = toCanonical(parseExposition(text).families, { server: 'python' });
    const buckets = signals
      .filter((s) => s.signal === 'latency_seconds_bucket' && s.model === 'gpt2-small-random')
      .map((s) => b(s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), s.value));
    return { unixTime, buckets, signals };
  });
  // Latency over each 5 s scrape interval, from the bucket increases (what rate() over a window gives).
  const windows = scrapes.slice(1).map((now, i) => {
    const before = scrapes[i]?.buckets ?? [];
    const delta = now.buckets.map((bucket) =>
      b(
        bucket.upperBound,
        increaseOf(
          bucket.count,
          before.find((x) => x.upperBound === bucket.upperBound)?.count ?? 0,
        ) ?? 0,
      ),
    );
    return { phase: phaseAt(now.unixTime), p99: histogramQuantile(0.99, delta) };
  });
  const p99sIn = (phase: string) =>
    windows.filter((w) => w.phase === phase && !Number.isNaN(w.p99)).map((w) => w.p99);
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;

  it('has p99 latency within the 2.5 s bucket (service time ~1.3 s) in a typical idle window', () => {
    expect(p99sIn('idle').length).toBeGreaterThan(3);
    expect(median(p99sIn('idle'))).toBeLessThanOrEqual(2.5);
  });

  it('has p99 latency beyond the 10 s bucket in every saturated window', () => {
    const saturated = p99sIn('saturated');
    expect(saturated.length).toBeGreaterThan(3);
    // PromQL answers the highest finite bound when the rank falls in the +Inf bucket.
    for (const p99 of saturated) expect(p99).toBe(10);
    expect(median(saturated)).toBeGreaterThan(3 * median(p99sIn('idle')));
  });

  it('reports a cumulative p99 that grows through ramp and saturation and never falls', () => {
    const p99s = scrapes
      .filter((s) => ['ramp', 'saturated'].includes(phaseAt(s.unixTime)))
      .map((s) => s.signals.find((x) => x.signal === 'latency_p99_seconds')?.value ?? NaN);
    expect(p99s.length).toBeGreaterThan(6);
    for (let i = 1; i < p99s.length; i++) expect(p99s[i]).toBeGreaterThanOrEqual(p99s[i - 1] ?? 0);
    expect(p99s[0]).toBeLessThan(5);
    expect(p99s.at(-1)).toBe(10);
  });
});
