import type { Migration } from './types.ts';

// Retraining triggers and governed model changes: the site's pipeline (where retraining requests go),
// the trigger rules, each request with its evidence and delivery, the digests agents report for each
// model version, and the change record of every change to a model in production (four eyes, evidence,
// reproducibility, outcome). Times are ms since the epoch (UTC); JSON columns hold validated objects.
export const migration0200: Migration = {
  version: 200,
  name: 'model-governance',
  up(db) {
    db.exec(`
      CREATE TABLE retraining_pipeline (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kind TEXT NOT NULL CHECK (kind IN ('webhook', 'file_drop')),
        url TEXT,
        ca_pem TEXT,
        directory TEXT,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE retraining_rules (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        model TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('accuracy_below', 'drift_features', 'slo_burn')),
        params TEXT NOT NULL,
        cooldown_ms INTEGER NOT NULL CHECK (cooldown_ms >= 0),
        is_enabled INTEGER NOT NULL CHECK (is_enabled IN (0, 1)),
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE retraining_requests (
        id INTEGER PRIMARY KEY,
        rule_id INTEGER NOT NULL REFERENCES retraining_rules (id),
        model TEXT NOT NULL,
        versions TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'closed')),
        evidence TEXT NOT NULL,
        fired_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        delivered_at INTEGER,
        delivered_to TEXT,
        last_error TEXT,
        closed_at INTEGER,
        new_version TEXT,
        change_id INTEGER
      ) STRICT;
      CREATE INDEX retraining_requests_model ON retraining_requests (model, status);

      CREATE TABLE model_version_digests (
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        model_digest TEXT,
        code_digest TEXT,
        reported_at INTEGER NOT NULL,
        PRIMARY KEY (model, version)
      ) STRICT;

      CREATE TABLE model_change_records (
        id INTEGER PRIMARY KEY,
        model TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('ship_variant', 'rollback', 'promote_retrained', 'deploy', 'threshold_change')),
        source TEXT NOT NULL CHECK (source IN ('operator', 'experiment', 'retraining', 'runbook', 'agent_action')),
        from_version TEXT,
        to_version TEXT,
        config TEXT NOT NULL,
        evidence TEXT NOT NULL,
        reproducibility TEXT NOT NULL,
        reason TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_role TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        is_retrospective INTEGER NOT NULL CHECK (is_retrospective IN (0, 1)),
        approval TEXT NOT NULL CHECK (approval IN ('pending', 'approved', 'rejected')),
        decided_by TEXT,
        decided_at INTEGER,
        decision_reason TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'applied', 'failed', 'cancelled')),
        outcome_detail TEXT,
        outcome_at INTEGER,
        request_id INTEGER REFERENCES retraining_requests (id),
        digest TEXT NOT NULL
      ) STRICT;
      CREATE INDEX model_change_records_model ON model_change_records (model, requested_at);
    `);
  },
};
