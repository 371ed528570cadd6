// Tail probabilities and quantiles of the normal, Student t, χ² and beta distributions, from @stdlib's
// special functions (ports of Boost and Cephes). Upper tails come from the upper incomplete functions,
// never from 1 − cdf, so p-values far below 1e-16 keep their digits (as SciPy's `sf`). The t quantile is
// solved here by Newton's method on the t cdf: @stdlib's own pulls in the inverse incomplete beta and
// gamma functions, which would add ~30 KB to the renderer for one interval.
import betainc from '@stdlib/math-base-special-betainc';
import betaln from '@stdlib/math-base-special-betaln';
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';
import normalQuantileOf from '@stdlib/stats-base-dists-normal-quantile';

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

/** P(T ≤ t) with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = betainc(df / (df + t * t), df / 2, 0.5) / 2;
  return t < 0 ? tail : 1 - tail;
}

/** The Student t quantile (df may be fractional), to full double precision. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (p === 0.5) return 0;
  // Solve in the tail nearer to p so tiny tails keep their digits; the quantile is odd in p − ½.
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  const logNorm = -betaln(df / 2, 0.5) - 0.5 * Math.log(df);
  let t = Math.min(normalQuantile(q), -1e-8);
  for (let i = 0; i < 100; i += 1) {
    const tail = betainc(df / (df + t * t), df / 2, 0.5) / 2;
    const density = Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
    let next = t - (tail - q) / density;
    if (!(next < 0)) next = t / 2; // stay in the lower half, where the lower tail is increasing
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) {
      t = next;
      break;
    }
    t = next;
  }
  return upper ? -t : t;
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
