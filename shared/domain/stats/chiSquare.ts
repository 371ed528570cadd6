// χ² tests on counts: the sample-ratio-mismatch check of an experiment's traffic split (as
// scipy.stats.chisquare) and the homogeneity of two histograms (as scipy.stats.chi2_contingency on a
// 2 × k table with correction=False).
import { chiSquareSf, normalSf } from './distributions.ts';
import { assertCounts, StatsInputError, toShares } from './descriptive.ts';

export interface ChiSquareResult {
  chi2: number;
  pValue: number;
}

/** GrowthBook's rule: a split this unlikely under the planned shares means the experiment is broken. */
export const SRM_P_THRESHOLD = 0.001;

export interface SrmResult extends ChiSquareResult {
  /** p < 0.001: the observed split does not match the planned one; the experiment cannot be shipped. */
  isMismatch: boolean;
}

/** Sample ratio mismatch: observed units per arm against the planned shares (any positive weights). */
export function srmTest(observed: readonly number[], expectedShares: readonly number[]): SrmResult {
  if (observed.length < 2) throw new StatsInputError('An SRM check needs at least two arms.');
  if (observed.length !== expectedShares.length)
    throw new StatsInputError(
      `${observed.length} observed counts but ${expectedShares.length} expected shares.`,
    );
  const total = assertCounts(observed, 'observed units');
  const shares = toShares(expectedShares, 'expected shares');
  let chi2 = 0;
  for (let i = 0; i < observed.length; i += 1) {
    const expected = total * shares[i]!;
    if (expected <= 0) throw new StatsInputError(`expected share ${i} is 0.`);
    chi2 += (observed[i]! - expected) ** 2 / expected;
  }
  const pValue = chiSquareSf(chi2, observed.length - 1);
  return { chi2, pValue, isMismatch: pValue < SRM_P_THRESHOLD };
}

export interface HomogeneityResult extends ChiSquareResult {
  df: number;
}

/**
 * Are two histograms over the same bins drawn from one distribution? Bins empty in both are left out
 * (SciPy refuses a table with an all-zero column); no Yates correction.
 */
export function chiSquareHomogeneity(
  countsA: readonly number[],
  countsB: readonly number[],
): HomogeneityResult {
  if (countsA.length !== countsB.length)
    throw new StatsInputError(
      `${countsA.length} bins in one histogram, ${countsB.length} in the other.`,
    );
  const totalA = assertCounts(countsA, 'first histogram');
  const totalB = assertCounts(countsB, 'second histogram');
  const total = totalA + totalB;
  let chi2 = 0;
  let bins = 0;
  for (let i = 0; i < countsA.length; i += 1) {
    const column = countsA[i]! + countsB[i]!;
    if (column === 0) continue;
    bins += 1;
    const ea = (column * totalA) / total;
    const eb = (column * totalB) / total;
    chi2 += (countsA[i]! - ea) ** 2 / ea + (countsB[i]! - eb) ** 2 / eb;
  }
  const df = bins - 1;
  return { chi2, df, pValue: df > 0 ? chiSquareSf(chi2, df) : 1 };
}

/**
 * Two-proportion z-test with a pooled proportion (Evidently's test for binary features), two-sided.
 */
export function zTestProportions(
  successesA: number,
  totalA: number,
  successesB: number,
  totalB: number,
): { z: number; pValue: number } {
  if (!(totalA > 0 && totalB > 0)) throw new StatsInputError('Both samples need at least one row.');
  if (successesA < 0 || successesA > totalA || successesB < 0 || successesB > totalB)
    throw new StatsInputError('Successes must lie between 0 and the sample size.');
  const pa = successesA / totalA;
  const pb = successesB / totalB;
  const pooled = (successesA + successesB) / (totalA + totalB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (pa - pb) / se;
  return { z, pValue: 2 * normalSf(Math.abs(z)) };
}
