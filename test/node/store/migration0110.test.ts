import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, get, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0110', () => {
  it('adds model versions, their stays on hosts, the history and the policy (STRICT), keeping the fleet', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 100 });
    run(
      db,
      sql`INSERT INTO clusters (id, name, site, kind, labels, created_at) VALUES (1, 'DC1', 'Abu Dhabi', 'gpu_cluster', '{}', '2026-01-01T00:00:00.000Z')`,
    );
    run(
      db,
      sql`INSERT INTO hosts (id, agent_id, name, address, cluster_id, fingerprint, enrolled_at)
          VALUES (3, 'agent-3', 'gpu-03', '10.0.0.3:7443', 1, 'ab', '2026-01-01T00:00:00.000Z')`,
    );
    migrate(db, { to: 110 });
    expect(schemaVersion(db)).toBe(110);
    expect(get(db, sql`SELECT name FROM hosts WHERE id = 3`)).toEqual({ name: 'gpu-03' });

    const tables = [
      'model_host_versions',
      'model_version_changes',
      'model_version_policy',
      'model_versions',
    ];
    const strict = (db.pragma('table_list') as { name: string; strict: number }[])
      .filter((t) => tables.includes(t.name) && t.strict === 1)
      .map((t) => t.name)
      .sort();
    expect(strict).toEqual(tables);

    run(
      db,
      sql`INSERT INTO model_versions (model, version, first_seen_at) VALUES ('llama', '1', 5)`,
    );
    expect(get(db, sql`SELECT state FROM model_versions`)).toEqual({ state: 'unknown' });
    expect(() =>
      run(db, sql`UPDATE model_versions SET state = 'great' WHERE model = 'llama'`),
    ).toThrow(/CHECK/);
    expect(() =>
      run(
        db,
        sql`INSERT INTO model_host_versions (model, host_id, version, first_seen_at, arrived_at, last_seen_at) VALUES ('llama', 99, '1', 1, 1, 1)`,
      ),
    ).toThrow(/FOREIGN KEY/);
    const change = (kind: string, source: string) =>
      run(
        db,
        sql`INSERT INTO model_version_changes (model, host_id, kind, source, version, at) VALUES ('llama', 3, ${kind}, ${source}, '1', 9)`,
      );
    change('deployed', 'deploy_action');
    expect(() => change('upgraded', 'agent')).toThrow(/CHECK/);
    expect(() => change('deployed', 'magic')).toThrow(/CHECK/);
    const policy = (id: number) =>
      run(
        db,
        sql`INSERT INTO model_version_policy (id, soak_ms, suspect_window_ms, updated_at, updated_by) VALUES (${id}, 1, 1, 1, 'amal')`,
      );
    policy(1);
    expect(() => policy(2)).toThrow(/CHECK/);
    expect(all(db, sql`SELECT kind FROM model_version_changes`)).toEqual([{ kind: 'deployed' }]);
    db.close();
  });
});
