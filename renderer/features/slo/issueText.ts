// The spec schemas' verdicts (zod issues) as sentences in the operator's language, so the editors
// can show them beside each field; the schema stays the one source of what is valid.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { PromQlError } from '../../../shared/domain/slo/promql/types.ts';

export type Issue = z.core.$ZodIssue;

/** Field path as the editors key it: ['alerting', 'windows', 0, 'longMinutes'] → 'alerting.windows.0.longMinutes'. */
export const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Paths whose values the editors show as percentages (the schema holds fractions). */
const PERCENT_PATHS = [/^objective$/, /^timeSliceTarget$/, /^target$/];
const PERCENT_UP_TO_100 = [/\.budgetFraction$/, /^credits\.\d+\.below$/];

const CUSTOM_KEYS: [RegExp, string][] = [
  [/^budgetingMethod$/, 'slo.validation.timeslicesOnly'],
  [/^timeSliceTarget$/, 'slo.validation.needSliceTarget'],
  [/\.shortMinutes$/, 'slo.validation.shortWindow'],
  [/^indicator\.source\.good$/, 'slo.validation.goodOrBad'],
  [/^slos$/, 'sla.validation.sloTwice'],
  [/^credits$/, 'sla.validation.creditTwice'],
  [/^maintenance\.\d+\.end$/, 'sla.validation.endAfterStart'],
];

export function issueText(issue: Issue, t: TFunction): string {
  const key = pathKey(issue.path);
  if (PERCENT_PATHS.some((re) => re.test(key)) && issue.code !== 'custom')
    return t('slo.validation.percent');
  if (PERCENT_UP_TO_100.some((re) => re.test(key)) && issue.code !== 'custom')
    return t('slo.validation.percentUpTo100');
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int'
        ? t('slo.validation.number')
        : t('validation.required');
    case 'too_small':
      if (issue.origin === 'string') return t('validation.required');
      if (issue.origin === 'array')
        return t('slo.validation.atLeastItems', { min: Number(issue.minimum) });
      return t(issue.inclusive ? 'slo.validation.atLeast' : 'slo.validation.above', {
        min: Number(issue.minimum),
      });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong');
      if (issue.origin === 'array')
        return t('slo.validation.tooMany', { max: Number(issue.maximum) });
      return t(issue.inclusive ? 'slo.validation.atMost' : 'slo.validation.below', {
        max: Number(issue.maximum),
      });
    case 'invalid_format':
      if (key === 'name' || /^slos\.\d+$/.test(key)) return t('slo.validation.name');
      if (/^maintenance\.\d+\.(start|end)$/.test(key)) return t('sla.validation.dateTime');
      break;
    case 'custom': {
      const match = CUSTOM_KEYS.find(([re]) => re.test(key));
      if (match) return t(match[1]);
      break;
    }
    default:
      break;
  }
  return t('slo.validation.invalid', { detail: issue.message });
}

/** A PromQL verdict naming the part of the query Mirqab cannot evaluate. */
export function promQlText(error: PromQlError, query: string, t: TFunction): string {
  const part = query
    .slice(error.from, Math.max(error.to, error.from + 1))
    .replace(/\s+/g, ' ')
    .trim();
  // Isolated left-to-right: the query keeps its reading order inside an Arabic sentence.
  const shown = `\u2066${part.length > 80 ? `${part.slice(0, 79)}…` : part}\u2069`;
  return t(`slo.validation.promql_${error.code}`, { detail: error.message, part: shown });
}
