import type { Migration } from './types.ts';

// The 1-minute roll-ups as one compact block per series per hour (shared/domain/telemetry/minuteBlock.ts)
// instead of a row per series per minute: ~60 rows and their index entries become one short BLOB.
// Rows an existing store holds in rollups_1m are moved into blocks by a resumable job at start
// (main/telemetry/conversion.ts), a few series per transaction; until then reads take both.
export const migration0210: Migration = {
  version: 210,
  name: 'rollup-minutes',
  up(db) {
    db.exec(`
      CREATE TABLE rollup_minutes (
        series_id INTEGER NOT NULL,
        hour_ts INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (series_id, hour_ts)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
