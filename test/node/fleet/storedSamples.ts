// What a restarted console would find in a store file: every sample (chunks, heads, and the sample
// log replayed) and every 1-minute roll-up, read through a read-only connection of its own.
import { join } from 'node:path';
import { minuteRecords, type MinuteRecord } from '../../../main/telemetry/minuteRollups.ts';
import { storedSampleCount, storedSamples } from '../../../main/telemetry/sampleBuffer.ts';
import type { ReadableDb } from '../../../main/store/types.ts';
import { openRaw } from '../store/rawDb.ts';

function withReader<T>(dataDir: string, key: string, read: (db: ReadableDb) => T): T {
  const db = openRaw(join(dataDir, 'mirqab.db'), key, { readonly: true }) as ReadableDb;
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Samples stored in the site's store file (optionally only the given series'). */
export function countStoredSamples(
  site: { dataDir: string; recoveryKey: string },
  seriesIds?: readonly number[],
): number {
  return withReader(site.dataDir, site.recoveryKey, (db) => storedSampleCount(db, seriesIds));
}

/** Every stored sample as [seriesId, time, value], series by series in time order. */
export function allStoredSamples(db: ReadableDb): [number, number, number][] {
  return [...storedSamples(db)].flatMap(([id, points]) =>
    points.map(([t, v]): [number, number, number] => [id, t, v]),
  );
}

/** Every stored 1-minute roll-up (hourly blocks and rows not yet converted), series by series. */
export function allMinuteRollups(
  db: ReadableDb,
  seriesIds?: readonly number[],
): (MinuteRecord & { seriesId: number })[] {
  const ids =
    seriesIds ??
    (
      db
        .prepare('SELECT series_id FROM rollup_minutes UNION SELECT series_id FROM rollups_1m')
        .pluck()
        .all() as number[]
    ).sort((a, b) => a - b);
  return ids.flatMap((seriesId) =>
    minuteRecords(db, seriesId, -Infinity, Infinity).map((m) => ({ ...m, seriesId })),
  );
}

/** Samples counted by the 1-minute roll-ups and their sum (both null when there are none). */
export function minuteTotals(
  db: ReadableDb,
  seriesIds?: readonly number[],
): { n: number | null; total: number | null } {
  const all = allMinuteRollups(db, seriesIds);
  if (all.length === 0) return { n: null, total: null };
  return {
    n: all.reduce((n, m) => n + m.count, 0),
    total: all.reduce((t, m) => t + m.sum, 0),
  };
}

/** minuteTotals of a site's store file, read through a connection of its own. */
export function storedMinuteTotals(
  site: { dataDir: string; recoveryKey: string },
  seriesIds?: readonly number[],
): { n: number | null; total: number | null } {
  return withReader(site.dataDir, site.recoveryKey, (db) => minuteTotals(db, seriesIds));
}
