// Welch's two-sample t-test (unequal variances, two-sided), as scipy.stats.ttest_ind(a, b, equal_var=False):
// t = (mean_a − mean_b) / √(s²a/na + s²b/nb), Welch–Satterthwaite degrees of freedom.
import { tTwoSidedP } from './distributions.ts';
import { assertFiniteValues, assertSummary, summarize, type SampleSummary } from './descriptive.ts';

export interface TTestResult {
  t: number;
  df: number;
  pValue: number;
}

export function welchTTestFromSummaries(a: SampleSummary, b: SampleSummary): TTestResult {
  assertSummary(a, 'first sample');
  assertSummary(b, 'second sample');
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  const t = (a.mean - b.mean) / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { t, df, pValue: tTwoSidedP(t, df) };
}

export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): TTestResult {
  assertFiniteValues(a, 'first sample', 2);
  assertFiniteValues(b, 'second sample', 2);
  return welchTTestFromSummaries(summarize(a), summarize(b));
}
