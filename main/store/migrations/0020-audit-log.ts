import type { Migration } from './types.ts';

// Triggers make the audit tables append-only even for code holding the key; tampering needs DDL.
export const migration0020: Migration = {
  version: 20,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        outcome TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_action ON audit_log (action, seq);
      CREATE INDEX audit_log_actor ON audit_log (actor, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

      CREATE TABLE audit_checkpoints (
        tree_size INTEGER PRIMARY KEY,
        root_hash TEXT NOT NULL,
        head_hash TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        signature TEXT NOT NULL,
        key_fingerprint TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
        BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
      CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
        BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
    `);
  },
};
