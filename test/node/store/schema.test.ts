// Guards against accidental schema change. Regenerate deliberately with:
//   UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/node/store
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migrations/index.ts';
import { all, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

const SNAPSHOT = fileURLToPath(new URL('../../fixtures/schema-snapshot.json', import.meta.url));

type MasterRow = { type: string; name: string; tbl_name: string; sql: string | null };
type ColumnRow = {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
};

function describeSchema(db: WritableDb) {
  const objects = all<MasterRow>(
    db,
    sql`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
  );
  const tableNames = objects.filter((o) => o.type === 'table').map((o) => o.name);
  const strict = (db.pragma('table_list') as { name: string; strict: number }[])
    .filter((t) => tableNames.includes(t.name) && t.strict === 1)
    .map((t) => t.name)
    .sort();
  return {
    userVersion: db.pragma('user_version', { simple: true }) as number,
    tables: Object.fromEntries(
      tableNames.map((name) => [
        name,
        (db.pragma(`table_info(${JSON.stringify(name)})`) as ColumnRow[]).map((c) => ({
          name: c.name,
          type: c.type,
          notNull: c.notnull === 1,
          default: c.dflt_value,
          pk: c.pk,
        })),
      ]),
    ),
    strictTables: strict,
    indexes: objects
      .filter((o) => o.type === 'index')
      .map(({ name, tbl_name, sql: text }) => ({ name, table: tbl_name, sql: text })),
    triggers: objects
      .filter((o) => o.type === 'trigger')
      .map(({ name, tbl_name, sql: text }) => ({ name, table: tbl_name, sql: text })),
  };
}

describe('the schema', () => {
  it('matches test/fixtures/schema-snapshot.json (regenerate with UPDATE_SCHEMA_SNAPSHOT=1)', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db);
    const actual = describeSchema(db);
    db.close();
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') {
      writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });
});
