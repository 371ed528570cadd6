// The shapes the incident, alert-stream, silence and intake channels carry.
import { z } from 'zod';
import {
  ALERT_VERDICTS,
  AlertSourceSchema,
  CLOCK_STATUSES,
  IncidentCategorySchema,
  IncidentRoleSchema,
  IncidentStateSchema,
  LevelSchema,
  PIPELINE_ALERT_STATES,
  PipelineSeveritySchema,
  PrioritySchema,
  TeamFunctionSchema,
} from '../domain/incidents/index.ts';

const LabelsSchema = z.record(z.string(), z.string());
const iso = z.string();

export const ClockViewSchema = z.object({
  status: z.enum(CLOCK_STATUSES),
  elapsedMs: z.number(),
  targetMs: z.number(),
  dueAt: iso.nullable(),
});

/** One row of the queue: enough to sort, filter and see the target clocks. */
export const IncidentSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  state: IncidentStateSchema,
  priority: PrioritySchema,
  impact: LevelSchema,
  urgency: LevelSchema,
  category: IncidentCategorySchema,
  service: z.string().nullable(),
  cluster: z.string().nullable(),
  isMajor: z.boolean(),
  isDrill: z.boolean(),
  detectedAt: iso,
  openedAt: iso,
  acknowledgedAt: iso.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: iso.nullable(),
  closedAt: iso.nullable(),
  updatedAt: iso,
  alertCount: z.number().int(),
  firingAlertCount: z.number().int(),
  commander: z.string().nullable(),
  respond: ClockViewSchema,
  resolve: ClockViewSchema,
});
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

export const PipelineAlertSchema = z.object({
  id: z.number().int(),
  fingerprint: z.string(),
  source: AlertSourceSchema,
  rule: z.string(),
  severity: PipelineSeveritySchema,
  state: z.enum(PIPELINE_ALERT_STATES),
  summary: z.string(),
  labels: LabelsSchema,
  service: z.string().nullable(),
  cluster: z.string().nullable(),
  incidentId: z.number().int().nullable(),
  silenceId: z.number().int().nullable(),
  isFlapping: z.boolean(),
  sourceRef: z.string().nullable(),
  startedAt: iso,
  receivedAt: iso,
  lastSeenAt: iso,
  resolvedAt: iso.nullable(),
  verdict: z.enum(ALERT_VERDICTS).nullable(),
  verdictBy: z.string().nullable(),
});
export type PipelineAlert = z.infer<typeof PipelineAlertSchema>;

export const TIMELINE_KINDS = [
  'opened',
  'alert',
  'state',
  'priority',
  'note',
  'role',
  'team',
  'escalation',
  'notification',
  'action',
  'acknowledged',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineEntrySchema = z.object({
  id: z.number().int(),
  at: iso,
  kind: z.enum(TIMELINE_KINDS),
  actor: z.string().nullable(),
  text: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const IncidentDetailSchema = IncidentSummarySchema.extend({
  timeline: z.array(TimelineEntrySchema),
  alerts: z.array(PipelineAlertSchema),
  roles: z.array(z.object({ role: IncidentRoleSchema, username: z.string(), assignedAt: iso })),
  team: z.array(z.object({ username: z.string(), function: TeamFunctionSchema, addedAt: iso })),
  /** The SLOs of the affected services, for their charts. */
  slos: z.array(z.string()),
  /** What the console would suggest now, and why (the operator may override with a reason). */
  suggestion: z.object({
    impact: LevelSchema,
    urgency: LevelSchema,
    reasons: z.array(z.string()),
  }),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

/** Alertmanager's matcher operators: =, !=, =~, !~. */
export const MatcherSchema = z.object({
  name: z.string().min(1).max(200),
  value: z.string().max(1000),
  isRegex: z.boolean().default(false),
  isEqual: z.boolean().default(true),
});
export type Matcher = z.infer<typeof MatcherSchema>;

export const SilenceSchema = z.object({
  id: z.number().int(),
  matchers: z.array(MatcherSchema),
  startsAt: iso,
  endsAt: iso,
  createdBy: z.string(),
  reason: z.string(),
  createdAt: iso,
  expiredAt: iso.nullable(),
  expiredBy: z.string().nullable(),
  status: z.enum(['pending', 'active', 'expired']),
});
export type Silence = z.infer<typeof SilenceSchema>;

export const IntakeTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: iso,
  lastUsedAt: iso.nullable(),
  revokedAt: iso.nullable(),
  revokedBy: z.string().nullable(),
});
export type IntakeToken = z.infer<typeof IntakeTokenSchema>;

export const IncidentCountsSchema = z.object({
  open: z.number().int(),
  byPriority: z.object({
    P1: z.number().int(),
    P2: z.number().int(),
    P3: z.number().int(),
    P4: z.number().int(),
    P5: z.number().int(),
  }),
  firingAlerts: z.number().int(),
});
export type IncidentCounts = z.infer<typeof IncidentCountsSchema>;

/** Mean times in minutes (null: no incident had that step in the range). */
export const MttxSchema = z.object({
  count: z.number().int(),
  mttdMinutes: z.number().nullable(),
  mttaMinutes: z.number().nullable(),
  mttrMinutes: z.number().nullable(),
});
export const IncidentStatsSchema = z.object({
  from: iso,
  to: iso,
  overall: MttxSchema,
  byPriority: z.array(MttxSchema.extend({ key: z.string() })),
  byCategory: z.array(MttxSchema.extend({ key: z.string() })),
  byService: z.array(MttxSchema.extend({ key: z.string() })),
  /** One point per week (in the site's zone), oldest first. */
  trend: z.array(MttxSchema.extend({ weekStart: iso })),
});
export type IncidentStats = z.infer<typeof IncidentStatsSchema>;

export const NoiseReportRowSchema = z.object({
  source: AlertSourceSchema,
  rule: z.string(),
  total: z.number().int(),
  useful: z.number().int(),
  noise: z.number().int(),
  unjudged: z.number().int(),
  flapping: z.number().int(),
  silenced: z.number().int(),
});
