import type { Migration } from './types.ts';

// Model A/B experiments on the site's own routing: the plan (service, control and variant versions,
// split, primary metric, guardrails, power calculation, duration), its state on the routing, the
// latest analysis, why it stopped, and the decision a person recorded. Times are ms since the epoch
// (UTC); JSON columns hold validated objects.
export const migration0190: Migration = {
  version: 190,
  name: 'experiments',
  up(db) {
    db.exec(`
      CREATE TABLE experiments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        model TEXT NOT NULL,
        control TEXT NOT NULL,
        variant TEXT NOT NULL,
        variant_percent INTEGER NOT NULL CHECK (variant_percent BETWEEN 1 AND 50),
        primary_metric TEXT NOT NULL CHECK (primary_metric IN ('latency', 'errors', 'accuracy')),
        guardrails TEXT NOT NULL,
        power TEXT NOT NULL,
        min_sample_size INTEGER NOT NULL CHECK (min_sample_size > 0),
        planned_days INTEGER NOT NULL CHECK (planned_days > 0),
        duration_reason TEXT,
        status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'stopped', 'completed')),
        hosts TEXT NOT NULL DEFAULT '[]',
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_by TEXT,
        started_at INTEGER,
        ended_at INTEGER,
        stop_kind TEXT CHECK (stop_kind IN ('guardrail', 'srm', 'operator')),
        stop_reason TEXT,
        is_rolled_back INTEGER NOT NULL DEFAULT 0 CHECK (is_rolled_back IN (0, 1)),
        analysis TEXT,
        analysed_at INTEGER,
        decision TEXT CHECK (decision IN ('ship', 'keep_control', 'continue')),
        decision_reason TEXT,
        decided_by TEXT,
        decided_at INTEGER,
        change_id INTEGER
      ) STRICT;
      -- One running experiment per model service: two splits on one routing would confound both.
      CREATE UNIQUE INDEX experiments_running_model ON experiments (model) WHERE status = 'running';
    `);
  },
};
