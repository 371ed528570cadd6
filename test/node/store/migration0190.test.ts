import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

const insert = (model: string, status: string) =>
  sql`INSERT INTO experiments (name, model, control, variant, variant_percent, primary_metric,
        guardrails, power, min_sample_size, planned_days, status, created_by, created_at)
      VALUES ('faster decoder', ${model}, '1', '2', 10, 'latency', '[]', '{}', 1200, 7, ${status},
        'amal', 1)`;

describe('migration 0190', () => {
  it('adds experiments, keeping the operators already there, and allows one running experiment per model', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 189 });
    expect(schemaVersion(db)).toBeLessThan(190);
    run(
      db,
      sql`INSERT INTO operators (username, display_name, role, password_hash, created_at)
          VALUES ('amal', 'Amal', 'ml_engineer', 'scrypt$x', '2026-01-01T00:00:00Z')`,
    );
    migrate(db, { to: 190 });
    expect(schemaVersion(db)).toBe(190);
    expect(all(db, sql`SELECT username FROM operators`)).toEqual([{ username: 'amal' }]);
    run(db, insert('llama-3-8b', 'running'));
    run(db, insert('llama-3-8b', 'stopped'));
    run(db, insert('resnet50', 'running'));
    expect(() => run(db, insert('llama-3-8b', 'running'))).toThrow(/UNIQUE/);
    expect(() => run(db, sql`UPDATE experiments SET variant_percent = 80`)).toThrow(/CHECK/);
    db.close();
  });
});
