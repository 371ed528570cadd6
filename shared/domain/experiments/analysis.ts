// The analysis of a model A/B experiment from per-arm totals (what the hosts count; no request ever
// leaves them): per metric the effect of the variant, its always-valid interval and p-value (so
// operators may look at any time), the chance the variant wins, CUPED where a pre-period exists, the
// sample-ratio-mismatch check, and which guardrails the variant breaches. The statistics themselves
// come from shared/domain/stats.
import { chanceToBeatControl } from '../stats/betaBinomial.ts';
import { srmTest, SRM_P_THRESHOLD } from '../stats/chiSquare.ts';
import { cupedFromSummaries } from '../stats/cuped.ts';
import type { SampleSummary } from '../stats/descriptive.ts';
import {
  effectMoments,
  gaussianPosterior,
  sequentialInterval,
  type DifferenceType,
} from '../stats/effect.ts';

export const EXPERIMENT_METRICS = ['latency', 'errors', 'accuracy', 'drift'] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];
/** Metrics each request (or labelled prediction) measures per arm; drift is the service's own signal. */
export const ARM_METRICS = ['latency', 'errors', 'accuracy'] as const;
export type ArmMetric = (typeof ARM_METRICS)[number];

/** A pre-period of one arm's metric (the same units before the split), for CUPED. */
export interface PrePeriod {
  mean: number;
  variance: number;
  covariance: number;
}

/** What the hosts counted for one arm since the split was applied. */
export interface ArmTotals {
  version: string;
  requests: number;
  errors: number;
  latencySum: number;
  latencySumSq: number;
  labelled: number;
  correct: number;
  pre?: Partial<Record<ArmMetric, PrePeriod>>;
}

/** The hosts' counters of one arm, as they start when a split is applied. */
export type ArmCounters = Omit<ArmTotals, 'pre'>;

export const emptyArm = (version: string): ArmCounters => ({
  version,
  requests: 0,
  errors: 0,
  latencySum: 0,
  latencySumSq: 0,
  labelled: 0,
  correct: 0,
});

export interface Guardrail {
  metric: ExperimentMetric;
  /**
   * The most harm tolerated: latency as a share slower than control (0.1 = 10 % slower), errors and
   * accuracy in absolute points of ratio (0.01 = one point), drift as the service's drift score.
   */
  maxHarm: number;
  /** The SLO it comes from, when it is one of the service's SLOs (the default guardrails). */
  slo?: string;
}

export interface MetricResult {
  metric: ArmMetric;
  difference: DifferenceType;
  isLowerBetter: boolean;
  control: { n: number; mean: number };
  variant: { n: number; mean: number };
  /** Variant − control (absolute) or the lift over control (relative). */
  estimate: number;
  interval: [number, number];
  /** Always-valid p-value (asymptotic confidence sequence). */
  pValue: number;
  chanceToWin: number;
  cuped: { theta: number; varianceReduction: number } | null;
}

export interface GuardrailResult extends Guardrail {
  isBreached: boolean;
  /** The harm seen: the metric's estimate (drift: the service's score); null before enough data. */
  observed: number | null;
}

export interface ExperimentAnalysis {
  units: { control: number; variant: number };
  srm: { chi2: number; pValue: number; isMismatch: boolean } | null;
  metrics: MetricResult[];
  guardrails: GuardrailResult[];
}

export interface AnalysisInput {
  control: ArmTotals;
  variant: ArmTotals;
  variantPercent: number;
  guardrails: readonly Guardrail[];
  alpha: number;
  /** The service's drift score now (the highest across its hosts), when known. */
  driftScore?: number | null;
}

/** Below this many units in either arm nothing is judged: intervals on a handful mislead. */
export const MIN_UNITS_PER_ARM = 100;

const DIFFERENCE: Record<ArmMetric, DifferenceType> = {
  latency: 'relative',
  errors: 'absolute',
  accuracy: 'absolute',
};
const LOWER_IS_BETTER: Record<ArmMetric, boolean> = {
  latency: true,
  errors: true,
  accuracy: false,
};

/** One arm's summary of a metric: latency per request, errors and accuracy as 0/1 outcomes. */
export function armSummary(arm: ArmTotals, metric: ArmMetric): SampleSummary {
  if (metric === 'latency') {
    const n = arm.requests;
    const mean = n > 0 ? arm.latencySum / n : 0;
    const variance = n > 1 ? Math.max(0, (arm.latencySumSq - n * mean * mean) / (n - 1)) : 0;
    return { n, mean, variance };
  }
  const [hits, n] = metric === 'errors' ? [arm.errors, arm.requests] : [arm.correct, arm.labelled];
  const p = n > 0 ? hits / n : 0;
  return { n, mean: p, variance: n > 1 ? (p * (1 - p) * n) / (n - 1) : 0 };
}

