// Who is on call, as an operator reads the rota: turns, hand-off times in the site's zone (Gulf time
// and zones with daylight saving), work weeks, layers and overrides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  onCallAt,
  shiftsBetween,
  whoIsOnCall,
  type LayerInput,
  LayerSchema,
  type ScheduleRota,
  type OverrideSpan,
  WORK_WEEK_PRESETS,
  WEEKDAYS,
} from '../../../shared/domain/oncall/index.ts';
import { HOUR_MS } from '../../../shared/domain/time.ts';

const DUBAI = 'Asia/Dubai';
const at = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

function rota(layers: LayerInput[], overrides: OverrideSpan[] = []): ScheduleRota {
  return { layers: layers.map((l) => LayerSchema.parse(l)), overrides };
}

const weekdaysWeekly: LayerInput = {
  participants: ['amal', 'bilal', 'chen'],
  turn: { unit: 'week', count: 1 },
  handoffTime: '09:00',
  startDate: '2026-11-02', // a Monday
  days: [...WORK_WEEK_PRESETS.mon_fri],
};

describe('a weekly rotation over the UAE work week (Monday to Friday, hand-off 09:00 Dubai)', () => {
  const schedule = rota([weekdaysWeekly]);
  const who = (local: string) => onCallAt(schedule, at(`${local}+04:00`), DUBAI);

  it('gives the first participant the first week, from Monday 09:00 to Saturday 09:00', () => {
    expect(who('2026-11-02T08:59:59')).toBeNull(); // before the rotation starts
    expect(who('2026-11-02T09:00:00')).toBe('amal');
    expect(who('2026-11-06T23:30:00')).toBe('amal'); // Friday night is Friday's shift
    expect(who('2026-11-07T08:59:00')).toBe('amal');
    expect(who('2026-11-07T09:00:00')).toBeNull(); // the weekend is not covered
    expect(who('2026-11-09T08:59:00')).toBeNull();
  });

  it('hands over on Monday at 09:00 and comes round again after three weeks', () => {
    expect(who('2026-11-09T09:00:00')).toBe('bilal');
    expect(who('2026-11-18T12:00:00')).toBe('chen');
    expect(who('2026-11-23T09:00:00')).toBe('amal');
  });

  it('shows the week on the calendar as one block, with the weekend and Monday morning uncovered', () => {
    const shifts = shiftsBetween(
      schedule,
      at('2026-11-09T00:00:00+04:00'),
      at('2026-11-16T00:00:00+04:00'),
      DUBAI,
    );
    expect(shifts.map((s) => [s.username, iso(s.startMs), iso(s.endMs), s.source])).toEqual([
      ['bilal', '2026-11-09T05:00:00.000Z', '2026-11-14T05:00:00.000Z', 'rotation'],
    ]);
  });
});

describe('turns count only the days a rotation covers', () => {
  it('a daily rotation over Sunday to Thursday skips the weekend without using up a turn', () => {
    const schedule = rota([
      {
        participants: ['amal', 'bilal'],
        turn: { unit: 'day', count: 1 },
        handoffTime: '08:00',
        startDate: '2026-11-01', // a Sunday
        days: [...WORK_WEEK_PRESETS.sun_thu],
      },
    ]);
    const who = (local: string) => onCallAt(schedule, at(`${local}+04:00`), DUBAI);
    expect(['01', '02', '03', '04', '05'].map((d) => who(`2026-11-${d}T12:00:00`))).toEqual([
      'amal',
      'bilal',
      'amal',
      'bilal',
      'amal',
    ]);
    expect(who('2026-11-06T12:00:00')).toBeNull(); // Friday
    expect(who('2026-11-07T12:00:00')).toBeNull(); // Saturday
    expect(who('2026-11-08T12:00:00')).toBe('bilal'); // Sunday takes the next turn
  });

  it('an every-day rotation of three days hands over every third morning', () => {
    const schedule = rota([
      {
        participants: ['amal', 'bilal'],
        turn: { unit: 'day', count: 3 },
        handoffTime: '09:00',
        startDate: '2026-11-01',
        days: [...WORK_WEEK_PRESETS.every_day],
      },
    ]);
    const who = (local: string) => onCallAt(schedule, at(`${local}+04:00`), DUBAI);
    expect(who('2026-11-04T08:00:00')).toBe('amal');
    expect(who('2026-11-04T09:00:00')).toBe('bilal');
    expect(who('2026-11-07T09:00:00')).toBe('amal');
  });
});

