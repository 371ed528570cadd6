// The runbook document: a named, versioned list of steps, each a manual checklist item (guidance in
// Markdown) or one of an agent's declared actions with parameters, possibly templated from the incident.
import { z } from 'zod';

export const RUNBOOK_API_VERSION = 'mirqab/v1';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ACTION_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const PARAM_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Actions that change what serves traffic or take capacity away. A step running one is always
 * destructive (it needs a second operator's approval); any other action is destructive unless the
 * runbook says `destructive: false`, so an unknown action is never run without four eyes by accident.
 */
export const DESTRUCTIVE_ACTIONS: readonly string[] = [
  'rollback_model',
  'deploy_model_version',
  'drain_host',
  'restart_service',
  'fail_over',
  'pause_pipeline',
];

/** Actions after which a health gate may watch the model's SLI. */
export const GATED_ACTIONS: readonly string[] = ['rollback_model', 'deploy_model_version'];

export const RunbookNameSchema = z
  .string()
  .regex(
    SLUG,
    'must be lowercase letters, digits and dashes (at most 63), starting with a letter or digit',
  );

const title = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

const ratio = z
  .number({ error: 'must be a number from 0 to 1' })
  .min(0, 'must be from 0 to 1')
  .max(1, 'must be from 0 to 1');

export const HealthGateSchema = z
  .object({
    withinMinutes: z
      .number({ error: 'must be a whole number of minutes' })
      .int('must be a whole number of minutes')
      .min(1, 'must be at least 1 minute')
      .max(240, 'must be at most 240 minutes'),
    accuracyAtLeast: ratio.optional(),
    errorRatioAtMost: ratio.optional(),
  })
  .strict()
  .refine((g) => g.accuracyAtLeast !== undefined || g.errorRatioAtMost !== undefined, {
    message: 'needs accuracyAtLeast, errorRatioAtMost or both',
  });
export type HealthGate = z.infer<typeof HealthGateSchema>;

const stepId = z
  .string({ error: 'must be text' })
  .regex(SLUG, 'must be a lowercase slug such as "check-traffic"');

export const ManualStepSchema = z
  .object({
    id: stepId,
    type: z.literal('manual'),
    title,
    guidance: z
      .string({ error: 'must be Markdown text' })
      .max(20_000, 'must be at most 20000 characters')
      .default(''),
  })
  .strict();

const ParamValueSchema = z.union([z.string().max(1024), z.number(), z.boolean()], {
  error: 'must be text, a number or true/false (at most 1024 characters)',
});

export const ActionStepSchema = z
  .object({
    id: stepId,
    type: z.literal('action'),
    title,
    action: z
      .string({ error: 'must be the name of an action agents declare' })
      .regex(ACTION_NAME, 'must be an action name such as rollback_model'),
    host: z
      .string({ error: 'must be a host name or a template such as "{{incident.host}}"' })
      .trim()
      .min(1, 'must not be empty')
      .max(253),
    params: z
      .record(
        z.string().regex(PARAM_NAME, 'parameter names are lowercase with underscores'),
        ParamValueSchema,
      )
      .default({}),
    destructive: z.boolean({ error: 'must be true or false' }).optional(),
    healthGate: HealthGateSchema.optional(),
  })
  .strict();

export const RunbookStepSchema = z.discriminatedUnion(
  'type',
  [ManualStepSchema, ActionStepSchema],
  {
    error: 'must be "manual" or "action"',
  },
);
export type RunbookStep = z.infer<typeof RunbookStepSchema>;
export type ManualStep = z.infer<typeof ManualStepSchema>;
export type ActionStep = z.infer<typeof ActionStepSchema>;

export const RunbookSchema = z
  .object({
    apiVersion: z.literal(RUNBOOK_API_VERSION, { error: `must be ${RUNBOOK_API_VERSION}` }),
    kind: z.literal('Runbook', { error: 'must be Runbook' }),
    name: RunbookNameSchema,
    version: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1'),
    title,
    description: z.string({ error: 'must be Markdown text' }).max(20_000).default(''),
    steps: z
      .array(RunbookStepSchema, { error: 'must be a list of steps' })
      .min(1, 'must list at least one step')
      .max(50, 'must list at most 50 steps'),
  })
  .strict();
export type Runbook = z.infer<typeof RunbookSchema>;

/** Whether a step needs a second operator's approval before it runs. */
export function isDestructive(step: RunbookStep): boolean {
  if (step.type === 'manual') return false;
  if (DESTRUCTIVE_ACTIONS.includes(step.action)) return true;
  return step.destructive ?? true;
}
