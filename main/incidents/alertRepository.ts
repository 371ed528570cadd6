// The alert stream from every source: one row per alert episode, one open row per fingerprint.
import type {
  AlertSource,
  AlertVerdict,
  IncomingAlert,
  PipelineAlertState,
} from '../../shared/domain/incidents/index.ts';
import type { PipelineAlert } from '../../shared/ipc/incidentSchemas.ts';
import { all, get, run, sql, sqlJoin, type SqlFragment } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { iso, isoOrNull } from './incidentRows.ts';

export type AlertRow = {
  id: number;
  fingerprint: string;
  source: AlertSource;
  rule: string;
  severity: PipelineAlert['severity'];
  state: PipelineAlertState;
  summary: string;
  labels: string;
  service: string | null;
  cluster: string | null;
  incident_id: number | null;
  silence_id: number | null;
  is_flapping: number;
  source_ref: string | null;
  started_at: number;
  received_at: number;
  last_seen_at: number;
  resolved_at: number | null;
  verdict: AlertVerdict | null;
  verdict_by: string | null;
};

export function rowToAlert(r: AlertRow): PipelineAlert {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    source: r.source,
    rule: r.rule,
    severity: r.severity,
    state: r.state,
    summary: r.summary,
    labels: JSON.parse(r.labels) as Record<string, string>,
    service: r.service,
    cluster: r.cluster,
    incidentId: r.incident_id,
    silenceId: r.silence_id,
    isFlapping: r.is_flapping === 1,
    sourceRef: r.source_ref,
    startedAt: iso(r.started_at),
    receivedAt: iso(r.received_at),
    lastSeenAt: iso(r.last_seen_at),
    resolvedAt: isoOrNull(r.resolved_at),
    verdict: r.verdict,
    verdictBy: r.verdict_by,
  };
}

export function findOpenAlert(db: ReadableDb, fingerprint: string): AlertRow | undefined {
  return get<AlertRow>(
    db,
    sql`SELECT * FROM pipeline_alerts WHERE fingerprint = ${fingerprint} AND state <> 'resolved'`,
  );
}

/** How many episodes of this fingerprint resolved since `sinceMs` (flapping shows as many). */
export function countResolvedSince(db: ReadableDb, fingerprint: string, sinceMs: number): number {
  return (
    get<{ n: number }>(
      db,
      sql`SELECT COUNT(*) AS n FROM pipeline_alerts WHERE fingerprint = ${fingerprint}
          AND state = 'resolved' AND resolved_at >= ${sinceMs}`,
    )?.n ?? 0
  );
}

export interface NewAlert {
  alert: IncomingAlert;
  state: PipelineAlertState;
  labels: Record<string, string>;
  incidentId: number | null;
  silenceId: number | null;
  isFlapping: boolean;
  nowMs: number;
}

export function insertAlert(db: WritableDb, a: NewAlert): number {
  const { alert } = a;
  return Number(
    run(
      db,
      sql`INSERT INTO pipeline_alerts (fingerprint, source, rule, severity, state, summary, labels, service, cluster,
          incident_id, silence_id, is_flapping, source_ref, started_at, received_at, last_seen_at)
        VALUES (${alert.fingerprint}, ${alert.source}, ${alert.rule}, ${alert.severity}, ${a.state}, ${alert.summary},
          ${JSON.stringify(a.labels)}, ${a.labels.service ?? a.labels.model ?? null}, ${a.labels.cluster ?? null},
          ${a.incidentId}, ${a.silenceId}, ${a.isFlapping ? 1 : 0}, ${alert.sourceRef ?? null},
          ${alert.startsAtMs}, ${a.nowMs}, ${a.nowMs})`,
    ).lastInsertRowid,
  );
}

export function touchAlert(db: WritableDb, id: number, summary: string, nowMs: number): void {
  run(
    db,
    sql`UPDATE pipeline_alerts SET last_seen_at = ${nowMs}, summary = ${summary} WHERE id = ${id}`,
  );
}

export function resolveAlert(db: WritableDb, id: number, atMs: number, nowMs: number): void {
  run(
    db,
    sql`UPDATE pipeline_alerts SET state = 'resolved', resolved_at = ${atMs}, last_seen_at = ${nowMs} WHERE id = ${id}`,
  );
}

export function firingAlertsOf(db: ReadableDb, incidentId: number): number {
  return (
    get<{ n: number }>(
      db,
      sql`SELECT COUNT(*) AS n FROM pipeline_alerts WHERE incident_id = ${incidentId} AND state = 'firing'`,
    )?.n ?? 0
  );
}

export function getAlert(db: ReadableDb, id: number): AlertRow | undefined {
  return get<AlertRow>(db, sql`SELECT * FROM pipeline_alerts WHERE id = ${id}`);
}

export function setVerdict(db: WritableDb, id: number, verdict: AlertVerdict, by: string): void {
  run(
    db,
    sql`UPDATE pipeline_alerts SET verdict = ${verdict}, verdict_by = ${by} WHERE id = ${id}`,
  );
}

export function listAlertRows(
  db: ReadableDb,
  filter: {
    states?: readonly PipelineAlertState[];
    sources?: readonly AlertSource[];
    incidentId?: number;
    limit: number;
  },
): AlertRow[] {
  const conditions: SqlFragment[] = [sql`1 = 1`];
  if (filter.states?.length)
    conditions.push(sql`state IN (${sqlJoin(filter.states.map((s) => sql`${s}`))})`);
  if (filter.sources?.length)
    conditions.push(sql`source IN (${sqlJoin(filter.sources.map((s) => sql`${s}`))})`);
  if (filter.incidentId !== undefined) conditions.push(sql`incident_id = ${filter.incidentId}`);
  return all<AlertRow>(
    db,
    sql`SELECT * FROM pipeline_alerts WHERE ${sqlJoin(conditions, ' AND ')} ORDER BY received_at DESC, id DESC LIMIT ${filter.limit}`,
  );
}

export function noiseReport(db: ReadableDb, sinceMs: number) {
  return all<{
    source: AlertSource;
    rule: string;
    total: number;
    useful: number;
    noise: number;
    unjudged: number;
    flapping: number;
    silenced: number;
  }>(
    db,
    sql`SELECT source, rule, COUNT(*) AS total,
        SUM(verdict = 'useful') AS useful, SUM(verdict = 'noise') AS noise, SUM(verdict IS NULL) AS unjudged,
        SUM(is_flapping) AS flapping, SUM(silence_id IS NOT NULL) AS silenced
      FROM pipeline_alerts WHERE received_at >= ${sinceMs}
      GROUP BY source, rule ORDER BY noise DESC, total DESC`,
  );
}
