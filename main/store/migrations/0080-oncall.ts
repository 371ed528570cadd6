import type { Migration } from './types.ts';

// On-call schedules (their rotation layers as JSON) and overrides, escalation policies (tiers as
// JSON; at most one default), and each incident's progress along its policy. Times are ms UTC.
export const migration0080: Migration = {
  version: 80,
  name: 'oncall',
  up(db) {
    db.exec(`
      CREATE TABLE oncall_schedules (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        layers TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE oncall_overrides (
        id INTEGER PRIMARY KEY,
        schedule_id INTEGER NOT NULL REFERENCES oncall_schedules (id) ON DELETE CASCADE,
        username TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        CHECK (ends_at > starts_at)
      ) STRICT;
      CREATE INDEX oncall_overrides_schedule ON oncall_overrides (schedule_id, ends_at);

      CREATE TABLE escalation_policies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        priorities TEXT NOT NULL,
        categories TEXT NOT NULL DEFAULT '[]',
        services TEXT NOT NULL DEFAULT '[]',
        repeat_count INTEGER NOT NULL DEFAULT 0 CHECK (repeat_count >= 0),
        tiers TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX escalation_policies_one_default ON escalation_policies (is_default)
        WHERE is_default = 1;

      CREATE TABLE incident_escalations (
        incident_id INTEGER PRIMARY KEY REFERENCES incidents (id),
        policy_id INTEGER,
        priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
        tier INTEGER NOT NULL DEFAULT 0,
        repeat INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER,
        paged_tier INTEGER,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX incident_escalations_due ON incident_escalations (next_at)
        WHERE next_at IS NOT NULL;
    `);
  },
};
