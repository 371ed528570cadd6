// The analysis of an experiment from per-arm totals: power calculation, SRM, guardrails and CUPED.
// Reference figures computed with SciPy (scipy.stats.norm.ppf, scipy.stats.chisquare).
import { describe, expect, it } from 'vitest';
import { analyseExperiment, type ArmTotals } from '../../../shared/domain/experiments/analysis.ts';
import { sampleSizePerArm } from '../../../shared/domain/experiments/power.ts';

/** An arm of n requests: mean latency m (s) with sd s, e errors, labelled/correct predictions. */
function arm(version: string, n: number, m: number, s: number, e: number): ArmTotals {
  return {
    version,
    requests: n,
    errors: e,
    latencySum: n * m,
    latencySumSq: (n - 1) * s * s + n * m * m,
    labelled: Math.round(n / 5),
    correct: Math.round((n / 5) * 0.9),
  };
}

const GUARDRAILS = [
  { metric: 'latency' as const, maxHarm: 0.1 },
  { metric: 'errors' as const, maxHarm: 0.01 },
];

describe('experiment analysis', () => {
  it('sizes the arms from the plan: latency by its coefficient of variation, errors by the rate', () => {
    const base = { alpha: 0.05, power: 0.8 };
    expect(sampleSizePerArm({ ...base, primaryMetric: 'latency', mde: 0.05, baseline: 0.3 })).toBe(
      566,
    );
    expect(sampleSizePerArm({ ...base, primaryMetric: 'errors', mde: 0.1, baseline: 0.02 })).toBe(
      73147,
    );
    expect(() =>
      sampleSizePerArm({ ...base, primaryMetric: 'accuracy', mde: 0.1, baseline: 1.5 }),
    ).toThrow('The baseline rate must lie between 0 and 1.');
  });

  it('flags a split that does not match the plan (p < 0.001) and a variant 20 % slower as a breach', () => {
    const result = analyseExperiment({
      control: arm('1', 9000, 0.5, 0.15, 90),
      variant: arm('3', 1150, 0.6, 0.18, 12),
      variantPercent: 10,
      guardrails: GUARDRAILS,
      alpha: 0.05,
    });
    expect(result.srm!.chi2).toBeCloseTo(19.950738916256157, 9);
    expect(result.srm!.isMismatch).toBe(true);
    const latency = result.metrics.find((m) => m.metric === 'latency')!;
    expect(latency.estimate).toBeCloseTo(0.2, 10);
    expect(latency.interval[0]).toBeGreaterThan(0.1);
    expect(latency.chanceToWin).toBeLessThan(0.001);
    expect(result.guardrails.map((g) => [g.metric, g.isBreached])).toEqual([
      ['latency', true],
      ['errors', false],
    ]);
  });

  it('checks the sample ratio once the arms hold 200 units together, and catches an arm that gets none', () => {
    const check = (control: number, variant: number) =>
      analyseExperiment({
        control: arm('1', control, 0.5, 0.15, 0),
        variant: arm('3', variant, 0.5, 0.15, 0),
        variantPercent: 50,
        guardrails: GUARDRAILS,
        alpha: 0.05,
      }).srm;
    // 40 against 5 (one host's arms a batch apart) would read p < 0.001: too few to judge.
    expect(check(40, 5)).toBeNull();
    expect(check(200, 0)!.isMismatch).toBe(true);
    expect(check(105, 98)!.isMismatch).toBe(false);
  });

  it('judges nothing on a handful of requests, and reports CUPED where a pre-period exists', () => {
    const few = analyseExperiment({
      control: arm('1', 50, 0.5, 0.1, 1),
      variant: arm('2', 50, 0.9, 0.1, 1),
      variantPercent: 50,
      guardrails: GUARDRAILS,
      alpha: 0.05,
    });
    expect(few.metrics).toEqual([]);
    expect(few.guardrails.every((g) => !g.isBreached)).toBe(true);
    const pre = { mean: 0.5, variance: 0.0225, covariance: 0.018 };
    const withPre = analyseExperiment({
      control: { ...arm('1', 5000, 0.5, 0.15, 50), pre: { latency: pre } },
      variant: { ...arm('2', 5000, 0.49, 0.15, 50), pre: { latency: pre } },
      variantPercent: 50,
      guardrails: [],
      alpha: 0.05,
    });
    const latency = withPre.metrics.find((m) => m.metric === 'latency')!;
    expect(latency.cuped!.theta).toBeCloseTo(0.8, 10);
    expect(latency.cuped!.varianceReduction).toBeCloseTo(0.64, 2);
  });
});
