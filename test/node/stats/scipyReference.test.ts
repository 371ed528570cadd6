// Every statistic against the values SciPy computed for the same inputs (test/fixtures/stats/generate.py).
// Tolerances: 1e-9 relative for closed forms and exact distributions, 1e-6 where SciPy integrates
// numerically, 1e-4 absolute for the chance to beat control (the promised accuracy).
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  chanceToBeatControl,
  chiSquareHomogeneity,
  cupedAdjust,
  effectMoments,
  fixedHorizonInterval,
  gaussianPosterior,
  hellinger,
  holmBonferroni,
  jensenShannon,
  kolmogorovSf,
  ksTwoSample,
  psi,
  sampleSizeForMeans,
  sampleSizeForProportions,
  sequentialInterval,
  srmTest,
  tQuantile,
  wasserstein,
  wassersteinFromHistograms,
  welchTTest,
  welchTTestFromSummaries,
  zTestProportions,
} from '../../../shared/domain/stats/index.ts';
import { ref } from './reference.ts';

function close(actual: number, expected: number, rel = 1e-9, abs = 1e-300): void {
  const tolerance = Math.max(abs, rel * Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tolerance))
    expect.fail(`${actual} differs from SciPy's ${expected} by more than ${tolerance}`);
}

describe('experiment statistics match SciPy', () => {
  it('Welch t-test from raw values and from summaries', () => {
    for (const c of ref.welch) {
      const r = welchTTest(c.a, c.b);
      close(r.t, c.t);
      close(r.df, c.df);
      close(r.pValue, c.pValue);
    }
    for (const c of ref.welchSummary) {
      const r = welchTTestFromSummaries(c.a, c.b);
      close(r.t, c.t);
      close(r.df, c.df);
      close(r.pValue, c.pValue);
    }
  });

  it('Student t quantiles, fractional degrees of freedom included', () => {
    for (const c of ref.tQuantile) close(tQuantile(c.p, c.df), c.t, 1e-10, 1e-15);
  });

  it('sample ratio mismatch, flagged below p = 0.001', () => {
    for (const c of ref.srm) {
      const r = srmTest(c.observed, c.shares);
      close(r.chi2, c.chi2);
      close(r.pValue, c.pValue);
      expect(r.isMismatch).toBe(c.pValue < 0.001);
    }
    expect(ref.srm.some((c: { pValue: number }) => c.pValue < 0.001)).toBe(true);
  });

  it('chance to beat control under Beta(1, 1) priors, to 1e-4', () => {
    for (const c of ref.chance) close(chanceToBeatControl(c.control, c.variant), c.chance, 0, 1e-4);
  });

  it('effects: fixed-horizon interval, confidence sequence (tuning 5000), Gaussian posterior', () => {
    for (const c of ref.effects) {
      const m = effectMoments(c.control, c.variant, c.difference);
      close(m.estimate, c.estimate);
      close(m.variance, c.variance);
      close(m.df, c.df);
      const fixed = fixedHorizonInterval(m);
      close(fixed.interval[0], c.fixed.interval[0], 1e-8);
      close(fixed.interval[1], c.fixed.interval[1], 1e-8);
      close(fixed.pValue, c.fixed.pValue, 1e-8);
      const seq = sequentialInterval(m, c.control.n + c.variant.n);
      close(seq.interval[0], c.sequential.interval[0]);
      close(seq.interval[1], c.sequential.interval[1]);
      close(seq.pValue, c.sequential.pValue);
      const bayes = gaussianPosterior(m, c.prior ? { prior: c.prior } : {});
      close(bayes.estimate, c.bayes.estimate);
      close(bayes.standardDeviation, c.bayes.sd);
      close(bayes.interval[1], c.bayes.interval[1], 1e-8);
      close(bayes.chanceToWin, c.bayes.chanceToWin, 1e-8);
      // Peeking costs width: the always-valid interval is never narrower than the fixed one.
      expect(seq.interval[1] - seq.interval[0]).toBeGreaterThan(
        fixed.interval[1] - fixed.interval[0],
      );
    }
  });

  it('CUPED: θ, adjusted values and the variance it removes', () => {
    const c = ref.cuped;
    const r = cupedAdjust(c.y, c.x);
    close(r.theta, c.theta);
    close(r.varianceReduction, c.varianceReduction);
    r.adjusted.forEach((v, i) => close(v, c.adjusted[i]!, 1e-9));
  });

  it('Holm–Bonferroni and Benjamini–Hochberg adjusted p-values', () => {
    const c = ref.corrections;
    holmBonferroni(c.pValues).adjusted.forEach((p, i) => close(p, c.holm[i]!));
    benjaminiHochberg(c.pValues).adjusted.forEach((p, i) => close(p, c.bh[i]!));
  });

  it('power: the minimum sample size per arm', () => {
    for (const c of ref.power.proportions)
      expect(
        sampleSizeForProportions({
          baselineRate: c.baselineRate,
          minimumDetectableEffect: c.mde,
          alpha: c.alpha,
          power: c.power,
        }),
      ).toBe(c.n);
    for (const c of ref.power.means)
      expect(
        sampleSizeForMeans({
          standardDeviation: c.sd,
          minimumDetectableEffect: c.mde,
          alpha: c.alpha,
          power: c.power,
        }),
      ).toBe(c.n);
  });
});

