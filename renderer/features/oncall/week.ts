// The calendar's weeks in the site's zone: a week starts on Monday at 00:00 site time, so its days
// are site days even across daylight saving; datetime-local fields mean site time too.
import { TZDate } from '@date-fns/tz';
import {
  dayNumberOf,
  dayOf,
  instantAt,
  localDateOf,
  weekdayIndex,
} from '../../../shared/domain/oncall/index.ts';

/** The Monday (YYYY-MM-DD, site date) of the week holding `atMs`. */
export function weekStartOf(atMs: number, timeZone: string): string {
  const day = dayOf(atMs, timeZone);
  return localDateOf(day - weekdayIndex(day));
}

export function addWeeks(weekStart: string, weeks: number): string {
  return localDateOf(dayNumberOf(weekStart) + 7 * weeks);
}

/** The seven site dates of the week. */
export function weekDays(weekStart: string): string[] {
  const first = dayNumberOf(weekStart);
  return Array.from({ length: 7 }, (_, i) => localDateOf(first + i));
}

/** [start, end) of a site date, in ms. */
export function dayRange(date: string, timeZone: string): { fromMs: number; toMs: number } {
  const day = dayNumberOf(date);
  return {
    fromMs: instantAt(day, '00:00', timeZone),
    toMs: instantAt(day + 1, '00:00', timeZone),
  };
}

export function weekRange(weekStart: string, timeZone: string): { fromMs: number; toMs: number } {
  const day = dayNumberOf(weekStart);
  return {
    fromMs: instantAt(day, '00:00', timeZone),
    toMs: instantAt(day + 7, '00:00', timeZone),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local value ("2026-11-26T10:00") for `ms` on the site's wall clock. */
export function toLocalInput(ms: number, timeZone: string): string {
  const d = new TZDate(ms, timeZone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a datetime-local value names in the site's zone, or null when it is not one. */
export function fromLocalInput(value: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0] = match.slice(1).map(Number);
  const ms = new TZDate(y, mo - 1, d, h, mi, timeZone).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** "09:00" on the site's wall clock. */
export function timeOfDay(ms: number, timeZone: string): string {
  const d = new TZDate(ms, timeZone);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
