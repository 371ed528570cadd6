// Retraining triggers and governed model changes as the API shows them: the site's retraining
// pipeline, trigger rules, retraining requests with their evidence, and change records (four eyes,
// evidence, reproducibility, outcome). Times are ISO 8601, UTC.
import { z } from 'zod';
import { ModelNameSchema, ModelVersionSchema } from './modelSchemas.ts';

export const TRIGGER_KINDS = ['accuracy_below', 'drift_features', 'slo_burn'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
export const REQUEST_STATUSES = ['pending', 'delivered', 'failed', 'closed'] as const;
export const CHANGE_KINDS = [
  'ship_variant',
  'rollback',
  'promote_retrained',
  'deploy',
  'threshold_change',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_SOURCES = [
  'operator',
  'experiment',
  'retraining',
  'runbook',
  'agent_action',
] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];
export const APPROVALS = ['pending', 'approved', 'rejected'] as const;
export const OUTCOMES = ['pending', 'applied', 'failed', 'cancelled'] as const;

const metricName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'A metric name: letters, digits, _ and :')
  .max(200);
const ratio = z.number().min(0).max(1);

/** Accuracy (real, or estimated from predicted probabilities) below target over a window. */
export const AccuracyBelowSchema = z
  .object({
    kind: z.literal('accuracy_below'),
    signal: metricName.default('model_accuracy_ratio'),
    target: ratio,
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    minReadings: z.number().int().min(1).max(100_000).default(3),
  })
  .strict();
/**
 * Drift on at least N features (each series a `feature` label): by default `feature_drifted`, 1 when
 * the feature drifted by its own test (KS, χ², Z, Wasserstein, Jensen–Shannon, PSI) and threshold;
 * or any per-feature score at or above `threshold`.
 */
export const DriftFeaturesSchema = z
  .object({
    kind: z.literal('drift_features'),
    signal: metricName.default('feature_drifted'),
    threshold: z.number().min(0).max(1_000).default(1),
    minFeatures: z.number().int().min(1).max(10_000),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  })
  .strict();
/** A quality SLO (accuracy, drift) burning its error budget at least this fast. */
export const SloBurnSchema = z
  .object({
    kind: z.literal('slo_burn'),
    slo: z.string().trim().min(1).max(200),
    burnRateAtLeast: z.number().positive().max(10_000),
  })
  .strict();
export const TriggerConditionSchema = z.discriminatedUnion('kind', [
  AccuracyBelowSchema,
  DriftFeaturesSchema,
  SloBurnSchema,
]);
export type TriggerCondition = z.infer<typeof TriggerConditionSchema>;

export const TriggerRuleInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the rule').max(120),
    model: ModelNameSchema,
    condition: TriggerConditionSchema,
    cooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 60)
      .default(24 * 60),
    isEnabled: z.boolean().default(true),
  })
  .strict();
export type TriggerRuleInput = z.infer<typeof TriggerRuleInputSchema>;

export const TriggerRuleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  model: z.string(),
  condition: TriggerConditionSchema,
  cooldownMinutes: z.number().int(),
  isEnabled: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type TriggerRule = z.infer<typeof TriggerRuleSchema>;

/** Where retraining requests go: the site's pipeline over HTTPS (with the site's CA) or a drop folder. */
export const PipelineSettingsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('webhook'),
      url: z
        .string()
        .trim()
        .url()
        .max(2_000)
        .refine((u) => u.startsWith('https://'), 'The pipeline is reached over HTTPS only'),
      caPem: z
        .string()
        .trim()
        .max(64_000)
        .refine((p) => p === '' || p.includes('BEGIN CERTIFICATE'), 'A PEM certificate')
        .default(''),
    })
    .strict(),
  z
    .object({
      kind: z.literal('file_drop'),
      directory: z
        .string()
        .trim()
        .min(1)
        .max(1_000)
        .refine((d) => d.startsWith('/') || /^[A-Za-z]:[\\/]/.test(d), 'An absolute folder path'),
    })
    .strict(),
]);
export type PipelineSettings = z.infer<typeof PipelineSettingsSchema>;

/** One series' readings in the evidence window: the chart an approver sees. */
export const EvidenceSeriesSchema = z.object({
  host: z.string(),
  labels: z.record(z.string(), z.string()),
  points: z.array(z.tuple([z.number(), z.number()])),
});
export const EvidenceSchema = z.object({
  summary: z.string(),
  /** The test or comparison applied, in words and by name. */
  test: z.string(),
  signal: z.string().nullable(),
  /** The data windows read, each with the hash of the readings in it. */
  windows: z.array(z.object({ from: z.string(), to: z.string(), sha256: z.string() })),
  series: z.array(EvidenceSeriesSchema),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const RetrainingRequestSchema = z.object({
  id: z.number().int(),
  ruleId: z.number().int(),
  ruleName: z.string(),
  model: z.string(),
  versions: z.array(z.string()),
  status: z.enum(REQUEST_STATUSES),
  evidence: EvidenceSchema,
  firedAt: z.string(),
  attempts: z.number().int(),
  deliveredAt: z.string().nullable(),
  deliveredTo: z.string().nullable(),
  lastError: z.string().nullable(),
  closedAt: z.string().nullable(),
  newVersion: z.string().nullable(),
  changeId: z.number().int().nullable(),
});
export type RetrainingRequest = z.infer<typeof RetrainingRequestSchema>;

export const ReproducibilitySchema = z.object({
  fromDigests: z.object({ model: z.string().nullable(), code: z.string().nullable() }),
  toDigests: z.object({ model: z.string().nullable(), code: z.string().nullable() }),
  dataWindows: z.array(z.object({ from: z.string(), to: z.string(), sha256: z.string() })),
});
export type Reproducibility = z.infer<typeof ReproducibilitySchema>;

export const ChangeRecordSchema = z.object({
  id: z.number().int(),
  model: z.string(),
  kind: z.enum(CHANGE_KINDS),
  source: z.enum(CHANGE_SOURCES),
  fromVersion: z.string().nullable(),
  toVersion: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  evidence: EvidenceSchema.nullable(),
  reproducibility: ReproducibilitySchema,
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  isRetrospective: z.boolean(),
  approval: z.enum(APPROVALS),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  outcome: z.enum(OUTCOMES),
  outcomeDetail: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  requestId: z.number().int().nullable(),
  /** SHA-256 of the record as requested; the audit entry that logged it carries the same. */
  digest: z.string(),
});
export type ChangeRecord = z.infer<typeof ChangeRecordSchema>;

export const ChangeProposalSchema = z
  .object({
    model: ModelNameSchema,
    kind: z.enum(CHANGE_KINDS),
    fromVersion: ModelVersionSchema.nullable().default(null),
    toVersion: ModelVersionSchema.nullable().default(null),
    config: z
      .record(z.string(), z.union([z.string().max(2_000), z.number(), z.boolean()]))
      .default({}),
    reason: z.string().trim().min(1, 'Say why').max(2_000),
    requestId: z.number().int().positive().nullable().default(null),
  })
  .strict();
export type ChangeProposal = z.infer<typeof ChangeProposalSchema>;
