// The alerts the sources last told the pipeline were firing, kept in the store so that after a
// restart a condition that cleared while the console was down is still resolved.
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import { all, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/types.ts';

export function loadActiveAlerts(db: ReadableDb): IncomingAlert[] {
  return all<{ alert: string }>(db, sql`SELECT alert FROM alert_source_active`).map(
    (row) => JSON.parse(row.alert) as IncomingAlert,
  );
}

export function saveActiveAlert(db: WritableDb, alert: IncomingAlert, nowMs: number): void {
  run(
    db,
    sql`INSERT INTO alert_source_active (fingerprint, source, alert, started_at, sent_at)
        VALUES (${alert.fingerprint}, ${alert.source}, ${JSON.stringify(alert)}, ${alert.startsAtMs}, ${nowMs})
        ON CONFLICT (fingerprint) DO UPDATE SET alert = excluded.alert, sent_at = excluded.sent_at`,
  );
}

export function deleteActiveAlert(db: WritableDb, fingerprint: string): void {
  run(db, sql`DELETE FROM alert_source_active WHERE fingerprint = ${fingerprint}`);
}
