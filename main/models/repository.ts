// The model-version tables: versions and their state, each version's stay on each host, the change
// history and the known-good policy. Plain functions over the store; times are ms since the epoch.
import type { VersionChange, VersionState } from '../../shared/ipc/modelSchemas.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export interface HostVersionRow {
  model: string;
  host_id: number;
  host_name: string;
  version: string;
  first_seen_at: number;
  arrived_at: number;
  last_seen_at: number;
}

export interface VersionRow {
  model: string;
  version: string;
  state: VersionState;
  state_reason: string | null;
  state_by: string | null;
  state_at: number | null;
  first_seen_at: number;
}

interface ChangeRow {
  id: number;
  model: string;
  host_id: number | null;
  host_name: string | null;
  kind: VersionChange['kind'];
  source: VersionChange['source'];
  version: string;
  from_version: string | null;
  actor: string | null;
  reason: string | null;
  incident_id: number | null;
  at: number;
}

export type NewChange = Omit<VersionChange, 'id' | 'hostName' | 'at'> & { atMs: number };

const rowToChange = (r: ChangeRow): VersionChange => ({
  id: r.id,
  model: r.model,
  hostId: r.host_id,
  hostName: r.host_name,
  kind: r.kind,
  source: r.source,
  version: r.version,
  fromVersion: r.from_version,
  actor: r.actor,
  reason: r.reason,
  incidentId: r.incident_id,
  at: new Date(r.at).toISOString(),
});

/** Every version's stay on every host of one model (or of every model), with the host's name. */
export function hostVersionRows(db: ReadableDb, model: string | null): HostVersionRow[] {
  return all<HostVersionRow>(
    db,
    sql`SELECT v.model, v.host_id, h.name AS host_name, v.version, v.first_seen_at, v.arrived_at, v.last_seen_at
        FROM model_host_versions v JOIN hosts h ON h.id = v.host_id
        WHERE (${model} IS NULL OR v.model = ${model}) AND h.revoked_at IS NULL
        ORDER BY v.model, v.host_id, v.arrived_at`,
  );
}

/** One host's versions of one model (the recorder's view of it). */
export function hostModelRows(
  db: ReadableDb,
  hostId: number,
  model: string,
): Omit<HostVersionRow, 'host_name'>[] {
  return all<Omit<HostVersionRow, 'host_name'>>(
    db,
    sql`SELECT model, host_id, version, first_seen_at, arrived_at, last_seen_at
        FROM model_host_versions WHERE host_id = ${hostId} AND model = ${model}`,
  );
}

