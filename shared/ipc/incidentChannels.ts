// Incident response channels: incidents, the alert stream from every source, silences, and the
// intake tokens the site's Alertmanager authenticates with. Spread into contract.ts's map.
import { z } from 'zod';
import {
  ALERT_SOURCES,
  ALERT_VERDICTS,
  INCIDENT_STATES,
  IncidentCategorySchema,
  IncidentRoleSchema,
  IncidentStateSchema,
  LevelSchema,
  PIPELINE_ALERT_STATES,
  PRIORITIES,
  TargetsSchema,
  TeamFunctionSchema,
} from '../domain/incidents/index.ts';
import { channel } from './channel.ts';
import {
  IncidentCountsSchema,
  IncidentDetailSchema,
  IncidentStatsSchema,
  IncidentSummarySchema,
  IntakeTokenSchema,
  MatcherSchema,
  NoiseReportRowSchema,
  PipelineAlertSchema,
  SilenceSchema,
} from './incidentSchemas.ts';

const ok = z.object({ done: z.literal(true) });
const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const username = z.string().min(1).max(64);

export const incidentChannels = {
  /** The queue: newest first; the renderer sorts and filters the rows it holds. */
  'incidents.list': channel({
    input: z
      .object({
        states: z.array(IncidentStateSchema).max(INCIDENT_STATES.length).optional(),
        limit: z.number().int().min(1).max(20_000).default(20_000),
      })
      .strict(),
    output: z.object({ items: z.array(IncidentSummarySchema), total: z.number().int() }),
    access: 'incidents.read',
  }),
  'incidents.get': channel({
    input: z.object({ id }).strict(),
    output: IncidentDetailSchema,
    access: 'incidents.read',
  }),
  'incidents.counts': channel({
    input: z.object({}).strict(),
    output: IncidentCountsSchema,
    access: 'incidents.read',
  }),
  /** Declares an incident by hand (a report from a user, a problem no alert caught). */
  'incidents.declare': channel({
    input: z
      .object({
        title: text(200),
        impact: LevelSchema,
        urgency: LevelSchema,
        category: IncidentCategorySchema,
        service: z.string().trim().min(1).max(200).optional(),
        note: text(10_000).optional(),
      })
      .strict(),
    output: IncidentDetailSchema,
    access: 'incidents.respond',
  }),
  'incidents.acknowledge': channel({
    input: z.object({ id }).strict(),
    output: IncidentDetailSchema,
    access: 'incidents.respond',
  }),
  'incidents.transition': channel({
    input: z.object({ id, to: IncidentStateSchema, note: text(10_000).optional() }).strict(),
    output: IncidentDetailSchema,
    access: 'incidents.respond',
  }),
  'incidents.setPriority': channel({
    input: z.object({ id, impact: LevelSchema, urgency: LevelSchema, reason: text(1000) }).strict(),
    output: IncidentDetailSchema,
    access: 'incidents.command',
  }),
  'incidents.update': channel({
    input: z
      .object({
        id,
        title: text(200).optional(),
        category: IncidentCategorySchema.optional(),
        isMajor: z.boolean().optional(),
      })
      .strict(),
    output: IncidentDetailSchema,
    access: 'incidents.command',
  }),
  'incidents.addNote': channel({
    input: z.object({ id, text: text(10_000) }).strict(),
    output: IncidentDetailSchema,
    access: 'incidents.respond',
  }),
  /** Hands a major-incident role to someone (the hand-off is on the timeline). */
  'incidents.assignRole': channel({
    input: z.object({ id, role: IncidentRoleSchema, username }).strict(),
    output: IncidentDetailSchema,
    access: 'incidents.command',
  }),
  /** Adds someone to the cross-functional team, or removes them (function null). */
  'incidents.setTeamMember': channel({
    input: z.object({ id, username, function: TeamFunctionSchema.nullable() }).strict(),
    output: IncidentDetailSchema,
    access: 'incidents.command',
  }),
  'incidents.stats': channel({
    input: z.object({ days: z.number().int().min(1).max(366).default(90) }).strict(),
    output: IncidentStatsSchema,
    access: 'incidents.read',
  }),
  'incidents.targets': channel({
    input: z.object({}).strict(),
    output: TargetsSchema,
    access: 'incidents.read',
  }),
  'incidents.setTargets': channel({
    input: z.object({ targets: TargetsSchema }).strict(),
    output: TargetsSchema,
    access: 'incidents.command',
  }),
  /** The alert stream from every source (SLO, thresholds, agents, model quality, Alertmanager). */
  'alertStream.list': channel({
    input: z
      .object({
        states: z.array(z.enum(PIPELINE_ALERT_STATES)).optional(),
        sources: z.array(z.enum(ALERT_SOURCES)).optional(),
        incidentId: id.optional(),
        limit: z.number().int().min(1).max(100_000).default(1000),
      })
      .strict(),
    output: z.array(PipelineAlertSchema),
    access: 'incidents.read',
  }),
  'alertStream.setVerdict': channel({
    input: z.object({ id, verdict: z.enum(ALERT_VERDICTS) }).strict(),
    output: PipelineAlertSchema,
    access: 'incidents.respond',
  }),
  /** Per rule and source: how many alerts were judged useful or noise, flapped or were silenced. */
  'alertStream.noiseReport': channel({
    input: z.object({ days: z.number().int().min(1).max(366).default(30) }).strict(),
    output: z.array(NoiseReportRowSchema),
    access: 'incidents.read',
  }),
  'silences.list': channel({
    input: z.object({ includeExpired: z.boolean().default(false) }).strict(),
    output: z.array(SilenceSchema),
    access: 'incidents.read',
  }),
  'silences.create': channel({
    input: z
      .object({
        matchers: z.array(MatcherSchema).min(1).max(20),
        startsAt: z.iso.datetime({ offset: true }).optional(),
        endsAt: z.iso.datetime({ offset: true }),
        reason: text(1000),
      })
      .strict(),
    output: SilenceSchema,
    access: 'alerts.silence',
  }),
  'silences.expire': channel({
    input: z.object({ id }).strict(),
    output: SilenceSchema,
    access: 'alerts.silence',
  }),
  'intake.listTokens': channel({
    input: z.object({}).strict(),
    output: z.array(IntakeTokenSchema),
    access: 'intake.manage',
  }),
  /** The token is in the answer once and never again: only its hash is stored. */
  'intake.createToken': channel({
    input: z
      .object({
        name: z
          .string()
          .trim()
          .regex(
            /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/,
            'Use letters, digits, space, . _ - (max 64)',
          ),
      })
      .strict(),
    output: z.object({ token: z.string(), info: IntakeTokenSchema }),
    access: 'intake.manage',
  }),
  'intake.revokeToken': channel({
    input: z.object({ id }).strict(),
    output: ok,
    access: 'intake.manage',
  }),
} as const;

export const incidentEvents = {
  /** An incident or the alert stream changed; the counts for the navigation and the title. */
  'incidents.changed': z.object({
    incidentIds: z.array(z.number().int()),
    isAlertsChanged: z.boolean(),
    counts: IncidentCountsSchema,
  }),
  /** Someone is being paged: the console's alert bar (and the desktop's OS notification). */
  'incidents.paged': z.object({
    incidentId: z.number().int(),
    title: z.string(),
    priority: z.enum(PRIORITIES),
    usernames: z.array(z.string()),
    tier: z.number().int(),
    at: z.string(),
  }),
} as const;
