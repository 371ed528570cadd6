// The shapes the drill channels carry: the scenario library, the live drill a facilitator runs and
// participants join, finished drills with their scores, debriefs and schedules.
import { z } from 'zod';
import { DRILL_CATEGORIES } from '../domain/drills/scenario.ts';
import { ScoreComponentSchema } from '../domain/drills/score.ts';

const iso = z.string();

export const DRILL_SPEEDS = [1, 2, 5, 10, 30, 60] as const;
export const DrillSpeedSchema = z.union(DRILL_SPEEDS.map((s) => z.literal(s)));

export const ScenarioSummarySchema = z.object({
  name: z.string(),
  version: z.number().int(),
  title: z.string(),
  category: z.enum(DRILL_CATEGORIES),
  durationMinutes: z.number(),
  source: z.enum(['builtin', 'imported']),
  digest: z.string(),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummarySchema>;

export const ScenarioDetailSchema = ScenarioSummarySchema.extend({
  description: z.string(),
  hosts: z.number().int(),
  gpusPerHost: z.number().int(),
  models: z.array(z.string()),
  slos: z.array(z.string()),
  injects: z.array(z.object({ at: z.number(), kind: z.string(), target: z.string() })),
  hints: z.array(z.object({ at: z.number(), text: z.string() })),
  debrief: z.array(z.string()),
  expected: z.object({
    detectWithinMinutes: z.number(),
    acknowledgeWithinMinutes: z.number(),
    mitigateWithinMinutes: z.number(),
    priority: z.string(),
    category: z.string().nullable(),
    runbook: z.string().nullable(),
    requiredSteps: z.array(z.string()),
    escalateTo: z.string().nullable(),
  }),
  /** The document as written, for export. */
  text: z.string(),
});
export type ScenarioDetail = z.infer<typeof ScenarioDetailSchema>;

export const DrillTimelineEntrySchema = z.object({
  at: iso,
  minute: z.number(),
  kind: z.enum([
    'started',
    'inject',
    'inject_ended',
    'hint',
    'paused',
    'resumed',
    'ended',
    'response',
  ]),
  text: z.string(),
});
export type DrillTimelineEntryView = z.infer<typeof DrillTimelineEntrySchema>;

export const LIVE_DRILL_STATES = ['preparing', 'running', 'paused'] as const;

/** The drill running now, as the facilitator view and every participant's banner show it. */
export const LiveDrillSchema = z.object({
  runId: z.number().int(),
  scenario: z.string(),
  version: z.number().int(),
  title: z.string(),
  team: z.string(),
  state: z.enum(LIVE_DRILL_STATES),
  speed: z.number(),
  facilitator: z.string(),
  participants: z.array(z.string()),
  /** Drill time now and where it started and ends. */
  drillNow: iso,
  drillStartedAt: iso,
  drillEndsAt: iso,
  minute: z.number(),
  durationMinutes: z.number(),
  injects: z.array(
    z.object({
      index: z.number().int(),
      at: z.number(),
      kind: z.string(),
      target: z.string(),
      isApplied: z.boolean(),
    }),
  ),
  hints: z.array(
    z.object({
      index: z.number().int(),
      at: z.number(),
      text: z.string(),
      isReleased: z.boolean(),
    }),
  ),
  timeline: z.array(DrillTimelineEntrySchema),
  /** The drill's incident so far, as participants work it. */
  incident: z
    .object({ id: z.number().int(), title: z.string(), state: z.string(), priority: z.string() })
    .nullable(),
});
export type LiveDrill = z.infer<typeof LiveDrillSchema>;

export const DrillStatusSchema = z.object({
  live: LiveDrillSchema.nullable(),
  /** This client works in the drill's workspace now (its screens show the drill's data). */
  isJoined: z.boolean(),
});
export type DrillStatus = z.infer<typeof DrillStatusSchema>;

export const DRILL_RUN_STATES = ['running', 'ended', 'failed'] as const;

export const DrillRunSummarySchema = z.object({
  id: z.number().int(),
  scenario: z.string(),
  version: z.number().int(),
  title: z.string(),
  category: z.string(),
  team: z.string(),
  mode: z.enum(['live', 'headless']),
  speed: z.string(),
  state: z.enum(DRILL_RUN_STATES),
  facilitator: z.string(),
  participants: z.array(z.string()),
  startedAt: iso,
  endedAt: iso.nullable(),
  score: z.number().int().nullable(),
  isPurged: z.boolean(),
});
export type DrillRunSummary = z.infer<typeof DrillRunSummarySchema>;

export const DebriefAnswerSchema = z.object({
  question: z.string().trim().min(1).max(500),
  answer: z.string().trim().max(5000),
});
export const DrillActionItemSchema = z.object({
  text: z.string().trim().min(1).max(500),
  owner: z.string().trim().max(64).default(''),
});

export const DrillRunDetailSchema = DrillRunSummarySchema.extend({
  components: z.array(ScoreComponentSchema),
  timeline: z.array(DrillTimelineEntrySchema),
  incident: z
    .object({ id: z.number().int(), title: z.string(), priority: z.string(), state: z.string() })
    .nullable(),
  debrief: z.array(DebriefAnswerSchema),
  actionItems: z.array(DrillActionItemSchema),
  /** Why a drill failed to run, when it did. */
  error: z.string().nullable(),
});
export type DrillRunDetail = z.infer<typeof DrillRunDetailSchema>;

export const DrillScheduleSchema = z.object({
  id: z.number().int(),
  scenario: z.string(),
  team: z.string(),
  everyDays: z.number().int(),
  nextAt: iso,
  createdBy: z.string(),
  /** The next drill is due (or overdue): the calendar and the Drills page remind. */
  isDue: z.boolean(),
});
export type DrillSchedule = z.infer<typeof DrillScheduleSchema>;
