// Runbook channels: the library (validate, import, export, versions), automation rules, and runs on
// incidents (dry-run, start, approve, check off, skip, cancel). Spread into contract.ts's map.
import { z } from 'zod';
import { RunbookNameSchema } from '../domain/runbooks/schema.ts';
import { channel } from './channel.ts';
import {
  DryRunSchema,
  IncidentRunbooksSchema,
  RunbookDetailSchema,
  RunbookRuleInputSchema,
  RunbookRuleSchema,
  RunbookRunSchema,
  RunbookSummarySchema,
  RunbookValidationSchema,
} from './runbookSchemas.ts';

const ok = z.object({ done: z.literal(true) });
const id = z.number().int().positive();
const version = z.number().int().positive();
/** Runbook YAML as text; the domain refuses more than 256 KiB with a located problem. */
const source = z.string().max(1024 * 1024);
const stepIndex = z.number().int().min(0).max(49);
const reason = z.string().trim().min(1).max(2000);

export const runbookChannels = {
  'runbooks.list': channel({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(RunbookSummarySchema) }),
    access: 'runbooks.read',
  }),
  /** One version (the newest unless named), with its YAML and every version's date. */
  'runbooks.get': channel({
    input: z.object({ name: RunbookNameSchema, version: version.optional() }).strict(),
    output: RunbookDetailSchema,
    access: 'runbooks.read',
  }),
  /** Checks a document without storing it: every problem, located. */
  'runbooks.validate': channel({
    input: z.object({ source }).strict(),
    output: RunbookValidationSchema,
    access: 'runbooks.read',
  }),
  /** Stores a new version; refused whole (every problem in the message) when anything is wrong. */
  'runbooks.import': channel({
    input: z.object({ source }).strict(),
    output: RunbookDetailSchema,
    access: 'runbooks.manage',
  }),
  'runbooks.export': channel({
    input: z.object({ name: RunbookNameSchema, version: version.optional() }).strict(),
    output: z.object({ fileName: z.string(), source: z.string() }),
    access: 'runbooks.read',
  }),
  'runbooks.rules': channel({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(RunbookRuleSchema) }),
    access: 'runbooks.read',
  }),
  'runbooks.saveRule': channel({
    input: RunbookRuleInputSchema,
    output: RunbookRuleSchema,
    access: 'runbooks.manage',
  }),
  'runbooks.deleteRule': channel({
    input: z.object({ id }).strict(),
    output: ok,
    access: 'runbooks.manage',
  }),
  /** The runbooks suggested for an incident and its runs, newest first. */
  'runbooks.forIncident': channel({
    input: z.object({ incidentId: id }).strict(),
    output: IncidentRunbooksSchema,
    access: 'incidents.read',
  }),
  /** What would run, on which host, with which parameters: nothing is sent to any agent. */
  'runbooks.dryRun': channel({
    input: z
      .object({ incidentId: id, name: RunbookNameSchema, version: version.optional() })
      .strict(),
    output: DryRunSchema,
    access: 'runbooks.read',
  }),
  /** Starts a run of exactly the dry-run's plan (refused if the plan has changed since). */
  'runbooks.start': channel({
    input: z
      .object({
        incidentId: id,
        name: RunbookNameSchema,
        version,
        digest: z.string().regex(/^[0-9a-f]{16}$/),
      })
      .strict(),
    output: RunbookRunSchema,
    access: 'runbooks.run',
  }),
  /** A second operator approves a destructive step (never the one who started the run); it runs now. */
  'runbooks.approveStep': channel({
    input: z.object({ runId: id, stepIndex }).strict(),
    output: RunbookRunSchema,
    access: 'runbooks.approve',
  }),
  /** Checks off a manual step. */
  'runbooks.completeStep': channel({
    input: z
      .object({ runId: id, stepIndex, note: z.string().trim().max(2000).optional() })
      .strict(),
    output: RunbookRunSchema,
    access: 'runbooks.run',
  }),
  'runbooks.skipStep': channel({
    input: z.object({ runId: id, stepIndex, reason }).strict(),
    output: RunbookRunSchema,
    access: 'runbooks.run',
  }),
  'runbooks.cancel': channel({
    input: z.object({ runId: id, reason }).strict(),
    output: RunbookRunSchema,
    access: 'runbooks.run',
  }),
};

export const runbookEvents = {
  /** After a change is committed: the incidents whose runs moved, and whether the library changed. */
  'runbooks.changed': z.object({
    incidentIds: z.array(z.number().int()),
    isLibraryChanged: z.boolean(),
  }),
};
