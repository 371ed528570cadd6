// Drift windows: what an agent sends about a model's prediction log, per window (one minute by
// default). Only sketches and counts: numeric features as DDSketch bins (no min, max or sum, which
// would be raw values) plus fixed histograms, categorical features as counts of keyed hashes, and
// the prediction counts and probability sums CBPE needs. No raw row, value or string leaves the host.
import { z } from 'zod';

const name = z.string().min(1).max(128);
const count = z.number().int().nonnegative();
/** Bounds per window, so one window always fits a frame with room to spare. */
export const DRIFT_LIMITS = {
  features: 200,
  sketchBins: 512,
  histogramBins: 32,
  topK: 50,
  classes: 32,
  windowsPerBatch: 8,
} as const;

/** One DDSketch store: counts for consecutive keys starting at `offset`. */
const StoreSchema = z.object({
  offset: z.number().int(),
  counts: z.array(z.number().nonnegative()).max(DRIFT_LIMITS.sketchBins),
});

export const SketchSchema = z.object({
  relativeAccuracy: z.number().gt(0).lt(1),
  zeroCount: z.number().nonnegative(),
  positive: StoreSchema,
  negative: StoreSchema,
});
export type SketchData = z.infer<typeof SketchSchema>;

export const NumericFeatureSchema = z.object({
  kind: z.literal('numeric'),
  name,
  count,
  missing: count,
  sketch: SketchSchema,
  /** Counts in (-∞, e0), [e0, e1), …, [en, ∞); edges fixed from the agent's reference rows. */
  histogram: z
    .object({
      edges: z.array(z.number()).max(DRIFT_LIMITS.histogramBins),
      counts: z.array(count).max(DRIFT_LIMITS.histogramBins + 1),
    })
    .refine((h) => h.counts.length === h.edges.length + 1, 'one more count than edges')
    .nullable(),
});

export const CategoricalFeatureSchema = z.object({
  kind: z.literal('categorical'),
  name,
  count,
  missing: count,
  /** The most frequent categories as keyed hashes (never the value itself), with their counts. */
  top: z.array(z.object({ key: z.string().regex(/^[0-9a-f]{16}$/), count })).max(DRIFT_LIMITS.topK),
  /** Rows whose category is outside `top`. */
  other: count,
});

export const FeatureSketchSchema = z.discriminatedUnion('kind', [
  NumericFeatureSchema,
  CategoricalFeatureSchema,
]);
export type FeatureSketch = z.infer<typeof FeatureSketchSchema>;

export const DriftWindowSchema = z.object({
  model: name,
  version: z.string().min(1).max(128),
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  rows: count,
  /** Lines that could not be read (bad JSON, wrong column count). */
  unreadable: count,
  features: z.array(FeatureSketchSchema).max(DRIFT_LIMITS.features),
  /** Classifiers: predicted classes (hashed like categories) and CBPE's expected correct count. */
  predictions: z
    .object({
      classes: z
        .array(z.object({ key: z.string().regex(/^[0-9a-f]{16}$/), count }))
        .max(DRIFT_LIMITS.classes),
      /** Rows with a predicted probability, and the sum of each one's chance of being right. */
      scored: count,
      expectedCorrect: z.number().nonnegative(),
    })
    .nullable(),
  /** Labels that arrived in this window, joined to their predictions by id. */
  labelled: z.object({ rows: count, correct: count }).nullable(),
});
export type DriftWindow = z.infer<typeof DriftWindowSchema>;

export const DriftWindowsSchema = z.array(DriftWindowSchema).max(DRIFT_LIMITS.windowsPerBatch);
