// The input of `mirqab experiment analyse FILE.json` (and of the console's results view): the arms with
// their units and planned shares, and per metric each arm's data as raw values or summaries (users and
// conversions for proportions), optionally with the pre-period CUPED uses.
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int('must be a whole number').nonnegative('must be ≥ 0');

const summary = z.object({
  n: count.min(2, 'needs at least 2 units'),
  mean: finite,
  variance: finite.refine((v) => v >= 0, 'must be ≥ 0'),
});

/** A continuous metric in one arm: raw values, or a summary. Pre-period likewise (for CUPED). */
export const MeanArmDataSchema = z.union([
  z.object({
    values: z.array(finite).min(2, 'needs at least 2 values'),
    preValues: z.array(finite).optional(),
  }),
  summary.extend({
    pre: z
      .object({
        mean: finite,
        variance: finite.refine((v) => v >= 0, 'must be ≥ 0'),
        covariance: finite,
      })
      .optional(),
  }),
]);

export const ProportionArmDataSchema = z
  .object({ conversions: count, users: count.min(1, 'needs at least 1 user') })
  .refine((d) => d.conversions <= d.users, 'conversions cannot exceed users');

const metricBase = {
  name: z.string().min(1),
  /** Which way is better: higher (conversions, accuracy) or lower (latency, errors). */
  direction: z.enum(['higher', 'lower']).default('higher'),
  difference: z.enum(['absolute', 'relative']).default('absolute'),
};

export const ExperimentMetricSchema = z.discriminatedUnion('kind', [
  z.object({
    ...metricBase,
    kind: z.literal('proportion'),
    arms: z.record(z.string(), ProportionArmDataSchema),
  }),
  z.object({
    ...metricBase,
    kind: z.literal('mean'),
    arms: z.record(z.string(), MeanArmDataSchema),
  }),
]);

export const ExperimentAnalysisInputSchema = z
  .object({
    name: z.string().optional(),
    arms: z
      .array(
        z.object({
          name: z.string().min(1),
          users: count,
          /** Planned share of traffic (any positive weights); equal shares when left out. */
          expectedShare: z.number().positive().optional(),
        }),
      )
      .min(2, 'an experiment needs a control and at least one variant'),
    /** The control arm's name; the first arm when left out. */
    control: z.string().optional(),
    metrics: z.array(ExperimentMetricSchema).min(1, 'name at least one metric'),
    alpha: z.number().gt(0).lt(1).default(0.05),
    correction: z.enum(['holm', 'benjamini-hochberg', 'none']).default('holm'),
    sequentialTuning: z.number().positive().default(5000),
  })
  .superRefine((input, ctx) => {
    const names = input.arms.map((a) => a.name);
    if (new Set(names).size !== names.length)
      ctx.addIssue({ code: 'custom', path: ['arms'], message: 'arm names must be unique' });
    if (input.control !== undefined && !names.includes(input.control))
      ctx.addIssue({
        code: 'custom',
        path: ['control'],
        message: `no arm is named "${input.control}"`,
      });
    const shares = input.arms.filter((a) => a.expectedShare !== undefined).length;
    if (shares !== 0 && shares !== names.length)
      ctx.addIssue({
        code: 'custom',
        path: ['arms'],
        message: 'give every arm an expectedShare, or none',
      });
    input.metrics.forEach((metric, m) => {
      for (const arm of names)
        if (!(arm in metric.arms))
          ctx.addIssue({
            code: 'custom',
            path: ['metrics', m, 'arms'],
            message: `no data for arm "${arm}"`,
          });
      for (const arm of Object.keys(metric.arms))
        if (!names.includes(arm))
          ctx.addIssue({
            code: 'custom',
            path: ['metrics', m, 'arms', arm],
            message: `"${arm}" is not an arm`,
          });
    });
  });

export type ExperimentAnalysisInput = z.input<typeof ExperimentAnalysisInputSchema>;
export type ParsedExperimentAnalysisInput = z.output<typeof ExperimentAnalysisInputSchema>;

/** Parse, or one line per problem naming where it is ("metrics.0.arms.v2.users: must be ≥ 0"). */
export function parseExperimentAnalysisInput(
  data: unknown,
): { ok: true; value: ParsedExperimentAnalysisInput } | { ok: false; problems: string[] } {
  const parsed = ExperimentAnalysisInputSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map(
      (issue) =>
        `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`,
    ),
  };
}
