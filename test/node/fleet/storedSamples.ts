// What a restarted console would find in a store file: every sample (chunks, heads, and the sample
// log replayed), read through a read-only connection of its own.
import { join } from 'node:path';
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
