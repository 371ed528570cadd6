// Imported drill scenario versions in the store: plain functions with a row type.
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export interface ScenarioRow {
  id: number;
  name: string;
  version: number;
  title: string;
  category: string;
  text: string;
  digest: string;
  imported_by: string;
  imported_at: number;
}

export type NewScenarioVersion = Omit<ScenarioRow, 'id'>;

export function insertScenarioVersion(db: WritableDb, v: NewScenarioVersion): number {
  return Number(
    run(
      db,
      sql`INSERT INTO drill_scenarios (name, version, title, category, text, digest, imported_by, imported_at)
          VALUES (${v.name}, ${v.version}, ${v.title}, ${v.category}, ${v.text}, ${v.digest}, ${v.imported_by}, ${v.imported_at})`,
    ).lastInsertRowid,
  );
}

/** One version, or the newest when `version` is omitted. */
export function findScenario(
  db: ReadableDb,
  name: string,
  version?: number,
): ScenarioRow | undefined {
  return version === undefined
    ? get<ScenarioRow>(
        db,
        sql`SELECT * FROM drill_scenarios WHERE name = ${name} ORDER BY version DESC LIMIT 1`,
      )
    : get<ScenarioRow>(
        db,
        sql`SELECT * FROM drill_scenarios WHERE name = ${name} AND version = ${version}`,
      );
}

/** The newest version of every imported scenario, by name. */
export function latestScenarios(db: ReadableDb): ScenarioRow[] {
  return all<ScenarioRow>(
    db,
    sql`SELECT s.* FROM drill_scenarios s
        WHERE s.version = (SELECT MAX(version) FROM drill_scenarios m WHERE m.name = s.name)
        ORDER BY s.name`,
  );
}
