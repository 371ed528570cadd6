// A drill scenario: a versioned YAML document that says which simulated site a drill needs, what
// breaks when (faults from the fleet simulator's catalogue, or alerts as the site's Alertmanager or
// SIEM would send them), what a good response looks like, the hints a facilitator may release and
// the debrief questions. The engine runs it; the scorer judges the response against `expected`.
import { z } from 'zod';
import { FAULT_KINDS, GPU_FAULTS, HOST_FAULTS, MODEL_FAULTS } from '../faults.ts';
import { IncidentCategorySchema, TeamFunctionSchema } from '../incidents/categories.ts';
import { PrioritySchema } from '../incidents/priority.ts';
import { RunbookNameSchema } from '../runbooks/schema.ts';
import { SloSpecSchema } from '../slo/spec.ts';
import { isRecord, type PathSegment } from '../slo/yamlFields.ts';
import type { FieldProblem } from '../yamlDocument.ts';

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

// Discriminated by kind, so a mistake inside an inject is reported at its own field.
export const InjectSchema = z.discriminatedUnion('kind', [AlertInjectSchema, FaultInjectSchema], {
  error: `must be alert, or a fault from the catalogue: ${FAULT_KINDS.join(', ')}`,
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
  /**
   * Functional escalation: the expertise the team must bring onto the incident (someone joins its
   * team with this function), e.g. ml_engineer for a bad model, data_scientist for a data pipeline.
   */
  escalateTo: TeamFunctionSchema.optional(),
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
    /** At most 8 hours: the drill workspace's sessions lock after 480 idle minutes at most. */
    durationMinutes: positiveMinutes.max(480, 'must be at most 480 minutes (8 hours)'),
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
    for (const { path, message } of scenarioCrossChecks(scenario))
      ctx.addIssue({ code: 'custom', path, message });
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

const isIn = (list: readonly string[], value: string): boolean => list.includes(value);
const wholeNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) ? value : undefined;

/**
 * Checks across fields: injects and hints inside the drill, targets that exist on the drill's site,
 * required steps with their runbook, SLOs about the site's models. Read defensively from the raw
 * document too, so they are reported alongside the schema's problems, not after them.
 */
export function scenarioCrossChecks(raw: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const problem = (path: PathSegment[], message: string) => out.push({ path, message });
  const duration = typeof raw.durationMinutes === 'number' ? raw.durationMinutes : undefined;
  const site = isRecord(raw.site) ? raw.site : {};
  const hostCount = wholeNumber(site.hosts);
  const gpusPerHost = wholeNumber(site.gpusPerHost);
  const hosts =
    hostCount === undefined || gpusPerHost === undefined
      ? undefined
      : drillHostNames(hostCount, gpusPerHost);
  const models: readonly string[] = Array.isArray(site.models)
    ? site.models.filter((m): m is string => typeof m === 'string')
    : DRILL_MODELS;
  const startsAfterEnd = (path: PathSegment[], at: unknown, verb: string) => {
    if (typeof at === 'number' && duration !== undefined && at >= duration)
      problem(path, `${verb} after the drill ends (at ${duration} minutes)`);
  };
  (Array.isArray(raw.injects) ? (raw.injects as unknown[]) : []).forEach((inject, i) => {
    if (!isRecord(inject)) return;
    const at = (...path: PathSegment[]) => ['injects', i, ...path];
    startsAfterEnd(at('at'), inject.at, 'starts');
    const kind = typeof inject.kind === 'string' ? inject.kind : '';
    if (!isIn(FAULT_KINDS, kind)) return;
    const target = isRecord(inject.target) ? inject.target : {};
    const isGpu = isIn(GPU_FAULTS, kind);
    const isModel = isIn(MODEL_FAULTS, kind) && !isIn(HOST_FAULTS, kind);
    if (hosts && typeof target.host === 'string' && !hosts.includes(target.host))
      problem(at('target', 'host'), `is not a host of this site (${hosts.join(', ')})`);
    if (isGpu && gpusPerHost === 0) problem(at('kind'), 'a GPU fault needs a site with GPUs');
    if (typeof target.gpu === 'number' && gpusPerHost !== 0) {
      if (!isGpu) problem(at('target', 'gpu'), `${kind} does not target a GPU`);
      else if (gpusPerHost !== undefined && target.gpu >= gpusPerHost)
        problem(at('target', 'gpu'), `each host has GPUs 0 to ${gpusPerHost - 1}`);
    }
    if (typeof target.model === 'string') {
      if (!isModel) problem(at('target', 'model'), `${kind} does not target a model`);
      else if (!models.includes(target.model))
        problem(at('target', 'model'), `is not a model of this site (${models.join(', ')})`);
    }
  });
  (Array.isArray(raw.hints) ? (raw.hints as unknown[]) : []).forEach((hint, i) => {
    if (isRecord(hint)) startsAfterEnd(['hints', i, 'at'], hint.at, 'comes');
  });
  const slos = Array.isArray(site.slos) ? (site.slos as unknown[]) : [];
  const sloNames = new Map<string, number>();
  slos.forEach((slo, i) => {
    if (!isRecord(slo)) return;
    if (typeof slo.name === 'string') {
      const first = sloNames.get(slo.name);
      if (first === undefined) sloNames.set(slo.name, i);
      else
        problem(
          ['site', 'slos', i, 'name'],
          `"${slo.name}" is already the name of site.slos[${first}]`,
        );
    }
    const model = isRecord(slo.service) ? slo.service.model : undefined;
    if (typeof model === 'string' && !models.includes(model))
      problem(
        ['site', 'slos', i, 'service', 'model'],
        `is not a model of this site (${models.join(', ')})`,
      );
  });
  const expected = isRecord(raw.expected) ? raw.expected : {};
  if (
    Array.isArray(expected.requiredSteps) &&
    expected.requiredSteps.length > 0 &&
    expected.runbook === undefined
  )
    problem(
      ['expected', 'requiredSteps'],
      'required steps belong to a runbook: name it in expected.runbook',
    );
  return out;
}
