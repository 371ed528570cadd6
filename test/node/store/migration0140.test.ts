import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0140', () => {
  it('adds the imported drill scenarios (every version kept, one row per name and version), keeping the runbooks already there', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 139 });
    expect(schemaVersion(db)).toBeLessThan(140);
    run(
      db,
      sql`INSERT INTO runbooks (name, version, title, source, is_builtin, imported_at, imported_by)
          VALUES ('scale-out', 1, 'Scale out', 'x', 1, 1, 'system')`,
    );
    migrate(db, { to: 140 });
    expect(schemaVersion(db)).toBe(140);
    expect(all(db, sql`SELECT name FROM runbooks`)).toEqual([{ name: 'scale-out' }]);
    const strict = (db.pragma('table_list') as { name: string; strict: number }[]).find(
      (t) => t.name === 'drill_scenarios',
    );
    expect(strict?.strict).toBe(1);

    const insert = (version: number, digest = 'a'.repeat(64)) =>
      run(
        db,
        sql`INSERT INTO drill_scenarios (name, version, title, category, text, digest, imported_by, imported_at)
            VALUES ('rack-b-cooling', ${version}, 'Rack B cooling', 'throttling', 'yaml', ${digest}, 'amal', 1)`,
      );
    insert(1);
    insert(2);
    expect(() => insert(2)).toThrow(/UNIQUE/);
    expect(() => insert(0)).toThrow(/CHECK/);
    expect(() => insert(3, 'short')).toThrow(/CHECK/);
    expect(() =>
      run(
        db,
        sql`INSERT INTO drill_scenarios (name, version, title, category, text, digest, imported_by, imported_at)
            VALUES ('x', 'one', 't', 'c', 'y', ${'a'.repeat(64)}, 'amal', 1)`,
      ),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });
});
