// Samples and their roll-ups in the store: compressed chunks per series, each series' open head,
// the sample log, the 1-minute and 1-hour roll-ups, and the reads charts and SLOs make of them.
import { encodeCompactChunk } from '../../shared/domain/telemetry/compactChunk.ts';
import { decodeChunk } from '../../shared/domain/telemetry/gorilla.ts';
import { all, get, prepareCached, run, sql, sqlId, type SqlFragment } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import {
  deleteMinutesBefore,
  deleteSeriesMinutes,
  firstMinuteBucket,
  hourMinutesOfSeries,
  minuteBefore,
  minuteBlocksQuery,
  minuteRecords,
} from './minuteRollups.ts';

export type Point = [number, number];
export type RollupTier = '1m' | '1h';

const HOURLY = sqlId('rollups_1h');

/** fleet_state key: the first hour the 1 h roll-up must redo, lowered when a fold adds late data. */
export const ROLLUP_REDO_KEY = 'rollup_1h.redo_from';

/** Rows as arrays, not objects: reads of tens of thousands of points make no per-row object. */
function rows<T>(db: ReadableDb, q: SqlFragment): T[] {
  return prepareCached(db, q.query)
    .raw(true)
    .all(...q.params) as T[];
}

// ── Chunks, open heads and the sample log ────────────────────────────────────────────────────

/** A closed chunk as stored: its series, first and last sample time, sample count and encoding. */
export interface StoredChunk {
  seriesId: number;
  startTs: number;
  endTs: number;
  count: number;
  data: Uint8Array;
}

/** Bytes as the driver binds a BLOB. */
const blob = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Writes a closed chunk, in the compact layout when that is smaller. */
export function insertChunk(db: WritableDb, c: StoredChunk): void {
  const { ts, values } = decodeChunk(c.data);
  const compact = encodeCompactChunk(ts, values);
  const data = compact && compact.length < c.data.length ? compact : c.data;
  run(
    db,
    sql`INSERT INTO series_chunks (series_id, start_ts, end_ts, count, data)
    VALUES (${c.seriesId}, ${c.startTs}, ${c.endTs}, ${c.count}, ${blob(data)})`,
  );
}

/** The chunks of one series that may hold samples in [fromMs, toMs] (no chunk spans more than `spanMs`). */
export const chunksQuery = (seriesId: number, fromMs: number, toMs: number, spanMs: number) =>
  sql`SELECT start_ts, end_ts, data FROM series_chunks
  WHERE series_id = ${seriesId} AND start_ts > ${fromMs - spanMs} AND start_ts <= ${toMs} ORDER BY start_ts`;

export function chunksIn(
  db: ReadableDb,
  seriesId: number,
  fromMs: number,
  toMs: number,
  spanMs: number,
): [number, number, Uint8Array][] {
  return rows<[number, number, Uint8Array]>(db, chunksQuery(seriesId, fromMs, toMs, spanMs));
}

/** Every chunk, series by series in time order (for a whole-store read). */
export function allChunks(db: ReadableDb): [number, Uint8Array][] {
  return rows<[number, Uint8Array]>(
    db,
    sql`SELECT series_id, data FROM series_chunks ORDER BY series_id, start_ts`,
  );
}

export interface HeadRow {
  seriesId: number;
  throughCommit: number;
  lastTs: number;
  data: Uint8Array;
}

export function writeHead(db: WritableDb, h: HeadRow): void {
  run(
    db,
    sql`INSERT INTO series_heads (series_id, through_commit, last_ts, data)
    VALUES (${h.seriesId}, ${h.throughCommit}, ${h.lastTs}, ${blob(h.data)})
    ON CONFLICT (series_id) DO UPDATE SET through_commit = excluded.through_commit,
      last_ts = excluded.last_ts, data = excluded.data`,
  );
}

