import type { Migration } from './types.ts';

// Notifications that work with no internet: the on-prem channels (an SMTP relay, a chat webhook) and
// their settings (secrets live in `secrets`), operators' e-mail contacts, and a durable outbox whose
// every delivery attempt is recorded. Times are ms since the epoch (UTC).
export const migration0090: Migration = {
  version: 90,
  name: 'notifications',
  up(db) {
    db.exec(`
      CREATE TABLE notify_channels (
        channel TEXT PRIMARY KEY CHECK (channel IN ('smtp', 'webhook')),
        is_enabled INTEGER NOT NULL DEFAULT 0 CHECK (is_enabled IN (0, 1)),
        config TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE notify_contacts (
        username TEXT PRIMARY KEY REFERENCES operators (username),
        email TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE notify_deliveries (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER REFERENCES incidents (id),
        channel TEXT NOT NULL CHECK (channel IN ('smtp', 'webhook')),
        recipients TEXT NOT NULL DEFAULT '[]',
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
        next_attempt_at INTEGER,
        last_error TEXT,
        is_test INTEGER NOT NULL DEFAULT 0 CHECK (is_test IN (0, 1)),
        created_by TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX notify_deliveries_due ON notify_deliveries (next_attempt_at) WHERE state = 'pending';
      CREATE INDEX notify_deliveries_recent ON notify_deliveries (created_at);
      CREATE INDEX notify_deliveries_failed ON notify_deliveries (finished_at) WHERE state = 'failed';
      CREATE INDEX notify_deliveries_incident ON notify_deliveries (incident_id);

      CREATE TABLE notify_attempts (
        id INTEGER PRIMARY KEY,
        delivery_id INTEGER NOT NULL REFERENCES notify_deliveries (id),
        at INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed')),
        error TEXT
      ) STRICT;
      CREATE INDEX notify_attempts_delivery ON notify_attempts (delivery_id, at);
    `);
  },
};
