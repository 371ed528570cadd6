// What agents reported about themselves (gaps, restarts, late action results), per host.
import { all, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export interface AgentEventRecord {
  tsMs: number;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  details: Record<string, unknown>;
}

export function recentAgentEvents(
  db: ReadableDb,
  hostId: number,
  limit: number,
): AgentEventRecord[] {
  return all<{ ts_ms: number; kind: string; severity: string; message: string; details: string }>(
    db,
    sql`SELECT ts_ms, kind, severity, message, details FROM agent_events
        WHERE host_id = ${hostId} ORDER BY ts_ms DESC, id DESC LIMIT ${limit}`,
  ).map((r) => ({
    tsMs: r.ts_ms,
    kind: r.kind,
    severity: r.severity as AgentEventRecord['severity'],
    message: r.message,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

export function insertAgentEvent(db: WritableDb, hostId: number, event: AgentEventRecord): void {
  run(
    db,
    sql`INSERT INTO agent_events (host_id, ts_ms, kind, severity, message, details)
    VALUES (${hostId}, ${event.tsMs}, ${event.kind}, ${event.severity}, ${event.message}, ${JSON.stringify(event.details)})`,
  );
}

/** Deletes at most `batch` events older than the cutoff. */
export function deleteAgentEventsBefore(db: WritableDb, cutoffMs: number, batch: number): number {
  return run(
    db,
    sql`DELETE FROM agent_events WHERE id IN (SELECT id FROM agent_events WHERE ts_ms < ${cutoffMs} LIMIT ${batch})`,
  ).changes;
}
