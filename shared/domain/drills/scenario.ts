// A drill scenario: a versioned YAML document that says which simulated site a drill needs, what
// breaks when (faults from the fleet simulator's catalogue, or alerts as the site's Alertmanager or
// SIEM would send them), what a good response looks like, the hints a facilitator may release and
// the debrief questions. The engine runs it; the scorer judges the response against `expected`.
import { z } from 'zod';
import { FAULT_KINDS, GPU_FAULTS, HOST_FAULTS, MODEL_FAULTS } from '../faults.ts';
import { IncidentCategorySchema } from '../incidents/categories.ts';
import { PrioritySchema } from '../incidents/priority.ts';
import { RunbookNameSchema } from '../runbooks/schema.ts';
import { SloSpecSchema } from '../slo/spec.ts';

export const DRILL_API_VERSION = 'mirqab/v1';

/** The simulated models a drill site can serve (the simulator's calibrated services). */
export const DRILL_MODELS = ['llama-3-8b', 'gpt2-small'] as const;

const slug = z
  .string({ error: 'must be text' })
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'must be lowercase letters, digits and dashes (at most 63), starting with a letter or digit',
  );
const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
const minutes = z
  .number({ error: 'must be a number of minutes' })
  .min(0, 'must not be negative')
  .max(24 * 60, 'must be at most 1440 minutes (a day)');
const positiveMinutes = z
  .number({ error: 'must be a number of minutes' })
  .gt(0, 'must be more than 0 minutes')
  .max(24 * 60, 'must be at most 1440 minutes (a day)');

export const DRILL_CATEGORIES = [
  'gpu_failure',
  'throttling',
  'model_quality',
  'data_pipeline',
  'capacity',
  'security',
] as const;
export const DrillCategorySchema = z.enum(DRILL_CATEGORIES);
export type DrillCategory = z.infer<typeof DrillCategorySchema>;

/** A fault the simulated fleet is given `at` minutes into the drill, for `durationMinutes`. */
export const FaultInjectSchema = z.strictObject({
  at: minutes,
  kind: z.enum(FAULT_KINDS, { error: `must be one of ${FAULT_KINDS.join(', ')}` }),
  target: z.strictObject({
    /** A host of the drill's site, as the simulator names it: sim-gpu-01, sim-gpu-02, … */
    host: text(200),
    gpu: z.number().int().min(0).max(255).optional(),
    model: text(200).optional(),
  }),
  durationMinutes: positiveMinutes,
  params: z
    .strictObject({
      factor: z.number().min(1).max(1000).optional(),
      ratio: z.number().min(0).max(1).optional(),
      xid: z.number().int().min(1).max(999).optional(),
      powerLimitW: z.number().min(100).max(700).optional(),
      drop: z.number().min(0).max(1).optional(),
      version: z.string().optional(),
    })
    .optional(),
});
export type FaultInject = z.infer<typeof FaultInjectSchema>;

/**
 * An alert delivered `at` minutes in through the drill site's Alertmanager intake, as the site's own
 * Alertmanager or SIEM would send it: how security events (an unknown certificate, a bulk export)
 * reach the console.
 */
export const AlertInjectSchema = z.strictObject({
  at: minutes,
  kind: z.literal('alert'),
  alertname: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be a Prometheus alert name'),
  severity: z.enum(['critical', 'warning', 'info']),
  summary: text(500),
  labels: z.record(z.string().max(64), z.string().max(256)).default({}),
  durationMinutes: positiveMinutes,
});
export type AlertInject = z.infer<typeof AlertInjectSchema>;

export const InjectSchema = z.union([AlertInjectSchema, FaultInjectSchema], {
  error: 'must be a fault (kind from the fault catalogue) or an alert (kind: alert)',
});
export type Inject = z.infer<typeof InjectSchema>;

/** What a good response looks like; each part becomes one component of the score. */
export const ExpectedResponseSchema = z.strictObject({
  detectWithinMinutes: positiveMinutes,
  acknowledgeWithinMinutes: positiveMinutes,
  mitigateWithinMinutes: positiveMinutes,
  priority: PrioritySchema,
  category: IncidentCategorySchema.optional(),
  /** The runbook a good response runs on the incident (a built-in or an imported one). */
  runbook: RunbookNameSchema.optional(),
  /** Step ids of that runbook that must be done (not skipped). */
  requiredSteps: z.array(slug).max(50).default([]),
  /** An incident commander is named on the incident. */
  commander: z.boolean().default(true),
  /** Stakeholders are told: a note on the incident's timeline. */
  communications: z.boolean().default(true),
  /** A postmortem is written for the incident before the drill ends. */
  postmortem: z.boolean().default(true),
});
export type ExpectedResponse = z.infer<typeof ExpectedResponseSchema>;

