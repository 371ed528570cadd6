// SLOs, SLAs, enforcement policies, the alert stream and enforcement actions: plain functions over
// the store. Specs are stored as JSON and re-validated on read, so a row edited by hand shows up as
// an SLO with an error instead of breaking the list.
import type { z } from 'zod';
import { SlaSpecSchema, EnforcementPolicySchema, type EnforcementPolicy, type SlaSpec } from '../../shared/domain/slo/sla.ts';
import { SloSpecSchema, type SloSpec } from '../../shared/domain/slo/spec.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export interface StoredSlo {
  id: number;
  name: string;
  /** Null when the stored JSON no longer validates; `error` says why. */
  spec: SloSpec | null;
  error: string | null;
  updatedAt: string;
  updatedBy: string;
}

type SpecRow = { id: number; name: string; spec: string; updated_at: string; updated_by: string };

function issuesText(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(spec)'}: ${i.message}`).join('; ');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A stored spec, re-validated: null with the reason when it no longer validates. */
function parseStored<T>(row: SpecRow, schema: z.ZodType<T>, what: string): { spec: T | null; error: string | null } {
  const parsed = schema.safeParse(parseJson(row.spec));
  return parsed.success ? { spec: parsed.data, error: null } : { spec: null, error: `stored ${what} is invalid: ${issuesText(parsed.error)}` };
}

function rowToSlo(row: SpecRow): StoredSlo {
  return { id: row.id, name: row.name, ...parseStored(row, SloSpecSchema, 'spec'), updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export function listSlos(db: ReadableDb): StoredSlo[] {
  return all<SpecRow>(db, sql`SELECT id, name, spec, updated_at, updated_by FROM slos ORDER BY name`).map(rowToSlo);
}

export function findSlo(db: ReadableDb, name: string): StoredSlo | null {
  const row = get<SpecRow>(db, sql`SELECT id, name, spec, updated_at, updated_by FROM slos WHERE name = ${name}`);
  return row ? rowToSlo(row) : null;
}

/** Inserts or replaces by name; returns whether it was new. */
export function upsertSlo(db: WritableDb, spec: SloSpec, by: string, now: Date): { id: number; created: boolean } {
  const existing = get<{ id: number }>(db, sql`SELECT id FROM slos WHERE name = ${spec.name}`);
  const at = now.toISOString();
  if (existing) {
    run(db, sql`UPDATE slos SET spec = ${JSON.stringify(spec)}, updated_at = ${at}, updated_by = ${by} WHERE id = ${existing.id}`);
    return { id: existing.id, created: false };
  }
  const result = run(db, sql`INSERT INTO slos (name, spec, created_at, updated_at, updated_by) VALUES (${spec.name}, ${JSON.stringify(spec)}, ${at}, ${at}, ${by})`);
  return { id: Number(result.lastInsertRowid), created: true };
}

export function deleteSlo(db: WritableDb, name: string): boolean {
  return run(db, sql`DELETE FROM slos WHERE name = ${name}`).changes > 0;
}

// ── Enforcement policies ────────────────────────────────────────────────────────────────────

export function findPolicy(db: ReadableDb, sloName: string): EnforcementPolicy | null {
  const row = get<{ spec: string }>(db, sql`SELECT p.spec FROM slo_policies p JOIN slos s ON s.id = p.slo_id WHERE s.name = ${sloName}`);
  if (!row) return null;
  const parsed = EnforcementPolicySchema.safeParse(parseJson(row.spec));
  return parsed.success ? parsed.data : null;
}

export function setPolicy(db: WritableDb, sloId: number, policy: EnforcementPolicy | null, by: string, now: Date): void {
  if (policy === null) {
    run(db, sql`DELETE FROM slo_policies WHERE slo_id = ${sloId}`);
    return;
  }
  run(db, sql`INSERT INTO slo_policies (slo_id, spec, updated_at, updated_by) VALUES (${sloId}, ${JSON.stringify(policy)}, ${now.toISOString()}, ${by})
    ON CONFLICT (slo_id) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
}

// ── SLAs ────────────────────────────────────────────────────────────────────────────────────

export interface StoredSla {
  id: number;
  name: string;
  spec: SlaSpec | null;
  error: string | null;
  updatedAt: string;
  updatedBy: string;
}

function rowToSla(row: SpecRow): StoredSla {
  return { id: row.id, name: row.name, ...parseStored(row, SlaSpecSchema, 'SLA'), updatedAt: row.updated_at, updatedBy: row.updated_by };
}

export function listSlas(db: ReadableDb): StoredSla[] {
  return all<SpecRow>(db, sql`SELECT id, name, spec, updated_at, updated_by FROM slas ORDER BY name`).map(rowToSla);
}

export function findSla(db: ReadableDb, name: string): StoredSla | null {
  const row = get<SpecRow>(db, sql`SELECT id, name, spec, updated_at, updated_by FROM slas WHERE name = ${name}`);
  return row ? rowToSla(row) : null;
}

export function upsertSla(db: WritableDb, spec: SlaSpec, by: string, now: Date): { created: boolean } {
  const at = now.toISOString();
  const existing = get<{ id: number }>(db, sql`SELECT id FROM slas WHERE name = ${spec.name}`);
  if (existing) {
    run(db, sql`UPDATE slas SET spec = ${JSON.stringify(spec)}, updated_at = ${at}, updated_by = ${by} WHERE id = ${existing.id}`);
    return { created: false };
  }
  run(db, sql`INSERT INTO slas (name, spec, created_at, updated_at, updated_by) VALUES (${spec.name}, ${JSON.stringify(spec)}, ${at}, ${at}, ${by})`);
  return { created: true };
}

export function deleteSla(db: WritableDb, name: string): boolean {
  return run(db, sql`DELETE FROM slas WHERE name = ${name}`).changes > 0;
}
