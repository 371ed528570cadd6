import type { Migration } from './types.ts';

// Drills as the site's record keeps them: each run (live or headless) with its scenario, team,
// people, the score and its breakdown and timeline (JSON, as scored), the debrief and action items,
// and where its workspace lived until purged; and the drill calendar. A drill's own alerts,
// incidents and postmortems never enter this store: they live in the drill's workspace.
export const migration0150: Migration = {
  version: 150,
  name: 'drill runs',
  up(db) {
    db.exec(`
      CREATE TABLE drill_runs (
        id INTEGER PRIMARY KEY,
        scenario TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        title TEXT NOT NULL,
        category TEXT NOT NULL,
        team TEXT NOT NULL DEFAULT '',
        mode TEXT NOT NULL CHECK (mode IN ('live', 'headless')),
        speed TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'ended', 'failed')),
        facilitator TEXT NOT NULL,
        participants TEXT NOT NULL DEFAULT '[]',
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        score INTEGER,
        result TEXT,
        error TEXT,
        debrief TEXT NOT NULL DEFAULT '[]',
        action_items TEXT NOT NULL DEFAULT '[]',
        workspace_dir TEXT,
        purged_at INTEGER
      ) STRICT;
      CREATE INDEX drill_runs_started ON drill_runs (started_at);

      CREATE TABLE drill_schedules (
        id INTEGER PRIMARY KEY,
        scenario TEXT NOT NULL,
        team TEXT NOT NULL DEFAULT '',
        every_days INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 366),
        next_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        reminded_for INTEGER
      ) STRICT;
    `);
  },
};
