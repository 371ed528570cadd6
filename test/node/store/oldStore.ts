// A store file left at an older schema version, with one cluster and one host, for the tests of
// migrations that convert what such a store holds.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { migrate } from '../../../main/store/migrations/index.ts';
import { run, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { openRaw } from './rawDb.ts';

export function storeWithHostAt(version: number): { db: WritableDb; path: string; key: string } {
  const path = join(tempDir(), 'mirqab.db');
  const key = randomBytes(32).toString('hex');
  const db = openRaw(path, key) as WritableDb;
  db.pragma('journal_mode = WAL');
  migrate(db, { to: version });
  run(db, sql`INSERT INTO clusters (name, kind, created_at) VALUES ('pod', 'gpu_cluster', 'now')`);
  run(
    db,
    sql`INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, state, enrolled_at)
        VALUES ('a1', 'h1', '127.0.0.1:1', 1, 'f', 'online', 'now')`,
  );
  return { db, path, key };
}
