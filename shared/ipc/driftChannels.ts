// Drift channels: a model's per-feature drift over time against the reference pinned per version,
// and pinning another window as the reference. Spread into contract.ts's map.
import { z } from 'zod';
import { channel } from './channel.ts';
import { ModelNameSchema, ModelVersionSchema } from './modelSchemas.ts';

export const DriftTestSchema = z.enum([
  'ks',
  'chisquare',
  'z',
  'wasserstein',
  'jensenshannon',
  'psi',
  'hellinger',
]);
export const DriftReasonSchema = z.enum([
  'override',
  'small_reference_numeric',
  'small_reference_categorical',
  'small_reference_binary',
  'large_reference_numeric',
  'large_reference_categorical',
]);

const ms = z.number().int().nonnegative();

export const DriftReferenceSchema = z.object({
  version: z.string(),
  windowId: z.number().int(),
  pinnedBy: z.string(),
  pinnedAt: ms,
  startMs: ms,
  endMs: ms,
  rows: z.number().int(),
});

export const DriftWindowSummarySchema = z.object({
  id: z.number().int(),
  version: z.string(),
  hostId: z.number().int(),
  startMs: ms,
  endMs: ms,
  rows: z.number().int(),
  driftShare: z.number().nullable(),
  datasetDrift: z.boolean().nullable(),
  estimatedAccuracy: z.number().nullable(),
  accuracy: z.number().nullable(),
});

export const FeatureDriftSeriesSchema = z.object({
  name: z.string(),
  /** The test of the newest window, and why it was chosen. */
  test: DriftTestSchema,
  reason: DriftReasonSchema,
  threshold: z.number(),
  /** Every window's figure, each from one host. */
  points: z.array(
    z.object({ t: ms, value: z.number(), drifted: z.boolean(), hostId: z.number().int() }),
  ),
});

export const ModelDriftSchema = z.object({
  model: z.string(),
  /** The hosts the windows came from, by id, for their names. */
  hosts: z.array(z.object({ id: z.number().int(), name: z.string() })),
  references: z.array(DriftReferenceSchema),
  windows: z.array(DriftWindowSummarySchema),
  features: z.array(FeatureDriftSeriesSchema),
});
export type ModelDrift = z.infer<typeof ModelDriftSchema>;

export const driftChannels = {
  /** The model's drift windows over the last `hours`, per feature, with each test used and why. */
  'drift.model': channel({
    input: z
      .object({ model: ModelNameSchema, hours: z.number().int().min(1).max(720).default(24) })
      .strict(),
    output: ModelDriftSchema,
    access: 'fleet.read',
  }),
  /** Compares this version's windows with another window from now on; audited. */
  'drift.pinReference': channel({
    input: z
      .object({ model: ModelNameSchema, version: ModelVersionSchema, windowId: z.number().int() })
      .strict(),
    output: DriftReferenceSchema,
    access: 'models.manage',
  }),
} as const;

export const driftEvents = {
  /** Drift windows for these models were stored: an open drift panel reloads. */
  'drift.changed': z.object({ models: z.array(z.string()) }),
} as const;
