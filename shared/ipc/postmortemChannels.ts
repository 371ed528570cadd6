// Postmortem channels: write a blameless postmortem from an incident, review and publish it, track
// its action items to closure, and export it. Spread into contract.ts's map.
import { z } from 'zod';
import { channel } from './channel.ts';
import {
  ActionItemSchema,
  ActionItemStatusSchema,
  DueDateSchema,
  IncidentPostmortemSchema,
  PostmortemDetailSchema,
  PostmortemPolicySchema,
  PostmortemStateSchema,
  PostmortemSummarySchema,
  SectionKeySchema,
  SectionTextSchema,
} from './postmortemSchemas.ts';
import { ReportExportSchema } from './sloSchemas.ts';

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const username = z.string().trim().min(1).max(64);

export const postmortemChannels = {
  'postmortems.list': channel({
    input: z.object({ states: z.array(PostmortemStateSchema).max(3).optional() }).strict(),
    output: z.array(PostmortemSummarySchema),
    access: 'postmortems.read',
  }),
  'postmortems.get': channel({
    input: z.object({ id }).strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.read',
  }),
  /** Whether the incident needs a postmortem (and why), and the one it has. */
  'postmortems.forIncident': channel({
    input: z.object({ incidentId: id }).strict(),
    output: IncidentPostmortemSchema,
    access: 'postmortems.read',
  }),
  /** One per incident, pre-filled from it (impact, timeline, model and version, SLI charts). */
  'postmortems.create': channel({
    input: z.object({ incidentId: id }).strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.write',
  }),
  /** Edits a draft: any sections given, the title, the model and version. */
  'postmortems.update': channel({
    input: z
      .object({
        id,
        title: text(200).optional(),
        sections: z.partialRecord(SectionKeySchema, SectionTextSchema).optional(),
        model: z.string().trim().max(200).nullable().optional(),
        modelVersion: z.string().trim().max(200).nullable().optional(),
      })
      .strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.write',
  }),
  'postmortems.setReviewers': channel({
    input: z.object({ id, usernames: z.array(username).max(10) }).strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.write',
  }),
  /** Draft → in review: every named reviewer is asked again. */
  'postmortems.submit': channel({
    input: z.object({ id }).strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.write',
  }),
  /** A named reviewer approves, or requests changes (with a comment), which returns it to draft. */
  'postmortems.review': channel({
    input: z
      .object({
        id,
        decision: z.enum(['approve', 'request_changes']),
        comment: z.string().trim().max(10_000).optional(),
      })
      .strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.review',
  }),
  /** In review with every named reviewer's approval → published (read-only). */
  'postmortems.publish': channel({
    input: z.object({ id }).strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.write',
  }),
  /** Published → a new revision as a draft; approvals are asked again. */
  'postmortems.reopen': channel({
    input: z.object({ id, reason: text(1000) }).strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.write',
  }),
  'postmortems.comment': channel({
    input: z.object({ id, text: text(10_000), section: SectionKeySchema.nullable() }).strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.review',
  }),
  'postmortems.addActionItem': channel({
    input: z
      .object({ id, title: text(300), owner: username, dueDate: DueDateSchema.nullable() })
      .strict(),
    output: PostmortemDetailSchema,
    access: 'postmortems.write',
  }),
  'postmortems.updateActionItem': channel({
    input: z
      .object({
        itemId: id,
        title: text(300).optional(),
        owner: username.optional(),
        dueDate: DueDateSchema.nullable().optional(),
        status: ActionItemStatusSchema.optional(),
      })
      .strict(),
    output: ActionItemSchema,
    access: 'postmortems.write',
  }),
  /** Action items across every postmortem; by default those still open or in progress. */
  'postmortems.actionItems': channel({
    input: z.object({ includeClosed: z.boolean().default(false) }).strict(),
    output: z.array(ActionItemSchema),
    access: 'postmortems.read',
  }),
  'postmortems.policy': channel({
    input: z.object({}).strict(),
    output: PostmortemPolicySchema,
    access: 'postmortems.read',
  }),
  'postmortems.setPolicy': channel({
    input: PostmortemPolicySchema.strict(),
    output: PostmortemPolicySchema,
    access: 'settings.manage',
  }),
  /** Writes Markdown or PDF (English or Arabic) under the data folder's exports, stamped and audited. */
  'postmortems.export': channel({
    input: z.object({ id, format: z.enum(['md', 'pdf']), language: z.enum(['en', 'ar']) }).strict(),
    output: ReportExportSchema,
    access: 'postmortems.read',
  }),
} as const;

export const postmortemEvents = {
  /** A postmortem or its action items changed. */
  'postmortems.changed': z.object({ ids: z.array(z.number().int()) }),
} as const;
