import type { Migration } from './types.ts';

// Runbooks: every imported version of every runbook (the YAML as written, so an export gives back what
// was imported), the rules that suggest or start them, and their runs on incidents with each step's
// resolved host, action and parameters (the plan the dry-run showed), status, actor and output.
// Times are ms since the epoch (UTC).
export const migration0120: Migration = {
  version: 120,
  name: 'runbooks',
  up(db) {
    db.exec(`
      CREATE TABLE runbooks (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        is_builtin INTEGER NOT NULL DEFAULT 0 CHECK (is_builtin IN (0, 1)),
        imported_at INTEGER NOT NULL,
        imported_by TEXT NOT NULL,
        UNIQUE (name, version)
      ) STRICT;

      CREATE TABLE runbook_rules (
        id INTEGER PRIMARY KEY,
        match_kind TEXT NOT NULL CHECK (match_kind IN ('alert', 'category')),
        match_value TEXT NOT NULL,
        runbook TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('suggest', 'auto')),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        UNIQUE (match_kind, match_value, runbook)
      ) STRICT;

      CREATE TABLE runbook_runs (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        runbook_id INTEGER NOT NULL REFERENCES runbooks (id),
        state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'canceled')),
        requested_by TEXT NOT NULL,
        requested_role TEXT NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('operator', 'rule')),
        plan_digest TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        reason TEXT
      ) STRICT;
      CREATE INDEX runbook_runs_incident ON runbook_runs (incident_id, id);
      CREATE INDEX runbook_runs_running ON runbook_runs (state) WHERE state = 'running';

      CREATE TABLE runbook_run_steps (
        run_id INTEGER NOT NULL REFERENCES runbook_runs (id),
        idx INTEGER NOT NULL,
        step_id TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('manual', 'action')),
        title TEXT NOT NULL,
        guidance TEXT NOT NULL DEFAULT '',
        host_id INTEGER,
        host TEXT,
        action TEXT,
        params TEXT NOT NULL DEFAULT '{}',
        is_destructive INTEGER NOT NULL CHECK (is_destructive IN (0, 1)),
        health_gate TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'awaiting_approval', 'approved', 'running',
          'succeeded', 'failed', 'skipped', 'done')),
        actor TEXT,
        approved_by TEXT,
        output TEXT,
        reason TEXT,
        command_id TEXT,
        started_at INTEGER,
        finished_at INTEGER,
        gate_status TEXT CHECK (gate_status IN ('watching', 'healthy', 'unhealthy')),
        gate_until INTEGER,
        PRIMARY KEY (run_id, idx)
      ) STRICT;
    `);
  },
};
