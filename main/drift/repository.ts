// Drift windows and the reference pinned per model version. Plain functions over the store; times
// are ms since the epoch. A window keeps its sketches for SKETCH_RETENTION_MS (a reference keeps
// them for good); its results stay for the charts.
import type { DriftWindow } from '../../shared/agent-protocol/drift.ts';
import type { DriftResult } from '../../shared/domain/drift/result.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export const SKETCH_RETENTION_MS = 2 * 24 * 3600 * 1000;

export interface DriftWindowRow {
  id: number;
  host_id: number;
  model: string;
  version: string;
  start_ms: number;
  end_ms: number;
  rows: number;
  result: string | null;
}

export interface ReferenceRow {
  model: string;
  version: string;
  window_id: number;
  pinned_by: string;
  pinned_at: number;
  start_ms: number;
  end_ms: number;
  rows: number;
  host_id: number;
}

export function insertDriftWindow(
  db: WritableDb,
  hostId: number,
  window: DriftWindow,
  receivedAt: number,
): number {
  const info = run(
    db,
    sql`INSERT INTO drift_windows (host_id, model, version, start_ms, end_ms, rows, sketches, received_at)
        VALUES (${hostId}, ${window.model}, ${window.version}, ${window.startMs}, ${window.endMs},
                ${window.rows}, ${JSON.stringify(window)}, ${receivedAt})`,
  );
  return Number(info.lastInsertRowid);
}

export function saveDriftResult(db: WritableDb, windowId: number, result: DriftResult): void {
  run(
    db,
    sql`UPDATE drift_windows SET result = ${JSON.stringify(result)},
          drift_share = ${result.driftShare}, dataset_drift = ${result.datasetDrift === null ? null : result.datasetDrift ? 1 : 0},
          estimated_accuracy = ${result.estimatedAccuracy}, accuracy = ${result.accuracy}
        WHERE id = ${windowId}`,
  );
}

export function referenceOf(
  db: ReadableDb,
  model: string,
  version: string,
): ReferenceRow | undefined {
  return get<ReferenceRow>(
    db,
    sql`SELECT r.model, r.version, r.window_id, r.pinned_by, r.pinned_at, w.start_ms, w.end_ms, w.rows, w.host_id
        FROM drift_references r JOIN drift_windows w ON w.id = r.window_id
        WHERE r.model = ${model} AND r.version = ${version}`,
  );
}

export function referencesOf(db: ReadableDb, model: string): ReferenceRow[] {
  return all<ReferenceRow>(
    db,
    sql`SELECT r.model, r.version, r.window_id, r.pinned_by, r.pinned_at, w.start_ms, w.end_ms, w.rows, w.host_id
        FROM drift_references r JOIN drift_windows w ON w.id = r.window_id
        WHERE r.model = ${model} ORDER BY r.version`,
  );
}

/** The window's sketches as the agent sent them; null once retention dropped them. */
export function windowSketches(db: ReadableDb, windowId: number): DriftWindow | null {
  const row = get<{ sketches: string | null }>(
    db,
    sql`SELECT sketches FROM drift_windows WHERE id = ${windowId}`,
  );
  return row?.sketches ? (JSON.parse(row.sketches) as DriftWindow) : null;
}

export function pinReference(
  db: WritableDb,
  model: string,
  version: string,
  windowId: number,
  by: string,
  at: number,
): void {
  run(
    db,
    sql`INSERT INTO drift_references (model, version, window_id, pinned_by, pinned_at)
        VALUES (${model}, ${version}, ${windowId}, ${by}, ${at})
        ON CONFLICT (model, version) DO UPDATE SET window_id = excluded.window_id,
          pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at`,
  );
}

export function windowById(db: ReadableDb, id: number): DriftWindowRow | undefined {
  return get<DriftWindowRow>(
    db,
    sql`SELECT id, host_id, model, version, start_ms, end_ms, rows, result FROM drift_windows WHERE id = ${id}`,
  );
}

/** A model's windows ending in [fromMs, toMs), oldest first, at most `limit`. */
export function windowsOf(
  db: ReadableDb,
  model: string,
  fromMs: number,
  toMs: number,
  limit = 2000,
): DriftWindowRow[] {
  return all<DriftWindowRow>(
    db,
    sql`SELECT id, host_id, model, version, start_ms, end_ms, rows, result FROM drift_windows
        WHERE model = ${model} AND end_ms >= ${fromMs} AND end_ms < ${toMs}
        ORDER BY end_ms DESC LIMIT ${limit}`,
  ).reverse();
}

/** Drops old windows' sketches (never a reference's); their results stay. */
export function pruneSketches(db: WritableDb, model: string, now: number): void {
  run(
    db,
    sql`UPDATE drift_windows SET sketches = NULL
        WHERE model = ${model} AND end_ms < ${now - SKETCH_RETENTION_MS} AND sketches IS NOT NULL
          AND id NOT IN (SELECT window_id FROM drift_references)`,
  );
}

/** The names of the hosts the windows came from. */
export function hostNames(db: ReadableDb, ids: readonly number[]): { id: number; name: string }[] {
  if (ids.length === 0) return [];
  return all<{ id: number; name: string }>(
    db,
    sql`SELECT id, name FROM hosts WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
        ORDER BY name`,
  );
}
