// Where an SLO window starts and ends (rolling days, or calendar month/quarter in the site's time zone),
// and which minutes fall inside declared maintenance. Everything is counted in whole UTC minutes.
import { TZDate } from '@date-fns/tz';
import { addMonths, addQuarters, startOfMonth, startOfQuarter } from 'date-fns';
import { MINUTE_MS } from '../time.ts';
import { windowDays, type SloWindow } from './spec.ts';

export const DAY_MINUTES = 1440;
/** The first market's sites run on Gulf Standard Time. */
export const DEFAULT_TIME_ZONE = 'Asia/Dubai';

/** Index of the minute containing `ms` (minutes since the Unix epoch). */
export const minuteOf = (ms: number): number => Math.floor(ms / MINUTE_MS);

export interface CalendarPeriod {
  startMs: number;
  endMs: number;
}

/** The calendar month or quarter that contains `atMs`, as the site's wall clock reads it. */
export function calendarPeriod(
  unit: 'month' | 'quarter',
  atMs: number,
  timeZone: string,
): CalendarPeriod {
  const local = new TZDate(atMs, timeZone);
  const start = unit === 'month' ? startOfMonth(local) : startOfQuarter(local);
  const end = unit === 'month' ? addMonths(start, 1) : addQuarters(start, 1);
  return { startMs: start.getTime(), endMs: end.getTime() };
}

export interface WindowBounds {
  /** First millisecond counted. */
  startMs: number;
  /** End of the last complete minute counted (exclusive). */
  endMs: number;
  /** The window's full length: rolling days, or the whole calendar period (28–31 or 90–92 days). */
  lengthMinutes: number;
}

/**
 * The SLO window that ends at `endMs` (exclusive, on a minute boundary). A calendar window is the period
 * holding the last counted minute, so at midnight on the 1st the view still shows the month just closed.
 */
export function sloWindowBounds(window: SloWindow, endMs: number, timeZone: string): WindowBounds {
  if (window.type === 'rolling') {
    const lengthMinutes = window.days * DAY_MINUTES;
    return { startMs: endMs - lengthMinutes * MINUTE_MS, endMs, lengthMinutes };
  }
  const period = calendarPeriod(window.unit, endMs - 1, timeZone);
  return {
    startMs: period.startMs,
    endMs,
    lengthMinutes: Math.round((period.endMs - period.startMs) / MINUTE_MS),
  };
}

/** Longest span, in minutes, a window of this kind can cover (sizes the incremental buffers). */
export function maxWindowMinutes(window: SloWindow): number {
  return windowDays(window) * DAY_MINUTES;
}

export interface MaintenanceInterval {
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

/**
 * Declared maintenance as sorted, merged minute ranges. A minute is inside when it starts within
 * [startMs, endMs): its events and slices are left out and no alert fires on it.
 */
export class MaintenanceSchedule {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(windows: readonly MaintenanceInterval[] = []) {
    const ranges = windows
      .map((w) => [Math.ceil(w.startMs / MINUTE_MS), Math.ceil(w.endMs / MINUTE_MS)] as const)
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0]);
    for (const [s, e] of ranges) {
      const last = this.ends.length - 1;
      if (last >= 0 && s <= (this.ends[last] ?? -Infinity))
        this.ends[last] = Math.max(this.ends[last] ?? e, e);
      else {
        this.starts.push(s);
        this.ends.push(e);
      }
    }
  }

  get isEmpty(): boolean {
    return this.starts.length === 0;
  }

  /** Whether minute index `minute` lies inside a maintenance window (binary search: schedules are short). */
  has(minute: number): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (minute < (this.starts[mid] ?? 0)) hi = mid - 1;
      else if (minute >= (this.ends[mid] ?? 0)) lo = mid + 1;
      else return true;
    }
    return false;
  }
}
