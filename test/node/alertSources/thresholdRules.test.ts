// Threshold rules on their own: for-duration, hysteresis, missing data and validation.
import { describe, expect, it } from 'vitest';
import {
  inactiveCondition,
  observeThreshold,
  ruleWatches,
  stepCondition,
  ThresholdRuleSpecSchema,
  type ConditionState,
  type ThresholdRuleSpec,
} from '../../../shared/domain/alertRules/index.ts';
import { MINUTE_MS, SECOND_MS } from '../../../shared/domain/time.ts';

const T0 = Date.UTC(2026, 10, 26, 6, 0, 0);
const EVERY = 15 * SECOND_MS;

const hotGpu: ThresholdRuleSpec = ThresholdRuleSpecSchema.parse({
  name: 'GpuTooHot',
  metric: 'gpu_temperature_celsius',
  operator: '>',
  threshold: 90,
  clearThreshold: 85,
  forSeconds: 300,
});

/** Evaluates the rule every 15 s over the values; returns when it fired and resolved. */
function evaluate(rule: ThresholdRuleSpec, values: (number | null)[]) {
  let state: ConditionState = inactiveCondition(T0);
  const changes: [string, number][] = [];
  values.forEach((value, i) => {
    const now = T0 + i * EVERY;
    const step = stepCondition(state, observeThreshold(rule, value), now, {
      forMs: rule.forSeconds * SECOND_MS,
      noDataResolveMs: 15 * MINUTE_MS,
    });
    state = step.state;
    if (step.change) changes.push([step.change, (now - T0) / SECOND_MS]);
  });
  return { changes, state };
}

const repeat = (value: number | null, minutes: number) =>
  Array.from({ length: (minutes * MINUTE_MS) / EVERY }, () => value);

describe('a threshold rule', () => {
  it('fires only after the value has stayed above 90 for five minutes, dated from when it crossed', () => {
    const { changes, state } = evaluate(hotGpu, [...repeat(70, 1), ...repeat(92, 6)]);
    expect(changes).toEqual([['fired', 60 + 300]]);
    expect(state).toMatchObject({ phase: 'firing', sinceMs: T0 + MINUTE_MS });
  });

  it('does not fire when the value dips below 90 before the five minutes are up', () => {
    const { changes } = evaluate(hotGpu, [...repeat(92, 4), 89, ...repeat(92, 4)]);
    expect(changes).toEqual([]);
  });

  it('keeps firing between 85 and 90, and resolves only below 85', () => {
    const { changes } = evaluate(hotGpu, [...repeat(92, 6), ...repeat(87, 10), ...repeat(84, 1)]);
    expect(changes).toEqual([
      ['fired', 300],
      ['resolved', (6 + 10) * 60],
    ]);
  });

  it('without a clear threshold, resolves as soon as the value no longer breaches', () => {
    const rule = ThresholdRuleSpecSchema.parse({ ...hotGpu, clearThreshold: null, forSeconds: 0 });
    const { changes } = evaluate(rule, [92, 90, 92]);
    expect(changes).toEqual([
      ['fired', 0],
      ['resolved', 15],
      ['fired', 30],
    ]);
  });

  it('a "below" rule fires under its threshold and clears above its clear level', () => {
    const rule = ThresholdRuleSpecSchema.parse({
      name: 'AccuracyLow',
      metric: 'model_accuracy_ratio',
      operator: '<',
      threshold: 0.8,
      clearThreshold: 0.85,
      forSeconds: 60,
    });
    const { changes } = evaluate(rule, [
      ...repeat(0.9, 1),
      ...repeat(0.7, 2),
      ...repeat(0.82, 2),
      0.9,
    ]);
    expect(changes).toEqual([
      ['fired', 60 + 60],
      ['resolved', 5 * 60],
    ]);
  });

  it('holds a firing alert through a short silence, cancels a pending one, and resolves after 15 minutes without data', () => {
    const pending = evaluate(hotGpu, [...repeat(92, 4), null, ...repeat(92, 2)]);
    expect(pending.changes).toEqual([]);
    const { changes } = evaluate(hotGpu, [...repeat(92, 6), ...repeat(null, 20)]);
    expect(changes).toEqual([
      ['fired', 300],
      ['resolved', 6 * 60 - 15 + 15 * 60],
    ]);
  });

  it('watches only the series its label matchers select (cluster, host and the series labels)', () => {
    const rule = ThresholdRuleSpecSchema.parse({
      ...hotGpu,
      matchers: [
        { name: 'cluster', value: 'DGX pod A' },
        { name: 'gpu', value: '[0-3]', isRegex: true },
        { name: 'host', value: 'gpu-node-13', isEqual: false },
      ],
    });
    const on = (host: string, gpu: string) => ({ cluster: 'DGX pod A', host, gpu });
    expect(ruleWatches(rule, on('gpu-node-01', '2'))).toBe(true);
    expect(ruleWatches(rule, on('gpu-node-01', '4'))).toBe(false);
    expect(ruleWatches(rule, on('gpu-node-13', '2'))).toBe(false);
    expect(ruleWatches(rule, { ...on('gpu-node-01', '2'), cluster: 'DGX pod B' })).toBe(false);
  });

  it('refuses a clear level on the wrong side, a bad regex and a name that is not one, saying why', () => {
    const wrongSide = ThresholdRuleSpecSchema.safeParse({ ...hotGpu, clearThreshold: 95 });
    expect(wrongSide.error?.issues).toEqual([
      expect.objectContaining({
        path: ['clearThreshold'],
        message: expect.stringContaining('must clear at or below it') as unknown,
      }),
    ]);
    const badRegex = ThresholdRuleSpecSchema.safeParse({
      ...hotGpu,
      matchers: [{ name: 'host', value: 'gpu-(', isRegex: true }],
    });
    expect(badRegex.error?.issues[0]).toMatchObject({ path: ['matchers', 0, 'value'] });
    expect(ThresholdRuleSpecSchema.safeParse({ ...hotGpu, name: '<script>' }).success).toBe(false);
    expect(ThresholdRuleSpecSchema.safeParse({ ...hotGpu, forSeconds: 90_000 }).success).toBe(
      false,
    );
    expect(ThresholdRuleSpecSchema.safeParse({ ...hotGpu, threshold: Infinity }).success).toBe(
      false,
    );
  });
});
