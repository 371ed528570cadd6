// Report periods ("2026-10", "2026-Q4") as instants: a month or quarter starts at local midnight on
// its first day in the site's time zone (Asia/Dubai: 20:00 UTC the day before).
import { TZDate } from '@date-fns/tz';

export interface Period {
  label: string;
  fromMs: number;
  toMs: number;
}

const PERIOD = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

/** The period a label names in `timeZone`, or null when the label is not YYYY-MM or YYYY-Qn. */
export function parsePeriod(label: string, timeZone: string): Period | null {
  const match = PERIOD.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const firstMonth = match[2] ? Number(match[2]) - 1 : (Number(match[3]) - 1) * 3;
  const months = match[2] ? 1 : 3;
  const fromMs = new TZDate(year, firstMonth, 1, timeZone).getTime();
  const toMs = new TZDate(year, firstMonth + months, 1, timeZone).getTime();
  return { label, fromMs, toMs };
}

/** The month before the one containing `nowMs` in `timeZone` (the report operators usually want). */
export function previousMonth(nowMs: number, timeZone: string): Period {
  const local = new TZDate(nowMs, timeZone);
  const start = new TZDate(local.getFullYear(), local.getMonth() - 1, 1, timeZone);
  const label = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}`;
  return parsePeriod(label, timeZone)!;
}
