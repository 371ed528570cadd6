// Escalation policies: matching rules as columns, the tiers as JSON.
import {
  PolicySpecSchema,
  type EscalationPolicy,
  type PolicySpec,
} from '../../../shared/domain/oncall/index.ts';
import { all, get, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/db.ts';

export interface StoredPolicy extends EscalationPolicy {
  updatedBy: string;
  updatedAtMs: number;
}

interface PolicyRow {
  id: number;
  name: string;
  description: string;
  is_default: number;
  priorities: string;
  categories: string;
  services: string;
  repeat_count: number;
  tiers: string;
  updated_by: string;
  updated_at: number;
}

const json = (text: string): unknown => JSON.parse(text);

function rowToPolicy(row: PolicyRow): StoredPolicy {
  const spec = PolicySpecSchema.parse({
    name: row.name,
    description: row.description,
    isDefault: row.is_default === 1,
    priorities: json(row.priorities),
    categories: json(row.categories),
    services: json(row.services),
    repeat: row.repeat_count,
    tiers: json(row.tiers),
  });
  return { id: row.id, ...spec, updatedBy: row.updated_by, updatedAtMs: row.updated_at };
}

const columns = (spec: PolicySpec) => ({
  isDefault: spec.isDefault ? 1 : 0,
  priorities: JSON.stringify(spec.priorities),
  categories: JSON.stringify(spec.categories),
  services: JSON.stringify(spec.services),
  tiers: JSON.stringify(spec.tiers),
});

export function listPolicies(db: ReadableDb): StoredPolicy[] {
  return all<PolicyRow>(db, sql`SELECT * FROM escalation_policies ORDER BY name, id`).map(
    rowToPolicy,
  );
}

export function findPolicy(db: ReadableDb, id: number): StoredPolicy | null {
  const row = get<PolicyRow>(db, sql`SELECT * FROM escalation_policies WHERE id = ${id}`);
  return row ? rowToPolicy(row) : null;
}

export function findPolicyIdByName(db: ReadableDb, name: string): number | null {
  return (
    get<{ id: number }>(db, sql`SELECT id FROM escalation_policies WHERE name = ${name}`)?.id ??
    null
  );
}

export function findDefaultPolicy(db: ReadableDb): { id: number; name: string } | null {
  return (
    get<{ id: number; name: string }>(
      db,
      sql`SELECT id, name FROM escalation_policies WHERE is_default = 1`,
    ) ?? null
  );
}

export function insertPolicy(db: WritableDb, spec: PolicySpec, by: string, nowMs: number): number {
  const c = columns(spec);
  const result = run(
    db,
    sql`INSERT INTO escalation_policies (name, description, is_default, priorities, categories, services,
          repeat_count, tiers, created_by, created_at, updated_by, updated_at)
        VALUES (${spec.name}, ${spec.description}, ${c.isDefault}, ${c.priorities}, ${c.categories},
          ${c.services}, ${spec.repeat}, ${c.tiers}, ${by}, ${nowMs}, ${by}, ${nowMs})`,
  );
  return Number(result.lastInsertRowid);
}

export function updatePolicy(
  db: WritableDb,
  id: number,
  spec: PolicySpec,
  by: string,
  nowMs: number,
): void {
  const c = columns(spec);
  run(
    db,
    sql`UPDATE escalation_policies SET name = ${spec.name}, description = ${spec.description},
          is_default = ${c.isDefault}, priorities = ${c.priorities}, categories = ${c.categories},
          services = ${c.services}, repeat_count = ${spec.repeat}, tiers = ${c.tiers},
          updated_by = ${by}, updated_at = ${nowMs}
        WHERE id = ${id}`,
  );
}

export function deletePolicy(db: WritableDb, id: number): void {
  run(db, sql`DELETE FROM escalation_policies WHERE id = ${id}`);
}
