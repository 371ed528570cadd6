// Migration 0210: the 1-minute roll-ups of an existing store move from a row per minute into
// hourly blocks at start, resumably, and every read gives the same answers before, during and after.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log.ts';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { get, run, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { convertMinutesStep, convertSamples } from '../../../main/telemetry/conversion.ts';
import { addMinuteRollups } from '../../../main/telemetry/minuteRollups.ts';
import { lastBefore, minuteLasts, rollupBuckets } from '../../../main/telemetry/samples.ts';
import { allMinuteRollups } from '../fleet/storedSamples.ts';
import { storeWithHostAt } from './oldStore.ts';
import { openRaw } from './rawDb.ts';

const T0 = Date.parse('2026-11-26T06:00:00.000Z');
const MINUTE = 60_000;
const SERIES = 40; // two conversion steps of 32

/** A store at schema 200 with three hours of 1-minute roll-up rows per series. */
function storeAt200(): { path: string; key: string } {
  const { db, path, key } = storeWithHostAt(200);
  const row = db.prepare(
    'INSERT INTO rollups_1m (series_id, bucket_ts, count, sum, min, max, last, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let s = 1; s <= SERIES; s++) {
      run(db, sql`INSERT INTO series (host_id, metric, labels) VALUES (1, ${`m${s}`}, '{}')`);
      for (let m = 0; m < 180; m += s % 3 === 0 ? 7 : 1) {
        const t = T0 - 3 * 3_600_000 + m * MINUTE;
        const v = m === 5 ? Number.MAX_VALUE : m === 6 ? 5e-324 : s * 10 + Math.sin(m) * 3;
        row.run(s, t, 12, v * 12 + 0.1, v - 1, v + 1, v, t + 55_000);
      }
    }
  })();
  db.close();
  return { path, key };
}

/** Everything the SLO engine and charts read of one series. */
const reads = (db: WritableDb, id: number) => ({
  buckets: rollupBuckets(db, '1m', id, T0 - 2 * 3_600_000, T0),
  lasts: minuteLasts(db, id, T0 - 90 * MINUTE, T0),
  before: lastBefore(db, '1m', id, T0 - 61 * MINUTE),
});

describe('migration 0210', () => {
  it('moves 1-minute rows into hourly blocks at start, resumes after an interruption, and reads the same', async () => {
    const { path, key } = storeAt200();
    let db = openRaw(path, key) as WritableDb;
    migrate(db);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(210);
    const rowsBefore = allMinuteRollups(db);
    const readsBefore = [1, 3, SERIES].map((id) => reads(db, id));
    expect(rowsBefore.length).toBeGreaterThan(SERIES * 25);

    // A fold during the conversion adds to a minute still stored as a row: both count.
    const [first] = rowsBefore;
    addMinuteRollups(db, [
      { ...first!, count: 1, sum: 1, min: -5, max: 5, last: 2, lastTs: first!.bucket + 59_000 },
    ]);

    // One step of 32 series, then the console is closed (or killed) mid-way.
    expect(convertMinutesStep(db)).toHaveLength(32);
    db.close();
    db = openRaw(path, key) as WritableDb;
    const logged: string[] = [];
    const logger = { ...silentLogger, info: (message: string) => logged.push(message) };
    await expect(convertSamples(db, logger)).resolves.toBe(true);
    expect(logged.at(-1)).toMatch(/1-minute roll-ups converted/);
    expect(get(db, sql`SELECT count(*) AS n FROM rollups_1m`)).toEqual({ n: 0 });

    const after = allMinuteRollups(db);
    expect(after.slice(1)).toEqual(rowsBefore.slice(1));
    expect(after[0]).toEqual({
      ...first,
      count: first!.count + 1,
      sum: first!.sum + 1,
      min: -5,
      last: 2,
      lastTs: first!.bucket + 59_000,
    });
    expect([1, 3, SERIES].map((id) => reads(db, id)).slice(1)).toEqual(readsBefore.slice(1));
    // Nothing is left to convert at the next start.
    expect(convertMinutesStep(db)).toEqual([]);
    db.close();
  });
});
