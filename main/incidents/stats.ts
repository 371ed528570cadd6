// MTTD, MTTA and MTTR over a range, per priority, category and service, and week by week in the
// site's zone (weeks start on the site's first work day: Monday).
import { TZDate } from '@date-fns/tz';
import { addWeeks, startOfWeek } from 'date-fns';
import { mttx, mttxBy, type MttxInput } from '../../shared/domain/incidents/index.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import type { IncidentStats } from '../../shared/ipc/incidentSchemas.ts';
import { all, sql } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';
import { iso } from './incidentRows.ts';

type StatRow = MttxInput & { priority: string; category: string; service: string | null };

export function incidentStats(
  db: ReadableDb,
  days: number,
  nowMs: number,
  timeZone: string,
): IncidentStats {
  const fromMs = nowMs - days * DAY_MS;
  const rows = all<{
    priority: string;
    category: string;
    service: string | null;
    detected_at: number;
    opened_at: number;
    acknowledged_at: number | null;
    resolved_at: number | null;
  }>(
    db,
    sql`SELECT priority, category, service, detected_at, opened_at, acknowledged_at, resolved_at FROM incidents
        WHERE opened_at >= ${fromMs} AND opened_at <= ${nowMs} AND is_drill = 0 AND state <> 'canceled'`,
  );
  const incidents: StatRow[] = rows.map((r) => ({
    priority: r.priority,
    category: r.category,
    service: r.service,
    detectedAtMs: r.detected_at,
    openedAtMs: r.opened_at,
    acknowledgedAtMs: r.acknowledged_at,
    resolvedAtMs: r.resolved_at,
  }));
  const flat = (groups: ReturnType<typeof mttxBy>) =>
    groups.map(({ key, value }) => ({ key, ...value }));
  const trend: IncidentStats['trend'] = [];
  const weekOptions = { weekStartsOn: 1 } as const;
  for (
    let week = startOfWeek(new TZDate(fromMs, timeZone), weekOptions);
    week.getTime() < nowMs;
    week = addWeeks(week, 1)
  ) {
    const start = week.getTime();
    const end = addWeeks(week, 1).getTime();
    trend.push({
      weekStart: iso(start),
      ...mttx(incidents.filter((i) => i.openedAtMs >= start && i.openedAtMs < end)),
    });
  }
  return {
    from: iso(fromMs),
    to: iso(nowMs),
    overall: mttx(incidents),
    byPriority: flat(mttxBy(incidents, (i) => i.priority)),
    byCategory: flat(mttxBy(incidents, (i) => i.category)),
    byService: flat(mttxBy(incidents, (i) => i.service ?? '—')),
    trend,
  };
}
