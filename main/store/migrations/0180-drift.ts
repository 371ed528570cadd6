import type { Migration } from './types.ts';

// Drift without moving data: each window of sketches an agent sends for a model version (kept whole
// for a while, then only its results), the reference window pinned per model version, and the
// comparison with it (per-feature tests as JSON, the dataset figures as columns for charts and signals).
export const migration0180: Migration = {
  version: 180,
  name: 'drift',
  up(db) {
    db.exec(`
      CREATE TABLE drift_windows (
        id INTEGER PRIMARY KEY,
        host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        rows INTEGER NOT NULL CHECK (rows >= 0),
        sketches TEXT,
        result TEXT,
        drift_share REAL,
        dataset_drift INTEGER CHECK (dataset_drift IN (0, 1)),
        estimated_accuracy REAL,
        accuracy REAL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX drift_windows_model_end ON drift_windows (model, end_ms);
      CREATE INDEX drift_windows_host ON drift_windows (host_id);
      CREATE TABLE drift_references (
        model TEXT NOT NULL,
        version TEXT NOT NULL,
        window_id INTEGER NOT NULL REFERENCES drift_windows(id) ON DELETE CASCADE,
        pinned_by TEXT NOT NULL,
        pinned_at INTEGER NOT NULL,
        PRIMARY KEY (model, version)
      ) STRICT;
      CREATE INDEX drift_references_window ON drift_references (window_id);
    `);
  },
};
