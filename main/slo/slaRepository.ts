// SLAs in the store: plain functions over the `slas` table, specs re-validated on read.
import { SlaSpecSchema, type SlaSpec } from '../../shared/domain/slo/sla.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { parseStored, type SpecRow } from './storedSpec.ts';

export interface StoredSla {
  id: number;
  name: string;
  spec: SlaSpec | null;
  error: string | null;
  updatedAt: string;
  updatedBy: string;
}

function rowToSla(row: SpecRow): StoredSla {
  return {
    id: row.id,
    name: row.name,
    ...parseStored(row, SlaSpecSchema, 'SLA'),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function listSlas(db: ReadableDb): StoredSla[] {
  return all<SpecRow>(
    db,
    sql`SELECT id, name, spec, updated_at, updated_by FROM slas ORDER BY name`,
  ).map(rowToSla);
}

export function findSla(db: ReadableDb, name: string): StoredSla | null {
  const row = get<SpecRow>(
    db,
    sql`SELECT id, name, spec, updated_at, updated_by FROM slas WHERE name = ${name}`,
  );
  return row ? rowToSla(row) : null;
}

export function upsertSla(
  db: WritableDb,
  spec: SlaSpec,
  by: string,
  now: Date,
): { created: boolean } {
  const at = now.toISOString();
  const existing = get<{ id: number }>(db, sql`SELECT id FROM slas WHERE name = ${spec.name}`);
  if (existing) {
    run(
      db,
      sql`UPDATE slas SET spec = ${JSON.stringify(spec)}, updated_at = ${at}, updated_by = ${by} WHERE id = ${existing.id}`,
    );
    return { created: false };
  }
  run(
    db,
    sql`INSERT INTO slas (name, spec, created_at, updated_at, updated_by) VALUES (${spec.name}, ${JSON.stringify(spec)}, ${at}, ${at}, ${by})`,
  );
  return { created: true };
}

export function deleteSla(db: WritableDb, name: string): boolean {
  return run(db, sql`DELETE FROM slas WHERE name = ${name}`).changes > 0;
}
