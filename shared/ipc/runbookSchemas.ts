// The shapes the runbook channels carry: the library (versions, source, rules), dry-run plans and runs
// on incidents with each step's status, actor and output.
import { z } from 'zod';
import { IncidentCategorySchema } from '../domain/incidents/index.ts';
import { HealthGateSchema, RunbookNameSchema } from '../domain/runbooks/schema.ts';

const iso = z.string();
const ParamValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const RunbookProblemSchema = z.object({
  line: z.number().int(),
  col: z.number().int(),
  field: z.string(),
  message: z.string(),
});

export const RunbookStepViewSchema = z.object({
  id: z.string(),
  type: z.enum(['manual', 'action']),
  title: z.string(),
  guidance: z.string(),
  action: z.string().nullable(),
  /** As written: a host name or a template. */
  host: z.string().nullable(),
  params: z.record(z.string(), ParamValueSchema),
  isDestructive: z.boolean(),
  healthGate: HealthGateSchema.nullable(),
});
export type RunbookStepView = z.infer<typeof RunbookStepViewSchema>;

export const RunbookSummarySchema = z.object({
  name: z.string(),
  /** The newest version. */
  version: z.number().int(),
  title: z.string(),
  stepCount: z.number().int(),
  destructiveStepCount: z.number().int(),
  isBuiltin: z.boolean(),
  versionCount: z.number().int(),
  importedAt: iso,
  importedBy: z.string(),
});
export type RunbookSummary = z.infer<typeof RunbookSummarySchema>;

export const RunbookDetailSchema = RunbookSummarySchema.extend({
  description: z.string(),
  /** The YAML as imported (what export gives back). */
  source: z.string(),
  steps: z.array(RunbookStepViewSchema),
  versions: z.array(
    z.object({ version: z.number().int(), importedAt: iso, importedBy: z.string() }),
  ),
});
export type RunbookDetail = z.infer<typeof RunbookDetailSchema>;

export const RunbookValidationSchema = z.object({
  isValid: z.boolean(),
  name: z.string().nullable(),
  version: z.number().int().nullable(),
  stepCount: z.number().int().nullable(),
  problems: z.array(RunbookProblemSchema),
});
export type RunbookValidation = z.infer<typeof RunbookValidationSchema>;

export const RULE_MODES = ['suggest', 'auto'] as const;
export const RULE_MATCH_KINDS = ['alert', 'category'] as const;

export const RunbookRuleSchema = z.object({
  id: z.number().int(),
  /** An alert's name (alertname), or an incident category. */
  matchKind: z.enum(RULE_MATCH_KINDS),
  matchValue: z.string(),
  runbook: z.string(),
  mode: z.enum(RULE_MODES),
  createdAt: iso,
  createdBy: z.string(),
});
export type RunbookRule = z.infer<typeof RunbookRuleSchema>;

export const RunbookRuleInputSchema = z
  .object({
    matchKind: z.enum(RULE_MATCH_KINDS),
    matchValue: z.string().trim().min(1).max(200),
    runbook: RunbookNameSchema,
    mode: z.enum(RULE_MODES),
  })
  .strict()
  .refine(
    (r) => r.matchKind !== 'category' || IncidentCategorySchema.safeParse(r.matchValue).success,
    {
      message: 'a category rule names an incident category',
      path: ['matchValue'],
    },
  );

export const PlannedStepSchema = z.object({
  index: z.number().int(),
  id: z.string(),
  type: z.enum(['manual', 'action']),
  title: z.string(),
  guidance: z.string(),
  action: z.string().nullable(),
  host: z.string().nullable(),
  params: z.record(z.string(), ParamValueSchema),
  isDestructive: z.boolean(),
  healthGate: HealthGateSchema.nullable(),
  problems: z.array(z.string()),
});
export type PlannedStepView = z.infer<typeof PlannedStepSchema>;

export const DryRunSchema = z.object({
  incidentId: z.number().int(),
  runbook: z.string(),
  version: z.number().int(),
  title: z.string(),
  /** Pass it back to start the run: the run starts only if it would run exactly this plan. */
  digest: z.string(),
  canRun: z.boolean(),
  steps: z.array(PlannedStepSchema),
});
export type DryRun = z.infer<typeof DryRunSchema>;

export const STEP_STATUSES = [
  'pending',
  'awaiting_approval',
  'approved',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'done',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const RUN_STATES = ['running', 'succeeded', 'failed', 'canceled'] as const;
export const GATE_STATUSES = ['watching', 'healthy', 'unhealthy'] as const;

export const RunStepSchema = PlannedStepSchema.omit({ problems: true }).extend({
  status: z.enum(STEP_STATUSES),
  actor: z.string().nullable(),
  approvedBy: z.string().nullable(),
  /** As the agent returned it (it keeps at most 64 KiB). */
  output: z.string().nullable(),
  reason: z.string().nullable(),
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
  gateStatus: z.enum(GATE_STATUSES).nullable(),
  gateUntil: iso.nullable(),
});
export type RunStep = z.infer<typeof RunStepSchema>;

export const RunbookRunSchema = z.object({
  id: z.number().int(),
  incidentId: z.number().int(),
  runbook: z.string(),
  version: z.number().int(),
  title: z.string(),
  state: z.enum(RUN_STATES),
  requestedBy: z.string(),
  trigger: z.enum(['operator', 'rule']),
  digest: z.string(),
  startedAt: iso,
  finishedAt: iso.nullable(),
  reason: z.string().nullable(),
  steps: z.array(RunStepSchema),
});
export type RunbookRun = z.infer<typeof RunbookRunSchema>;

export const RunbookSuggestionSchema = z.object({
  runbook: z.string(),
  title: z.string(),
  mode: z.enum(RULE_MODES),
  /** Why: the rule that matched, in words. */
  because: z.string(),
});

export const IncidentRunbooksSchema = z.object({
  suggestions: z.array(RunbookSuggestionSchema),
  runs: z.array(RunbookRunSchema),
});
export type IncidentRunbooks = z.infer<typeof IncidentRunbooksSchema>;
