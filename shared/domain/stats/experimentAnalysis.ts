// The full analysis of an experiment from its input (experimentInput.ts): the sample-ratio check, and per
// metric and variant the effect with its fixed-horizon interval and p-value, the always-valid interval,
// the chance to win, CUPED where a pre-period exists, and p-values corrected across all the comparisons.
import { chanceToBeatControl } from './betaBinomial.ts';
import { srmTest, type SrmResult } from './chiSquare.ts';
import { benjaminiHochberg, holmBonferroni } from './corrections.ts';
import { cupedFromSummaries, type CupedArmSummary } from './cuped.ts';
import { covariance, StatsInputError, summarize, type SampleSummary } from './descriptive.ts';
import {
  effectMoments,
  fixedHorizonInterval,
  gaussianPosterior,
  sequentialInterval,
} from './effect.ts';
import type { ParsedExperimentAnalysisInput } from './experimentInput.ts';

type Metric = ParsedExperimentAnalysisInput['metrics'][number];
type MeanArm = Extract<Metric, { kind: 'mean' }>['arms'][string];

export interface Comparison {
  variant: string;
  /** Variant − control, or the lift over control when the metric's difference is relative. */
  estimate: number;
  interval: [number, number];
  pValue: number;
  /** After the experiment's correction across every metric and variant. */
  adjustedPValue: number;
  /** Always-valid interval and p-value: safe to read at any time during the experiment. */
  sequential: { interval: [number, number]; pValue: number };
  /** P(the variant is better), by the metric's direction. */
  chanceToWin: number;
  isSignificant: boolean;
  outcome: 'better' | 'worse' | 'inconclusive';
}

export interface MetricAnalysis {
  name: string;
  kind: Metric['kind'];
  direction: Metric['direction'];
  difference: Metric['difference'];
  arms: { name: string; n: number; mean: number }[];
  cuped: { theta: number; varianceReduction: number } | null;
  comparisons: Comparison[];
}

export interface ExperimentAnalysis {
  name: string | null;
  control: string;
  alpha: number;
  correction: ParsedExperimentAnalysisInput['correction'];
  srm: SrmResult & { canShip: boolean };
  metrics: MetricAnalysis[];
}

function meanArmSummary(arm: MeanArm, where: string): CupedArmSummary | SampleSummary {
  if ('values' in arm) {
    const metric = summarize(arm.values);
    if (!arm.preValues) return metric;
    if (arm.preValues.length !== arm.values.length)
      throw new StatsInputError(
        `${where}: ${arm.values.length} values but ${arm.preValues.length} preValues (one per unit).`,
      );
    const pre = summarize(arm.preValues);
    return {
      metric,
      pre: {
        mean: pre.mean,
        variance: pre.variance,
        covariance: covariance(arm.values, arm.preValues),
      },
    };
  }
  const metric = { n: arm.n, mean: arm.mean, variance: arm.variance };
  return arm.pre ? { metric, pre: arm.pre } : metric;
}

function armSummaries(
  metric: Metric,
  order: string[],
): {
  summaries: SampleSummary[];
  cuped: MetricAnalysis['cuped'];
} {
  if (metric.kind === 'proportion')
    return {
      summaries: order.map((name) => {
        const { conversions, users } = metric.arms[name]!;
        const p = conversions / users;
        return { n: users, mean: p, variance: users > 1 ? (p * (1 - p) * users) / (users - 1) : 0 };
      }),
      cuped: null,
    };
  const raw = order.map((name) =>
    meanArmSummary(metric.arms[name]!, `${metric.name}, arm ${name}`),
  );
  const withPre = raw.filter((s): s is CupedArmSummary => 'pre' in s);
  if (withPre.length === 0) return { summaries: raw as SampleSummary[], cuped: null };
  if (withPre.length !== raw.length)
    throw new StatsInputError(`${metric.name}: give a pre-period for every arm, or for none.`);
  const result = cupedFromSummaries(withPre);
  return {
    summaries: result.adjusted,
    cuped: { theta: result.theta, varianceReduction: result.varianceReduction },
  };
}

export function analyseExperiment(input: ParsedExperimentAnalysisInput): ExperimentAnalysis {
  const control = input.control ?? input.arms[0]!.name;
  const order = [control, ...input.arms.map((a) => a.name).filter((n) => n !== control)];
  const srm = srmTest(
    input.arms.map((a) => a.users),
    input.arms.map((a) => a.expectedShare ?? 1),
  );
  const metrics: MetricAnalysis[] = input.metrics.map((metric) => {
    try {
      const { summaries, cuped } = armSummaries(metric, order);
      const lowerIsBetter = metric.direction === 'lower';
      const comparisons = order.slice(1).map((variant, i): Comparison => {
        const c = summaries[0]!;
        const v = summaries[i + 1]!;
        const moments = effectMoments(c, v, metric.difference);
        const fixed = fixedHorizonInterval(moments, input.alpha);
        const sequential = sequentialInterval(
          moments,
          c.n + v.n,
          input.alpha,
          input.sequentialTuning,
        );
        let chanceToWin: number;
        if (metric.kind === 'proportion') {
          const up = chanceToBeatControl(metric.arms[control]!, metric.arms[variant]!);
          chanceToWin = lowerIsBetter ? 1 - up : up;
        } else
          chanceToWin = gaussianPosterior(moments, {
            alpha: input.alpha,
            lowerIsBetter,
          }).chanceToWin;
        return {
          variant,
          estimate: moments.estimate,
          interval: fixed.interval,
          pValue: fixed.pValue,
          adjustedPValue: fixed.pValue,
          sequential,
          chanceToWin,
          isSignificant: false,
          outcome: 'inconclusive',
        };
      });
      return {
        name: metric.name,
        kind: metric.kind,
        direction: metric.direction,
        difference: metric.difference,
        arms: order.map((name, i) => ({ name, n: summaries[i]!.n, mean: summaries[i]!.mean })),
        cuped,
        comparisons,
      };
    } catch (error) {
      if (error instanceof StatsInputError && !error.message.startsWith(metric.name))
        throw new StatsInputError(`${metric.name}: ${error.message}`);
      throw error;
    }
  });
  correct(metrics, input);
  return {
    name: input.name ?? null,
    control,
    alpha: input.alpha,
    correction: input.correction,
    srm: { ...srm, canShip: !srm.isMismatch },
    metrics,
  };
}

/** Adjust every comparison's p-value across the whole experiment, then judge each one. */
function correct(metrics: MetricAnalysis[], input: ParsedExperimentAnalysisInput): void {
  const all = metrics.flatMap((m) => m.comparisons.map((c) => ({ m, c })));
  const ps = all.map(({ c }) => c.pValue);
  const adjusted =
    input.correction === 'holm'
      ? holmBonferroni(ps, input.alpha).adjusted
      : input.correction === 'benjamini-hochberg'
        ? benjaminiHochberg(ps, input.alpha).adjusted
        : ps;
  all.forEach(({ m, c }, i) => {
    c.adjustedPValue = adjusted[i]!;
    c.isSignificant = c.adjustedPValue < input.alpha;
    const up = c.estimate > 0;
    const better = m.direction === 'lower' ? !up : up;
    c.outcome = !c.isSignificant ? 'inconclusive' : better ? 'better' : 'worse';
  });
}
