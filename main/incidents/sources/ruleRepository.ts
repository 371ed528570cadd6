// Threshold rules in the store: plain functions over `alert_rules`, each spec re-validated on read so
// a row written by an older build that no longer validates is skipped by evaluation, not fatal.
import {
  ThresholdRuleSpecSchema,
  type ThresholdRule,
  type ThresholdRuleSpec,
} from '../../../shared/domain/alertRules/index.ts';
import { all, get, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/types.ts';

type RuleRow = { id: number; spec: string; updated_at: number; updated_by: string };

export interface StoredRule {
  rule: ThresholdRule | null;
  id: number;
  /** Why the stored spec is not usable (null when it is). */
  error: string | null;
}

function rowToRule(row: RuleRow): StoredRule {
  let json: unknown;
  try {
    json = JSON.parse(row.spec);
  } catch {
    return { id: row.id, rule: null, error: 'the stored rule is not JSON' };
  }
  const parsed = ThresholdRuleSpecSchema.safeParse(json);
  if (!parsed.success)
    return { id: row.id, rule: null, error: parsed.error.issues[0]?.message ?? 'invalid rule' };
  return {
    id: row.id,
    rule: { ...parsed.data, id: row.id, updatedAtMs: row.updated_at, updatedBy: row.updated_by },
    error: null,
  };
}

const COLUMNS = sql`id, spec, updated_at, updated_by`;

export function listRules(db: ReadableDb): StoredRule[] {
  return all<RuleRow>(db, sql`SELECT ${COLUMNS} FROM alert_rules ORDER BY name`).map(rowToRule);
}

export function findRule(db: ReadableDb, id: number): StoredRule | null {
  const row = get<RuleRow>(db, sql`SELECT ${COLUMNS} FROM alert_rules WHERE id = ${id}`);
  return row ? rowToRule(row) : null;
}

export function findRuleIdByName(db: ReadableDb, name: string): number | null {
  return get<{ id: number }>(db, sql`SELECT id FROM alert_rules WHERE name = ${name}`)?.id ?? null;
}

export function insertRule(
  db: WritableDb,
  spec: ThresholdRuleSpec,
  by: string,
  nowMs: number,
): number {
  const result = run(
    db,
    sql`INSERT INTO alert_rules (name, spec, created_at, updated_at, updated_by)
        VALUES (${spec.name}, ${JSON.stringify(spec)}, ${nowMs}, ${nowMs}, ${by})`,
  );
  return Number(result.lastInsertRowid);
}

export function updateRule(
  db: WritableDb,
  id: number,
  spec: ThresholdRuleSpec,
  by: string,
  nowMs: number,
): void {
  run(
    db,
    sql`UPDATE alert_rules SET name = ${spec.name}, spec = ${JSON.stringify(spec)},
        updated_at = ${nowMs}, updated_by = ${by} WHERE id = ${id}`,
  );
}

export function deleteRule(db: WritableDb, id: number): boolean {
  return run(db, sql`DELETE FROM alert_rules WHERE id = ${id}`).changes > 0;
}