function analyseMetric(input: AnalysisInput, metric: ArmMetric): MetricResult | null {
  let control = armSummary(input.control, metric);
  let variant = armSummary(input.variant, metric);
  if (control.n < MIN_UNITS_PER_ARM || variant.n < MIN_UNITS_PER_ARM) return null;
  if (control.variance === 0 && variant.variance === 0) return null;
  if (DIFFERENCE[metric] === 'relative' && control.mean === 0) return null;
  const preC = input.control.pre?.[metric];
  const preV = input.variant.pre?.[metric];
  let cuped: MetricResult['cuped'] = null;
  if (preC && preV) {
    const adjusted = cupedFromSummaries([
      { metric: control, pre: preC },
      { metric: variant, pre: preV },
    ]);
    [control, variant] = adjusted.adjusted as [SampleSummary, SampleSummary];
    cuped = { theta: adjusted.theta, varianceReduction: adjusted.varianceReduction };
  }
  const moments = effectMoments(control, variant, DIFFERENCE[metric]);
  const { interval, pValue } = sequentialInterval(moments, control.n + variant.n, input.alpha);
  const isLowerBetter = LOWER_IS_BETTER[metric];
  // Proportions without CUPED: the exact Beta-Binomial chance; otherwise the Gaussian engine's.
  const chanceToWin =
    metric !== 'latency' && !cuped
      ? chanceFromCounts(input, metric)
      : gaussianPosterior(moments, { alpha: input.alpha, lowerIsBetter: isLowerBetter })
          .chanceToWin;
  return {
    metric,
    difference: DIFFERENCE[metric],
    isLowerBetter,
    control: { n: control.n, mean: control.mean },
    variant: { n: variant.n, mean: variant.mean },
    estimate: moments.estimate,
    interval,
    pValue,
    chanceToWin,
    cuped,
  };
}

/** errors: the variant wins with fewer failures, so "conversions" are the requests that succeeded. */
function chanceFromCounts(input: AnalysisInput, metric: 'errors' | 'accuracy'): number {
  const counts = (arm: ArmTotals) =>
    metric === 'errors'
      ? { conversions: arm.requests - arm.errors, users: arm.requests }
      : { conversions: arm.correct, users: arm.labelled };
  return chanceToBeatControl(counts(input.control), counts(input.variant));
}

/**
 * A guardrail is breached when the variant is worse beyond doubt (its always-valid interval lies on
 * the harmful side of zero) and by more than the guardrail tolerates; drift when the service's score
 * is above the limit.
 */
function judgeGuardrail(
  guardrail: Guardrail,
  metrics: readonly MetricResult[],
  driftScore: number | null | undefined,
): GuardrailResult {
  if (guardrail.metric === 'drift') {
    const observed = driftScore ?? null;
    return {
      ...guardrail,
      observed,
      isBreached: observed !== null && observed > guardrail.maxHarm,
    };
  }
  const result = metrics.find((m) => m.metric === guardrail.metric);
  if (!result) return { ...guardrail, observed: null, isBreached: false };
  const sign = result.isLowerBetter ? 1 : -1;
  const harm = sign * result.estimate;
  const isCertain = sign > 0 ? result.interval[0] > 0 : result.interval[1] < 0;
  return { ...guardrail, observed: harm, isBreached: isCertain && harm > guardrail.maxHarm };
}

export function analyseExperiment(input: AnalysisInput): ExperimentAnalysis {
  const units = { control: input.control.requests, variant: input.variant.requests };
  const total = units.control + units.variant;
  // Judged once the arms hold 200 units between them: on a handful of requests one host's arms
  // committed a batch apart look like a mismatch; an arm that gets nothing is still caught.
  const srm =
    total >= 2 * MIN_UNITS_PER_ARM && input.variantPercent > 0 && input.variantPercent < 100
      ? (({ chi2, pValue }) => ({ chi2, pValue, isMismatch: pValue < SRM_P_THRESHOLD }))(
          srmTest(
            [units.control, units.variant],
            [100 - input.variantPercent, input.variantPercent],
          ),
        )
      : null;
  const metrics = ARM_METRICS.flatMap((m) => analyseMetric(input, m) ?? []);
  return {
    units,
    srm,
    metrics,
    guardrails: input.guardrails.map((g) => judgeGuardrail(g, metrics, input.driftScore)),
  };
}