export function readHeads(db: ReadableDb, seriesIds?: readonly number[]): HeadRow[] {
  const q = sql`SELECT series_id, through_commit, last_ts, data FROM series_heads`;
  const found = seriesIds
    ? seriesIds.flatMap((id) =>
        rows<[number, number, number, Uint8Array]>(db, sql`${q} WHERE series_id = ${id}`),
      )
    : rows<[number, number, number, Uint8Array]>(db, q);
  return found.map(([seriesId, throughCommit, lastTs, data]) => ({
    seriesId,
    throughCommit,
    lastTs,
    data,
  }));
}

/** Appends one group commit's samples (encoded columns) to the log. */
export function logCommit(db: WritableDb, commitId: number, count: number, data: Uint8Array): void {
  run(
    db,
    sql`INSERT INTO sample_log (commit_id, count, data) VALUES (${commitId}, ${count}, ${blob(data)})`,
  );
}

/** Logged commits after `afterCommit`, oldest first. */
export function loggedCommits(db: ReadableDb, afterCommit: number): [number, Uint8Array][] {
  return rows<[number, Uint8Array]>(
    db,
    sql`SELECT commit_id, data FROM sample_log WHERE commit_id > ${afterCommit} ORDER BY commit_id`,
  );
}

/**
 * Where to cut the log up to `upTo` in steps of about `samplesPerStep` samples each: the commit id
 * ending each step, oldest first (only ids and counts are read, never the rows' samples).
 */
export function logCutPoints(db: ReadableDb, upTo: number, samplesPerStep: number): number[] {
  const points: number[] = [];
  let n = 0;
  const logged = rows<[number, number]>(
    db,
    sql`SELECT commit_id, count FROM sample_log WHERE commit_id <= ${upTo} ORDER BY commit_id`,
  );
  logged.forEach(([id, count], i) => {
    n += count;
    if (n >= samplesPerStep || i === logged.length - 1) {
      points.push(id);
      n = 0;
    }
  });
  return points;
}

/** Cuts the log up to and including `upTo` (every sample in it is in a stored chunk or head). */
export function cutLog(db: WritableDb, upTo: number): void {
  run(db, sql`DELETE FROM sample_log WHERE commit_id <= ${upTo}`);
}

/** The newest commit id the store knows of: logged, or covered by a folded head. */
export function lastBufferedCommit(db: ReadableDb): number | null {
  return (
    get<{ id: number | null }>(
      db,
      sql`SELECT max(coalesce((SELECT max(commit_id) FROM sample_log), 0),
      coalesce((SELECT max(through_commit) FROM series_heads), 0)) AS id`,
    )?.id ?? null
  );
}

/** Samples waiting in the log (written, not yet folded into chunks). */
export function loggedSampleCount(db: ReadableDb): number {
  return get<{ n: number | null }>(db, sql`SELECT sum(count) AS n FROM sample_log`)?.n ?? 0;
}

/** Deletes at most `batch` closed chunks of one series that end before the cutoff; returns their samples. */
export function deleteRawBefore(
  db: WritableDb,
  seriesId: number,
  cutoff: number,
  batch: number,
): number {
  return rows<[number]>(
    db,
    sql`DELETE FROM series_chunks WHERE series_id = ${seriesId} AND start_ts IN
    (SELECT start_ts FROM series_chunks WHERE series_id = ${seriesId} AND start_ts < ${cutoff} AND end_ts < ${cutoff}
     ORDER BY start_ts LIMIT ${batch}) RETURNING count`,
  ).reduce((n, [c]) => n + c, 0);
}

/** Deletes every stored sample of the given series (chunks and heads). */
export function deleteSeriesSamples(db: WritableDb, seriesIds: readonly number[]): void {
  for (const id of seriesIds) {
    run(db, sql`DELETE FROM series_chunks WHERE series_id = ${id}`);
    run(db, sql`DELETE FROM series_heads WHERE series_id = ${id}`);
  }
  deleteSeriesMinutes(db, seriesIds);
}

// ── Roll-ups ─────────────────────────────────────────────────────────────────────────────────

export type { MinuteAggregate } from './minuteRollups.ts';

