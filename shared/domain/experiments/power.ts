// The minimum sample size of an experiment's plan: units per arm to detect the minimum detectable
// effect (relative to the baseline) at α (two-sided) with the given power, for the primary metric.
import { normalQuantile } from '../stats/distributions.ts';
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

/** n per arm = 2 (z₁₋α/₂ + z_power)² σ² / δ², σ² and δ from the baseline (Normal approximation). */
export function sampleSizePerArm(plan: PowerPlan): number {
  if (plan.primaryMetric !== 'latency' && !(plan.baseline > 0 && plan.baseline < 1))
    throw new RangeError('For errors and accuracy the baseline is a ratio between 0 and 1.');
  const z = normalQuantile(1 - plan.alpha / 2) + normalQuantile(plan.power);
  // Latency: σ/μ is the coefficient of variation and δ/μ the MDE; ratios: σ² = p(1 − p), δ = mde · p.
  const [variance, delta] =
    plan.primaryMetric === 'latency'
      ? [plan.baseline ** 2, plan.mde]
      : [plan.baseline * (1 - plan.baseline), plan.mde * plan.baseline];
  return Math.ceil((2 * z * z * variance) / (delta * delta));
}
