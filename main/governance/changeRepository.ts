// Rows of the version digests agents report and of change records, with their mappers. JSON
// columns hold objects validated at the API edge.
import type {
  ChangeRecord,
  Evidence,
  Reproducibility,
} from '../../shared/ipc/governanceSchemas.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export interface VersionDigests {
  model: string | null;
  code: string | null;
}

/** Stores a version's digests; true when they were new or changed. */
export function putDigests(
  db: WritableDb,
  model: string,
  version: string,
  d: VersionDigests,
  nowMs: number,
): boolean {
  return (
    run(
      db,
      sql`INSERT INTO model_version_digests (model, version, model_digest, code_digest, reported_at)
        VALUES (${model}, ${version}, ${d.model}, ${d.code}, ${nowMs})
        ON CONFLICT (model, version) DO UPDATE SET model_digest = excluded.model_digest,
          code_digest = excluded.code_digest, reported_at = excluded.reported_at
        WHERE model_digest IS NOT excluded.model_digest OR code_digest IS NOT excluded.code_digest`,
    ).changes > 0
  );
}

export function digestsOf(db: ReadableDb, model: string, version: string | null): VersionDigests {
  if (version === null) return { model: null, code: null };
  const row = get<{ model_digest: string | null; code_digest: string | null }>(
    db,
    sql`SELECT model_digest, code_digest FROM model_version_digests WHERE model = ${model} AND version = ${version}`,
  );
  return { model: row?.model_digest ?? null, code: row?.code_digest ?? null };
}

type ChangeRow = {
  id: number;
  model: string;
  kind: ChangeRecord['kind'];
  source: ChangeRecord['source'];
  from_version: string | null;
  to_version: string | null;
  config: string;
  evidence: string;
  reproducibility: string;
  reason: string;
  requested_by: string;
  requested_role: string;
  requested_at: number;
  is_retrospective: number;
  approval: ChangeRecord['approval'];
  decided_by: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  outcome: ChangeRecord['outcome'];
  outcome_detail: string | null;
  outcome_at: number | null;
  request_id: number | null;
  digest: string;
};

const rowToChange = (r: ChangeRow): ChangeRecord => ({
  id: r.id,
  model: r.model,
  kind: r.kind,
  source: r.source,
  fromVersion: r.from_version,
  toVersion: r.to_version,
  config: JSON.parse(r.config) as Record<string, unknown>,
  evidence: JSON.parse(r.evidence) as Evidence | null,
  reproducibility: JSON.parse(r.reproducibility) as Reproducibility,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedAt: iso(r.requested_at),
  isRetrospective: r.is_retrospective === 1,
  approval: r.approval,
  decidedBy: r.decided_by,
  decidedAt: isoOrNull(r.decided_at),
  decisionReason: r.decision_reason,
  outcome: r.outcome,
  outcomeDetail: r.outcome_detail,
  outcomeAt: isoOrNull(r.outcome_at),
  requestId: r.request_id,
  digest: r.digest,
});

export const listChanges = (db: ReadableDb, limit = 500): ChangeRecord[] =>
  all<ChangeRow>(
    db,
    sql`SELECT * FROM model_change_records ORDER BY requested_at DESC, id DESC LIMIT ${limit}`,
  ).map(rowToChange);

export function findChange(db: ReadableDb, id: number): ChangeRecord | null {
  const row = get<ChangeRow>(db, sql`SELECT * FROM model_change_records WHERE id = ${id}`);
  return row ? rowToChange(row) : null;
}

/** Approved changes to `model` still waiting to be applied (oldest first). */
export const awaitingOutcome = (db: ReadableDb, model: string): ChangeRecord[] =>
  all<ChangeRow>(
    db,
    sql`SELECT * FROM model_change_records WHERE model = ${model} AND outcome = 'pending' AND approval != 'rejected' ORDER BY id`,
  ).map(rowToChange);

export interface ChangeWrite {
  model: string;
  kind: ChangeRecord['kind'];
  source: ChangeRecord['source'];
  fromVersion: string | null;
  toVersion: string | null;
  config: Record<string, unknown>;
  evidence: Evidence | null;
  reproducibility: Reproducibility;
  reason: string;
  requestedBy: { username: string; role: string };
  nowMs: number;
  isRetrospective: boolean;
  outcome: ChangeRecord['outcome'];
  requestId: number | null;
  digest: string;
}

export function insertChange(db: WritableDb, w: ChangeWrite): number {
  const outcomeAt = w.outcome === 'pending' ? null : w.nowMs;
  return Number(
    run(
      db,
      sql`INSERT INTO model_change_records (model, kind, source, from_version, to_version, config, evidence,
            reproducibility, reason, requested_by, requested_role, requested_at, is_retrospective, approval,
            outcome, outcome_at, request_id, digest)
          VALUES (${w.model}, ${w.kind}, ${w.source}, ${w.fromVersion}, ${w.toVersion}, ${JSON.stringify(w.config)},
            ${JSON.stringify(w.evidence)}, ${JSON.stringify(w.reproducibility)}, ${w.reason}, ${w.requestedBy.username},
            ${w.requestedBy.role}, ${w.nowMs}, ${w.isRetrospective ? 1 : 0}, 'pending', ${w.outcome}, ${outcomeAt},
            ${w.requestId}, ${w.digest})`,
    ).lastInsertRowid,
  );
}

export function putDecision(
  db: WritableDb,
  id: number,
  d: { approval: 'approved' | 'rejected'; by: string; reason: string; nowMs: number },
): void {
  run(
    db,
    sql`UPDATE model_change_records SET approval = ${d.approval}, decided_by = ${d.by}, decided_at = ${d.nowMs},
          decision_reason = ${d.reason} WHERE id = ${id}`,
  );
}

export function putOutcome(
  db: WritableDb,
  id: number,
  o: { outcome: ChangeRecord['outcome']; detail: string | null; nowMs: number; toVersion?: string },
): void {
  run(
    db,
    sql`UPDATE model_change_records SET outcome = ${o.outcome}, outcome_detail = ${o.detail}, outcome_at = ${o.nowMs},
          to_version = COALESCE(${o.toVersion ?? null}, to_version) WHERE id = ${id}`,
  );
}

/** Change records naming `version` of `model` as where they came from or went to. */
export const changesOfVersion = (db: ReadableDb, model: string, version: string): ChangeRecord[] =>
  all<ChangeRow>(
    db,
    sql`SELECT * FROM model_change_records WHERE model = ${model} AND (from_version = ${version} OR to_version = ${version})`,
  ).map(rowToChange);

export function putReproducibility(db: WritableDb, id: number, r: Reproducibility): void {
  run(
    db,
    sql`UPDATE model_change_records SET reproducibility = ${JSON.stringify(r)} WHERE id = ${id}`,
  );
}

/**
 * The runbook step running this action on this host for this operator, if any: a deploy or rollback
 * that a runbook ran is recorded as the runbook's (its run and incident named). Read by SQL, as
 * runbooks sit above this layer.
 */
export function runningRunbookStep(
  db: ReadableDb,
  hostId: number,
  action: string,
  actor: string,
): { runId: number; incidentId: number } | null {
  const row = get<{ run_id: number; incident_id: number }>(
    db,
    sql`SELECT s.run_id, r.incident_id FROM runbook_run_steps s JOIN runbook_runs r ON r.id = s.run_id
        WHERE s.status = 'running' AND s.host_id = ${hostId} AND s.action = ${action} AND s.actor = ${actor}
        ORDER BY s.started_at DESC LIMIT 1`,
  );
  return row ? { runId: row.run_id, incidentId: row.incident_id } : null;
}
