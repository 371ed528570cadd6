// What an SLO is, as Mirqab stores, validates, evaluates, imports and exports it. One shape for every
// source (the editor, OpenSLO, Sloth, Pyrra), so the evaluator and the views know only this one.
import { z } from 'zod';

/** Names follow OpenSLO's metadata.name (an RFC 1123 label), so exports are valid OpenSLO. */
export const SloNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'use lower-case letters, digits and dashes (not at either end)',
  );

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const ratio = z.number().gt(0, 'must be above 0').lt(1, 'must be below 1');
const PromQlSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4000, 'must be at most 4000 characters');

/** Where the good/total (or slice) values come from. */
export const SliSourceSchema = z.discriminatedUnion('kind', [
  // The model service's canonical signals (requests_total, errors_total, latency_seconds_bucket…).
  z.object({ kind: z.literal('canonical') }),
  // PromQL over the samples the agents collected; exactly one of good or bad with total.
  z
    .object({
      kind: z.literal('promql'),
      good: PromQlSchema.optional(),
      bad: PromQlSchema.optional(),
      total: PromQlSchema,
    })
    .refine((s) => (s.good === undefined) !== (s.bad === undefined), {
      message: 'give exactly one of good or bad',
      path: ['good'],
    }),
]);
export type SliSource = z.infer<typeof SliSourceSchema>;

export const ComparisonSchema = z.enum(['lt', 'lte', 'gt', 'gte']);
export type Comparison = z.infer<typeof ComparisonSchema>;

/**
 * The indicator. Event-based ones (availability, latency) count good and total requests; the others
 * judge each time slice good or bad against a threshold.
 */
export const IndicatorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('availability'), source: SliSourceSchema }),
  z.object({
    type: z.literal('latency'),
    /** A request is good when faster than this (read from the histogram's `le` buckets). */
    thresholdSeconds: z.number().positive('must be above 0').max(3600, 'must be at most 3600 s'),
    source: SliSourceSchema,
  }),
  z.object({
    type: z.literal('throughput'),
    signal: z.enum(['requests_per_second', 'tokens_per_second']),
    floor: z.number().nonnegative(),
  }),
  z.object({
    type: z.literal('quality'),
    /** accuracy: slice good when ≥ threshold; drift: when ≤ threshold; freshness (pipeline lag, s): when ≤ threshold. */
    signal: z.enum(['accuracy', 'drift', 'freshness']),
    threshold: z.number().nonnegative(),
  }),
  z.object({
    type: z.literal('gpu_saturation'),
    signal: z.enum(['utilization', 'memory']),
    ceilingPercent: z.number().gt(0).max(100),
  }),
  // A slice is good when the query's value compares true to `value` (OpenSLO thresholdMetric). The query
  // is absent only in an imported spec whose metric source named none: the SLO is kept, shown as
  // needing a query, and not evaluated until one is set.
  z.object({
    type: z.literal('threshold'),
    query: PromQlSchema.optional(),
    op: ComparisonSchema,
    value: z.number(),
  }),
]);
export type Indicator = z.infer<typeof IndicatorSchema>;

/** Why an SLO that validates still cannot be evaluated, or null when it can. */
export function missingPart(indicator: Indicator): string | null {
  if (indicator.type === 'threshold' && indicator.query === undefined)
    return 'the indicator has no PromQL query (it was imported without one): set one in the editor';
  return null;
}
export type IndicatorType = Indicator['type'];

/** Indicators that count events; all others are judged per time slice. */
export const EVENT_INDICATORS: readonly IndicatorType[] = ['availability', 'latency'];
export const isEventIndicator = (i: Indicator): boolean => EVENT_INDICATORS.includes(i.type);

export const SloWindowSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rolling'),
    days: z.union([z.literal(7), z.literal(14), z.literal(28), z.literal(30)]),
  }),
  // Calendar windows start at midnight on the first day of the month/quarter in the site's time zone.
  z.object({ type: z.literal('calendar'), unit: z.enum(['month', 'quarter']) }),
]);
export type SloWindow = z.infer<typeof SloWindowSchema>;