/** Recomputes one hour of 1 h roll-ups from the 1 min ones (idempotent: it replaces the hour). */
export function rollUpHour(
  db: WritableDb,
  hour: number,
  afterId = 0,
  throughId = Number.MAX_SAFE_INTEGER,
): void {
  for (const [seriesId, minutes] of hourMinutesOfSeries(db, hour, afterId, throughId)) {
    if (minutes.length === 0) continue;
    let count = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let newest = minutes[0]!;
    for (const m of minutes) {
      count += m.count;
      sum += m.sum;
      min = Math.min(min, m.min);
      max = Math.max(max, m.max);
      if (m.lastTs >= newest.lastTs) newest = m;
    }
    run(
      db,
      sql`INSERT INTO rollups_1h (series_id, bucket_ts, count, sum, min, max, last, last_ts)
      VALUES (${seriesId}, ${hour}, ${count}, ${sum}, ${min}, ${max}, ${newest.last}, ${newest.lastTs})
      ON CONFLICT (series_id, bucket_ts) DO UPDATE SET count = excluded.count, sum = excluded.sum,
        min = excluded.min, max = excluded.max, last = excluded.last, last_ts = excluded.last_ts`,
    );
  }
}

/**
 * The hour whose 1 h roll-ups are being recomputed, slice by slice: set when it starts (with the
 * redo cursor already past it, so late data for it sends the cursor back) and cleared when every
 * slice is written. Found set at the next run (the console stopped part way), it sends the cursor
 * back to redo that hour.
 */
const ROLLING_HOUR_KEY = 'rollup_1h.rolling';

export function rollingHour(db: ReadableDb): number | null {
  return (
    get<{ value: number }>(db, sql`SELECT value FROM fleet_state WHERE key = ${ROLLING_HOUR_KEY}`)
      ?.value ?? null
  );
}

