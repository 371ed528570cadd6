// The agent config's `drift:` section: which prediction logs to follow and what their columns are.
import { z } from 'zod';

const column = z.string().min(1).max(128);

const LogFileSchema = z.strictObject({
  path: z.string().min(1),
  /** Default: from the file name (.csv is CSV, anything else JSON Lines). */
  format: z.enum(['jsonl', 'csv']).optional(),
});

export const DriftLogSchema = z
  .strictObject({
    model: z.string().min(1).max(128),
    version: z.string().min(1).max(128),
    ...LogFileSchema.shape,
    windowSeconds: z.number().int().min(10).max(3600).default(60),
    /** Existing lines are read at start ('beginning') or skipped, as `tail -F -n0` would ('end'). */
    startAt: z.enum(['beginning', 'end']).default('end'),
    numeric: z.array(column).max(200).default([]),
    categorical: z.array(column).max(200).default([]),
    /** Rows of the first reference that fix each numeric feature's histogram edges. */
    referenceRows: z.number().int().min(100).max(1_000_000).default(1000),
    /** Categories leave the host only as hashes keyed with this; give every host of a model the same. */
    categoryKey: z.string().min(1).max(256).optional(),
    prediction: z
      .strictObject({
        column,
        /** The predicted probability: of the predicted class, or of `positiveClass` when given. */
        probabilityColumn: column.optional(),
        positiveClass: z.string().min(1).max(128).optional(),
        idColumn: column.optional(),
      })
      .optional(),
    /** Ground truth arriving later, joined to predictions by id. */
    labels: LogFileSchema.extend({ idColumn: column, labelColumn: column }).optional(),
  })
  .refine((log) => log.numeric.length + log.categorical.length > 0, {
    message: 'name at least one numeric or categorical feature',
    path: ['numeric'],
  })
  .refine((log) => !log.labels || log.prediction?.idColumn, {
    message: 'labels are joined by the prediction id: set prediction.idColumn',
    path: ['labels'],
  });

export type DriftLogConfig = z.infer<typeof DriftLogSchema>;

export const DriftSectionSchema = z.array(DriftLogSchema).max(32).default([]);

export function formatOf(file: { path: string; format?: 'jsonl' | 'csv' }): 'jsonl' | 'csv' {
  return file.format ?? (file.path.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
}
