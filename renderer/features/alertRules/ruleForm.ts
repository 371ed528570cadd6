// The threshold-rule form: typed text ↔ alertRules.save's rule, with a message key per field the
// operator can act on (the backend checks the same rules again).
import {
  LABEL_NAME_PATTERN,
  MAX_FOR_SECONDS,
  METRIC_PATTERN,
  RULE_NAME_PATTERN,
  type RuleOperator,
  type ThresholdRule,
  type ThresholdRuleInput,
} from '../../../shared/domain/alertRules/rule.ts';
import type { PipelineSeverity } from '../../../shared/domain/incidents/alerts.ts';
import { matcherError } from '../../../shared/domain/incidents/matching.ts';
import { flagsOf, opOf } from '../alerts/matchers.ts';
import { emptyMatcher, type MatcherDraft } from '../alerts/silenceForm.ts';

export type DurationUnit = 'seconds' | 'minutes';

export interface RuleDraft {
  name: string;
  metric: string;
  operator: RuleOperator;
  threshold: string;
  /** Empty: the alert clears as soon as the value no longer breaches. */
  clearThreshold: string;
  forValue: string;
  forUnit: DurationUnit;
  matchers: MatcherDraft[];
  severity: PipelineSeverity;
  description: string;
  isEnabled: boolean;
}

export type RuleIssue =
  | 'name'
  | 'metric'
  | 'threshold'
  | 'clearThreshold'
  | 'clearAbove'
  | 'clearBelow'
  | 'forDuration'
  | 'matcherName'
  | 'matcherRegex'
  | 'description';

export interface RuleCheck {
  name: RuleIssue | null;
  metric: RuleIssue | null;
  threshold: RuleIssue | null;
  clearThreshold: RuleIssue | null;
  forDuration: RuleIssue | null;
  description: RuleIssue | null;
  /** Per matcher row; a row left entirely empty is ignored. */
  rows: (RuleIssue | null)[];
}

const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60 };

export function newRuleDraft(): RuleDraft {
  return {
    name: '',
    metric: '',
    operator: '>',
    threshold: '',
    clearThreshold: '',
    forValue: '5',
    forUnit: 'minutes',
    matchers: [],
    severity: 'warning',
    description: '',
    isEnabled: true,
  };
}

export function draftOf(rule: ThresholdRule): RuleDraft {
  const inMinutes = rule.forSeconds % 60 === 0;
  return {
    name: rule.name,
    metric: rule.metric,
    operator: rule.operator,
    threshold: String(rule.threshold),
    clearThreshold: rule.clearThreshold === null ? '' : String(rule.clearThreshold),
    forValue: String(inMinutes ? rule.forSeconds / 60 : rule.forSeconds),
    forUnit: inMinutes ? 'minutes' : 'seconds',
    matchers: rule.matchers.map((m) => ({ name: m.name, op: opOf(m), value: m.value })),
    severity: rule.severity,
    description: rule.description,
    isEnabled: rule.isEnabled,
  };
}

/** A number as typed ("90", "0.85", "1e3"); null when it is not one. */
function numberOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

const isBlankRow = (m: MatcherDraft) => m.name.trim() === '' && m.value === '';

export function checkRule(draft: RuleDraft): RuleCheck {
  const threshold = numberOf(draft.threshold);
  const clear = numberOf(draft.clearThreshold);
  let clearIssue: RuleIssue | null = null;
  if (draft.clearThreshold.trim() !== '' && clear === null) clearIssue = 'clearThreshold';
  else if (clear !== null && threshold !== null && draft.operator === '>' && clear > threshold)
    clearIssue = 'clearBelow';
  else if (clear !== null && threshold !== null && draft.operator === '<' && clear < threshold)
    clearIssue = 'clearAbove';
  const forValue = numberOf(draft.forValue);
  const forSeconds = forValue === null ? null : forValue * UNIT_SECONDS[draft.forUnit];
  return {
    name: RULE_NAME_PATTERN.test(draft.name.trim()) ? null : 'name',
    metric: METRIC_PATTERN.test(draft.metric.trim()) ? null : 'metric',
    threshold: threshold === null ? 'threshold' : null,
    clearThreshold: clearIssue,
    forDuration:
      forSeconds === null ||
      !Number.isInteger(forSeconds) ||
      forSeconds < 0 ||
      forSeconds > MAX_FOR_SECONDS
        ? 'forDuration'
        : null,
    description: draft.description.trim().length > 500 ? 'description' : null,
    rows: draft.matchers.map((m) => {
      if (isBlankRow(m)) return null;
      if (!LABEL_NAME_PATTERN.test(m.name.trim())) return 'matcherName';
      const flags = flagsOf(m.op);
      return matcherError({ name: m.name, value: m.value, ...flags }) ? 'matcherRegex' : null;
    }),
  };
}

export const isRuleValid = (check: RuleCheck) =>
  !check.name &&
  !check.metric &&
  !check.threshold &&
  !check.clearThreshold &&
  !check.forDuration &&
  !check.description &&
  check.rows.every((r) => r === null);

/** The rule the backend stores; call only when checkRule found nothing. */
export function toRuleInput(draft: RuleDraft): ThresholdRuleInput {
  const clear = numberOf(draft.clearThreshold);
  return {
    name: draft.name.trim(),
    metric: draft.metric.trim(),
    operator: draft.operator,
    threshold: numberOf(draft.threshold) ?? 0,
    clearThreshold: clear,
    forSeconds: (numberOf(draft.forValue) ?? 0) * UNIT_SECONDS[draft.forUnit],
    matchers: draft.matchers
      .filter((m) => !isBlankRow(m))
      .map((m) => ({ name: m.name.trim(), value: m.value, ...flagsOf(m.op) })),
    severity: draft.severity,
    description: draft.description.trim(),
    isEnabled: draft.isEnabled,
  };
}

export { emptyMatcher };
