// Silences: matchers over alert labels for a time range, with who made them and why.
import { allMatch, type LabelMatcher } from '../../shared/domain/incidents/index.ts';
import type { Silence } from '../../shared/ipc/incidentSchemas.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { iso, isoOrNull } from './incidentRows.ts';

type SilenceRow = {
  id: number;
  matchers: string;
  starts_at: number;
  ends_at: number;
  created_by: string;
  reason: string;
  created_at: number;
  expired_at: number | null;
  expired_by: string | null;
};

function rowToSilence(r: SilenceRow, nowMs: number): Silence {
  const endMs = r.expired_at ?? r.ends_at;
  return {
    id: r.id,
    matchers: JSON.parse(r.matchers) as LabelMatcher[],
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    createdBy: r.created_by,
    reason: r.reason,
    createdAt: iso(r.created_at),
    expiredAt: isoOrNull(r.expired_at),
    expiredBy: r.expired_by,
    status: endMs <= nowMs ? 'expired' : r.starts_at > nowMs ? 'pending' : 'active',
  };
}

export function insertSilence(
  db: WritableDb,
  s: {
    matchers: LabelMatcher[];
    startsAtMs: number;
    endsAtMs: number;
    by: string;
    reason: string;
    nowMs: number;
  },
): number {
  return Number(
    run(
      db,
      sql`INSERT INTO silences (matchers, starts_at, ends_at, created_by, reason, created_at)
        VALUES (${JSON.stringify(s.matchers)}, ${s.startsAtMs}, ${s.endsAtMs}, ${s.by}, ${s.reason}, ${s.nowMs})`,
    ).lastInsertRowid,
  );
}

export function getSilence(db: ReadableDb, id: number, nowMs: number): Silence | undefined {
  const row = get<SilenceRow>(db, sql`SELECT * FROM silences WHERE id = ${id}`);
  return row ? rowToSilence(row, nowMs) : undefined;
}

export function expireSilence(db: WritableDb, id: number, by: string, nowMs: number): void {
  run(
    db,
    sql`UPDATE silences SET expired_at = ${nowMs}, expired_by = ${by} WHERE id = ${id} AND expired_at IS NULL`,
  );
}

export function listSilences(db: ReadableDb, includeExpired: boolean, nowMs: number): Silence[] {
  const rows = includeExpired
    ? all<SilenceRow>(db, sql`SELECT * FROM silences ORDER BY id DESC LIMIT 1000`)
    : all<SilenceRow>(
        db,
        sql`SELECT * FROM silences WHERE ends_at > ${nowMs} AND expired_at IS NULL ORDER BY id DESC`,
      );
  return rows.map((r) => rowToSilence(r, nowMs));
}

/** The first active silence that matches these labels, if any. */
export function matchingSilence(
  db: ReadableDb,
  labels: Readonly<Record<string, string>>,
  nowMs: number,
): number | null {
  const active = all<SilenceRow>(
    db,
    sql`SELECT * FROM silences WHERE starts_at <= ${nowMs} AND ends_at > ${nowMs} AND expired_at IS NULL`,
  );
  for (const row of active) {
    if (allMatch(JSON.parse(row.matchers) as LabelMatcher[], labels)) return row.id;
  }
  return null;
}
