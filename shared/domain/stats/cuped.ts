// CUPED (Deng et al. 2013): subtract from each unit's metric the part its pre-experiment value predicts,
// Y − θ(X − mean X) with θ = cov(Y, X) / var(X). The mean is unchanged in expectation; the variance
// falls by the share ρ² that X explains, so the same experiment reaches a verdict with fewer units.
import {
  assertFiniteValues,
  covariance,
  mean,
  StatsInputError,
  summarize,
  type SampleSummary,
} from './descriptive.ts';

export interface CupedResult {
  adjusted: number[];
  theta: number;
  /** 1 − var(adjusted) / var(y): the share of variance removed (0 when the pre-period explains nothing). */
  varianceReduction: number;
}

export function cupedAdjust(y: readonly number[], xPre: readonly number[]): CupedResult {
  assertFiniteValues(y, 'metric values', 2);
  assertFiniteValues(xPre, 'pre-period values', 2);
  if (y.length !== xPre.length)
    throw new StatsInputError(
      `${y.length} metric values but ${xPre.length} pre-period values: CUPED pairs them unit by unit.`,
    );
  const vx = summarize(xPre).variance;
  if (vx === 0)
    throw new StatsInputError('The pre-period values are all equal: CUPED needs variation.');
  const theta = covariance(y, xPre) / vx;
  const mx = mean(xPre);
  const adjusted = y.map((v, i) => v - theta * (xPre[i]! - mx));
  const vy = summarize(y).variance;
  return {
    adjusted,
    theta,
    varianceReduction: vy > 0 ? 1 - summarize(adjusted).variance / vy : 0,
  };
}

/** One arm's metric and pre-period summary: what CUPED needs when raw rows never leave the hosts. */
export interface CupedArmSummary {
  metric: SampleSummary;
  pre: { mean: number; variance: number; covariance: number };
}

export interface CupedSummaryResult {
  theta: number;
  /** Adjusted summaries, arm by arm in the order given. */
  adjusted: SampleSummary[];
  varianceReduction: number;
}

/**
 * CUPED from per-arm summaries: θ pooled within arms (Σ(n−1)·cov / Σ(n−1)·var), each arm's mean shifted
 * by θ(its pre mean − the overall pre mean), its variance var(Y) + θ²var(X) − 2θ·cov(Y, X).
 */
export function cupedFromSummaries(arms: readonly CupedArmSummary[]): CupedSummaryResult {
  let cov = 0;
  let varX = 0;
  let varY = 0;
  let units = 0;
  let preSum = 0;
  for (const arm of arms) {
    const w = arm.metric.n - 1;
    cov += w * arm.pre.covariance;
    varX += w * arm.pre.variance;
    varY += w * arm.metric.variance;
    units += arm.metric.n;
    preSum += arm.metric.n * arm.pre.mean;
  }
  if (!(varX > 0))
    throw new StatsInputError('The pre-period has no variance: CUPED needs variation.');
  const theta = cov / varX;
  const preMean = preSum / units;
  const adjusted = arms.map(({ metric, pre }) => ({
    n: metric.n,
    mean: metric.mean - theta * (pre.mean - preMean),
    variance: Math.max(
      0,
      metric.variance + theta * theta * pre.variance - 2 * theta * pre.covariance,
    ),
  }));
  const adjustedVar = adjusted.reduce((sum, a) => sum + (a.n - 1) * a.variance, 0);
  return { theta, adjusted, varianceReduction: varY > 0 ? 1 - adjustedVar / varY : 0 };
}