describe('drift statistics match SciPy', () => {
  it('two-sample KS: exact for small samples, asymptotic above 10,000 values', () => {
    const methods = ref.ks.map(
      (c: { a: number[]; b: number[]; statistic: number; pValue: number }) => {
        const r = ksTwoSample(c.a, c.b);
        close(r.statistic, c.statistic, 1e-12);
        close(r.pValue, c.pValue, 1e-8, 1e-15);
        return r.method;
      },
    );
    expect(methods).toContain('exact');
    expect(methods).toContain('asymptotic');
  });

  it('the finite-n Kolmogorov distribution in every method range', () => {
    for (const c of ref.kstwo) close(kolmogorovSf(c.n, c.d), c.sf, 1e-8, 1e-15);
  });

  it('χ² homogeneity, PSI, Jensen–Shannon, Hellinger and Wasserstein on histograms', () => {
    const h = ref.histograms;
    const chi = chiSquareHomogeneity(h.reference, h.current);
    close(chi.chi2, h.chi2);
    expect(chi.df).toBe(h.chi2Df);
    close(chi.pValue, h.chi2P, 1e-8, 1e-300);
    close(psi(h.reference, h.current), h.psi);
    close(jensenShannon(h.reference, h.current), h.jensenShannon);
    close(hellinger(h.reference, h.current), h.hellinger);
    const w = wassersteinFromHistograms(h.edges, h.reference, h.current);
    close(w, h.wassersteinHist, 1e-7);
    // Against the rows the histograms came from: within one bin's width.
    expect(Math.abs(w - h.wassersteinRaw)).toBeLessThan(h.binWidth);
    for (const c of ref.categorical) {
      close(jensenShannon(c.p, c.q), c.jensenShannon, 1e-9, 1e-12);
      close(hellinger(c.p, c.q), c.hellinger, 1e-9, 1e-12);
      close(psi(c.p, c.q), c.psi, 1e-9, 1e-12);
    }
  });

  it('Wasserstein distance between raw samples', () => {
    for (const c of ref.wasserstein) close(wasserstein(c.a, c.b), c.distance, 1e-9);
  });

  it("Evidently's two-proportion Z-test", () => {
    for (const c of ref.zTest) {
      const r = zTestProportions(c.successesA, c.totalA, c.successesB, c.totalB);
      close(r.z, c.z);
      close(r.pValue, c.pValue, 1e-9);
    }
  });
});
