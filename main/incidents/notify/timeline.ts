// Notification entries on an incident's timeline: who was paged and how, and any page that could
// not be delivered, so responders and the postmortem see it.
import { get, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/types.ts';

export function addNotificationEntry(
  db: WritableDb,
  incidentId: number,
  atMs: number,
  text: string,
  details: Record<string, unknown>,
): void {
  run(
    db,
    sql`INSERT INTO incident_timeline (incident_id, at, kind, actor, text, details)
        VALUES (${incidentId}, ${atMs}, 'notification', ${null}, ${text}, ${JSON.stringify(details)})`,
  );
}

/** Whether the incident exists and is a drill (a drill's pages say so). */
export function incidentKind(db: ReadableDb, incidentId: number): { isDrill: boolean } | null {
  const row = get<{ is_drill: number }>(
    db,
    sql`SELECT is_drill FROM incidents WHERE id = ${incidentId}`,
  );
  return row ? { isDrill: row.is_drill === 1 } : null;
}