describe('daylight saving: a 09:00 hand-off stays at 09:00 local', () => {
  const daily = (timeZone: string, startDate: string) => ({
    schedule: rota([
      {
        participants: ['amal', 'bilal'],
        turn: { unit: 'day', count: 1 },
        handoffTime: '09:00',
        startDate,
        days: [...WEEKDAYS],
      },
    ]),
    timeZone,
  });

  it('in New York across spring-forward (8 March 2026) the night shift is 23 hours', () => {
    const { schedule, timeZone } = daily('America/New_York', '2026-03-07');
    const shifts = shiftsBetween(
      schedule,
      at('2026-03-07T12:00:00Z'),
      at('2026-03-10T12:00:00Z'),
      timeZone,
    );
    expect(shifts.map((s) => [s.username, iso(s.startMs)])).toEqual([
      ['amal', '2026-03-07T14:00:00.000Z'], // 09:00 EST
      ['bilal', '2026-03-08T13:00:00.000Z'], // 09:00 EDT
      ['amal', '2026-03-09T13:00:00.000Z'],
    ]);
    expect(shifts[0]!.endMs - shifts[0]!.startMs).toBe(23 * HOUR_MS);
  });

  it('in New York across fall-back (1 November 2026) the shift is 25 hours', () => {
    const { schedule, timeZone } = daily('America/New_York', '2026-10-31');
    const sat = whoIsOnCall(schedule, at('2026-10-31T20:00:00Z'), timeZone)!;
    expect([sat.username, iso(sat.sinceMs!), iso(sat.untilMs!)]).toEqual([
      'amal',
      '2026-10-31T13:00:00.000Z', // 09:00 EDT
      '2026-11-01T14:00:00.000Z', // 09:00 EST
    ]);
    expect(sat.next).toEqual({ username: 'bilal', startMs: at('2026-11-01T14:00:00Z') });
  });

  it('in London across both changes (29 March and 25 October 2026)', () => {
    const { schedule, timeZone } = daily('Europe/London', '2026-03-28');
    expect(onCallAt(schedule, at('2026-03-29T07:59:00Z'), timeZone)).toBe('amal'); // 08:59 BST
    expect(onCallAt(schedule, at('2026-03-29T08:00:00Z'), timeZone)).toBe('bilal'); // 09:00 BST
    // 25 Oct 2026 is day 211 since 28 March: an odd count, so bilal's day.
    expect(onCallAt(schedule, at('2026-10-25T08:59:00Z'), timeZone)).toBe('amal'); // 08:59 GMT
    expect(onCallAt(schedule, at('2026-10-25T09:00:00Z'), timeZone)).toBe('bilal'); // 09:00 GMT
  });

  it('a hand-off inside the skipped hour happens when the clock resumes', () => {
    const schedule = rota([
      {
        participants: ['amal', 'bilal'],
        turn: { unit: 'day', count: 1 },
        handoffTime: '02:30',
        startDate: '2026-03-07',
        days: [...WEEKDAYS],
      },
    ]);
    const shifts = shiftsBetween(
      schedule,
      at('2026-03-08T00:00:00Z'),
      at('2026-03-08T12:00:00Z'),
      'America/New_York',
    );
    expect(shifts.map((s) => [s.username, iso(s.startMs)])).toEqual([
      ['amal', '2026-03-08T00:00:00.000Z'],
      ['bilal', '2026-03-08T07:30:00.000Z'], // 03:30 EDT
    ]);
  });
});

