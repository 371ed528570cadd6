// Samples and their roll-ups in the store: the sample buffer (samples_recent), raw samples, the
// 1-minute and 1-hour roll-ups, and the reads charts, live values and SLOs make of them.
import type { Sample } from '../../shared/agent-protocol/index.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import { all, get, prepareCached, run, sql, sqlId, type SqlFragment } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export type Point = [number, number];
export type RollupTier = '1m' | '1h';

const ROLLUPS: Readonly<Record<RollupTier, SqlFragment>> = {
  '1m': sqlId('rollups_1m'),
  '1h': sqlId('rollups_1h'),
};

/** fleet_state key: the first hour the 1 h roll-up must redo, lowered when a fold adds late data. */
export const ROLLUP_REDO_KEY = 'rollup_1h.redo_from';

/** Rows as arrays, not objects: reads of tens of thousands of points make no per-row object. */
function rows<T>(db: ReadableDb, q: SqlFragment): T[] {
  return prepareCached(db, q.query)
    .raw(true)
    .all(...q.params) as T[];
}

// ── The sample buffer ────────────────────────────────────────────────────────────────────────

export function lastBufferedCommit(db: ReadableDb): number | null {
  return (
    get<{ id: number | null }>(db, sql`SELECT max(commit_id) AS id FROM samples_recent`)?.id ?? null
  );
}

export function firstBufferedCommit(db: ReadableDb): number | null {
  return (
    get<{ id: number | null }>(db, sql`SELECT min(commit_id) AS id FROM samples_recent`)?.id ?? null
  );
}

// A repeated (series, timestamp) within one commit keeps the first value, as the fold does across commits.
const bufferSample = (commitId: number, seriesId: number, tsMs: number, value: number) =>
  sql`INSERT INTO samples_recent (commit_id, series_id, ts_ms, value) VALUES (${commitId}, ${seriesId}, ${tsMs}, ${value}) ON CONFLICT DO NOTHING`;

/** Appends one batch's samples (sample i to series seriesIds[i]) under the group's commit id. */
export function bufferSamples(
  db: WritableDb,
  commitId: number,
  seriesIds: readonly number[],
  samples: readonly Sample[],
): void {
  // The hottest statement of all (every sample): prepared once from the tag, bound per row.
  const insert = prepareCached(db, bufferSample(0, 0, 0, 0).query);
  for (let i = 0; i < samples.length; i++)
    insert.run(commitId, seriesIds[i], samples[i]!.tsMs, samples[i]!.value);
}

// The buffered commit ids up to `upTo`, one PRIMARY KEY seek each (no skip-scan without statistics).
const bufferedCommits = (upTo: number) => sql`WITH RECURSIVE commits(id) AS (
    SELECT min(commit_id) FROM samples_recent
    UNION ALL
    SELECT (SELECT min(commit_id) FROM samples_recent WHERE commit_id > commits.id) FROM commits WHERE commits.id < ${upTo}
  )`;

/** One series' buffered points in [fromMs, toMs], in commit order. */
export function bufferedPoints(
  db: ReadableDb,
  seriesId: number,
  fromMs: number,
  toMs: number,
): Point[] {
  return rows<Point>(
    db,
    sql`${bufferedCommits(Number.MAX_SAFE_INTEGER)}
    SELECT r.ts_ms, r.value FROM commits JOIN samples_recent r
      ON r.commit_id = commits.id AND r.series_id = ${seriesId} AND r.ts_ms >= ${fromMs} AND r.ts_ms <= ${toMs}
    ORDER BY r.commit_id`,
  );
}

/**
 * Copies the buffered points of series [fromSeries, toSeries) from commits up to `upTo` into
 * samples_raw, commits in order so a repeated (series, timestamp) keeps its first value; returns
 * only the points actually added, so roll-ups count each point once.
 */
export function moveBufferedToRaw(
  db: WritableDb,
  upTo: number,
  fromSeries: number,
  toSeries: number,
): [number, number, number][] {
  return rows<[number, number, number]>(
    db,
    sql`${bufferedCommits(upTo)}
    INSERT INTO samples_raw (series_id, ts_ms, value)
    SELECT r.series_id, r.ts_ms, r.value FROM commits JOIN samples_recent r
      ON r.commit_id = commits.id AND r.series_id >= ${fromSeries} AND r.series_id < ${toSeries}
    WHERE commits.id <= ${upTo} ORDER BY r.commit_id
    ON CONFLICT DO NOTHING RETURNING series_id, ts_ms, value`,
  );
}

/** Drops folded commits [from, to) from the buffer. */
export function dropBufferedCommits(db: WritableDb, from: number, to: number): void {
  run(db, sql`DELETE FROM samples_recent WHERE commit_id >= ${from} AND commit_id < ${to}`);
}

// ── Raw samples ──────────────────────────────────────────────────────────────────────────────

/** Every series' newest raw sample (for the live values at start). */
export function latestRawValues(
  db: ReadableDb,
): { hostId: number; metric: string; labels: string; tsMs: number; value: number }[] {
  return all<{
    host_id: number;
    metric: string;
    labels: string;
    ts_ms: number | null;
    value: number | null;
  }>(
    db,
    sql`SELECT s.host_id, s.metric, s.labels, r.ts_ms, r.value FROM series s
        JOIN samples_raw r ON r.series_id = s.id
         AND r.ts_ms = (SELECT max(ts_ms) FROM samples_raw WHERE series_id = s.id)`,
  ).flatMap((r) =>
    r.ts_ms === null || r.value === null
      ? []
      : [{ hostId: r.host_id, metric: r.metric, labels: r.labels, tsMs: r.ts_ms, value: r.value }],
  );
}

