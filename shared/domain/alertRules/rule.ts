// Threshold rules: a condition on one fleet signal (fire above or below a level for a while, clear
// only once back past a second level), narrowed by label matchers, evaluated per series.
import { z } from 'zod';
import { PipelineSeveritySchema } from '../incidents/alerts.ts';
import { matcherError, matches, type LabelMatcher } from '../incidents/matching.ts';
import type { Observation } from './condition.ts';

export const RULE_OPERATORS = ['>', '<'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** A day: longer conditions are trends, which SLOs and the drift detectors watch instead. */
export const MAX_FOR_SECONDS = 86_400;

/** Labels every fleet series can be matched on besides its own: where it runs. */
export const CONTEXT_LABELS = ['cluster', 'host'] as const;

export const LABEL_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const RULE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9 _.-]{0,99}$/;
export const METRIC_PATTERN = /^[A-Za-z_][A-Za-z0-9_:.]{0,199}$/;

export const RuleMatcherSchema = z.object({
  name: z
    .string()
    .regex(LABEL_NAME_PATTERN, 'A label name is letters, digits and _, not starting with a digit'),
  value: z.string().max(1000),
  isRegex: z.boolean().default(false),
  isEqual: z.boolean().default(true),
});

export const RuleNameSchema = z
  .string()
  .trim()
  .regex(
    RULE_NAME_PATTERN,
    'A rule name starts with a letter and uses letters, digits, space, _ . - (at most 100)',
  );

const ruleFields = {
  name: RuleNameSchema,
  metric: z.string().trim().regex(METRIC_PATTERN, 'Pick a signal the fleet reports'),
  operator: z.enum(RULE_OPERATORS),
  threshold: z.number().finite(),
  /** Where a firing alert clears; absent: it clears as soon as the value no longer breaches. */
  clearThreshold: z.number().finite().nullable().default(null),
  forSeconds: z.number().int().min(0).max(MAX_FOR_SECONDS).default(300),
  matchers: z.array(RuleMatcherSchema).max(20).default([]),
  severity: PipelineSeveritySchema.default('warning'),
  description: z.string().trim().max(500).default(''),
  isEnabled: z.boolean().default(true),
};

export const ThresholdRuleSpecSchema = z.object(ruleFields).superRefine((rule, ctx) => {
  const clear = rule.clearThreshold;
  if (clear !== null && rule.operator === '>' && clear > rule.threshold)
    ctx.addIssue({
      code: 'custom',
      path: ['clearThreshold'],
      message: `A rule that fires above ${rule.threshold} must clear at or below it (e.g. fire above 90, clear below 85)`,
    });
  if (clear !== null && rule.operator === '<' && clear < rule.threshold)
    ctx.addIssue({
      code: 'custom',
      path: ['clearThreshold'],
      message: `A rule that fires below ${rule.threshold} must clear at or above it (e.g. fire below 10, clear above 15)`,
    });
  rule.matchers.forEach((m, i) => {
    const error = matcherError(m);
    if (error) ctx.addIssue({ code: 'custom', path: ['matchers', i, 'value'], message: error });
  });
});

export type ThresholdRuleSpec = z.output<typeof ThresholdRuleSpecSchema>;
export type ThresholdRuleInput = z.input<typeof ThresholdRuleSpecSchema>;

/** A stored rule as the editor lists it. */
export const ThresholdRuleSchema = z.object({
  ...ruleFields,
  id: z.number().int(),
  updatedAtMs: z.number().int(),
  updatedBy: z.string(),
});
export type ThresholdRule = z.output<typeof ThresholdRuleSchema>;

/** Where a threshold rule stands on one value; hysteresis lives in the band between the two levels. */
export function observeThreshold(
  rule: Pick<ThresholdRuleSpec, 'operator' | 'threshold' | 'clearThreshold'>,
  value: number | null,
): Observation {
  if (value === null || !Number.isFinite(value)) return 'noData';
  const above = rule.operator === '>';
  const isBreach = above ? value > rule.threshold : value < rule.threshold;
  if (isBreach) return 'breach';
  const clear = rule.clearThreshold;
  if (clear === null) return 'clear';
  return (above ? value < clear : value > clear) ? 'clear' : 'between';
}

/** Whether a series (its own labels plus cluster and host) is one the rule watches. */
export function ruleWatches(
  rule: { matchers: readonly LabelMatcher[] },
  labels: Readonly<Record<string, string>>,
): boolean {
  return rule.matchers.every((m) => matches(m, labels));
}
