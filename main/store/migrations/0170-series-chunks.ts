import type { Migration } from './types.ts';

// Telemetry as compressed per-series chunks instead of a row per sample:
// - series_chunks: closed chunks (Gorilla-encoded, ~120 samples or at most two hours each);
// - series_heads: each series' open chunk as of its last fold, the commit it covers and its newest time;
// - sample_log: one row per group commit (the batch's samples as encoded columns), written in the same
//   transaction as the acks, replayed into the open chunks at start and cut once folded.
// A store that still holds samples in samples_raw or samples_recent is converted by a resumable job
// at start (main/telemetry/conversion.ts), which drops both tables when done; an empty store drops them here.
export const migration0170: Migration = {
  version: 170,
  name: 'series-chunks',
  up(db) {
    db.exec(`
      CREATE TABLE series_chunks (
        series_id INTEGER NOT NULL,
        start_ts INTEGER NOT NULL,
        end_ts INTEGER NOT NULL,
        count INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (series_id, start_ts)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE series_heads (
        series_id INTEGER PRIMARY KEY,
        through_commit INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT;

      CREATE TABLE sample_log (
        commit_id INTEGER PRIMARY KEY,
        count INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT;
    `);
    const empty = db
      .prepare(
        'SELECT NOT EXISTS (SELECT 1 FROM samples_raw) AND NOT EXISTS (SELECT 1 FROM samples_recent) AS empty',
      )
      .get() as { empty: number };
    if (empty.empty === 1) db.exec('DROP TABLE samples_raw; DROP TABLE samples_recent;');
  },
};
