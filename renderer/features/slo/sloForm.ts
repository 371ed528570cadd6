// The SLO editor's form: text the operator types (a draft) ↔ the spec the schema validates. The
// draft keeps raw text so a half-typed number stays on screen; every keystroke re-validates it
// with SloSpecSchema and, for PromQL fields, with the same compiler the evaluator uses.
import { validatePromQl } from '../../../shared/domain/slo/promql/compile.ts';
import type { PromQlError } from '../../../shared/domain/slo/promql/types.ts';
import { WORKBOOK_WINDOWS as WORKBOOK_RULES } from '../../../shared/domain/slo/alertWindows.ts';
import {
  EVENT_INDICATORS,
  SloSpecSchema,
  type AlertWindow,
  type IndicatorType,
  type SloSpec,
  type SloSpecInput,
} from '../../../shared/domain/slo/spec.ts';
import { pathKey, type Issue } from './issueText.ts';

export const INDICATOR_TYPES: readonly IndicatorType[] = [
  'availability',
  'latency',
  'throughput',
  'quality',
  'gpu_saturation',
  'threshold',
];
export const WINDOW_CHOICES = [
  'rolling:7',
  'rolling:14',
  'rolling:28',
  'rolling:30',
  'calendar:month',
  'calendar:quarter',
] as const;
export type WindowChoice = (typeof WINDOW_CHOICES)[number];
export const BUDGETING_METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'] as const;
export const COMPARISONS = ['lt', 'lte', 'gt', 'gte'] as const;

export interface WindowRuleDraft {
  severity: 'page' | 'ticket';
  longMinutes: string;
  shortMinutes: string;
  /** Share of the budget, as a percentage. */
  budgetPercent: string;
  /** Optional burn-rate threshold; derived from the share when empty. */
  threshold: string;
}

export interface SloDraft {
  name: string;
  displayName: string;
  description: string;
  model: string;
  versions: string;
  site: string;
  indicatorType: IndicatorType;
  sourceKind: 'canonical' | 'promql';
  promqlSide: 'good' | 'bad';
  promqlQuery: string;
  promqlTotal: string;
  latencySeconds: string;
  throughputSignal: 'requests_per_second' | 'tokens_per_second';
  throughputFloor: string;
  qualitySignal: 'accuracy' | 'drift' | 'freshness';
  qualityThreshold: string;
  gpuSignal: 'utilization' | 'memory';
  gpuCeiling: string;
  thresholdQuery: string;
  thresholdOp: (typeof COMPARISONS)[number];
  thresholdValue: string;
  window: WindowChoice;
  budgetingMethod: (typeof BUDGETING_METHODS)[number];
  objectivePercent: string;
  timeSliceMinutes: string;
  timeSliceTargetPercent: string;
  minEvents: string;
  isAlertingEnabled: boolean;
  useCustomWindows: boolean;
  windows: WindowRuleDraft[];
  /** Carried through unchanged (imports set them; the editor does not edit them). */
  labels: Record<string, string>;
}

