// Corrections for testing several metrics at once: Holm–Bonferroni (controls the family-wise error rate)
// and Benjamini–Hochberg (controls the false discovery rate). Adjusted p-values are reported, so
// "significant" is simply adjusted p < alpha, as statsmodels' multipletests and
// scipy.stats.false_discovery_control give them.
import { assertFiniteValues, StatsInputError } from './descriptive.ts';

export interface CorrectionResult {
  adjusted: number[];
  rejected: boolean[];
}

function check(pValues: readonly number[]): void {
  assertFiniteValues(pValues, 'p-values');
  for (const p of pValues)
    if (p < 0 || p > 1) throw new StatsInputError(`A p-value must lie in [0, 1], got ${p}.`);
}

function order(pValues: readonly number[]): number[] {
  return pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
}

export function holmBonferroni(pValues: readonly number[], alpha = 0.05): CorrectionResult {
  check(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  order(pValues).forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return { adjusted, rejected: adjusted.map((p) => p < alpha) };
}

export function benjaminiHochberg(pValues: readonly number[], alpha = 0.05): CorrectionResult {
  check(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  const sorted = order(pValues);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank -= 1) {
    const index = sorted[rank]!;
    running = Math.min(running, (m * pValues[index]!) / (rank + 1));
    adjusted[index] = running;
  }
  return { adjusted, rejected: adjusted.map((p) => p < alpha) };
}
