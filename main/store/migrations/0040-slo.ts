import type { Migration } from './types.ts';

// SLOs, SLAs, the alert stream and enforcement. Specs are stored as validated JSON (the shared zod
// schema is their single definition), so a spec field added later needs no migration. Alerts keep the
// SLO's name rather than a foreign key: an alert is evidence and outlives a deleted SLO.
export const migration0040: Migration = {
  version: 40,
  name: 'slo',
  up(db) {
    db.exec(`
      CREATE TABLE slos (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        spec TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      -- At most one enforcement policy per SLO.
      CREATE TABLE slo_policies (
        slo_id INTEGER PRIMARY KEY REFERENCES slos(id) ON DELETE CASCADE,
        spec TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        slo_name TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('page', 'ticket')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
        summary TEXT NOT NULL,
        labels TEXT NOT NULL DEFAULT '{}',
        long_minutes INTEGER NOT NULL,
        short_minutes INTEGER NOT NULL,
        threshold REAL NOT NULL,
        burn_rate_long REAL NOT NULL,
        burn_rate_short REAL NOT NULL,
        peak_burn_rate REAL NOT NULL,
        started_at INTEGER NOT NULL,
        firing_at INTEGER,
        resolved_at INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- One open alert per fingerprint; the stream is read newest first and per SLO.
      CREATE UNIQUE INDEX alerts_open ON alerts (fingerprint) WHERE state <> 'resolved';
      CREATE INDEX alerts_started ON alerts (started_at);
      CREATE INDEX alerts_slo ON alerts (slo_name, started_at);

      CREATE TABLE enforcement_actions (
        id INTEGER PRIMARY KEY,
        slo_name TEXT NOT NULL,
        alert_id INTEGER REFERENCES alerts(id),
        host_id INTEGER NOT NULL REFERENCES hosts(id),
        action TEXT NOT NULL,
        params TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'suppressed', 'running', 'succeeded', 'failed')),
        reason TEXT NOT NULL DEFAULT '',
        proposed_at INTEGER NOT NULL,
        decided_at INTEGER,
        decided_by TEXT,
        finished_at INTEGER,
        result TEXT
      ) STRICT;
      CREATE INDEX enforcement_actions_slo ON enforcement_actions (slo_name, proposed_at);

      CREATE TABLE slas (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        spec TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
