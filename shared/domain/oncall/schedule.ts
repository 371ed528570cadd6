// On-call schedules: layers of rotations (ordered participants taking turns, handing off at a time of
// day in the site's zone, on the days of the week the layer covers) and overrides on top.
import { z } from 'zod';

/** Monday first: the UAE's work week runs Monday to Friday since 2022. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WeekdaySchema = z.enum(WEEKDAYS);

/** The work weeks sites use, offered as presets; any set of days may be chosen. */
export const WORK_WEEK_PRESETS = {
  every_day: [...WEEKDAYS],
  mon_fri: ['mon', 'tue', 'wed', 'thu', 'fri'],
  sun_thu: ['sun', 'mon', 'tue', 'wed', 'thu'],
} as const satisfies Record<string, readonly Weekday[]>;
export type WorkWeekPreset = keyof typeof WORK_WEEK_PRESETS;

/** A participant is an operator's username (the same rules as operators.create). */
export const ParticipantSchema = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9._-]+$/, 'use lower-case letters, digits, dot, dash or underscore');

export const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (00:00–23:59)');

export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((text) => {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2200;
  }, 'is not a calendar date');

/** Most days (90) or weeks (12) one turn may last. */
export const MAX_TURN_DAYS = 90;
export const MAX_TURN_WEEKS = 12;

/** One turn: `count` covered days, or `count` weeks of covered days. */
export const TurnSchema = z
  .object({ unit: z.enum(['day', 'week']), count: z.number().int().min(1) })
  .strict()
  .refine((turn) => turn.count <= (turn.unit === 'day' ? MAX_TURN_DAYS : MAX_TURN_WEEKS), {
    message: `a turn lasts at most ${MAX_TURN_DAYS} days or ${MAX_TURN_WEEKS} weeks`,
    path: ['count'],
  });
export type Turn = z.infer<typeof TurnSchema>;

export const LayerSchema = z
  .object({
    /** Shown in the editor and the calendar, e.g. "Weekdays" or "Weekend cover". */
    name: z.string().trim().max(80).default(''),
    participants: z
      .array(ParticipantSchema)
      .min(1, 'a rotation needs at least one participant')
      .max(50, 'a rotation has at most 50 participants'),
    turn: TurnSchema,
    /** When one participant hands over to the next, in the site's zone. */
    handoffTime: TimeOfDaySchema,
    /** The site-local date the first participant's first turn starts (at the hand-off time). */
    startDate: LocalDateSchema,
    /** The days whose shifts this layer covers; a shift runs from that day's hand-off to the next. */
    days: z
      .array(WeekdaySchema)
      .min(1, 'a rotation must cover at least one day of the week')
      .refine((days) => new Set(days).size === days.length, 'names a day twice'),
  })
  .strict();
export type Layer = z.infer<typeof LayerSchema>;
export type LayerInput = z.input<typeof LayerSchema>;

export const ScheduleSpecSchema = z
  .object({
    name: z.string().trim().min(1, 'a schedule needs a name').max(80),
    description: z.string().trim().max(500).default(''),
    /** Later layers win where they cover (e.g. a weekend layer over an every-day one). */
    layers: z
      .array(LayerSchema)
      .min(1, 'a schedule needs at least one rotation')
      .max(5, 'a schedule has at most 5 rotations'),
  })
  .strict();
export type ScheduleSpec = z.infer<typeof ScheduleSpecSchema>;
export type ScheduleSpecInput = z.input<typeof ScheduleSpecSchema>;

/** Someone covers a time range instead of whoever the rotation names. */
export interface OverrideSpan {
  id: number;
  username: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

/** What the on-call math needs: the rotations and the overrides (the latest added wins). */
export interface ScheduleRota {
  layers: readonly Layer[];
  overrides: readonly OverrideSpan[];
}

/** Days in one turn of the layer, counting only the days it covers. */
export function turnLengthDays(layer: Pick<Layer, 'turn' | 'days'>): number {
  return layer.turn.unit === 'week' ? layer.turn.count * layer.days.length : layer.turn.count;
}
