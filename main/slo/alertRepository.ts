// The alert stream in the store. An alert opens when a burn-rate rule's
// condition starts to hold, becomes firing, and is resolved when it stops; one open alert per
// fingerprint (a unique partial index), so a restart picks up the open alert instead of a duplicate.
import type { AlertState } from '../../shared/domain/slo/alerts.ts';
import type { Alert } from '../../shared/ipc/sloSchemas.ts';
import type { AlertSeverity } from '../../shared/domain/slo/spec.ts';
import { all, get, run, sql, type SqlFragment } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

/** What the evaluator says about one rule of one SLO now. */
export interface RuleObservation {
  fingerprint: string;
  sloName: string;
  severity: AlertSeverity;
  /** 'inactive': the condition does not hold (an open alert resolves). */
  state: 'inactive' | 'pending' | 'firing';
  summary: string;
  labels: Record<string, string>;
  longMinutes: number;
  shortMinutes: number;
  threshold: number;
  burnRateLong: number;
  burnRateShort: number;
}

export interface AlertChange {
  alertId: number;
  /** This observation turned the alert firing (enforcement reacts to exactly this). */
  isNewlyFiring: boolean;
}

type AlertRow = {
  id: number;
  fingerprint: string;
  slo_name: string;
  severity: AlertSeverity;
  state: AlertState;
  summary: string;
  labels: string;
  long_minutes: number;
  short_minutes: number;
  threshold: number;
  burn_rate_long: number;
  burn_rate_short: number;
  peak_burn_rate: number;
  started_at: number;
  firing_at: number | null;
  resolved_at: number | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function rowToAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    sloName: row.slo_name,
    severity: row.severity,
    state: row.state,
    summary: row.summary,
    labels: JSON.parse(row.labels) as Record<string, string>,
    longMinutes: row.long_minutes,
    shortMinutes: row.short_minutes,
    threshold: row.threshold,
    burnRateLong: row.burn_rate_long,
    burnRateShort: row.burn_rate_short,
    peakBurnRate: row.peak_burn_rate,
    startedAt: new Date(row.started_at).toISOString(),
    firingAt: iso(row.firing_at),
    resolvedAt: iso(row.resolved_at),
  };
}

/** Applies one observation; returns null when nothing changed in the stream. */
export function observeRule(db: WritableDb, o: RuleObservation, nowMs: number): AlertChange | null {
  const open = get<{ id: number; state: AlertState; peak_burn_rate: number }>(
    db,
    sql`SELECT id, state, peak_burn_rate FROM alerts WHERE fingerprint = ${o.fingerprint} AND state <> 'resolved'`,
  );
  if (o.state === 'inactive') {
    if (!open) return null;
    run(
      db,
      sql`UPDATE alerts SET state = 'resolved', resolved_at = ${nowMs}, updated_at = ${nowMs} WHERE id = ${open.id}`,
    );
    return { alertId: open.id, isNewlyFiring: false };
  }
  const peak = Math.max(open?.peak_burn_rate ?? 0, o.burnRateLong);
  if (!open) {
    const result = run(
      db,
      sql`INSERT INTO alerts (fingerprint, slo_name, severity, state, summary, labels, long_minutes, short_minutes, threshold,
        burn_rate_long, burn_rate_short, peak_burn_rate, started_at, firing_at, updated_at)
      VALUES (${o.fingerprint}, ${o.sloName}, ${o.severity}, ${o.state}, ${o.summary}, ${JSON.stringify(o.labels)}, ${o.longMinutes}, ${o.shortMinutes},
        ${o.threshold}, ${o.burnRateLong}, ${o.burnRateShort}, ${peak}, ${nowMs}, ${o.state === 'firing' ? nowMs : null}, ${nowMs})`,
    );
    return { alertId: Number(result.lastInsertRowid), isNewlyFiring: o.state === 'firing' };
  }
  const isNewlyFiring = open.state === 'pending' && o.state === 'firing';
  run(
    db,
    sql`UPDATE alerts SET state = ${o.state}, burn_rate_long = ${o.burnRateLong}, burn_rate_short = ${o.burnRateShort},
      peak_burn_rate = ${peak}, threshold = ${o.threshold}, updated_at = ${nowMs},
      firing_at = CASE WHEN firing_at IS NULL AND ${o.state} = 'firing' THEN ${nowMs} ELSE firing_at END
    WHERE id = ${open.id}`,
  );
  // Burn rates move every cycle; only state changes are worth telling the renderer about.
  return isNewlyFiring || open.state !== o.state ? { alertId: open.id, isNewlyFiring } : null;
}

export interface AlertFilter {
  state?: 'open' | AlertState;
  sloName?: string;
  limit: number;
}

export function listAlerts(db: ReadableDb, filter: AlertFilter): Alert[] {
  const conditions: SqlFragment[] = [sql`1 = 1`];
  if (filter.state === 'open') conditions.push(sql`state <> 'resolved'`);
  else if (filter.state) conditions.push(sql`state = ${filter.state}`);
  if (filter.sloName) conditions.push(sql`slo_name = ${filter.sloName}`);
  const where = conditions.reduce((a, b) => sql`${a} AND ${b}`);
  return all<AlertRow>(
    db,
    sql`SELECT * FROM alerts WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT ${filter.limit}`,
  ).map(rowToAlert);
}

/** Alerts that overlapped [from, to), oldest first (reports list them as breaches). */
export function alertsBetween(
  db: ReadableDb,
  sloName: string,
  fromMs: number,
  toMs: number,
): Alert[] {
  return all<AlertRow>(
    db,
    sql`SELECT * FROM alerts WHERE slo_name = ${sloName} AND started_at < ${toMs} AND (resolved_at IS NULL OR resolved_at >= ${fromMs}) ORDER BY started_at`,
  ).map(rowToAlert);
}

export function countFiring(db: ReadableDb): Map<string, number> {
  const rows = all<{ slo_name: string; n: number }>(
    db,
    sql`SELECT slo_name, count(*) AS n FROM alerts WHERE state = 'firing' GROUP BY slo_name`,
  );
  return new Map(rows.map((r) => [r.slo_name, r.n]));
}

/** Alerts whose state or figures changed at or after `sinceMs` (the incident pipeline follows these). */
export function alertsUpdatedSince(
  db: ReadableDb,
  sinceMs: number,
): (Alert & { updatedAtMs: number })[] {
  return all<AlertRow & { updated_at: number }>(
    db,
    sql`SELECT * FROM alerts WHERE updated_at >= ${sinceMs} ORDER BY updated_at, id`,
  ).map((row) => ({ ...rowToAlert(row), updatedAtMs: row.updated_at }));
}
