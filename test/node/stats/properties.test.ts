// Properties every statistic must keep for any input: symmetry, bounds, and agreement between the ways
// of computing the same thing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  chanceToBeatControl,
  chiSquareHomogeneity,
  cupedAdjust,
  effectMoments,
  fixedHorizonInterval,
  hellinger,
  holmBonferroni,
  jensenShannon,
  ksFromHistograms,
  ksTwoSample,
  psi,
  sequentialInterval,
  summarize,
  wasserstein,
  welchTTest,
} from '../../../shared/domain/stats/index.ts';

const value = fc.double({ min: -1000, max: 1000, noNaN: true });
const sample = fc.array(value, { minLength: 2, maxLength: 40 });
const pairOfHistograms = fc
  .integer({ min: 2, max: 12 })
  .chain((bins) =>
    fc.tuple(
      fc.array(fc.nat({ max: 500 }), { minLength: bins, maxLength: bins }),
      fc.array(fc.nat({ max: 500 }), { minLength: bins, maxLength: bins }),
    ),
  )
  .filter(([a, b]) => a.some((c) => c > 0) && b.some((c) => c > 0));

const near = (a: number, b: number, tol = 1e-9) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

describe('statistics keep their properties', () => {
  it('Welch: swapping the samples negates t and keeps df and p', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        fc.pre(summarize(a).variance > 1e-9 && summarize(b).variance > 1e-9);
        const ab = welchTTest(a, b);
        const ba = welchTTest(b, a);
        expect(near(ab.t, -ba.t) && near(ab.df, ba.df) && near(ab.pValue, ba.pValue)).toBe(true);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('KS: symmetric, statistic in [0, 1], p in [0, 1]; from histograms never above the raw statistic', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = ksTwoSample(a, b);
        const ba = ksTwoSample(b, a);
        expect(ab.statistic).toBe(ba.statistic);
        expect(near(ab.pValue, ba.pValue)).toBe(true);
        expect(ab.statistic).toBeGreaterThanOrEqual(0);
        expect(ab.statistic).toBeLessThanOrEqual(1);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
        const edges = [-1000, -500, -100, 0, 100, 500, 1001];
        const histogram = (xs: number[]) =>
          edges.slice(1).map((hi, k) => xs.filter((x) => x >= edges[k]! && x < hi).length);
        const binned = ksFromHistograms(histogram(a), histogram(b));
        expect(binned.statistic).toBeLessThanOrEqual(ab.statistic + 1e-12);
      }),
    );
  });

  it('distances: symmetric, 0 on identical distributions, Jensen–Shannon and Hellinger within [0, 1], PSI ≥ 0', () => {
    fc.assert(
      fc.property(pairOfHistograms, ([p, q]) => {
        for (const distance of [jensenShannon, hellinger, psi]) {
          expect(near(distance(p, q), distance(q, p))).toBe(true);
          expect(distance(p, p)).toBeCloseTo(0, 12);
          expect(distance(p, q)).toBeGreaterThanOrEqual(0);
        }
        expect(jensenShannon(p, q)).toBeLessThanOrEqual(1);
        expect(hellinger(p, q)).toBeLessThanOrEqual(1);
        const chi = chiSquareHomogeneity(p, q);
        expect(chi.pValue).toBeGreaterThanOrEqual(0);
        expect(chi.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('Wasserstein: symmetric, and moving a sample by c moves it by |c|', () => {
    fc.assert(
      fc.property(sample, sample, fc.double({ min: -50, max: 50, noNaN: true }), (a, b, c) => {
        expect(near(wasserstein(a, b), wasserstein(b, a), 1e-9)).toBe(true);
        expect(
          near(
            wasserstein(
              a,
              a.map((x) => x + c),
            ),
            Math.abs(c),
            1e-6,
          ),
        ).toBe(true);
      }),
    );
  });

  it('chance to beat control: P(B > A) + P(A > B) = 1', () => {
    const arm = fc
      .tuple(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([users, rate]) => ({ users, conversions: Math.round(users * rate) }));
    fc.assert(
      fc.property(arm, arm, (a, b) => {
        expect(Math.abs(chanceToBeatControl(a, b) + chanceToBeatControl(b, a) - 1)).toBeLessThan(
          1e-4,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('corrections: Holm ≥ Benjamini–Hochberg ≥ the raw p-value, all within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (ps) => {
          const holm = holmBonferroni(ps).adjusted;
          const bh = benjaminiHochberg(ps).adjusted;
          ps.forEach((p, i) => {
            expect(bh[i]!).toBeGreaterThanOrEqual(p - 1e-15);
            expect(holm[i]!).toBeGreaterThanOrEqual(bh[i]! - 1e-15);
            expect(holm[i]!).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });

  it('CUPED removes a share of the variance between 0 and 1 and keeps the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 3, maxLength: 40 }), (pairs) => {
        const y = pairs.map(([v]) => v);
        const x = pairs.map(([, v]) => v);
        fc.pre(summarize(x).variance > 1e-6);
        const r = cupedAdjust(y, x);
        expect(r.varianceReduction).toBeGreaterThanOrEqual(-1e-9);
        expect(r.varianceReduction).toBeLessThanOrEqual(1 + 1e-9);
        expect(near(summarize(r.adjusted).mean, summarize(y).mean, 1e-7)).toBe(true);
      }),
    );
  });

  it('the always-valid interval holds the estimate and is wider than the fixed-horizon one', () => {
    const summary = fc.record({
      n: fc.integer({ min: 10, max: 10_000_000 }),
      mean: fc.double({ min: 1, max: 1000, noNaN: true }),
      variance: fc.double({ min: 0.01, max: 1e4, noNaN: true }),
    });
    fc.assert(
      fc.property(summary, summary, (a, b) => {
        const m = effectMoments(a, b);
        const fixed = fixedHorizonInterval(m);
        const seq = sequentialInterval(m, a.n + b.n);
        expect(seq.interval[0]).toBeLessThanOrEqual(m.estimate);
        expect(seq.interval[1]).toBeGreaterThanOrEqual(m.estimate);
        expect(seq.interval[1] - seq.interval[0]).toBeGreaterThan(
          fixed.interval[1] - fixed.interval[0],
        );
        // The asymptotic sequence assumes normality; the fixed-horizon test uses Student's t, whose
        // heavier tails can give a larger p-value for a handful of units per arm.
        if (Math.min(a.n, b.n) >= 1000)
          expect(seq.pValue).toBeGreaterThanOrEqual(fixed.pValue - 1e-12);
        // The always-valid p-value and interval agree: p < α exactly when the interval leaves out 0.
        const excludesZero = seq.interval[0] > 0 || seq.interval[1] < 0;
        if (Math.abs(seq.pValue - 0.05) > 1e-9) expect(seq.pValue < 0.05).toBe(excludesZero);
      }),
    );
  });
});
