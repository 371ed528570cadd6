// SLO channels: SLOs (edit, backtest, OpenSLO import and export, enforcement policies and decisions),
// their burn-rate alerts and SLAs with their compliance reports. Spread into contract.ts's map.
import { z } from 'zod';
import { channel } from './channel.ts';
import {
  AlertSchema,
  AlertStateSchema,
  BacktestSchema,
  EnforcementActionSchema,
  EnforcementPolicySchema,
  ReportExportSchema,
  ReportPeriodSchema,
  SlaReportSchema,
  SlaSpecSchema,
  SlaSummarySchema,
  SloDetailSchema,
  SloImportResultSchema,
  SloNameSchema,
  SloSpecSchema,
  SloSummarySchema,
} from './sloSchemas.ts';

const empty = z.object({}).strict();
const ok = z.object({ done: z.literal(true) });

export const sloChannels = {
  'slo.list': channel({ input: empty, output: z.array(SloSummarySchema), access: 'slo.read' }),
  'slo.get': channel({
    input: z.object({ name: SloNameSchema }).strict(),
    output: SloDetailSchema,
    access: 'slo.read',
  }),
  /** Creates or replaces an SLO by name; `previousName` renames one. */
  'slo.save': channel({
    input: z.object({ spec: SloSpecSchema, previousName: SloNameSchema.optional() }).strict(),
    output: SloSummarySchema,
    access: 'slo.manage',
  }),
  /** The models, metrics and hosts the fleet has reported: offered and checked as SLOs are written. */
  'slo.knownNames': channel({
    input: empty,
    output: z.object({
      models: z.array(z.string()),
      metrics: z.array(z.string()),
      hosts: z.array(z.string()),
    }),
    access: 'slo.read',
  }),
  'slo.delete': channel({
    input: z.object({ name: SloNameSchema }).strict(),
    output: ok,
    access: 'slo.manage',
  }),
  /** "Had this SLO existed over the last N days": its SLI and when it would have alerted. */
  'slo.backtest': channel({
    input: z
      .object({ spec: SloSpecSchema, days: z.number().int().min(1).max(90).default(30) })
      .strict(),
    output: BacktestSchema,
    access: 'slo.read',
  }),
  /** OpenSLO v1, Sloth or Pyrra YAML; with dryRun nothing is stored. */
  'slo.import': channel({
    input: z
      .object({
        text: z.string().min(1, 'paste or choose a file').max(1_000_000, 'must be at most 1 MB'),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: SloImportResultSchema,
    access: 'slo.manage',
  }),
  'slo.export': channel({
    input: z.object({ names: z.array(SloNameSchema).max(5000).optional() }).strict(),
    output: z.object({ yaml: z.string(), count: z.number().int() }),
    access: 'slo.read',
  }),
  'slo.setPolicy': channel({
    input: z.object({ name: SloNameSchema, policy: EnforcementPolicySchema.nullable() }).strict(),
    output: ok,
    access: 'slo.manage',
  }),
  /** Approves (runs) or rejects a proposed enforcement action. */
  'slo.decide': channel({
    input: z.object({ actionId: z.number().int().positive(), approve: z.boolean() }).strict(),
    output: EnforcementActionSchema,
    access: 'fleet.act',
  }),
  'alerts.list': channel({
    input: z
      .object({
        state: z.enum(['open', ...AlertStateSchema.options]).optional(),
        sloName: SloNameSchema.optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: z.array(AlertSchema),
    access: 'slo.read',
  }),
  'sla.list': channel({ input: empty, output: z.array(SlaSummarySchema), access: 'slo.read' }),
  'sla.save': channel({
    input: z.object({ spec: SlaSpecSchema }).strict(),
    output: SlaSummarySchema,
    access: 'sla.manage',
  }),
  'sla.delete': channel({
    input: z.object({ name: SloNameSchema }).strict(),
    output: ok,
    access: 'sla.manage',
  }),
  /** Simulated (demo) hosts are left out unless `includeSimulated`; the report then says SIMULATED DATA. */
  'sla.report': channel({
    input: z
      .object({
        name: SloNameSchema,
        period: ReportPeriodSchema,
        includeSimulated: z.boolean().default(false),
      })
      .strict(),
    output: SlaReportSchema,
    access: 'slo.read',
  }),
  /** Writes the report as PDF and CSV under the data folder's exports, audited and stamped with the audit checkpoint. */
  'sla.export': channel({
    input: z
      .object({
        name: SloNameSchema,
        period: ReportPeriodSchema,
        includeSimulated: z.boolean().default(false),
        /** The language the files are written in: the operator's console language. */
        language: z.enum(['en', 'ar']).default('en'),
      })
      .strict(),
    output: ReportExportSchema,
    access: 'reports.export',
  }),
};

export const sloEvents = {
  /** After an evaluation cycle or an edit: the SLOs whose status changed, and whether alerts did. */
  'slo.changed': z.object({ names: z.array(z.string()), isAlertsChanged: z.boolean() }),
} as const;
