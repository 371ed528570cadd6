import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, get, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';

describe('migration 0060', () => {
  it('adds the audit witnesses table (STRICT) and keeps the audit trail written at schema 50', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 50 });
    const z = '0'.repeat(64);
    run(
      db,
      sql`INSERT INTO audit_log (seq, ts, actor, role, action, target, outcome, details, prev_hash, hash) VALUES (1, 'now', 'amal', 'admin', 'auth.login', '-', 'success', '{}', ${z}, ${z})`,
    );
    run(db, sql`INSERT INTO audit_checkpoints VALUES (1, ${z}, ${z}, 'now', 'sig', 'fp')`);
    migrate(db, { to: 60 });
    expect(schemaVersion(db)).toBe(60);
    expect(get(db, sql`SELECT seq, actor FROM audit_log`)).toEqual({ seq: 1, actor: 'amal' });
    expect(get(db, sql`SELECT tree_size FROM audit_checkpoints`)).toEqual({ tree_size: 1 });

    const list = db.pragma('table_list') as { name: string; strict: number }[];
    expect(list.find((t) => t.name === 'audit_witnesses')?.strict).toBe(1);
    const witness = (id: string, fingerprint: string, size: unknown) =>
      run(
        db,
        sql`INSERT INTO audit_witnesses (witness_id, name, public_key, key_fingerprint, first_seen_at, tree_size, root_hash, head_hash, signed_at,
        console_signature, console_key_fingerprint, cosigned_at, cosignature, updated_at)
        VALUES (${id}, 'gpu-node-01', 'MCow', ${fingerprint}, 'now', ${size}, ${z}, ${z}, 'now', 'sig', 'fp', 'now', 'cosig', 'now')`,
      );
    witness('agt_1', 'a'.repeat(64), 1);
    // One row per agent, one agent per witness key, and a size is a number.
    expect(() => witness('agt_1', 'b'.repeat(64), 2)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => witness('agt_2', 'a'.repeat(64), 2)).toThrow(/UNIQUE/);
    expect(() => witness('agt_3', 'c'.repeat(64), 'many')).toThrow(
      /datatype mismatch|cannot store/,
    );
    expect(all(db, sql`SELECT witness_id, tree_size FROM audit_witnesses`)).toEqual([
      { witness_id: 'agt_1', tree_size: 1 },
    ]);
    db.close();
  });
});
