// The agent events the sources react to, read incrementally by id (events arrive with telemetry and
// are never updated), plus the reads that rebuild their state when the console starts.
import { all, get, sql } from '../../store/sql.ts';
import type { ReadableDb } from '../../store/types.ts';

export interface SourceEvent {
  id: number;
  hostId: number;
  kind: string;
  tsMs: number;
  severity: string;
  message: string;
  details: Record<string, unknown>;
}

type EventRow = {
  id: number;
  host_id: number;
  kind: string;
  ts_ms: number;
  severity: string;
  message: string;
  details: string;
};

const rowToEvent = (row: EventRow): SourceEvent => ({
  id: row.id,
  hostId: row.host_id,
  kind: row.kind,
  tsMs: row.ts_ms,
  severity: row.severity,
  message: row.message,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

const COLUMNS = sql`id, host_id, kind, ts_ms, severity, message, details`;
/** Kinds that change what the sources report: lost telemetry, the GPU probe's state, an agent restart. */
const KINDS = sql`('gap', 'gpu_state', 'started')`;

export function newestEventId(db: ReadableDb): number {
  return get<{ id: number | null }>(db, sql`SELECT max(id) AS id FROM agent_events`)?.id ?? 0;
}

/** Events after `afterId`, oldest first, at most `limit`. */
export function eventsAfter(db: ReadableDb, afterId: number, limit: number): SourceEvent[] {
  return all<EventRow>(
    db,
    sql`SELECT ${COLUMNS} FROM agent_events WHERE id > ${afterId} AND kind IN ${KINDS}
        ORDER BY id LIMIT ${limit}`,
  ).map(rowToEvent);
}

/** At start: gaps since `sinceMs`, and each host's last GPU-probe state and restart, oldest first. */
export function eventsToResume(db: ReadableDb, sinceMs: number, upToId: number): SourceEvent[] {
  return all<EventRow>(
    db,
    sql`SELECT ${COLUMNS} FROM agent_events WHERE id <= ${upToId} AND (
          (kind = 'gap' AND ts_ms >= ${sinceMs})
          OR id IN (SELECT max(id) FROM agent_events WHERE kind IN ('gpu_state', 'started') GROUP BY host_id, kind)
        ) ORDER BY id`,
  ).map(rowToEvent);
}
