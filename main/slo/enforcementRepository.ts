// Enforcement actions in the store: what a policy proposed (or ran), who decided, and the result.
import type { EnforcementAction } from '../../shared/ipc/sloSchemas.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type ActionRow = {
  id: number;
  slo_name: string;
  alert_id: number | null;
  host_id: number;
  action: string;
  params: string;
  status: EnforcementAction['status'];
  reason: string;
  proposed_at: number;
  decided_at: number | null;
  decided_by: string | null;
  finished_at: number | null;
  result: string | null;
};

function rowToAction(row: ActionRow): EnforcementAction {
  return {
    id: row.id,
    sloName: row.slo_name,
    alertId: row.alert_id,
    hostId: row.host_id,
    action: row.action,
    params: JSON.parse(row.params) as EnforcementAction['params'],
    status: row.status,
    reason: row.reason,
    proposedAt: new Date(row.proposed_at).toISOString(),
    decidedAt: iso(row.decided_at),
    decidedBy: row.decided_by,
    finishedAt: iso(row.finished_at),
    result: row.result,
  };
}

export function insertAction(
  db: WritableDb,
  a: {
    sloName: string;
    alertId: number | null;
    hostId: number;
    action: string;
    params: EnforcementAction['params'];
    status: EnforcementAction['status'];
    reason: string;
  },
  nowMs: number,
): EnforcementAction {
  const result = run(
    db,
    sql`INSERT INTO enforcement_actions (slo_name, alert_id, host_id, action, params, status, reason, proposed_at)
    VALUES (${a.sloName}, ${a.alertId}, ${a.hostId}, ${a.action}, ${JSON.stringify(a.params)}, ${a.status}, ${a.reason}, ${nowMs})`,
  );
  return findAction(db, Number(result.lastInsertRowid))!;
}

export function findAction(db: ReadableDb, id: number): EnforcementAction | null {
  const row = get<ActionRow>(db, sql`SELECT * FROM enforcement_actions WHERE id = ${id}`);
  return row ? rowToAction(row) : null;
}

export function updateAction(
  db: WritableDb,
  id: number,
  change: {
    status: EnforcementAction['status'];
    decidedBy?: string;
    decidedAtMs?: number;
    finishedAtMs?: number;
    result?: string;
  },
): EnforcementAction {
  run(
    db,
    sql`UPDATE enforcement_actions SET status = ${change.status},
      decided_by = coalesce(${change.decidedBy ?? null}, decided_by), decided_at = coalesce(${change.decidedAtMs ?? null}, decided_at),
      finished_at = coalesce(${change.finishedAtMs ?? null}, finished_at), result = coalesce(${change.result ?? null}, result)
    WHERE id = ${id}`,
  );
  return findAction(db, id)!;
}

export function listActions(db: ReadableDb, sloName: string, limit = 200): EnforcementAction[] {
  return all<ActionRow>(
    db,
    sql`SELECT * FROM enforcement_actions WHERE slo_name = ${sloName} ORDER BY proposed_at DESC, id DESC LIMIT ${limit}`,
  ).map(rowToAction);
}

/** Actions that count against cooldown and the daily maximum: everything but rejected and suppressed. */
export function recentActions(
  db: ReadableDb,
  sloName: string,
  sinceMs: number,
): EnforcementAction[] {
  return all<ActionRow>(
    db,
    sql`SELECT * FROM enforcement_actions WHERE slo_name = ${sloName} AND proposed_at >= ${sinceMs} AND status NOT IN ('rejected', 'suppressed') ORDER BY proposed_at DESC`,
  ).map(rowToAction);
}
