// Tail probabilities and quantiles of the normal, Student t, χ² and beta distributions, from @stdlib's
// special functions (ports of Boost and Cephes). Upper tails come from the upper incomplete functions,
// never from 1 − cdf, so p-values far below 1e-16 keep their digits (as SciPy's `sf`).
import betainc from '@stdlib/math-base-special-betainc';
import betaln from '@stdlib/math-base-special-betaln';
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';
import normalQuantileOf from '@stdlib/stats-base-dists-normal-quantile';
import tQuantileOf from '@stdlib/stats-base-dists-t-quantile';

/** P(Z > z) for a standard normal Z. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** The standard normal quantile (inverse cdf). */
export function normalQuantile(p: number): number {
  return normalQuantileOf(p, 0, 1);
}

/** Two-sided p-value of a t statistic: P(|T| ≥ |t|) with `df` degrees of freedom (df may be fractional). */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  if (df === Number.POSITIVE_INFINITY) return 2 * normalSf(Math.abs(t));
  return betainc(df / (df + t * t), df / 2, 0.5);
}

/** The Student t quantile. */
export function tQuantile(p: number, df: number): number {
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  return tQuantileOf(p, df);
}

/** P(X ≥ x) for X ~ χ²(k). */
export function chiSquareSf(x: number, k: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, k / 2, true, true);
}

/** The regularised incomplete beta I_x(a, b): the cdf of Beta(a, b) at x. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return betainc(x, a, b);
}

/** log of the Beta(a, b) density at x (0 < x < 1). */
export function betaLogPdf(x: number, a: number, b: number): number {
  return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - betaln(a, b);
}
