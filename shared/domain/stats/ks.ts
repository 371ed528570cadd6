// Two-sample Kolmogorov–Smirnov test, two-sided, as scipy.stats.ks_2samp(a, b) with method='auto':
// exact when both samples have at most 10,000 values (the probability that a random lattice path
// leaves the band |i/n1 − j/n2| < D, computed as 1 − p directly, after Viehmann 2021, so small p-values
// keep their digits); otherwise asymptotic, kstwo.sf(D, round(n1·n2/(n1+n2))) as SciPy does.
// Hand-written: no JavaScript library ships the exact two-sample distribution.
import { assertCounts, assertFiniteValues, StatsInputError } from './descriptive.ts';
import { kolmogorovSf } from './kolmogorov.ts';

export const KS_EXACT_MAX_N = 10_000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** P(D ≥ h / lcm(m, n)) for two samples of m and n values, exactly. */
function exactPValue(m: number, n: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const g = gcd(m, n);
  const mg = m / g;
  const ng = n / g;
  // column[j] = P(the path to (i, j) has already touched the band's edge).
  const column = new Float64Array(n + 1);
  for (let j = 0; j <= n; j += 1) column[j] = j * mg >= h ? 1 : 0;
  for (let i = 1; i <= m; i += 1) {
    for (let j = 0; j <= n; j += 1) {
      if (Math.abs(i * ng - j * mg) >= h) column[j] = 1;
      else column[j] = j === 0 ? column[0]! : (i * column[j]! + j * column[j - 1]!) / (i + j);
    }
  }
  return column[n]!;
}

/** p-value of a two-sample KS statistic d from samples of n1 and n2 values. */
export function ksPValue(
  d: number,
  n1: number,
  n2: number,
): { pValue: number; method: KsResult['method'] } {
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    if (h === 0) return { pValue: 1, method: 'exact' };
    return { pValue: Math.min(1, Math.max(0, exactPValue(n1, n2, h))), method: 'exact' };
  }
  const en = (n1 * n2) / (n1 + n2);
  return { pValue: kolmogorovSf(Math.round(en), d), method: 'asymptotic' };
}

export function ksTwoSample(a: readonly number[], b: readonly number[]): KsResult {
  assertFiniteValues(a, 'first sample');
  assertFiniteValues(b, 'second sample');
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  // Walk the merged values; compare the ECDFs after every run of ties.
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i] === v) i += 1;
    while (j < y.length && y[j] === v) j += 1;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const { pValue, method } = ksPValue(d, x.length, y.length);
  if (method === 'exact') {
    const g = gcd(x.length, y.length);
    const lcm = (x.length / g) * y.length;
    d = Math.round(d * lcm) / lcm;
  }
  return { statistic: d, pValue, method };
}

/**
 * KS from two histograms over the same bin edges (what the agent sends instead of rows): the largest gap
 * between the cumulative shares at the bin edges, with the p-value for the histograms' row counts.
 * An approximation: the true statistic can only be larger (gaps inside a bin are not seen).
 */
export function ksFromHistograms(countsA: readonly number[], countsB: readonly number[]): KsResult {
  if (countsA.length !== countsB.length)
    throw new StatsInputError(
      `${countsA.length} bins in one histogram, ${countsB.length} in the other.`,
    );
  const n1 = assertCounts(countsA, 'first histogram');
  const n2 = assertCounts(countsB, 'second histogram');
  let ca = 0;
  let cb = 0;
  let d = 0;
  for (let k = 0; k < countsA.length; k += 1) {
    ca += countsA[k]!;
    cb += countsB[k]!;
    d = Math.max(d, Math.abs(ca / n1 - cb / n2));
  }
  const whole = Number.isInteger(n1) && Number.isInteger(n2);
  if (!whole) throw new StatsInputError('Histogram counts must be whole numbers for a KS test.');
  return { statistic: d, ...ksPValue(d, n1, n2) };
}
