// One rotation layer as blocks of time: each covered day's shift runs from its hand-off to the next
// day's hand-off, in the site's zone, so a 09:00 hand-off stays at 09:00 across daylight saving.
import { TZDate } from '@date-fns/tz';
import { DAY_MS } from '../time.ts';
import { WEEKDAYS, turnLengthDays, type Layer } from './schedule.ts';

/** A site-local calendar date as days since 1970-01-01 (a plain count: no zone, no DST). */
export type DayNumber = number;

export interface Block {
  username: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

export function dayNumberOf(localDate: string): DayNumber {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function localDateOf(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export const weekdayIndex = (day: DayNumber): number => (((day + 3) % 7) + 7) % 7;

/** The instant the zone's wall clock reads `time` (HH:MM) on `day`; a time skipped by DST lands just after the gap. */
export function instantAt(day: DayNumber, time: string, timeZone: string): number {
  const date = new Date(day * DAY_MS);
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    h,
    m,
    timeZone,
  ).getTime();
}

/** The site-local date of `atMs`. */
export function dayOf(atMs: number, timeZone: string): DayNumber {
  const local = new TZDate(atMs, timeZone);
  return Math.round(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS);
}

/** The day whose shift holds `atMs`: before the day's hand-off it is still the previous day's. */
export function shiftDayOf(atMs: number, handoffTime: string, timeZone: string): DayNumber {
  const day = dayOf(atMs, timeZone);
  return atMs < instantAt(day, handoffTime, timeZone) ? day - 1 : day;
}

function coveredMask(layer: Pick<Layer, 'days'>): boolean[] {
  return WEEKDAYS.map((d) => layer.days.includes(d));
}

/** Covered days in [from, to) for from ≤ to. */
function coveredBetween(mask: readonly boolean[], from: DayNumber, to: DayNumber): number {
  const perWeek = mask.filter(Boolean).length;
  const span = to - from;
  let count = Math.floor(span / 7) * perWeek;
  for (let day = from + span - (span % 7); day < to; day++) if (mask[weekdayIndex(day)]) count++;
  return count;
}

/** Who the layer names for the shift of `day`, or null where it does not cover that day. */
export function participantForDay(layer: Layer, day: DayNumber): string | null {
  const mask = coveredMask(layer);
  const start = dayNumberOf(layer.startDate);
  if (day < start || !mask[weekdayIndex(day)]) return null;
  const turn = Math.floor(coveredBetween(mask, start, day) / turnLengthDays(layer));
  return layer.participants[turn % layer.participants.length] ?? null;
}

/** Longest stretch the math walks in one call, so a bad range cannot stall the console. */
export const MAX_RANGE_DAYS = 800;

/**
 * The layer's blocks overlapping [fromMs, toMs): consecutive shifts of one participant merge into one
 * block; blocks keep their full bounds (they may start before fromMs or end after toMs).
 */
export function layerBlocks(layer: Layer, fromMs: number, toMs: number, timeZone: string): Block[] {
  if (toMs <= fromMs) return [];
  const first = shiftDayOf(fromMs, layer.handoffTime, timeZone);
  const last = Math.min(shiftDayOf(toMs - 1, layer.handoffTime, timeZone), first + MAX_RANGE_DAYS);
  const blocks: Block[] = [];
  let nextStart = instantAt(first, layer.handoffTime, timeZone);
  for (let day = first; day <= last; day++) {
    const startMs = nextStart;
    nextStart = instantAt(day + 1, layer.handoffTime, timeZone);
    const username = participantForDay(layer, day);
    if (username === null) continue;
    const previous = blocks.at(-1);
    if (previous && previous.username === username && previous.endMs === startMs) {
      previous.endMs = nextStart;
    } else {
      blocks.push({ username, startMs, endMs: nextStart });
    }
  }
  return blocks;
}