export const DrillScenarioSchema = z
  .strictObject({
    apiVersion: z.literal(DRILL_API_VERSION, { error: `must be ${DRILL_API_VERSION}` }),
    kind: z.literal('DrillScenario', { error: 'must be DrillScenario' }),
    name: slug,
    version: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
    title: text(200),
    description: text(4000),
    category: DrillCategorySchema,
    durationMinutes: positiveMinutes,
    site: z.strictObject({
      hosts: z.number().int().min(1).max(16),
      gpusPerHost: z.number().int().min(0).max(8),
      models: z
        .array(z.enum(DRILL_MODELS, { error: `must be one of ${DRILL_MODELS.join(', ')}` }))
        .min(1)
        .max(DRILL_MODELS.length)
        .default([...DRILL_MODELS]),
      slos: z.array(SloSpecSchema).max(10).default([]),
    }),
    injects: z.array(InjectSchema).min(1, 'a drill needs at least one inject').max(50),
    expected: ExpectedResponseSchema,
    hints: z
      .array(z.strictObject({ at: minutes, text: text(2000) }))
      .max(20)
      .default([]),
    debrief: z.array(text(500)).max(20).default([]),
  })
  .superRefine((scenario, ctx) => {
    const hosts = drillHostNames(scenario.site.hosts, scenario.site.gpusPerHost);
    scenario.injects.forEach((inject, i) => {
      const at = (...path: (string | number)[]) => ['injects', i, ...path];
      if (inject.at >= scenario.durationMinutes)
        ctx.addIssue({
          code: 'custom',
          path: at('at'),
          message: `starts after the drill ends (at ${scenario.durationMinutes} minutes)`,
        });
      if (inject.kind === 'alert') return;
      if (!hosts.includes(inject.target.host))
        ctx.addIssue({
          code: 'custom',
          path: at('target', 'host'),
          message: `is not a host of this site (${hosts.join(', ')})`,
        });
      const isGpu = (GPU_FAULTS as readonly string[]).includes(inject.kind);
      const isModel = (MODEL_FAULTS as readonly string[]).includes(inject.kind);
      const isHost = (HOST_FAULTS as readonly string[]).includes(inject.kind);
      if (isGpu && scenario.site.gpusPerHost === 0)
        ctx.addIssue({
          code: 'custom',
          path: at('kind'),
          message: 'a GPU fault needs a site with GPUs',
        });
      if (
        inject.target.gpu !== undefined &&
        (!isGpu || inject.target.gpu >= scenario.site.gpusPerHost)
      )
        ctx.addIssue({
          code: 'custom',
          path: at('target', 'gpu'),
          message: isGpu
            ? `each host has GPUs 0 to ${scenario.site.gpusPerHost - 1}`
            : `${inject.kind} does not target a GPU`,
        });
      if (inject.target.model !== undefined) {
        if (!isModel || isHost)
          ctx.addIssue({
            code: 'custom',
            path: at('target', 'model'),
            message: `${inject.kind} does not target a model`,
          });
        else if (!(scenario.site.models as string[]).includes(inject.target.model))
          ctx.addIssue({
            code: 'custom',
            path: at('target', 'model'),
            message: `is not a model of this site (${scenario.site.models.join(', ')})`,
          });
      }
    });
    scenario.hints.forEach((hint, i) => {
      if (hint.at >= scenario.durationMinutes)
        ctx.addIssue({
          code: 'custom',
          path: ['hints', i, 'at'],
          message: `comes after the drill ends (at ${scenario.durationMinutes} minutes)`,
        });
    });
    if (scenario.expected.requiredSteps.length > 0 && scenario.expected.runbook === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['expected', 'requiredSteps'],
        message: 'required steps belong to a runbook: name it in expected.runbook',
      });
  });
export type DrillScenario = z.infer<typeof DrillScenarioSchema>;

/** The hosts the simulator creates for a site of this size (its own naming). */
export function drillHostNames(hosts: number, gpusPerHost: number): string[] {
  const prefix = gpusPerHost > 0 ? 'sim-gpu' : 'sim-cpu';
  return Array.from({ length: hosts }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
}

/** Where an inject lands first, for timelines: a host (and GPU or model), or the alert's name. */
export function injectTarget(inject: Inject): string {
  if (inject.kind === 'alert') return inject.alertname;
  const { host, gpu, model } = inject.target;
  return [host, gpu === undefined ? null : `GPU ${gpu}`, model ?? null]
    .filter((part) => part !== null)
    .join(' · ');
}
