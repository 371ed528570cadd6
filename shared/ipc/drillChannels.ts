// Drill channels: the scenario library, the live drill (start, pause, inject, hint, end; join and
// leave its workspace), finished drills with scores, debriefs and reports, and the drill calendar.
// Spread into contract.ts's map.
import { z } from 'zod';
import { channel } from './channel.ts';
import {
  DebriefAnswerSchema,
  DrillActionItemSchema,
  DrillRunDetailSchema,
  DrillRunSummarySchema,
  DrillScheduleSchema,
  DrillSpeedSchema,
  DrillStatusSchema,
  ScenarioDetailSchema,
  ScenarioSummarySchema,
} from './drillSchemas.ts';
import { ReportExportSchema } from './sloSchemas.ts';

const id = z.number().int().positive();
const ok = z.object({ done: z.literal(true) });
const scenarioName = z.string().trim().min(1).max(63);
const team = z.string().trim().max(120).default('');
const index = z.number().int().min(0).max(49);

export const drillChannels = {
  'drill.scenarios': channel({
    input: z.object({}).strict(),
    output: z.array(ScenarioSummarySchema),
    access: 'drills.read',
  }),
  'drill.scenario': channel({
    input: z.object({ name: scenarioName, version: z.number().int().min(1).optional() }).strict(),
    output: ScenarioDetailSchema,
    access: 'drills.read',
  }),
  /** Stores an operator's scenario (validated: every problem with its line and field); audited. */
  'drill.importScenario': channel({
    input: z
      .object({
        text: z
          .string()
          .min(1)
          .max(256 * 1024),
      })
      .strict(),
    output: ScenarioSummarySchema,
    access: 'drills.run',
  }),
  /** The live drill, if any, and whether this client works in its workspace. */
  'drill.status': channel({
    input: z.object({}).strict(),
    output: DrillStatusSchema,
    access: 'drills.read',
  }),
  /** Starts a drill in a workspace of its own (one at a time); audited. */
  'drill.start': channel({
    input: z
      .object({
        scenario: scenarioName,
        version: z.number().int().min(1).optional(),
        speed: DrillSpeedSchema.default(10),
        team,
      })
      .strict(),
    output: DrillStatusSchema,
    access: 'drills.run',
  }),
  'drill.pause': channel({ input: z.object({}).strict(), output: ok, access: 'drills.run' }),
  'drill.resume': channel({ input: z.object({}).strict(), output: ok, access: 'drills.run' }),
  /** Applies a planned inject now, whatever its time. */
  'drill.inject': channel({
    input: z.object({ index }).strict(),
    output: ok,
    access: 'drills.run',
  }),
  /** Shows a hint to every participant, on the drill's timeline. */
  'drill.hint': channel({ input: z.object({ index }).strict(), output: ok, access: 'drills.run' }),
  /** Ends the drill, scores it from its workspace and records the result; audited. */
  'drill.end': channel({
    input: z.object({}).strict(),
    output: DrillRunDetailSchema,
    access: 'drills.run',
  }),
  /** This client works in the drill's workspace from now on (its screens show the drill's data). */
  'drill.join': channel({ input: z.object({}).strict(), output: ok, access: 'drills.read' }),
  /** Back to the site's own data. */
  'drill.leave': channel({ input: z.object({}).strict(), output: ok, access: 'session' }),
  'drill.runs': channel({
    input: z.object({}).strict(),
    output: z.array(DrillRunSummarySchema),
    access: 'drills.read',
  }),
  'drill.run': channel({
    input: z.object({ id }).strict(),
    output: DrillRunDetailSchema,
    access: 'drills.read',
  }),
  'drill.saveDebrief': channel({
    input: z
      .object({
        id,
        debrief: z.array(DebriefAnswerSchema).max(20),
        actionItems: z.array(DrillActionItemSchema).max(50),
      })
      .strict(),
    output: DrillRunDetailSchema,
    access: 'drills.run',
  }),
  /** Deletes a finished drill's workspace (its alerts, incidents, postmortems); the score stays. Audited. */
  'drill.purge': channel({ input: z.object({ id }).strict(), output: ok, access: 'drills.run' }),
  'drill.export': channel({
    input: z
      .object({ id, format: z.enum(['pdf', 'csv']), language: z.enum(['en', 'ar']).default('en') })
      .strict(),
    output: ReportExportSchema,
    access: 'reports.export',
  }),
  'drill.schedules': channel({
    input: z.object({}).strict(),
    output: z.array(DrillScheduleSchema),
    access: 'drills.read',
  }),
  'drill.saveSchedule': channel({
    input: z
      .object({
        id: id.optional(),
        scenario: scenarioName,
        team,
        everyDays: z.number().int().min(1).max(366),
        nextAt: z.iso.datetime({ offset: true }),
      })
      .strict(),
    output: DrillScheduleSchema,
    access: 'drills.run',
  }),
  'drill.deleteSchedule': channel({
    input: z.object({ id }).strict(),
    output: ok,
    access: 'drills.run',
  }),
} as const;

export const drillEvents = {
  /** The live drill moved on (a step, an inject, a hint, pause, end), or a drill record changed. */
  'drill.changed': z.object({ runId: z.number().int().nullable() }),
} as const;
