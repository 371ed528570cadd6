import type { Migration } from './types.ts';

// Fleet: clusters, enrolled hosts, telemetry (series → raw → 1 min → 1 h) and the exactly-once ingest log.
// The hot tables are WITHOUT ROWID keyed by (series_id, time) so an ingest insert touches one b-tree and a
// chart query is one range seek; they carry no foreign keys because ingest is the hottest path we have.
export const migration0030: Migration = {
  version: 30,
  name: 'fleet',
  up(db) {
    db.exec(`
      CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        site TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('gpu_cluster', 'cpu_pool')),
        labels TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE hosts (
        id INTEGER PRIMARY KEY,
        agent_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        address TEXT NOT NULL,
        cluster_id INTEGER NOT NULL REFERENCES clusters(id),
        fingerprint TEXT NOT NULL,
        simulated INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'connecting',
        enrolled_at TEXT NOT NULL,
        revoked_at TEXT,
        last_seen_at TEXT,
        clock_offset_ms REAL,
        epoch TEXT,
        acked_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX hosts_cluster ON hosts (cluster_id);

      CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        host_id INTEGER NOT NULL REFERENCES hosts(id),
        metric TEXT NOT NULL,
        labels TEXT NOT NULL,
        UNIQUE (host_id, metric, labels)
      ) STRICT;

      CREATE TABLE samples_raw (
        series_id INTEGER NOT NULL,
        ts_ms INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (series_id, ts_ms)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE rollups_1m (
        series_id INTEGER NOT NULL,
        bucket_ts INTEGER NOT NULL,
        count INTEGER NOT NULL,
        sum REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        last REAL NOT NULL,
        last_ts INTEGER NOT NULL,
        PRIMARY KEY (series_id, bucket_ts)
      ) STRICT, WITHOUT ROWID;
      -- The 1 h roll-up and retention scan by time across every series.
      CREATE INDEX rollups_1m_bucket ON rollups_1m (bucket_ts);

      CREATE TABLE rollups_1h (
        series_id INTEGER NOT NULL,
        bucket_ts INTEGER NOT NULL,
        count INTEGER NOT NULL,
        sum REAL NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        last REAL NOT NULL,
        last_ts INTEGER NOT NULL,
        PRIMARY KEY (series_id, bucket_ts)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX rollups_1h_bucket ON rollups_1h (bucket_ts);

      CREATE TABLE ingest_log (
        host_id INTEGER NOT NULL REFERENCES hosts(id),
        epoch TEXT NOT NULL,
        seq INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        samples INTEGER NOT NULL,
        PRIMARY KEY (host_id, epoch, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX ingest_log_received ON ingest_log (received_at);

      CREATE TABLE agent_events (
        id INTEGER PRIMARY KEY,
        host_id INTEGER NOT NULL REFERENCES hosts(id),
        ts_ms INTEGER NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX agent_events_host ON agent_events (host_id, ts_ms);
      CREATE INDEX agent_events_ts ON agent_events (ts_ms);

      -- Small durable cursors for background jobs (e.g. the first hour the 1 h roll-up must redo).
      CREATE TABLE fleet_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
    `);
  },
};