export function setRollingHour(db: WritableDb, hour: number | null): void {
  if (hour === null) run(db, sql`DELETE FROM fleet_state WHERE key = ${ROLLING_HOUR_KEY}`);
  else
    run(
      db,
      sql`INSERT INTO fleet_state (key, value) VALUES (${ROLLING_HOUR_KEY}, ${hour})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
}

export function rollupRedoFrom(db: ReadableDb): number | null {
  return (
    get<{ value: number }>(db, sql`SELECT value FROM fleet_state WHERE key = ${ROLLUP_REDO_KEY}`)
      ?.value ?? null
  );
}

export function setRollupRedoFrom(db: WritableDb, hour: number): void {
  run(db, sql`UPDATE fleet_state SET value = ${hour} WHERE key = ${ROLLUP_REDO_KEY}`);
}

/** Late data sends the 1 h roll-up back to redo its hour (never forward). */
export function lowerRollupRedoFrom(db: WritableDb, hour: number): void {
  run(
    db,
    sql`INSERT INTO fleet_state (key, value) VALUES (${ROLLUP_REDO_KEY}, ${hour})
    ON CONFLICT (key) DO UPDATE SET value = min(value, excluded.value)`,
  );
}

/** Deletes at most `batch` roll-up rows older than the cutoff. */
export function deleteRollupsBefore(
  db: WritableDb,
  tier: RollupTier,
  cutoff: number,
  batch: number,
): number {
  if (tier === '1m') return deleteMinutesBefore(db, cutoff, batch);
  return run(
    db,
    sql`DELETE FROM ${HOURLY} WHERE (series_id, bucket_ts) IN
    (SELECT series_id, bucket_ts FROM ${HOURLY} WHERE bucket_ts < ${cutoff} ORDER BY bucket_ts LIMIT ${batch})`,
  ).changes;
}

// ── Reads by series and time ─────────────────────────────────────────────────────────────────

export type ChartSource = RollupTier;

/** Chart points of one series in [fromMs, toMs]: a roll-up's mean or last per bucket. */
export function chartQuery(
  source: ChartSource,
  value: 'mean' | 'last',
  seriesId: number,
  fromMs: number,
  toMs: number,
): SqlFragment {
  // Each is one range seek on the (series_id, time) primary key, or the 1-minute blocks' index.
  if (source === '1m') return minuteBlocksQuery(seriesId, fromMs, toMs);
  const table = HOURLY;
  // last_ts grows with bucket_ts, so the rows stay in time order.
  if (value === 'last')
    return sql`SELECT last_ts, last FROM ${table} WHERE series_id = ${seriesId} AND bucket_ts >= ${fromMs} AND bucket_ts <= ${toMs} ORDER BY bucket_ts`;
  return sql`SELECT bucket_ts, sum / count FROM ${table} WHERE series_id = ${seriesId} AND bucket_ts >= ${fromMs} AND bucket_ts <= ${toMs} ORDER BY bucket_ts`;
}

export function chartPoints(
  db: ReadableDb,
  source: ChartSource,
  value: 'mean' | 'last',
  seriesId: number,
  fromMs: number,
  toMs: number,
): Point[] {
  if (source === '1m')
    return minuteRecords(db, seriesId, fromMs, toMs + 1).map((m) =>
      value === 'last' ? [m.lastTs, m.last] : [m.bucket, m.sum / m.count],
    );
  return rows<Point>(db, chartQuery(source, value, seriesId, fromMs, toMs));
}

/** A roll-up bucket as SLO reads see it. */
export interface RollupBucket {
  t: number;
  last: number;
  sum: number;
  count: number;
}

/** One series' roll-up buckets in [fromMs, toMs), in time order. */
export function rollupBuckets(
  db: ReadableDb,
  tier: RollupTier,
  seriesId: number,
  fromMs: number,
  toMs: number,
): RollupBucket[] {
  if (tier === '1m')
    return minuteRecords(db, seriesId, fromMs, toMs).map((m) => ({
      t: m.bucket,
      last: m.last,
      sum: m.sum,
      count: m.count,
    }));
  return all<RollupBucket>(
    db,
    sql`SELECT bucket_ts AS t, last, sum, count FROM ${HOURLY}
    WHERE series_id = ${seriesId} AND bucket_ts >= ${fromMs} AND bucket_ts < ${toMs} ORDER BY bucket_ts`,
  );
}

/** One series' last value per minute in [fromMs, toMs), in time order (what PromQL reads). */
export function minuteLasts(
  db: ReadableDb,
  seriesId: number,
  fromMs: number,
  toMs: number,
): { t: number; last: number }[] {
  return minuteRecords(db, seriesId, fromMs, toMs).map((m) => ({ t: m.bucket, last: m.last }));
}

/** The last value of the newest bucket before `beforeMs`, or null. */
export function lastBefore(
  db: ReadableDb,
  tier: RollupTier,
  seriesId: number,
  beforeMs: number,
): number | null {
  if (tier === '1m') return minuteBefore(db, seriesId, beforeMs)?.last ?? null;
  return (
    get<{ last: number }>(
      db,
      sql`SELECT last FROM ${HOURLY} WHERE series_id = ${seriesId} AND bucket_ts < ${beforeMs} ORDER BY bucket_ts DESC LIMIT 1`,
    )?.last ?? null
  );
}

/** One series' oldest kept 1-minute bucket, or null. */
export const firstMinuteOf = firstMinuteBucket;

/** Samples counted in one series' 1-hour bucket, or null if it has none. */
export function hourSampleCount(db: ReadableDb, seriesId: number, hour: number): number | null {
  return (
    get<{ count: number }>(
      db,
      sql`SELECT count FROM rollups_1h WHERE series_id = ${seriesId} AND bucket_ts = ${hour}`,
    )?.count ?? null
  );
}

/** Samples counted in one series' 1-minute buckets in [fromMs, toMs). */
export function minuteSampleCount(
  db: ReadableDb,
  seriesId: number,
  fromMs: number,
  toMs: number,
): number {
  return minuteRecords(db, seriesId, fromMs, toMs).reduce((n, m) => n + m.count, 0);
}
