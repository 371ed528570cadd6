// Migration 0170 and the conversion it leaves to the start of the console: a store written with a
// row per sample becomes chunks, resumably, and reads back every sample identical.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log.ts';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, run, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import {
  conversionStatus,
  convertSamples,
  convertStep,
} from '../../../main/telemetry/conversion.ts';
import { querySeries } from '../../../main/telemetry/charts.ts';
import { foldAll } from '../../../main/telemetry/sampleBuffer.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { allStoredSamples, minuteTotals } from '../fleet/storedSamples.ts';
import { storeWithHostAt } from './oldStore.ts';
import { newEncryptedDb, openRaw } from './rawDb.ts';

const T0 = Date.parse('2026-11-26T06:00:00.000Z');
const SERIES = 70; // three conversion steps of 32

const tables = (db: WritableDb) =>
  all<{ name: string }>(db, sql`SELECT name FROM sqlite_schema WHERE type = 'table'`).map(
    (t) => t.name,
  );

/** A store at schema 160 with samples in samples_raw (rolled up) and in the buffer (not yet). */
function storeAt160(): { path: string; key: string; expected: [number, number, number][] } {
  const { db, path, key } = storeWithHostAt(160);
  const expected: [number, number, number][] = [];
  const raw = db.prepare('INSERT INTO samples_raw (series_id, ts_ms, value) VALUES (?, ?, ?)');
  const buffered = db.prepare(
    'INSERT INTO samples_recent (commit_id, series_id, ts_ms, value) VALUES (?, ?, ?, ?)',
  );
  const rollup = db.prepare(
    `INSERT INTO rollups_1m (series_id, bucket_ts, count, sum, min, max, last, last_ts) VALUES (?, ?, 1, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + 1, sum = sum + excluded.sum`,
  );
  db.transaction(() => {
    for (let s = 1; s <= SERIES; s++) {
      run(db, sql`INSERT INTO series (host_id, metric, labels) VALUES (1, ${`m${s}`}, '{}')`);
      // 300 raw samples (several chunks), extreme values included, then 5 newer ones in the buffer.
      for (let i = 0; i < 300; i++) {
        const t = T0 - (400 - i) * 5000;
        const v = i === 7 ? 5e-324 : i === 8 ? Number.MAX_VALUE : s * 1000 + Math.sin(i) * 10;
        raw.run(s, t, v);
        rollup.run(s, t - (t % 60_000), v, v, v, v, t);
        expected.push([s, t, v]);
      }
      for (let i = 300; i < 305; i++) {
        const t = T0 - (400 - i) * 5000;
        buffered.run(i, s, t, i);
        expected.push([s, t, i]);
      }
      // Folded into samples_raw before a crash, still in the buffer too: converted once, first value kept.
      buffered.run(1, s, T0 - 400 * 5000, 12345);
    }
  })();
  db.close();
  return { path, key, expected };
}

describe('migration 0170', () => {
  it('adds the chunk tables and drops the row-per-sample ones of an empty store at once', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['series_chunks', 'series_heads', 'sample_log']),
    );
    expect(tables(db)).not.toContain('samples_raw');
    expect(tables(db)).not.toContain('samples_recent');
    expect(conversionStatus(db)).toEqual({ pending: false, seriesDone: 0, seriesTotal: 0 });
    db.close();
  });

  it('converts stored samples at start, resumes after an interruption, and reads every sample back identical', async () => {
    const { path, key, expected } = storeAt160();
    let db = openRaw(path, key) as WritableDb;
    migrate(db);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(170);
    expect(tables(db)).toContain('samples_raw'); // kept for the conversion
    expect(conversionStatus(db)).toEqual({ pending: true, seriesDone: 0, seriesTotal: SERIES });

    // One step of 32 series, then the console is closed (or killed) mid-way.
    expect(convertStep(db)).toHaveLength(32);
    db.close();
    db = openRaw(path, key) as WritableDb;
    expect(conversionStatus(db)).toEqual({ pending: true, seriesDone: 32, seriesTotal: SERIES });

    const logged: unknown[] = [];
    // The samples' progress (the 1-minute roll-ups' own conversion logs after it).
    const logger = {
      ...silentLogger,
      info: (message: string, fields?: unknown) => {
        if (message.includes('samples')) logged.push(fields);
      },
    };
    await expect(convertSamples(db, logger)).resolves.toBe(true);
    expect(logged.at(0)).toEqual({ pending: true, seriesDone: 32, seriesTotal: SERIES });
    expect(logged.at(-1)).toEqual({ pending: false, seriesDone: SERIES, seriesTotal: SERIES });
    expect(tables(db)).not.toContain('samples_raw');
    expect(tables(db)).not.toContain('samples_recent');

    expect(allStoredSamples(db)).toEqual(expected);
    // The buffered samples join the 1-minute roll-ups (the raw ones were there already), once each.
    expect(minuteTotals(db).n).toBe(expected.length);
    // Charts read the converted chunks.
    const live = querySeries(
      db,
      { hostId: 1, metric: 'm3', labels: {}, range: '1h', maxPoints: 10_000 },
      T0,
    );
    expect(live.points).toEqual(
      expected.filter(([s, t]) => s === 3 && t >= T0 - 3_600_000).map(([, t, v]) => [t, v]),
    );
    expect(foldAll(db)).toBe(0);
    db.close();
  });
});
