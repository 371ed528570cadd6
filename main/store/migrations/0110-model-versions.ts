import type { Migration } from './types.ts';

// Model versions: every version of a model service the console has learned of (from agents'
// telemetry labels and from deploy and rollback actions) with what is known of it, each version's
// stay on each host, the version history, and the rule that says when a version is known good.
// Times are ms since the epoch (UTC).
export const migration0110: Migration = {
  version: 110,
  name: 'model-versions',
  up(db) {
    db.exec(`
      CREATE TABLE model_versions (
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'unknown' CHECK (state IN ('known_good', 'suspect', 'unknown')),
        state_reason TEXT,
        state_by TEXT,
        state_at INTEGER,
        first_seen_at INTEGER NOT NULL,
        PRIMARY KEY (model, version)
      ) STRICT;

      CREATE TABLE model_host_versions (
        model TEXT NOT NULL,
        host_id INTEGER NOT NULL REFERENCES hosts (id),
        version TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        arrived_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        PRIMARY KEY (model, host_id, version)
      ) STRICT;

      CREATE TABLE model_version_changes (
        id INTEGER PRIMARY KEY,
        model TEXT NOT NULL,
        host_id INTEGER REFERENCES hosts (id),
        kind TEXT NOT NULL CHECK (kind IN ('reported', 'deployed', 'rolled_back', 'marked_good', 'marked_suspect')),
        source TEXT NOT NULL CHECK (source IN ('agent', 'deploy_action', 'rollback_action', 'operator', 'incident')),
        version TEXT NOT NULL,
        from_version TEXT,
        actor TEXT,
        reason TEXT,
        incident_id INTEGER,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX model_version_changes_model ON model_version_changes (model, at);

      CREATE TABLE model_version_policy (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        soak_ms INTEGER NOT NULL CHECK (soak_ms > 0),
        suspect_window_ms INTEGER NOT NULL CHECK (suspect_window_ms > 0),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
