// The effect of a variant on a metric from two arm summaries, as GrowthBook's engines compute it: the
// difference (absolute) or the lift over control (relative, by the delta method), its variance, a fixed-
// horizon Welch interval, an always-valid confidence sequence so operators may look at any time, and a
// Gaussian Bayesian posterior (flat prior unless one is given) with the chance that the variant wins.
import { normalCdf, normalQuantile, tQuantile, tTwoSidedP } from './distributions.ts';
import { assertSummary, StatsInputError, type SampleSummary } from './descriptive.ts';
import { welchTTestFromSummaries } from './welch.ts';

export type DifferenceType = 'absolute' | 'relative';

export interface EffectMoments {
  /** variant − control (absolute) or (variant − control) / control (relative). */
  estimate: number;
  variance: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
}

export function effectMoments(
  control: SampleSummary,
  variant: SampleSummary,
  difference: DifferenceType = 'absolute',
): EffectMoments {
  assertSummary(control, 'control');
  assertSummary(variant, 'variant');
  const { df } = welchTTestFromSummaries(variant, control);
  if (difference === 'absolute')
    return {
      estimate: variant.mean - control.mean,
      variance: variant.variance / variant.n + control.variance / control.n,
      df,
    };
  if (control.mean === 0)
    throw new StatsInputError('A relative effect needs a control mean other than 0.');
  const ma = control.mean;
  return {
    estimate: (variant.mean - ma) / ma,
    variance:
      variant.variance / (ma * ma * variant.n) +
      (control.variance * variant.mean * variant.mean) / (ma ** 4 * control.n),
    df,
  };
}

/** GrowthBook's default tuning parameter: the total sample size where the sequence is narrowest. */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

export interface IntervalResult {
  interval: [number, number];
  pValue: number;
}

/** Fixed-horizon two-sided Welch interval and p-value for an effect. */
export function fixedHorizonInterval(moments: EffectMoments, alpha = 0.05): IntervalResult {
  const se = Math.sqrt(moments.variance);
  const half = tQuantile(1 - alpha / 2, moments.df) * se;
  return {
    interval: [moments.estimate - half, moments.estimate + half],
    pValue: tTwoSidedP(moments.estimate / se, moments.df),
  };
}

/** GrowthBook's ρ for a two-sided asymptotic confidence sequence (Waudby-Smith et al. 2023). */
export function sequentialRho(alpha: number, tuning: number): number {
  return Math.sqrt((-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuning);
}

/**
 * Always-valid interval and p-value (GrowthBook's asymptotic confidence sequence): valid however often
 * it is looked at. `totalUnits` is control + variant units; the interval is widest far from `tuning`.
 */
export function sequentialInterval(
  moments: EffectMoments,
  totalUnits: number,
  alpha = 0.05,
  tuning = DEFAULT_SEQUENTIAL_TUNING,
): IntervalResult {
  if (!(tuning > 0)) throw new StatsInputError('The sequential tuning parameter must be positive.');
  const n = totalUnits;
  const rho = sequentialRho(alpha, tuning);
  const nr2 = n * rho * rho;
  const s2 = moments.variance * n;
  const half =
    Math.sqrt(s2) *
    Math.sqrt((2 * (nr2 + 1) * Math.log(Math.sqrt(nr2 + 1) / alpha)) / (n * rho) ** 2);
  // The squared standardized sum (n · estimate / σ)²: the e-value reaches 1/α exactly at the interval's edge.
  const st2 = (moments.estimate * moments.estimate * n * n) / s2;
  const evalue = Math.exp((rho * rho * st2) / (2 * (nr2 + 1))) / Math.sqrt(nr2 + 1);
  return {
    interval: [moments.estimate - half, moments.estimate + half],
    pValue: Math.min(1 / evalue, 1),
  };
}

export interface GaussianPrior {
  mean: number;
  variance: number;
}

export interface BayesianResult {
  /** Posterior mean of the effect. */
  estimate: number;
  standardDeviation: number;
  /** Central credible interval at 1 − alpha. */
  interval: [number, number];
  /** P(effect > 0), or P(effect < 0) when lower is better. */
  chanceToWin: number;
}

/**
 * Gaussian Bayesian engine for continuous metrics: the effect's sampling distribution N(estimate, variance)
 * updated with a Gaussian prior on the effect (none: a flat prior, GrowthBook's default).
 */
export function gaussianPosterior(
  moments: EffectMoments,
  options: { prior?: GaussianPrior; alpha?: number; lowerIsBetter?: boolean } = {},
): BayesianResult {
  const alpha = options.alpha ?? 0.05;
  let mean = moments.estimate;
  let variance = moments.variance;
  if (options.prior) {
    if (!(options.prior.variance > 0))
      throw new StatsInputError('A Gaussian prior needs a variance above 0.');
    const precision = 1 / options.prior.variance + 1 / variance;
    mean = (options.prior.mean / options.prior.variance + mean / variance) / precision;
    variance = 1 / precision;
  }
  const sd = Math.sqrt(variance);
  const z = normalQuantile(1 - alpha / 2);
  const pUp = normalCdf(mean / sd);
  return {
    estimate: mean,
    standardDeviation: sd,
    interval: [mean - z * sd, mean + z * sd],
    chanceToWin: options.lowerIsBetter ? 1 - pUp : pUp,
  };
}
