import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0180', () => {
  it('adds drift windows and references, which go with their host', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 179 });
    expect(schemaVersion(db)).toBeLessThan(180);
    run(
      db,
      sql`INSERT INTO clusters (id, name, site, kind, labels, created_at) VALUES (1, 'DC1', 'Abu Dhabi', 'gpu_cluster', '{}', '2026-01-01T00:00:00.000Z')`,
    );
    run(
      db,
      sql`INSERT INTO hosts (id, agent_id, name, address, cluster_id, fingerprint, enrolled_at)
          VALUES (1, 'ag_1', 'gpu-01', '10.0.0.1:7443', 1, 'ab', '2026-01-01T00:00:00.000Z')`,
    );
    migrate(db, { to: 180 });
    expect(schemaVersion(db)).toBe(180);
    run(
      db,
      sql`INSERT INTO drift_windows (host_id, model, version, start_ms, end_ms, rows, sketches, received_at)
          VALUES (1, 'fraud', '7', 0, 60000, 10, '{}', 60001)`,
    );
    run(
      db,
      sql`INSERT INTO drift_references (model, version, window_id, pinned_by, pinned_at)
          VALUES ('fraud', '7', 1, 'auto', 60001)`,
    );
    expect(() =>
      run(
        db,
        sql`INSERT INTO drift_windows (host_id, model, version, start_ms, end_ms, rows, received_at)
            VALUES (1, 'fraud', '7', 0, 60000, -1, 0)`,
      ),
    ).toThrow(/CHECK/);
    run(db, sql`DELETE FROM hosts`);
    expect(all(db, sql`SELECT * FROM drift_references`)).toEqual([]);
    db.close();
  });
});