export function emptyDraft(): SloDraft {
  return {
    name: '',
    displayName: '',
    description: '',
    model: '',
    versions: '',
    site: '',
    indicatorType: 'availability',
    sourceKind: 'canonical',
    promqlSide: 'bad',
    promqlQuery: '',
    promqlTotal: '',
    latencySeconds: '0.5',
    throughputSignal: 'requests_per_second',
    throughputFloor: '',
    qualitySignal: 'accuracy',
    qualityThreshold: '',
    gpuSignal: 'utilization',
    gpuCeiling: '90',
    thresholdQuery: '',
    thresholdOp: 'lt',
    thresholdValue: '',
    window: 'rolling:28',
    budgetingMethod: 'Occurrences',
    objectivePercent: '99.9',
    timeSliceMinutes: '1',
    timeSliceTargetPercent: '',
    minEvents: '100',
    isAlertingEnabled: true,
    useCustomWindows: false,
    windows: WORKBOOK_WINDOWS,
    labels: {},
  };
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
/** Fraction → percent text without float noise: 0.999 → "99.9". */
export const toPercentText = (fraction: number | undefined) =>
  fraction === undefined ? '' : String(Number((fraction * 100).toPrecision(12)));

const toRuleDraft = (w: AlertWindow): WindowRuleDraft => ({
  severity: w.severity,
  longMinutes: String(w.longMinutes),
  shortMinutes: String(w.shortMinutes),
  budgetPercent: toPercentText(w.budgetFraction),
  threshold: text(w.threshold),
});

/** The SRE Workbook's four rules for a 30-day window, as a starting point for custom windows. */
export const WORKBOOK_WINDOWS: WindowRuleDraft[] = WORKBOOK_RULES.map(toRuleDraft);

export function draftFromSpec(spec: SloSpec): SloDraft {
  const d = emptyDraft();
  const i = spec.indicator;
  const base: SloDraft = {
    ...d,
    name: spec.name,
    displayName: spec.displayName,
    description: spec.description,
    model: spec.service.model,
    versions: spec.service.versions.join(', '),
    site: spec.service.site,
    indicatorType: i.type,
    window:
      spec.window.type === 'rolling'
        ? `rolling:${spec.window.days}`
        : `calendar:${spec.window.unit}`,
    budgetingMethod: spec.budgetingMethod,
    objectivePercent: toPercentText(spec.objective),
    timeSliceMinutes: String(spec.timeSliceMinutes),
    timeSliceTargetPercent: toPercentText(spec.timeSliceTarget),
    minEvents: String(spec.alerting.minEvents),
    isAlertingEnabled: spec.alerting.isEnabled,
    useCustomWindows: spec.alerting.windows !== undefined,
    windows: spec.alerting.windows?.map(toRuleDraft) ?? WORKBOOK_WINDOWS,
    labels: spec.labels,
  };
  if ((i.type === 'availability' || i.type === 'latency') && i.source.kind === 'promql') {
    base.sourceKind = 'promql';
    base.promqlSide = i.source.good !== undefined ? 'good' : 'bad';
    base.promqlQuery = i.source.good ?? i.source.bad ?? '';
    base.promqlTotal = i.source.total;
  }
  if (i.type === 'latency') base.latencySeconds = String(i.thresholdSeconds);
  if (i.type === 'throughput')
    Object.assign(base, { throughputSignal: i.signal, throughputFloor: String(i.floor) });
  if (i.type === 'quality')
    Object.assign(base, { qualitySignal: i.signal, qualityThreshold: String(i.threshold) });
  if (i.type === 'gpu_saturation')
    Object.assign(base, { gpuSignal: i.signal, gpuCeiling: String(i.ceilingPercent) });
  if (i.type === 'threshold')
    Object.assign(base, {
      thresholdQuery: i.query ?? '',
      thresholdOp: i.op,
      thresholdValue: String(i.value),
    });
  return base;
}

/** Empty text → undefined (the schema says "required"); anything else → a number (NaN if not one). */
export const numberFromText = (value: string): number | undefined =>
  value.trim() === '' ? undefined : Number(value.trim());
/** Typed percent → the fraction the spec holds (the inverse of toPercentText). */
export const fractionFromPercentText = (percent: string): number | undefined => {
  const n = numberFromText(percent);
  return n === undefined || Number.isNaN(n) ? n : Number((n / 100).toPrecision(12));
};

function indicatorOf(d: SloDraft): unknown {
  const source =
    d.sourceKind === 'canonical'
      ? { kind: 'canonical' }
      : { kind: 'promql', [d.promqlSide]: d.promqlQuery, total: d.promqlTotal };
  switch (d.indicatorType) {
    case 'availability':
      return { type: 'availability', source };
    case 'latency':
      return { type: 'latency', thresholdSeconds: numberFromText(d.latencySeconds), source };
    case 'throughput':
      return {
        type: 'throughput',
        signal: d.throughputSignal,
        floor: numberFromText(d.throughputFloor),
      };
    case 'quality':
      return {
        type: 'quality',
        signal: d.qualitySignal,
        threshold: numberFromText(d.qualityThreshold),
      };
    case 'gpu_saturation':
      return {
        type: 'gpu_saturation',
        signal: d.gpuSignal,
        ceilingPercent: numberFromText(d.gpuCeiling),
      };
    case 'threshold':
      return {
        type: 'threshold',
        query: d.thresholdQuery,
        op: d.thresholdOp,
        value: numberFromText(d.thresholdValue),
      };
  }
}

/** The spec the draft describes, before validation (the schema decides whether it is one). */
export function draftToCandidate(d: SloDraft): unknown {
  const [kind, size] = d.window.split(':');
  const slices = d.budgetingMethod !== 'Occurrences';
  return {
    name: d.name,
    displayName: d.displayName,
    description: d.description,
    service: {
      model: d.model,
      versions: d.versions
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
      site: d.site,
    },
    indicator: indicatorOf(d),
    window:
      kind === 'rolling'
        ? { type: 'rolling', days: Number(size) }
        : { type: 'calendar', unit: size },
    budgetingMethod: d.budgetingMethod,
    objective: fractionFromPercentText(d.objectivePercent),
    timeSliceMinutes: slices ? numberFromText(d.timeSliceMinutes) : undefined,
    timeSliceTarget:
      slices && d.timeSliceTargetPercent.trim()
        ? fractionFromPercentText(d.timeSliceTargetPercent)
        : undefined,
    alerting: {
      minEvents: numberFromText(d.minEvents),
      isEnabled: d.isAlertingEnabled,
      windows: d.useCustomWindows
        ? d.windows.map((w) => ({
            severity: w.severity,
            longMinutes: numberFromText(w.longMinutes),
            shortMinutes: numberFromText(w.shortMinutes),
            budgetFraction: fractionFromPercentText(w.budgetPercent),
            threshold: w.threshold.trim() ? numberFromText(w.threshold) : undefined,
          }))
        : undefined,
    },
    labels: d.labels,
  } satisfies Record<keyof SloSpecInput, unknown>;
}

export type Problem =
  { kind: 'issue'; issue: Issue } | { kind: 'promql'; error: PromQlError; query: string };

export interface DraftVerdict {
  spec: SloSpec | null;
  /** The first problem per field path. */
  problems: Map<string, Problem>;
}

/** The PromQL fields the draft shows, keyed by the spec path the schema reports them under. */
export function promQlFields(d: SloDraft): [string, string][] {
  if (d.indicatorType === 'threshold') return [['indicator.query', d.thresholdQuery]];
  if (
    (d.indicatorType === 'availability' || d.indicatorType === 'latency') &&
    d.sourceKind === 'promql'
  ) {
    return [
      [`indicator.source.${d.promqlSide}`, d.promqlQuery],
      ['indicator.source.total', d.promqlTotal],
    ];
  }
  return [];
}

export function validateDraft(d: SloDraft): DraftVerdict {
  const problems = new Map<string, Problem>();
  const parsed = SloSpecSchema.safeParse(draftToCandidate(d));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = pathKey(issue.path);
      if (!problems.has(key)) problems.set(key, { kind: 'issue', issue });
    }
  }
  for (const [key, query] of promQlFields(d)) {
    if (problems.has(key) || !query.trim()) continue;
    const verdict = validatePromQl(query);
    if (!verdict.ok) problems.set(key, { kind: 'promql', error: verdict.error, query });
  }
  return { spec: parsed.success && problems.size === 0 ? parsed.data : null, problems };
}

/** Switching indicator type also picks the budgeting method the type needs (slices for non-event ones). */
export function withIndicatorType(d: SloDraft, type: IndicatorType): SloDraft {
  const isEvent = EVENT_INDICATORS.includes(type);
  const budgetingMethod = isEvent
    ? d.budgetingMethod === 'Timeslices' && !EVENT_INDICATORS.includes(d.indicatorType)
      ? 'Occurrences'
      : d.budgetingMethod
    : 'Timeslices';
  return { ...d, indicatorType: type, budgetingMethod };
}