export function upsertHostVersion(db: WritableDb, row: Omit<HostVersionRow, 'host_name'>): void {
  run(
    db,
    sql`INSERT INTO model_host_versions (model, host_id, version, first_seen_at, arrived_at, last_seen_at)
        VALUES (${row.model}, ${row.host_id}, ${row.version}, ${row.first_seen_at}, ${row.arrived_at}, ${row.last_seen_at})
        ON CONFLICT (model, host_id, version) DO UPDATE SET
          first_seen_at = min(first_seen_at, excluded.first_seen_at),
          arrived_at = excluded.arrived_at,
          last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
  );
}

/** A version the console has not heard of before starts as `unknown`. */
export function ensureVersion(db: WritableDb, model: string, version: string, atMs: number): void {
  run(
    db,
    sql`INSERT INTO model_versions (model, version, first_seen_at) VALUES (${model}, ${version}, ${atMs})
        ON CONFLICT (model, version) DO UPDATE SET first_seen_at = min(first_seen_at, excluded.first_seen_at)`,
  );
}

export function versionRows(db: ReadableDb, model: string): VersionRow[] {
  return all<VersionRow>(
    db,
    sql`SELECT model, version, state, state_reason, state_by, state_at, first_seen_at
        FROM model_versions WHERE model = ${model} ORDER BY first_seen_at, version`,
  );
}

export function findVersion(db: ReadableDb, model: string, version: string): VersionRow | null {
  return (
    get<VersionRow>(
      db,
      sql`SELECT model, version, state, state_reason, state_by, state_at, first_seen_at
          FROM model_versions WHERE model = ${model} AND version = ${version}`,
    ) ?? null
  );
}

export function setVersionState(
  db: WritableDb,
  model: string,
  version: string,
  state: VersionState,
  reason: string,
  by: string,
  atMs: number,
): void {
  run(
    db,
    sql`UPDATE model_versions SET state = ${state}, state_reason = ${reason}, state_by = ${by}, state_at = ${atMs}
        WHERE model = ${model} AND version = ${version}`,
  );
}

/** Every model the console has seen a version of. */
export function modelNames(db: ReadableDb): string[] {
  return all<{ model: string }>(
    db,
    sql`SELECT DISTINCT model FROM model_versions ORDER BY model`,
  ).map((r) => r.model);
}

export function insertChange(db: WritableDb, change: NewChange): number {
  return Number(
    run(
      db,
      sql`INSERT INTO model_version_changes (model, host_id, kind, source, version, from_version, actor, reason, incident_id, at)
          VALUES (${change.model}, ${change.hostId}, ${change.kind}, ${change.source}, ${change.version},
                  ${change.fromVersion}, ${change.actor}, ${change.reason}, ${change.incidentId}, ${change.atMs})`,
    ).lastInsertRowid,
  );
}

/** An agent-reported arrival the action that caused it may claim (same host, model and version). */
export function recentArrival(
  db: ReadableDb,
  hostId: number,
  model: string,
  version: string,
  sinceMs: number,
): { id: number; source: VersionChange['source'] } | null {
  return (
    get<{ id: number; source: VersionChange['source'] }>(
      db,
      sql`SELECT id, source FROM model_version_changes
          WHERE host_id = ${hostId} AND model = ${model} AND version = ${version}
            AND kind IN ('reported', 'deployed', 'rolled_back') AND at >= ${sinceMs}
          ORDER BY at DESC, id DESC LIMIT 1`,
    ) ?? null
  );
}

export function claimChange(
  db: WritableDb,
  id: number,
  claim: Pick<VersionChange, 'kind' | 'source' | 'actor' | 'reason'>,
): void {
  run(
    db,
    sql`UPDATE model_version_changes SET kind = ${claim.kind}, source = ${claim.source}, actor = ${claim.actor},
          reason = coalesce(${claim.reason}, reason)
        WHERE id = ${id}`,
  );
}

/** The history of one model, newest first. */
export function changeRows(db: ReadableDb, model: string, limit = 500): VersionChange[] {
  return all<ChangeRow>(
    db,
    sql`SELECT c.id, c.model, c.host_id, h.name AS host_name, c.kind, c.source, c.version, c.from_version,
               c.actor, c.reason, c.incident_id, c.at
        FROM model_version_changes c LEFT JOIN hosts h ON h.id = c.host_id
        WHERE c.model = ${model} ORDER BY c.at DESC, c.id DESC LIMIT ${limit}`,
  ).map(rowToChange);
}

/** Arrivals on hosts (not marks), oldest first: which version ran where, from when. */
export function arrivalRows(db: ReadableDb, model: string, hostId: number | null): VersionChange[] {
  return all<ChangeRow>(
    db,
    sql`SELECT c.id, c.model, c.host_id, h.name AS host_name, c.kind, c.source, c.version, c.from_version,
               c.actor, c.reason, c.incident_id, c.at
        FROM model_version_changes c LEFT JOIN hosts h ON h.id = c.host_id
        WHERE c.model = ${model} AND c.kind IN ('reported', 'deployed', 'rolled_back')
          AND (${hostId} IS NULL OR c.host_id = ${hostId})
        ORDER BY c.at, c.id`,
  ).map(rowToChange);
}

export interface PolicyRow {
  soakMs: number;
  suspectWindowMs: number;
}

export function policyRow(db: ReadableDb): PolicyRow | null {
  return (
    get<PolicyRow>(
      db,
      sql`SELECT soak_ms AS soakMs, suspect_window_ms AS suspectWindowMs FROM model_version_policy WHERE id = 1`,
    ) ?? null
  );
}

export function putPolicy(db: WritableDb, policy: PolicyRow, by: string, atMs: number): void {
  run(
    db,
    sql`INSERT INTO model_version_policy (id, soak_ms, suspect_window_ms, updated_at, updated_by)
        VALUES (1, ${policy.soakMs}, ${policy.suspectWindowMs}, ${atMs}, ${by})
        ON CONFLICT (id) DO UPDATE SET soak_ms = excluded.soak_ms,
          suspect_window_ms = excluded.suspect_window_ms, updated_at = excluded.updated_at,
          updated_by = excluded.updated_by`,
  );
}
