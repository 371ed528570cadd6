import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0200', () => {
  it('adds retraining triggers and change records, empty, beside the model versions already known', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 199 });
    run(
      db,
      sql`INSERT INTO model_versions (model, version, first_seen_at) VALUES ('llama-3-8b', '1', 1)`,
    );
    migrate(db, { to: 200 });
    expect(schemaVersion(db)).toBe(200);
    expect(all(db, sql`SELECT model, version FROM model_versions`)).toEqual([
      { model: 'llama-3-8b', version: '1' },
    ]);
    expect(all(db, sql`SELECT * FROM model_change_records`)).toEqual([]);
    expect(() =>
      run(
        db,
        sql`INSERT INTO retraining_rules (name, model, kind, params, cooldown_ms, is_enabled, updated_by, updated_at)
            VALUES ('r', 'm', 'retrain_everything', '{}', 0, 1, 'amal', 1)`,
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      run(
        db,
        sql`INSERT INTO retraining_pipeline (id, kind, updated_by, updated_at) VALUES (2, 'webhook', 'amal', 1)`,
      ),
    ).toThrow(/CHECK/);
    db.close();
  });
});
