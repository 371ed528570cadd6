// Converting a store written before series chunks: every series' rows in samples_raw, and those
// still in the sample buffer (samples_recent), become chunks and a head. It runs at start, before
// the fleet ingests, a few series per transaction with the event loop free between them; a cursor
// in fleet_state makes it resume where it stopped, and both old tables are dropped at the end.
// Buffered samples had not reached the 1-minute roll-ups yet, so they are added to them here
// (a buffered sample already in samples_raw had, and keeps its first value).
// Then 1-minute roll-ups still stored a row per minute (rollups_1m) move into per-hour blocks,
// a few series per transaction; a series' rows go in the transaction that writes its blocks, so a
// stop anywhere resumes with the series whose rows remain.
import type { Logger } from '../../shared/util/logger.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { addToMinute, chunkStoreLoaded, lateChunks } from './chunkStore.ts';
import { yieldToLoop } from './rollUp.ts';
import { addMinuteRollups, convertSeriesMinutes } from './minuteRollups.ts';
import { insertChunk, lowerRollupRedoFrom, writeHead, type MinuteAggregate } from './samples.ts';
import { seriesIdsAfter } from './series.ts';

/** fleet_state key: the last series converted. */
export const CONVERSION_CURSOR_KEY = 'samples.convert_cursor';
const BATCH_SERIES = 32;

export interface ConversionStatus {
  /** Whether samples stored the old way remain. */
  pending: boolean;
  seriesDone: number;
  seriesTotal: number;
}

export function conversionStatus(db: ReadableDb): ConversionStatus {
  const pending =
    get<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'samples_raw'`,
    )!.n > 0;
  const cursor =
    get<{ value: number }>(
      db,
      sql`SELECT value FROM fleet_state WHERE key = ${CONVERSION_CURSOR_KEY}`,
    )?.value ?? 0;
  const counts = get<{ total: number; done: number }>(
    db,
    sql`SELECT count(*) AS total, count(*) FILTER (WHERE id <= ${cursor}) AS done FROM series`,
  )!;
  return {
    pending,
    seriesDone: pending ? counts.done : counts.total,
    seriesTotal: counts.total,
  };
}

/** One series: its samples as chunks and a head; returns the samples converted. */
function convertSeries(db: WritableDb, seriesId: number): number {
  const points = new Map<number, number>();
  for (const r of all<{ ts_ms: number; value: number }>(
    db,
    sql`SELECT ts_ms, value FROM samples_raw WHERE series_id = ${seriesId}`,
  ))
    points.set(r.ts_ms, r.value);
  const minutes: MinuteAggregate[] = [];
  for (const r of all<{ ts_ms: number; value: number }>(
    db,
    sql`SELECT ts_ms, value FROM samples_recent WHERE series_id = ${seriesId} ORDER BY commit_id`,
  )) {
    if (points.has(r.ts_ms)) continue;
    points.set(r.ts_ms, r.value);
    addToMinute(minutes, seriesId, r.ts_ms, r.value);
  }
  if (points.size === 0) return 0;
  const chunks = lateChunks(seriesId, points);
  const head = chunks.pop()!;
  for (const c of chunks) insertChunk(db, c);
  writeHead(db, { seriesId, throughCommit: 0, lastTs: head.endTs, data: head.data });
  addMinuteRollups(db, minutes);
  for (const m of minutes) {
    lowerRollupRedoFrom(db, m.bucket - (m.bucket % HOUR_MS));
  }
  return points.size;
}

/** Converts the next few series in one transaction; returns them ([] once every series is done). */
export function convertStep(db: WritableDb, batch = BATCH_SERIES): number[] {
  return db.transaction(() => {
    if (!conversionStatus(db).pending) return [];
    run(
      db,
      sql`CREATE INDEX IF NOT EXISTS samples_recent_series ON samples_recent (series_id, commit_id)`,
    );
    const cursor =
      get<{ value: number }>(
        db,
        sql`SELECT value FROM fleet_state WHERE key = ${CONVERSION_CURSOR_KEY}`,
      )?.value ?? 0;
    const ids = seriesIdsAfter(db, cursor, batch);
    if (ids.length === 0) {
      run(db, sql`DROP TABLE samples_recent`);
      run(db, sql`DROP TABLE samples_raw`);
      run(db, sql`DELETE FROM fleet_state WHERE key = ${CONVERSION_CURSOR_KEY}`);
      return [];
    }
    for (const id of ids) convertSeries(db, id);
    run(
      db,
      sql`INSERT INTO fleet_state (key, value) VALUES (${CONVERSION_CURSOR_KEY}, ${ids.at(-1)!})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    return ids;
  })();
}

/** Moves the next few series' 1-minute rows into blocks; returns them ([] once none remain). */
export function convertMinutesStep(db: WritableDb, batch = BATCH_SERIES): number[] {
  return db.transaction(() => {
    const ids = all<{ id: number }>(
      db,
      sql`SELECT DISTINCT series_id AS id FROM rollups_1m ORDER BY series_id LIMIT ${batch}`,
    ).map((r) => r.id);
    for (const id of ids) convertSeriesMinutes(db, id);
    return ids;
  })();
}

async function convertMinutes(db: WritableDb, logger: Logger, isStopped: () => boolean) {
  let ids = convertMinutesStep(db);
  if (ids.length === 0) return true;
  const total = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM series`)!.n;
  logger.info('telemetry: converting 1-minute roll-ups into hourly blocks', { seriesTotal: total });
  let lastLogged = Date.now();
  while (ids.length > 0) {
    if (Date.now() - lastLogged > 2000) {
      logger.info('telemetry: converting 1-minute roll-ups', {
        throughSeries: ids.at(-1),
        seriesTotal: total,
      });
      lastLogged = Date.now();
    }
    await yieldToLoop();
    if (isStopped()) return false;
    ids = convertMinutesStep(db);
  }
  logger.info('telemetry: 1-minute roll-ups converted into hourly blocks');
  return true;
}

/**
 * Converts the whole store, yielding to the event loop between steps and logging progress; stops
 * early (to resume at the next start) once `isStopped`. Returns whether it finished.
 */
export async function convertSamples(
  db: WritableDb,
  logger: Logger,
  isStopped: () => boolean = () => false,
): Promise<boolean> {
  if (!conversionStatus(db).pending) return convertMinutes(db, logger, isStopped);
  logger.info('telemetry: converting stored samples into compressed chunks', {
    ...conversionStatus(db),
  });
  let lastLogged = Date.now();
  for (;;) {
    const ids = convertStep(db);
    // Charts read before this step see the converted series' heads too.
    if (ids.length === 0) break;
    chunkStoreLoaded(db)?.load(ids);
    if (Date.now() - lastLogged > 2000) {
      logger.info('telemetry: converting stored samples', { ...conversionStatus(db) });
      lastLogged = Date.now();
    }
    await yieldToLoop();
    if (isStopped()) return false;
  }
  logger.info('telemetry: stored samples converted into compressed chunks', {
    ...conversionStatus(db),
  });
  return convertMinutes(db, logger, isStopped);
}
