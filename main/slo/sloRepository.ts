// SLOs and their enforcement policies in the store: plain functions over the `slos` and
// `slo_policies` tables, specs re-validated on read (see storedSpec.ts).
import { EnforcementPolicySchema, type EnforcementPolicy } from '../../shared/domain/slo/sla.ts';
import { SloSpecSchema, type SloSpec } from '../../shared/domain/slo/spec.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { parseJson, parseStored, type SpecRow } from './storedSpec.ts';

export interface StoredSlo {
  id: number;
  name: string;
  /** Null when the stored JSON no longer validates; `error` says why. */
  spec: SloSpec | null;
  error: string | null;
  updatedAt: string;
  updatedBy: string;
}

function rowToSlo(row: SpecRow): StoredSlo {
  return {
    id: row.id,
    name: row.name,
    ...parseStored(row, SloSpecSchema, 'spec'),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function listSlos(db: ReadableDb): StoredSlo[] {
  return all<SpecRow>(
    db,
    sql`SELECT id, name, spec, updated_at, updated_by FROM slos ORDER BY name`,
  ).map(rowToSlo);
}

export function findSlo(db: ReadableDb, name: string): StoredSlo | null {
  const row = get<SpecRow>(
    db,
    sql`SELECT id, name, spec, updated_at, updated_by FROM slos WHERE name = ${name}`,
  );
  return row ? rowToSlo(row) : null;
}

/** Inserts or replaces by name; returns whether it was new. */
export function upsertSlo(
  db: WritableDb,
  spec: SloSpec,
  by: string,
  now: Date,
): { id: number; created: boolean } {
  const existing = get<{ id: number }>(db, sql`SELECT id FROM slos WHERE name = ${spec.name}`);
  const at = now.toISOString();
  if (existing) {
    run(
      db,
      sql`UPDATE slos SET spec = ${JSON.stringify(spec)}, updated_at = ${at}, updated_by = ${by} WHERE id = ${existing.id}`,
    );
    return { id: existing.id, created: false };
  }
  const result = run(
    db,
    sql`INSERT INTO slos (name, spec, created_at, updated_at, updated_by) VALUES (${spec.name}, ${JSON.stringify(spec)}, ${at}, ${at}, ${by})`,
  );
  return { id: Number(result.lastInsertRowid), created: true };
}

/** Gives an SLO a new name; its policy follows it (keyed by id). */
export function renameSlo(db: WritableDb, from: string, to: string): boolean {
  return run(db, sql`UPDATE slos SET name = ${to} WHERE name = ${from}`).changes > 0;
}

export function deleteSlo(db: WritableDb, name: string): boolean {
  return run(db, sql`DELETE FROM slos WHERE name = ${name}`).changes > 0;
}

// ── Enforcement policies ────────────────────────────────────────────────────────────────────

export function findPolicy(db: ReadableDb, sloName: string): EnforcementPolicy | null {
  const row = get<{ spec: string }>(
    db,
    sql`SELECT p.spec FROM slo_policies p JOIN slos s ON s.id = p.slo_id WHERE s.name = ${sloName}`,
  );
  if (!row) return null;
  const parsed = EnforcementPolicySchema.safeParse(parseJson(row.spec));
  return parsed.success ? parsed.data : null;
}

export function setPolicy(
  db: WritableDb,
  sloId: number,
  policy: EnforcementPolicy | null,
  by: string,
  now: Date,
): void {
  if (policy === null) {
    run(db, sql`DELETE FROM slo_policies WHERE slo_id = ${sloId}`);
    return;
  }
  run(
    db,
    sql`INSERT INTO slo_policies (slo_id, spec, updated_at, updated_by) VALUES (${sloId}, ${JSON.stringify(policy)}, ${now.toISOString()}, ${by})
    ON CONFLICT (slo_id) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
}
