import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0160', () => {
  it('adds the forced password change flag, off for the operators already there', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 159 });
    expect(schemaVersion(db)).toBeLessThan(160);
    run(
      db,
      sql`INSERT INTO operators (username, display_name, role, password_hash, created_at)
          VALUES ('amal', 'Amal', 'admin', 'scrypt$x', '2026-01-01T00:00:00Z')`,
    );
    migrate(db, { to: 160 });
    expect(schemaVersion(db)).toBe(160);
    expect(all(db, sql`SELECT username, must_change_password FROM operators`)).toEqual([
      { username: 'amal', must_change_password: 0 },
    ]);
    expect(() => run(db, sql`UPDATE operators SET must_change_password = 2`)).toThrow(/CHECK/);
    db.close();
  });
});
