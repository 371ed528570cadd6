// Model A/B experiments as the API shows them: the plan (service, versions, split, metrics,
// guardrails, power calculation, duration), the state on the real routing, the latest analysis and
// the decision a person recorded. Times are ISO 8601, UTC.
import { z } from 'zod';
import { ARM_METRICS, EXPERIMENT_METRICS } from '../domain/experiments/analysis.ts';
import { ModelNameSchema, ModelVersionSchema } from './modelSchemas.ts';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped', 'completed'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
/** Why a running experiment stopped: a guardrail, a sample ratio mismatch, or a person. */
export const STOP_KINDS = ['guardrail', 'srm', 'operator'] as const;
export const DECISIONS = ['ship', 'keep_control', 'continue'] as const;
export type ExperimentDecisionKind = (typeof DECISIONS)[number];

/** The planned duration below which a reason is required (a full weekday/weekend cycle is safer). */
export const MIN_PLANNED_DAYS = 3;

const reason = z.string().trim().min(1, 'Say why').max(1000);

export const GuardrailSchema = z
  .object({
    metric: z.enum(EXPERIMENT_METRICS),
    maxHarm: z.number().positive().max(10),
    slo: z.string().max(200).optional(),
  })
  .strict();

export const PowerInputSchema = z
  .object({
    /** Minimum detectable effect, relative to the baseline (0.05 = 5 %). */
    mde: z.number().gt(0).lt(1),
    alpha: z.number().gt(0).max(0.2),
    power: z.number().min(0.5).lt(1),
    /** The primary metric now: a ratio for errors and accuracy; for latency its coefficient of variation. */
    baseline: z.number().gt(0).max(100),
  })
  .strict();
export type PowerInput = z.infer<typeof PowerInputSchema>;

export const ExperimentPlanSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    model: ModelNameSchema,
    control: ModelVersionSchema,
    variant: ModelVersionSchema,
    /** Share of the model's traffic on the variant, whole percent. */
    variantPercent: z.number().int().min(1).max(50),
    primaryMetric: z.enum(ARM_METRICS),
    /** Omitted: the service's SLOs and the default tolerances become the guardrails. */
    guardrails: z.array(GuardrailSchema).max(12).optional(),
    power: PowerInputSchema,
    plannedDays: z.number().int().min(1).max(90),
    durationReason: reason.optional(),
  })
  .strict()
  .refine((p) => p.control !== p.variant, {
    message: 'The variant must be another version than the control.',
    path: ['variant'],
  })
  .refine((p) => p.plannedDays >= MIN_PLANNED_DAYS || p.durationReason !== undefined, {
    message: `Plan at least ${MIN_PLANNED_DAYS} days, or say why a shorter run is enough.`,
    path: ['durationReason'],
  });
export type ExperimentPlan = z.infer<typeof ExperimentPlanSchema>;

const IntervalSchema = z.tuple([z.number(), z.number()]);
export const ExperimentAnalysisSchema = z.object({
  units: z.object({ control: z.number(), variant: z.number() }),
  srm: z.object({ chi2: z.number(), pValue: z.number(), isMismatch: z.boolean() }).nullable(),
  metrics: z.array(
    z.object({
      metric: z.enum(ARM_METRICS),
      difference: z.enum(['absolute', 'relative']),
      isLowerBetter: z.boolean(),
      control: z.object({ n: z.number(), mean: z.number() }),
      variant: z.object({ n: z.number(), mean: z.number() }),
      estimate: z.number(),
      interval: IntervalSchema,
      pValue: z.number(),
      chanceToWin: z.number(),
      cuped: z.object({ theta: z.number(), varianceReduction: z.number() }).nullable(),
    }),
  ),
  guardrails: z.array(
    GuardrailSchema.extend({ isBreached: z.boolean(), observed: z.number().nullable() }),
  ),
});

export const ExperimentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  model: z.string(),
  control: z.string(),
  variant: z.string(),
  variantPercent: z.number().int(),
  primaryMetric: z.enum(ARM_METRICS),
  guardrails: z.array(GuardrailSchema),
  power: PowerInputSchema,
  /** Units per arm the power calculation asks for. */
  minSampleSize: z.number().int(),
  plannedDays: z.number().int(),
  durationReason: z.string().nullable(),
  status: z.enum(EXPERIMENT_STATUSES),
  /** The hosts whose routing carries the split. */
  hosts: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  startedBy: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  stopKind: z.enum(STOP_KINDS).nullable(),
  stopReason: z.string().nullable(),
  /** Whether traffic went back to control on every host when it stopped. */
  isRolledBack: z.boolean(),
  analysis: ExperimentAnalysisSchema.nullable(),
  analysedAt: z.string().nullable(),
  decision: z
    .object({
      kind: z.enum(DECISIONS),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
      /** The governed change record shipping the variant opened, when there is one. */
      changeId: z.number().int().nullable(),
    })
    .nullable(),
});
export type Experiment = z.infer<typeof ExperimentSchema>;

export const DecisionInputSchema = z
  .object({ id: z.number().int(), decision: z.enum(DECISIONS), reason })
  .strict();
export const StopInputSchema = z.object({ id: z.number().int(), reason }).strict();
