import type { Migration } from './types.ts';

// The 1-minute roll-ups as one compact block per series per hour (shared/domain/telemetry/minuteBlock.ts)
// instead of a row per series per minute: ~60 rows and their index entries become one short BLOB.
// Blocks are rows in the order they were started (an hour's blocks side by side, at the end of the
// table, where they grow as minutes arrive), found through an index by series and hour: keyed by
// series, every hour would add a block inside every series' range and leave pages half empty.
// Rows an existing store holds in rollups_1m are moved into blocks by a resumable job at start
// (main/telemetry/conversion.ts), a few series per transaction; until then reads take both.
export const migration0210: Migration = {
  version: 210,
  name: 'rollup-minutes',
  up(db) {
    db.exec(`
      CREATE TABLE rollup_minutes (
        id INTEGER PRIMARY KEY,
        series_id INTEGER NOT NULL,
        hour_ts INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX rollup_minutes_series ON rollup_minutes (series_id, hour_ts);
    `);
  },
};
