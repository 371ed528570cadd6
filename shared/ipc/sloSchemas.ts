// The shapes the SLO, alert and SLA channels carry (the specs themselves live in shared/domain/slo).
import { z } from 'zod';
import { ALERT_STATES } from '../domain/slo/alerts.ts';
import { EnforcementPolicySchema, SlaSpecSchema } from '../domain/slo/sla.ts';
import {
  AlertSeveritySchema,
  BudgetingMethodSchema,
  SloNameSchema,
  SloSpecSchema,
} from '../domain/slo/spec.ts';

export const SLO_STATUSES = [
  'ok',
  'at_risk',
  'breached',
  'not_enough_data',
  'no_data',
  'invalid',
] as const;
export const SloStatusSchema = z.enum(SLO_STATUSES);
export type SloStatus = z.infer<typeof SloStatusSchema>;

export const AlertStateSchema = z.enum(ALERT_STATES);

/** How much of an SLO's window has data (counted from its first minute of data). */
export const SloCoverageSchema = z.object({
  /** Start of the first minute with data inside the window. */
  since: z.string().nullable(),
  observedMinutes: z.number().int().nonnegative(),
  windowMinutes: z.number().int().positive(),
  fraction: z.number().min(0).max(1),
  /** Enough of the window to judge: before that, attainment and budget are provisional. */
  isSufficient: z.boolean(),
});
export type SloCoverage = z.infer<typeof SloCoverageSchema>;

/** One row of the SLO list: enough to sort by remaining budget and see what burns. */
export const SloSummarySchema = z.object({
  name: z.string(),
  displayName: z.string(),
  model: z.string(),
  indicator: z.string(),
  objective: z.number().nullable(),
  window: z.string(),
  budgetingMethod: BudgetingMethodSchema.nullable(),
  status: SloStatusSchema,
  attainment: z.number().nullable(),
  /** Fraction of the error budget left (negative once overspent). */
  budgetRemaining: z.number().nullable(),
  /** The burn rate over the fastest page rule's long window. */
  burnRate: z.number().nullable(),
  timeToExhaustionMinutes: z.number().nullable(),
  /** Null when the SLO cannot be evaluated. */
  coverage: SloCoverageSchema.nullable(),
  firingAlerts: z.number().int(),
  /** The SLI per hour over the last 24 hours (null: no data that hour). */
  sparkline: z.array(z.number().nullable()),
  /** Why the SLO cannot be evaluated (invalid spec, unsupported query, no data source). */
  error: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
});
export type SloSummary = z.infer<typeof SloSummarySchema>;

