import type { Migration } from './types.ts';

// One row per witness (a paired agent): its pinned Ed25519 key and the newest checkpoint it cosigned.
// The agent keeps its own copy on its host, so deleting or editing a row here is caught when it reconnects.
export const migration0060: Migration = {
  version: 60,
  name: 'audit-witnesses',
  up(db) {
    db.exec(`
      CREATE TABLE audit_witnesses (
        witness_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        public_key TEXT NOT NULL,
        key_fingerprint TEXT NOT NULL UNIQUE,
        first_seen_at TEXT NOT NULL,
        tree_size INTEGER NOT NULL,
        root_hash TEXT NOT NULL,
        head_hash TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        console_signature TEXT NOT NULL,
        console_key_fingerprint TEXT NOT NULL,
        cosigned_at TEXT NOT NULL,
        cosignature TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
