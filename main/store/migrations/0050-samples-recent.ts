import type { Migration } from './types.ts';

// Ingest appends each group commit's samples here under a new commit_id, so a commit writes a few
// fresh pages instead of one page per series in samples_raw; main/fleet/sampleBuffer.ts folds them
// into samples_raw and the 1-minute roll-ups in bulk, series by series.
export const migration0050: Migration = {
  version: 50,
  name: 'samples-recent',
  up(db) {
    db.exec(`
      CREATE TABLE samples_recent (
        commit_id INTEGER NOT NULL,
        series_id INTEGER NOT NULL,
        ts_ms INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (commit_id, series_id, ts_ms)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