export const AlertSchema = z.object({
  id: z.number().int(),
  fingerprint: z.string(),
  sloName: z.string(),
  severity: AlertSeveritySchema,
  state: AlertStateSchema,
  summary: z.string(),
  labels: z.record(z.string(), z.string()),
  longMinutes: z.number().int(),
  shortMinutes: z.number().int(),
  threshold: z.number(),
  burnRateLong: z.number(),
  burnRateShort: z.number(),
  peakBurnRate: z.number(),
  startedAt: z.string(),
  firingAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const ENFORCEMENT_STATUSES = [
  'proposed',
  'approved',
  'rejected',
  'suppressed',
  'running',
  'succeeded',
  'failed',
] as const;
export const EnforcementActionSchema = z.object({
  id: z.number().int(),
  sloName: z.string(),
  alertId: z.number().int().nullable(),
  hostId: z.number().int(),
  action: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  status: z.enum(ENFORCEMENT_STATUSES),
  reason: z.string(),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: z.string().nullable(),
});
export type EnforcementAction = z.infer<typeof EnforcementActionSchema>;

export const BurnRateRowSchema = z.object({
  severity: AlertSeveritySchema,
  longMinutes: z.number().int(),
  shortMinutes: z.number().int(),
  budgetFraction: z.number(),
  threshold: z.number(),
  long: z.number().nullable(),
  short: z.number().nullable(),
  /** Too few events in the long window for this rule to fire (the low-traffic guard). */
  isGuarded: z.boolean(),
  /** Minutes of the long window with data; while fewer than longMinutes, effectiveThreshold applies. */
  observedMinutes: z.number().int().nonnegative(),
  /** The threshold raised in proportion while the long window is not covered; null before any data. */
  effectiveThreshold: z.number().nullable(),
});

const TimePointSchema = z.object({ t: z.number(), value: z.number().nullable() });

export const SloDetailSchema = z.object({
  summary: SloSummarySchema,
  spec: SloSpecSchema.nullable(),
  policy: EnforcementPolicySchema.nullable(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  budget: z
    .object({
      total: z.number(),
      consumed: z.number(),
      remaining: z.number(),
      unit: z.enum(['events', 'minutes']),
    })
    .nullable(),
  /** The SLI per hour over the window, against the objective. */
  sli: z.array(TimePointSchema),
  /** The SLI per minute over the window's last six hours (from its first data, at least an hour): an alert's start or an action's effect, up close. */
  recentSli: z.array(TimePointSchema),
  /** Fraction of the budget left at each hour of the window. */
  burnDown: z.array(TimePointSchema),
  burnRates: z.array(BurnRateRowSchema),
  alerts: z.array(AlertSchema),
  actions: z.array(EnforcementActionSchema),
});
export type SloDetail = z.infer<typeof SloDetailSchema>;

export const BacktestSchema = z.object({
  from: z.string(),
  to: z.string(),
  attainment: z.number().nullable(),
  budgetConsumed: z.number().nullable(),
  /** The data the backtest saw: from its first minute of data (null: none) to the end of its span. */
  coverage: z.object({
    since: z.string().nullable(),
    observedMinutes: z.number().int().nonnegative(),
    spanMinutes: z.number().int().positive(),
  }),
  sli: z.array(TimePointSchema),
  alerts: z.array(
    z.object({
      severity: AlertSeveritySchema,
      start: z.string(),
      end: z.string().nullable(),
      peakBurnRate: z.number(),
    }),
  ),
});
export type Backtest = z.infer<typeof BacktestSchema>;

export const ImportProblemSchema = z.object({
  path: z.string(),
  line: z.number().int().optional(),
  message: z.string(),
});
export const SloImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** Names imported (or, in a dry run, that would be), with whether each replaces an existing SLO. */
  slos: z.array(z.object({ name: z.string(), replaces: z.boolean() })),
  /** Each kept one SLO (or document) out; the others still imported. */
  problems: z.array(ImportProblemSchema),
  /** Fields read but not kept (alert routing labels, Pyrra grouping…): the SLO imported without them. */
  warnings: z.array(ImportProblemSchema).default([]),
});

export const SlaSummarySchema = z.object({
  name: z.string(),
  displayName: z.string(),
  customer: z.string(),
  target: z.number().nullable(),
  period: z.string(),
  slos: z.array(z.string()),
  spec: SlaSpecSchema.nullable(),
  error: z.string().nullable(),
});
export type SlaSummary = z.infer<typeof SlaSummarySchema>;

/** `2026-10` (a month) or `2026-Q4` (a quarter), in the site's time zone. */
export const ReportPeriodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'use YYYY-MM or YYYY-Qn, e.g. 2026-10 or 2026-Q4');

export const SlaReportSchema = z.object({
  sla: z.string(),
  displayName: z.string(),
  customer: z.string(),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  target: z.number(),
  /** The SLA's attainment: that of its weakest SLO (the SLA is met only when every SLO meets the target). */
  attainment: z.number().nullable(),
  isMet: z.boolean().nullable(),
  creditPercent: z.number(),
  maintenanceMinutes: z.number(),
  maintenance: z.array(z.object({ start: z.string(), end: z.string(), reason: z.string() })),
  /** The figures include simulated (demo) hosts' data, at the operator's request: marked on every page. */
  isSimulated: z.boolean(),
  slos: z.array(
    z.object({
      name: z.string(),
      displayName: z.string(),
      objective: z.number().nullable(),
      attainment: z.number().nullable(),
      budgetConsumed: z.number().nullable(),
      isMet: z.boolean().nullable(),
      error: z.string().nullable(),
      /** SLI per day over the period, for the chart. */
      daily: z.array(TimePointSchema),
      breaches: z.array(
        z.object({
          severity: AlertSeveritySchema,
          start: z.string(),
          end: z.string().nullable(),
          alertId: z.number().int().nullable(),
        }),
      ),
    }),
  ),
  /** Incidents on the SLA's services that were open during the period (drills excluded). */
  incidents: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      priority: z.string(),
      state: z.string(),
      category: z.string(),
      service: z.string().nullable(),
      openedAt: z.string(),
      resolvedAt: z.string().nullable(),
    }),
  ),
  generatedAt: z.string(),
});
export type SlaReport = z.infer<typeof SlaReportSchema>;

export const ReportExportSchema = z.object({
  directory: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
  checkpoint: z.object({ treeSize: z.number().int(), rootHash: z.string() }),
});

export { SloNameSchema, SloSpecSchema, SlaSpecSchema, EnforcementPolicySchema };