export const BudgetingMethodSchema = z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']);
export type BudgetingMethod = z.infer<typeof BudgetingMethodSchema>;

export const AlertSeveritySchema = z.enum(['page', 'ticket']);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

/** One multi-window burn-rate rule (SRE Workbook ch. 5): fire when both windows burn above threshold. */
export const AlertWindowSchema = z
  .object({
    severity: AlertSeveritySchema,
    longMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 31),
    shortMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 31),
    /** Share of the whole budget this rule lets burn before it fires (0.02 = 2 %). */
    budgetFraction: z.number().gt(0).max(1),
    /** Burn-rate threshold; derived from the fraction and the SLO window when absent. */
    threshold: z.number().positive().optional(),
  })
  .refine((w) => w.shortMinutes < w.longMinutes, {
    message: 'the short window must be shorter than the long one',
    path: ['shortMinutes'],
  });
export type AlertWindow = z.infer<typeof AlertWindowSchema>;

export const AlertingSchema = z.object({
  /** Replaces the Workbook defaults for the SLO's window when given. */
  windows: z.array(AlertWindowSchema).max(8).optional(),
  /** Low-traffic guard: a long window with fewer events (or slices) than this never fires. */
  minEvents: z.number().int().nonnegative().default(100),
  isEnabled: z.boolean().default(true),
});
export type Alerting = z.infer<typeof AlertingSchema>;

/** The model service an SLO is about: a model, the versions it covers (empty = all) and a site. */
export const SloServiceSchema = z.object({
  model: text(128).min(1, 'must not be empty'),
  versions: z.array(text(64).min(1)).max(32).default([]),
  /** A cluster site name; empty = every site. */
  site: text(128).default(''),
});
export type SloService = z.infer<typeof SloServiceSchema>;

export const SloSpecSchema = z
  .object({
    name: SloNameSchema,
    displayName: text(200).default(''),
    description: text(2000).default(''),
    service: SloServiceSchema,
    indicator: IndicatorSchema,
    window: SloWindowSchema,
    budgetingMethod: BudgetingMethodSchema.default('Occurrences'),
    /** e.g. 0.999 — the share of events (or slices) that must be good over the window. */
    objective: ratio,
    /** Slice length for Timeslices and RatioTimeslices (OpenSLO timeSliceWindow), whole minutes. */
    timeSliceMinutes: z.number().int().min(1).max(60).default(1),
    /** For Timeslices over an event indicator: a slice is good when its good/total reaches this. */
    timeSliceTarget: ratio.optional(),
    alerting: AlertingSchema.default({ minEvents: 100, isEnabled: true }),
    labels: z.record(z.string().max(64), z.string().max(256)).default({}),
  })
  .superRefine((spec, ctx) => {
    if (!isEventIndicator(spec.indicator) && spec.budgetingMethod !== 'Timeslices') {
      ctx.addIssue({
        code: 'custom',
        path: ['budgetingMethod'],
        message: `a ${spec.indicator.type} indicator is judged per time slice: use Timeslices`,
      });
    }
    if (
      isEventIndicator(spec.indicator) &&
      spec.budgetingMethod === 'Timeslices' &&
      spec.timeSliceTarget === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeSliceTarget'],
        message: 'Timeslices over events needs a time-slice target (e.g. 0.95)',
      });
    }
  });
export type SloSpec = z.infer<typeof SloSpecSchema>;
/** What callers may pass (defaults not yet applied). */
export type SloSpecInput = z.input<typeof SloSpecSchema>;

/** Length of a rolling window in days, or the longest calendar window (31 days / 92 days). */
export function windowDays(window: SloWindow): number {
  if (window.type === 'rolling') return window.days;
  return window.unit === 'month' ? 31 : 92;
}
