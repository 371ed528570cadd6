// Report periods (`2026-10`, `2026-Q4`) in the site's time zone, and site-local date-times for the
// maintenance windows (a `datetime-local` input has no zone: the site's zone is the one meant).
import { TZDate } from '@date-fns/tz';

export type PeriodKind = 'month' | 'quarter';

const pad = (n: number) => String(n).padStart(2, '0');

/** Year and month (1–12) of `now` in the zone. */
function yearMonthIn(now: Date, timeZone: string): [number, number] {
  const local = new TZDate(now.getTime(), timeZone);
  return [local.getFullYear(), local.getMonth() + 1];
}

export const periodKind = (period: string): PeriodKind =>
  period.includes('Q') ? 'quarter' : 'month';

/** The period holding `now` (still running: its report runs to date). */
export function currentPeriod(kind: PeriodKind, now: Date, timeZone: string): string {
  const [year, month] = yearMonthIn(now, timeZone);
  return kind === 'month' ? `${year}-${pad(month)}` : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The most recent `count` complete periods of a kind, newest first. */
export function recentPeriods(
  kind: PeriodKind,
  now: Date,
  timeZone: string,
  count: number,
): string[] {
  const [year, month] = yearMonthIn(now, timeZone);
  const out: string[] = [];
  if (kind === 'month') {
    for (let i = 1; i <= count; i++) {
      const index = year * 12 + (month - 1) - i;
      out.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
    }
  } else {
    const quarter = Math.floor((month - 1) / 3);
    for (let i = 1; i <= count; i++) {
      const index = year * 4 + quarter - i;
      out.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
    }
  }
  return out;
}

/** "2026-10-04T22:00" (site-local, as the input shows it) → ISO 8601 with the zone's offset. */
export function localInputToIso(value: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return value;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new TZDate(y, mo - 1, d, h, mi, timeZone).toISOString();
}

/** ISO 8601 instant → "2026-10-04T22:00" in the site's zone, for a datetime-local input. */
export function isoToLocalInput(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new TZDate(ms, timeZone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
