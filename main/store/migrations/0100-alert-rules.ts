import type { Migration } from './types.ts';

// Alert sources: operators' threshold rules (spec as JSON, re-validated on read), and the alerts the
// sources last told the pipeline were firing, so a restart can resolve those that cleared meanwhile.
// Times are ms since the epoch (UTC).
export const migration0100: Migration = {
  version: 100,
  name: 'alert-rules',
  up(db) {
    db.exec(`
      CREATE TABLE alert_rules (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        spec TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE alert_source_active (
        fingerprint TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('threshold', 'agent', 'model')),
        alert TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        sent_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
