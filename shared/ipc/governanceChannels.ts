// Retraining triggers and change records: the site's pipeline, trigger rules, retraining requests
// and the change record of every change to a model in production (four eyes). Spread into contract.ts's map.
import { z } from 'zod';
import { channel } from './channel.ts';
import {
  ChangeProposalSchema,
  ChangeRecordSchema,
  PipelineSettingsSchema,
  RetrainingRequestSchema,
  TriggerRuleInputSchema,
  TriggerRuleSchema,
} from './governanceSchemas.ts';
import { ReportExportSchema } from './sloSchemas.ts';

const id = z.number().int().positive();
const reason = z.string().trim().min(1, 'Say why').max(2_000);

export const governanceChannels = {
  'retraining.rules': channel({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(TriggerRuleSchema) }),
    access: 'fleet.read',
  }),
  /** Creates (id null) or replaces a trigger rule; audited. */
  'retraining.saveRule': channel({
    input: z.object({ id: id.nullable(), rule: TriggerRuleInputSchema }).strict(),
    output: TriggerRuleSchema,
    access: 'retraining.manage',
  }),
  'retraining.requests': channel({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(RetrainingRequestSchema) }),
    access: 'fleet.read',
  }),
  'retraining.request': channel({
    input: z.object({ id }).strict(),
    output: RetrainingRequestSchema,
    access: 'fleet.read',
  }),
  'retraining.pipeline': channel({
    input: z.object({}).strict(),
    output: z.object({ pipeline: PipelineSettingsSchema.nullable() }),
    access: 'fleet.read',
  }),
  /** Where retraining requests go (HTTPS with the site's CA, or a drop folder); audited. */
  'retraining.setPipeline': channel({
    input: z.object({ pipeline: PipelineSettingsSchema }).strict(),
    output: z.object({ pipeline: PipelineSettingsSchema }),
    access: 'retraining.manage',
  }),
  /** Evaluates every rule now and delivers what waits (instead of waiting for the timer). */
  'retraining.evaluate': channel({
    input: z.object({}).strict(),
    output: z.object({ filed: z.array(z.number().int()) }),
    access: 'retraining.manage',
  }),
  'changes.list': channel({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(ChangeRecordSchema) }),
    access: 'fleet.read',
  }),
  'changes.get': channel({
    input: z.object({ id }).strict(),
    output: ChangeRecordSchema,
    access: 'fleet.read',
  }),
  /** Asks for a change; it waits for someone else's approval. Audited. */
  'changes.propose': channel({
    input: ChangeProposalSchema,
    output: ChangeRecordSchema,
    access: 'changes.request',
  }),
  /** Four eyes: never the requester. Audited. */
  'changes.decide': channel({
    input: z.object({ id, decision: z.enum(['approved', 'rejected']), reason }).strict(),
    output: ChangeRecordSchema,
    access: 'changes.approve',
  }),
  'changes.recordOutcome': channel({
    input: z
      .object({ id, outcome: z.enum(['applied', 'failed', 'cancelled']), detail: reason })
      .strict(),
    output: ChangeRecordSchema,
    access: 'changes.request',
  }),
  /** Every change record (or one) as JSON, HTML or PDF for auditors, stamped with a checkpoint; audited. */
  'changes.export': channel({
    input: z
      .object({
        id: id.nullable().default(null),
        format: z.enum(['json', 'html', 'pdf']),
        language: z.enum(['en', 'ar']).default('en'),
      })
      .strict(),
    output: ReportExportSchema,
    access: 'reports.export',
  }),
} as const;

export const governanceEvents = {
  /** A rule, request or change record changed (the ids when one did). */
  'governance.changed': z.object({
    changeId: z.number().int().nullable(),
    requestId: z.number().int().nullable(),
  }),
} as const;
