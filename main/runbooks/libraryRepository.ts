// Runbook versions and automation rules in the store: plain functions with row mappers.
import type { RunbookRule } from '../../shared/ipc/runbookSchemas.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export interface RunbookRow {
  id: number;
  name: string;
  version: number;
  title: string;
  source: string;
  is_builtin: number;
  imported_at: number;
  imported_by: string;
}

export interface NewRunbookVersion {
  name: string;
  version: number;
  title: string;
  source: string;
  isBuiltin: boolean;
  importedAtMs: number;
  importedBy: string;
}

export function insertRunbookVersion(db: WritableDb, v: NewRunbookVersion): number {
  return Number(
    run(
      db,
      sql`INSERT INTO runbooks (name, version, title, source, is_builtin, imported_at, imported_by)
          VALUES (${v.name}, ${v.version}, ${v.title}, ${v.source}, ${v.isBuiltin ? 1 : 0}, ${v.importedAtMs}, ${v.importedBy})`,
    ).lastInsertRowid,
  );
}

/** One version, or the newest when `version` is omitted. */
export function findRunbook(
  db: ReadableDb,
  name: string,
  version?: number,
): RunbookRow | undefined {
  return version === undefined
    ? get<RunbookRow>(
        db,
        sql`SELECT * FROM runbooks WHERE name = ${name} ORDER BY version DESC LIMIT 1`,
      )
    : get<RunbookRow>(
        db,
        sql`SELECT * FROM runbooks WHERE name = ${name} AND version = ${version}`,
      );
}

export function findRunbookById(db: ReadableDb, id: number): RunbookRow | undefined {
  return get<RunbookRow>(db, sql`SELECT * FROM runbooks WHERE id = ${id}`);
}

/** The newest version of every runbook, by name, with how many versions it has. */
export function latestRunbooks(db: ReadableDb): (RunbookRow & { version_count: number })[] {
  return all<RunbookRow & { version_count: number }>(
    db,
    sql`SELECT r.*, (SELECT COUNT(*) FROM runbooks v WHERE v.name = r.name) AS version_count
        FROM runbooks r
        WHERE r.version = (SELECT MAX(version) FROM runbooks m WHERE m.name = r.name)
        ORDER BY r.name`,
  );
}

export function runbookVersions(db: ReadableDb, name: string) {
  return all<{ version: number; imported_at: number; imported_by: string }>(
    db,
    sql`SELECT version, imported_at, imported_by FROM runbooks WHERE name = ${name} ORDER BY version DESC`,
  );
}

// ── Rules ─────────────────────────────────────────────────────────────────────────────────────

interface RuleRow {
  id: number;
  match_kind: RunbookRule['matchKind'];
  match_value: string;
  runbook: string;
  mode: RunbookRule['mode'];
  created_at: number;
  created_by: string;
}

const rowToRule = (r: RuleRow): RunbookRule => ({
  id: r.id,
  matchKind: r.match_kind,
  matchValue: r.match_value,
  runbook: r.runbook,
  mode: r.mode,
  createdAt: new Date(r.created_at).toISOString(),
  createdBy: r.created_by,
});

export function listRules(db: ReadableDb): RunbookRule[] {
  return all<RuleRow>(
    db,
    sql`SELECT * FROM runbook_rules ORDER BY match_kind, match_value, runbook`,
  ).map(rowToRule);
}

export function findRule(db: ReadableDb, id: number): RunbookRule | undefined {
  const row = get<RuleRow>(db, sql`SELECT * FROM runbook_rules WHERE id = ${id}`);
  return row && rowToRule(row);
}

/** Adds the rule, or changes the mode of the same match → runbook. */
export function upsertRule(
  db: WritableDb,
  r: Pick<RunbookRule, 'matchKind' | 'matchValue' | 'runbook' | 'mode'>,
  by: string,
  atMs: number,
): RunbookRule {
  run(
    db,
    sql`INSERT INTO runbook_rules (match_kind, match_value, runbook, mode, created_at, created_by)
        VALUES (${r.matchKind}, ${r.matchValue}, ${r.runbook}, ${r.mode}, ${atMs}, ${by})
        ON CONFLICT (match_kind, match_value, runbook) DO UPDATE SET mode = excluded.mode`,
  );
  const row = get<RuleRow>(
    db,
    sql`SELECT * FROM runbook_rules WHERE match_kind = ${r.matchKind} AND match_value = ${r.matchValue}
        AND runbook = ${r.runbook}`,
  )!;
  return rowToRule(row);
}

export function deleteRule(db: WritableDb, id: number): void {
  run(db, sql`DELETE FROM runbook_rules WHERE id = ${id}`);
}

export function countRules(db: ReadableDb): number {
  return get<{ n: number }>(db, sql`SELECT COUNT(*) AS n FROM runbook_rules`)?.n ?? 0;
}
