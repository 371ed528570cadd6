// The minimum sample size of an experiment's plan: units per arm to detect the minimum detectable
// effect (relative to the baseline) at α (two-sided) with the given power, for the primary metric.
// The arithmetic is the statistics library's; this only turns the plan into its inputs.
import { sampleSizeForMeans, sampleSizeForProportions } from '../stats/power.ts';
import type { ArmMetric } from './analysis.ts';

export interface PowerPlan {
  primaryMetric: ArmMetric;
  /** Relative minimum detectable effect (0.05 = 5 %). */
  mde: number;
  alpha: number;
  power: number;
  /** A ratio for errors and accuracy (0 < p < 1); for latency its coefficient of variation. */
  baseline: number;
}

export function sampleSizePerArm(plan: PowerPlan): number {
  const { alpha, power } = plan;
  // Latency in units of its mean: σ is the coefficient of variation, δ the relative MDE.
  if (plan.primaryMetric === 'latency')
    return sampleSizeForMeans({
      minimumDetectableEffect: plan.mde,
      standardDeviation: plan.baseline,
      alpha,
      power,
    });
  // Errors should fall and accuracy rise: the effect worth detecting moves the rate that way.
  const sign = plan.primaryMetric === 'errors' ? -1 : 1;
  return sampleSizeForProportions({
    minimumDetectableEffect: sign * plan.mde * plan.baseline,
    baselineRate: plan.baseline,
    alpha,
    power,
  });
}
