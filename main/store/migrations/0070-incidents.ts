import type { Migration } from './types.ts';

// Incident response: one alert stream for every source, incidents (ITIL lifecycle and priority),
// their timeline, roles and team, silences, per-priority targets, and the intake tokens the site's
// Alertmanager authenticates with. Times are ms since the epoch (UTC).
export const migration0070: Migration = {
  version: 70,
  name: 'incidents',
  up(db) {
    db.exec(`
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled')),
        impact TEXT NOT NULL CHECK (impact IN ('high', 'medium', 'low')),
        urgency TEXT NOT NULL CHECK (urgency IN ('high', 'medium', 'low')),
        priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
        category TEXT NOT NULL,
        service TEXT,
        cluster TEXT,
        group_key TEXT NOT NULL,
        is_major INTEGER NOT NULL DEFAULT 0,
        is_drill INTEGER NOT NULL DEFAULT 0,
        detected_at INTEGER NOT NULL,
        opened_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        acknowledged_by TEXT,
        respond_elapsed_ms INTEGER,
        resolved_at INTEGER,
        resolve_elapsed_ms INTEGER,
        respond_warned INTEGER NOT NULL DEFAULT 0,
        resolve_warned INTEGER NOT NULL DEFAULT 0,
        closed_at INTEGER,
        hold_ms INTEGER NOT NULL DEFAULT 0,
        hold_since INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX incidents_queue ON incidents (state, priority, opened_at);
      CREATE INDEX incidents_open_group ON incidents (group_key)
        WHERE state IN ('new', 'in_progress', 'on_hold');
      CREATE INDEX incidents_opened ON incidents (opened_at);

      CREATE TABLE pipeline_alerts (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('slo', 'threshold', 'agent', 'model', 'alertmanager')),
        rule TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
        state TEXT NOT NULL CHECK (state IN ('firing', 'suppressed', 'resolved')),
        summary TEXT NOT NULL,
        labels TEXT NOT NULL,
        service TEXT,
        cluster TEXT,
        incident_id INTEGER REFERENCES incidents (id),
        silence_id INTEGER,
        is_flapping INTEGER NOT NULL DEFAULT 0,
        source_ref TEXT,
        started_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        resolved_at INTEGER,
        verdict TEXT CHECK (verdict IN ('useful', 'noise')),
        verdict_by TEXT
      ) STRICT;
      CREATE UNIQUE INDEX pipeline_alerts_open ON pipeline_alerts (fingerprint) WHERE state <> 'resolved';
      CREATE INDEX pipeline_alerts_fingerprint ON pipeline_alerts (fingerprint, received_at);
      CREATE INDEX pipeline_alerts_incident ON pipeline_alerts (incident_id);
      CREATE INDEX pipeline_alerts_state ON pipeline_alerts (state, received_at);

      CREATE TABLE incident_timeline (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('opened', 'alert', 'state', 'priority', 'note', 'role', 'team', 'escalation', 'notification', 'action', 'acknowledged')),
        actor TEXT,
        text TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, at, id);

      CREATE TABLE incident_roles (
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        role TEXT NOT NULL CHECK (role IN ('commander', 'scribe', 'communications')),
        username TEXT NOT NULL,
        assigned_at INTEGER NOT NULL,
        PRIMARY KEY (incident_id, role)
      ) STRICT;

      CREATE TABLE incident_team (
        incident_id INTEGER NOT NULL REFERENCES incidents (id),
        username TEXT NOT NULL,
        function TEXT NOT NULL CHECK (function IN ('ml_engineer', 'platform_operator', 'data_scientist')),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (incident_id, username)
      ) STRICT;

      CREATE TABLE silences (
        id INTEGER PRIMARY KEY,
        matchers TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expired_at INTEGER,
        expired_by TEXT
      ) STRICT;
      CREATE INDEX silences_active ON silences (ends_at);

      CREATE TABLE incident_targets (
        priority TEXT PRIMARY KEY CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
        respond_minutes INTEGER NOT NULL CHECK (respond_minutes > 0),
        resolve_minutes INTEGER NOT NULL CHECK (resolve_minutes > 0)
      ) STRICT;
      INSERT INTO incident_targets (priority, respond_minutes, resolve_minutes) VALUES
        ('P1', 15, 240), ('P2', 30, 480), ('P3', 240, 1440), ('P4', 480, 4320), ('P5', 1440, 10080);

      CREATE TABLE intake_tokens (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        token_hash TEXT NOT NULL UNIQUE,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at INTEGER,
        revoked_by TEXT
      ) STRICT;
    `);
  },
};