describe('layers and overrides', () => {
  const everyDay: LayerInput = {
    name: 'Every day',
    participants: ['amal', 'bilal'],
    turn: { unit: 'week', count: 1 },
    handoffTime: '09:00',
    startDate: '2026-11-02',
    days: [...WEEKDAYS],
  };
  const weekend: LayerInput = {
    name: 'Weekend cover',
    participants: ['dana'],
    turn: { unit: 'week', count: 1 },
    handoffTime: '09:00',
    startDate: '2026-11-02',
    days: ['sat', 'sun'],
  };

  it('a higher layer covers its days and the lower one the rest', () => {
    const schedule = rota([everyDay, weekend]);
    const who = (local: string) => onCallAt(schedule, at(`${local}+04:00`), DUBAI);
    expect(who('2026-11-06T12:00:00')).toBe('amal');
    expect(who('2026-11-07T12:00:00')).toBe('dana');
    expect(who('2026-11-09T08:00:00')).toBe('dana'); // Sunday's shift runs to Monday 09:00
    expect(who('2026-11-09T09:00:00')).toBe('bilal');
  });

  it('an override covers its range, the latest added wins where two overlap, and the rota resumes after', () => {
    const schedule = rota(
      [everyDay],
      [
        {
          id: 1,
          username: 'chen',
          startMs: at('2026-11-03T13:00:00+04:00'),
          endMs: at('2026-11-03T18:00:00+04:00'),
        },
        {
          id: 2,
          username: 'dana',
          startMs: at('2026-11-03T16:00:00+04:00'),
          endMs: at('2026-11-03T17:00:00+04:00'),
        },
      ],
    );
    const shifts = shiftsBetween(
      schedule,
      at('2026-11-03T09:00:00+04:00'),
      at('2026-11-04T09:00:00+04:00'),
      DUBAI,
    );
    expect(shifts.map((s) => [s.username, iso(s.startMs), s.source, s.overrideId])).toEqual([
      ['amal', '2026-11-03T05:00:00.000Z', 'rotation', null],
      ['chen', '2026-11-03T09:00:00.000Z', 'override', 1],
      ['dana', '2026-11-03T12:00:00.000Z', 'override', 2],
      ['chen', '2026-11-03T13:00:00.000Z', 'override', 1],
      ['amal', '2026-11-03T14:00:00.000Z', 'rotation', null],
    ]);
    const now = whoIsOnCall(schedule, at('2026-11-03T14:00:00+04:00'), DUBAI)!;
    expect([now.username, now.source, iso(now.untilMs!)]).toEqual([
      'chen',
      'override',
      '2026-11-03T12:00:00.000Z',
    ]);
    expect(now.next).toEqual({ username: 'dana', startMs: at('2026-11-03T16:00:00+04:00') });
  });

  it('an override fills a gap the rota leaves uncovered', () => {
    const schedule = rota(
      [weekdaysWeekly],
      [
        {
          id: 7,
          username: 'dana',
          startMs: at('2026-11-07T09:00:00+04:00'),
          endMs: at('2026-11-08T09:00:00+04:00'),
        },
      ],
    );
    expect(onCallAt(schedule, at('2026-11-07T10:00:00+04:00'), DUBAI)).toBe('dana');
    expect(onCallAt(schedule, at('2026-11-08T10:00:00+04:00'), DUBAI)).toBeNull();
  });
});

describe('the calendar and the moment agree', () => {
  it('every shift names who is on call at each moment inside it, and nobody is on call between shifts', () => {
    const zones = ['Asia/Dubai', 'America/New_York', 'Europe/London'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<'day' | 'week'>('day', 'week'),
        fc.integer({ min: 1, max: 3 }),
        fc.subarray([...WEEKDAYS], { minLength: 1 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 90 }),
        (timeZone, people, unit, count, days, hour, offsetDays) => {
          const schedule = rota([
            {
              participants: ['amal', 'bilal', 'chen', 'dana'].slice(0, people),
              turn: { unit, count },
              handoffTime: `${String(hour).padStart(2, '0')}:30`,
              startDate: '2026-01-05',
              days,
            },
          ]);
          const from = at('2026-01-05T00:00:00Z') + offsetDays * 24 * HOUR_MS;
          const to = from + 10 * 24 * HOUR_MS;
          const shifts = shiftsBetween(schedule, from, to, timeZone);
          let cursor = from;
          for (const shift of shifts) {
            if (shift.startMs > cursor)
              expect(onCallAt(schedule, (cursor + shift.startMs) / 2, timeZone)).toBeNull();
            expect(onCallAt(schedule, shift.startMs, timeZone)).toBe(shift.username);
            expect(onCallAt(schedule, shift.endMs - 1, timeZone)).toBe(shift.username);
            cursor = shift.endMs;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