/** Deletes at most `batch` raw samples of one series older than the cutoff, using the primary key only. */
export function deleteRawBefore(
  db: WritableDb,
  seriesId: number,
  cutoff: number,
  batch: number,
): number {
  const edge = get<{ ts_ms: number }>(
    db,
    sql`SELECT ts_ms FROM samples_raw WHERE series_id = ${seriesId} AND ts_ms < ${cutoff} ORDER BY ts_ms LIMIT 1 OFFSET ${batch - 1}`,
  );
  const upTo = edge ? edge.ts_ms + 1 : cutoff;
  return run(db, sql`DELETE FROM samples_raw WHERE series_id = ${seriesId} AND ts_ms < ${upTo}`)
    .changes;
}

// ── Roll-ups ─────────────────────────────────────────────────────────────────────────────────

export interface MinuteAggregate {
  seriesId: number;
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTs: number;
}

/** Adds a minute's new points to its 1-minute roll-up. */
export function addToMinuteRollup(db: WritableDb, a: MinuteAggregate): void {
  run(
    db,
    sql`INSERT INTO rollups_1m (series_id, bucket_ts, count, sum, min, max, last, last_ts)
    VALUES (${a.seriesId}, ${a.bucket}, ${a.count}, ${a.sum}, ${a.min}, ${a.max}, ${a.last}, ${a.lastTs})
    ON CONFLICT (series_id, bucket_ts) DO UPDATE SET
      count = count + excluded.count, sum = sum + excluded.sum,
      min = min(min, excluded.min), max = max(max, excluded.max),
      last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,
      last_ts = max(last_ts, excluded.last_ts)`,
  );
}

/** Recomputes one hour of 1 h roll-ups from the 1 min ones (idempotent: it replaces the hour). */
export function rollUpHour(db: WritableDb, hour: number): void {
  const to = hour + HOUR_MS;
  run(
    db,
    sql`INSERT INTO rollups_1h (series_id, bucket_ts, count, sum, min, max, last, last_ts)
    SELECT m.series_id, ${hour}, sum(m.count), sum(m.sum), min(m.min), max(m.max),
           (SELECT l.last FROM rollups_1m l WHERE l.series_id = m.series_id AND l.bucket_ts >= ${hour} AND l.bucket_ts < ${to}
            ORDER BY l.last_ts DESC LIMIT 1),
           max(m.last_ts)
    FROM rollups_1m m WHERE m.bucket_ts >= ${hour} AND m.bucket_ts < ${to} GROUP BY m.series_id
    ON CONFLICT (series_id, bucket_ts) DO UPDATE SET count = excluded.count, sum = excluded.sum,
      min = excluded.min, max = excluded.max, last = excluded.last, last_ts = excluded.last_ts`,
  );
}

/** The first 1-minute bucket at or after `fromMs`, of any series. */
export function firstMinuteBucketFrom(db: ReadableDb, fromMs: number): number | null {
  return (
    get<{ t: number }>(
      db,
      sql`SELECT bucket_ts AS t FROM rollups_1m WHERE bucket_ts >= ${fromMs} ORDER BY bucket_ts LIMIT 1`,
    )?.t ?? null
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
  const table = ROLLUPS[tier];
  return run(
    db,
    sql`DELETE FROM ${table} WHERE (series_id, bucket_ts) IN
    (SELECT series_id, bucket_ts FROM ${table} WHERE bucket_ts < ${cutoff} ORDER BY bucket_ts LIMIT ${batch})`,
  ).changes;
}

// ── Reads by series and time ─────────────────────────────────────────────────────────────────

export type ChartSource = 'raw' | RollupTier;

/** Chart points of one series in [fromMs, toMs]: raw samples, or a roll-up's mean or last per bucket. */
export function chartQuery(
  source: ChartSource,
  value: 'mean' | 'last',
  seriesId: number,
  fromMs: number,
  toMs: number,
): SqlFragment {
  // Each is one range seek on the table's (series_id, time) primary key.
  if (source === 'raw')
    return sql`SELECT ts_ms, value FROM samples_raw WHERE series_id = ${seriesId} AND ts_ms >= ${fromMs} AND ts_ms <= ${toMs} ORDER BY ts_ms`;
  const table = ROLLUPS[source];
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
  return all<RollupBucket>(
    db,
    sql`SELECT bucket_ts AS t, last, sum, count FROM ${ROLLUPS[tier]}
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
  return all<{ t: number; last: number }>(
    db,
    sql`SELECT bucket_ts AS t, last FROM rollups_1m
    WHERE series_id = ${seriesId} AND bucket_ts >= ${fromMs} AND bucket_ts < ${toMs} ORDER BY bucket_ts`,
  );
}

/** The last value of the newest bucket before `beforeMs`, or null. */
export function lastBefore(
  db: ReadableDb,
  tier: RollupTier,
  seriesId: number,
  beforeMs: number,
): number | null {
  return (
    get<{ last: number }>(
      db,
      sql`SELECT last FROM ${ROLLUPS[tier]} WHERE series_id = ${seriesId} AND bucket_ts < ${beforeMs} ORDER BY bucket_ts DESC LIMIT 1`,
    )?.last ?? null
  );
}

/** One series' oldest kept 1-minute bucket, or null. */
export function firstMinuteOf(db: ReadableDb, seriesId: number): number | null {
  return (
    get<{ t: number }>(
      db,
      sql`SELECT bucket_ts AS t FROM rollups_1m WHERE series_id = ${seriesId} ORDER BY bucket_ts LIMIT 1`,
    )?.t ?? null
  );
}

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
  return (
    get<{ n: number | null }>(
      db,
      sql`SELECT sum(count) AS n FROM rollups_1m WHERE series_id = ${seriesId} AND bucket_ts >= ${fromMs} AND bucket_ts < ${toMs}`,
    )?.n ?? 0
  );
}
