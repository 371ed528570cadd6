// The shapes the postmortem channels carry: the postmortem with its sections, reviews, comments,
// action items and SLI charts; the open action items across postmortems; the requirement rule.
import { z } from 'zod';
import { PrioritySchema } from '../domain/incidents/index.ts';
import {
  ACTION_ITEM_STATUSES,
  MAX_SECTION_CHARS,
  POSTMORTEM_STATES,
  REVIEW_DECISIONS,
  SECTION_KEYS,
  type SectionKey,
} from '../domain/postmortems/template.ts';

const iso = z.string();

export const PostmortemStateSchema = z.enum(POSTMORTEM_STATES);
export const SectionKeySchema = z.enum(SECTION_KEYS);
export const ActionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES);
export const SectionTextSchema = z
  .string()
  .max(MAX_SECTION_CHARS, `must be at most ${MAX_SECTION_CHARS} characters`);
export const SectionsSchema = z.object(
  Object.fromEntries(SECTION_KEYS.map((k) => [k, SectionTextSchema])) as Record<
    SectionKey,
    typeof SectionTextSchema
  >,
);
/** A calendar day in the site's zone. */
export const DueDateSchema = z.iso.date('use a date as YYYY-MM-DD');

export const ReviewerSchema = z.object({
  username: z.string(),
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.string().nullable(),
  decidedAt: iso.nullable(),
});

export const PostmortemCommentSchema = z.object({
  id: z.number().int(),
  author: z.string(),
  at: iso,
  text: z.string(),
  section: SectionKeySchema.nullable(),
});

export const ActionItemSchema = z.object({
  id: z.number().int(),
  postmortemId: z.number().int(),
  postmortemTitle: z.string(),
  incidentId: z.number().int(),
  title: z.string(),
  owner: z.string(),
  dueDate: z.string().nullable(),
  status: ActionItemStatusSchema,
  isOverdue: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

const TimePointSchema = z.object({ t: z.number(), value: z.number().nullable() });

/** One affected SLO's SLI around the incident, and how much of its error budget the incident burned. */
export const PostmortemChartSchema = z.object({
  slo: z.string(),
  displayName: z.string(),
  objective: z.number().nullable(),
  points: z.array(TimePointSchema),
  budgetConsumed: z.number().nullable(),
  error: z.string().nullable(),
});
export type PostmortemChart = z.infer<typeof PostmortemChartSchema>;

export const PostmortemSummarySchema = z.object({
  id: z.number().int(),
  incidentId: z.number().int(),
  incidentTitle: z.string(),
  incidentPriority: PrioritySchema,
  title: z.string(),
  state: PostmortemStateSchema,
  revision: z.number().int(),
  author: z.string(),
  createdAt: iso,
  updatedAt: iso,
  publishedAt: iso.nullable(),
  reviewerCount: z.number().int(),
  approvedCount: z.number().int(),
  openActionItems: z.number().int(),
});
export type PostmortemSummary = z.infer<typeof PostmortemSummarySchema>;

export const PostmortemDetailSchema = PostmortemSummarySchema.extend({
  sections: SectionsSchema,
  publishedBy: z.string().nullable(),
  service: z.string().nullable(),
  model: z.string().nullable(),
  modelVersion: z.string().nullable(),
  /** The window the charts show: from before the incident opened to after it resolved. */
  chartFrom: iso,
  chartTo: iso,
  incidentOpenedAt: iso,
  incidentResolvedAt: iso.nullable(),
  charts: z.array(PostmortemChartSchema),
  reviewers: z.array(ReviewerSchema),
  comments: z.array(PostmortemCommentSchema),
  actionItems: z.array(ActionItemSchema),
});
export type PostmortemDetail = z.infer<typeof PostmortemDetailSchema>;

export const RequirementReasonSchema = z.enum(['priority', 'budget']);

/** What the incident view shows: whether a postmortem is required, why, and the one there is. */
export const IncidentPostmortemSchema = z.object({
  incidentId: z.number().int(),
  postmortemId: z.number().int().nullable(),
  state: PostmortemStateSchema.nullable(),
  reasons: z.array(RequirementReasonSchema),
  budgetConsumed: z.number().nullable(),
});
export type IncidentPostmortem = z.infer<typeof IncidentPostmortemSchema>;

export const PostmortemPolicySchema = z.object({
  /** An incident that consumed more than this share of any affected SLO's error budget needs a postmortem. */
  budgetThresholdPercent: z.number().min(0.1).max(100),
});
export type PostmortemPolicy = z.infer<typeof PostmortemPolicySchema>;
