// The 1-minute roll-ups: one compact block per series per hour (rollup_minutes, see
// shared/domain/telemetry/minuteBlock.ts) instead of a row per series per minute. Rows still in
// rollups_1m (a store written before the blocks, until its conversion at start moves them) are
// read beside the blocks, a minute in both merged as the roll-up merges any two aggregates.
import {
  decodeMinuteBlock,
  encodeMinuteBlock,
  hourOf,
  mergeMinute,
  minuteBlockSize,
  type MinuteRecord,
} from '../../shared/domain/telemetry/minuteBlock.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import { get, prepareCached, run, sql, type SqlFragment } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export type { MinuteRecord };

/** A minute's aggregate of one series, as the fold adds it. */
export interface MinuteAggregate extends MinuteRecord {
  seriesId: number;
}

/** Bytes as the driver binds a BLOB. */
const blob = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function rows<T>(db: ReadableDb, q: SqlFragment): T[] {
  return prepareCached(db, q.query)
    .raw(true)
    .all(...q.params) as T[];
}

/** The blocks of one series whose hours overlap [fromMs, toMs] (parameters: series, from, to). */
export const minuteBlocksQuery = (seriesId: number, fromMs: number, toMs: number) =>
  sql`SELECT hour_ts, data FROM rollup_minutes
  WHERE series_id = ${seriesId} AND hour_ts > ${fromMs - HOUR_MS} AND hour_ts <= ${toMs} ORDER BY hour_ts`;

function legacyRows(db: ReadableDb, q: SqlFragment): MinuteRecord[] {
  return rows<[number, number, number, number, number, number, number]>(db, q).map(
    ([bucket, count, sum, min, max, last, lastTs]) => ({
      bucket,
      count,
      sum,
      min,
      max,
      last,
      lastTs,
    }),
  );
}

const LEGACY_COLUMNS = sql`bucket_ts, count, sum, min, max, last, last_ts`;

/** Most decoded blocks kept (about 10 MB at most): an SLO cycle rereads the newest hour of every series it watches. */
const DECODED_BLOCKS = 2048;
const decodedBlocks = new Map<string, { data: Uint8Array; minutes: readonly MinuteRecord[] }>();

/**
 * A block's minutes, decoded once while its bytes stay the same (the newest hour's block changes
 * at each fold; older ones rarely). Callers must not change the records.
 */
function decodeBlock(seriesId: number, hour: number, data: Uint8Array): readonly MinuteRecord[] {
  const key = `${seriesId}:${hour}`;
  const hit = decodedBlocks.get(key);
  decodedBlocks.delete(key);
  if (hit && Buffer.compare(hit.data, data) === 0) {
    decodedBlocks.set(key, hit);
    return hit.minutes;
  }
  const minutes = decodeMinuteBlock(hour, data);
  decodedBlocks.set(key, { data, minutes });
  if (decodedBlocks.size > DECODED_BLOCKS) decodedBlocks.delete(decodedBlocks.keys().next().value!);
  return minutes;
}

/** Merges two time-ordered record lists (a minute in both merged into one, as a new record). */
function mergeSorted(a: readonly MinuteRecord[], b: readonly MinuteRecord[]): MinuteRecord[] {
  if (b.length === 0) return [...a];
  const byBucket = new Map(a.map((r) => [r.bucket, { ...r }]));
  for (const r of b) {
    const there = byBucket.get(r.bucket);
    if (there) mergeMinute(there, r);
    else byBucket.set(r.bucket, { ...r });
  }
  return [...byBucket.values()].sort((x, y) => x.bucket - y.bucket);
}

/** One series' minutes with fromMs <= bucket < toMs, in time order. */
export function minuteRecords(
  db: ReadableDb,
  seriesId: number,
  fromMs: number,
  toMs: number,
): MinuteRecord[] {
  const out: MinuteRecord[] = [];
  for (const [hour, data] of rows<[number, Uint8Array]>(
    db,
    minuteBlocksQuery(seriesId, fromMs, toMs - 1),
  ))
    for (const r of decodeBlock(seriesId, hour, data))
      if (r.bucket >= fromMs && r.bucket < toMs) out.push(r);
  return mergeSorted(
    out,
    legacyRows(
      db,
      sql`SELECT ${LEGACY_COLUMNS} FROM rollups_1m WHERE series_id = ${seriesId}
      AND bucket_ts >= ${fromMs} AND bucket_ts < ${toMs} ORDER BY bucket_ts`,
    ),
  );
}

/** One series' newest minute before `beforeMs`, or null. */
export function minuteBefore(
  db: ReadableDb,
  seriesId: number,
  beforeMs: number,
): MinuteRecord | null {
  let newest: MinuteRecord | null = null;
  // The block of beforeMs's own hour may hold only later minutes: then the one before it is read.
  for (const [hour, data] of rows<[number, Uint8Array]>(
    db,
    sql`SELECT hour_ts, data FROM rollup_minutes WHERE series_id = ${seriesId} AND hour_ts < ${beforeMs}
    ORDER BY hour_ts DESC LIMIT 2`,
  )) {
    newest = decodeBlock(seriesId, hour, data).findLast((r) => r.bucket < beforeMs) ?? null;
    if (newest) break;
  }
  const legacy = legacyRows(
    db,
    sql`SELECT ${LEGACY_COLUMNS} FROM rollups_1m WHERE series_id = ${seriesId} AND bucket_ts < ${beforeMs}
    ORDER BY bucket_ts DESC LIMIT 1`,
  )[0];
  if (!legacy || (newest && newest.bucket > legacy.bucket)) return newest;
  if (!newest || legacy.bucket > newest.bucket) return legacy;
  return mergeSorted([newest], [legacy])[0]!;
}

/** One series' oldest kept minute, or null. */
export function firstMinuteBucket(db: ReadableDb, seriesId: number): number | null {
  const block = rows<[number, Uint8Array]>(
    db,
    sql`SELECT hour_ts, data FROM rollup_minutes WHERE series_id = ${seriesId} ORDER BY hour_ts LIMIT 1`,
  )[0];
  const fromBlock = block ? decodeBlock(seriesId, block[0], block[1])[0]!.bucket : null;
  const legacy =
    get<{ t: number }>(
      db,
      sql`SELECT bucket_ts AS t FROM rollups_1m WHERE series_id = ${seriesId} ORDER BY bucket_ts LIMIT 1`,
    )?.t ?? null;
  if (fromBlock === null) return legacy;
  return legacy === null ? fromBlock : Math.min(fromBlock, legacy);
}

/** Adds minutes' new aggregates to their roll-ups (one block read and written per series and hour). */
export function addMinuteRollups(db: WritableDb, aggregates: readonly MinuteAggregate[]): void {
  const groups = new Map<string, MinuteAggregate[]>();
  for (const a of aggregates) {
    const key = `${a.seriesId}:${hourOf(a.bucket)}`;
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }
  for (const list of groups.values()) {
    const { seriesId } = list[0]!;
    const hour = hourOf(list[0]!.bucket);
    const stored = rows<[Uint8Array]>(
      db,
      sql`SELECT data FROM rollup_minutes WHERE series_id = ${seriesId} AND hour_ts = ${hour}`,
    )[0];
    const minutes = mergeSorted(stored ? decodeBlock(seriesId, hour, stored[0]) : [], list);
    run(
      db,
      sql`INSERT INTO rollup_minutes (series_id, hour_ts, data)
      VALUES (${seriesId}, ${hour}, ${blob(encodeMinuteBlock(hour, minutes))})
      ON CONFLICT (series_id, hour_ts) DO UPDATE SET data = excluded.data`,
    );
  }
}

/** Every series' minutes of one hour (blocks and rows not yet converted), by series. */
export function hourMinutes(db: ReadableDb, hour: number): Map<number, MinuteRecord[]> {
  return hourMinutesOfSeries(db, hour, 0, Number.MAX_SAFE_INTEGER);
}

/** Minutes of one hour of the series with ids in (afterId, throughId], by series. */
export function hourMinutesOfSeries(
  db: ReadableDb,
  hour: number,
  afterId: number,
  throughId: number,
): Map<number, MinuteRecord[]> {
  const out = new Map<number, MinuteRecord[]>();
  // One index seek per series: the blocks carry no index by time.
  for (const [seriesId, data] of rows<[number, Uint8Array]>(
    db,
    sql`SELECT b.series_id, b.data FROM series s CROSS JOIN rollup_minutes b
    ON b.series_id = s.id AND b.hour_ts = ${hour} WHERE s.id > ${afterId} AND s.id <= ${throughId}`,
  ))
    out.set(seriesId, [...decodeBlock(seriesId, hour, data)]);
  for (const [seriesId, ...rest] of rows<[number, ...Parameters<typeof toRecord>]>(
    db,
    sql`SELECT series_id, ${LEGACY_COLUMNS} FROM rollups_1m
    WHERE bucket_ts >= ${hour} AND bucket_ts < ${hour + HOUR_MS}
      AND series_id > ${afterId} AND series_id <= ${throughId}`,
  ))
    out.set(seriesId, mergeSorted(out.get(seriesId) ?? [], [toRecord(...rest)]));
  return out;
}

function toRecord(
  bucket: number,
  count: number,
  sum: number,
  min: number,
  max: number,
  last: number,
  lastTs: number,
): MinuteRecord {
  return { bucket, count, sum, min, max, last, lastTs };
}

/** The first hour at or after `fromHour` that holds a minute of any series, or null. */
export function firstMinuteHourFrom(db: ReadableDb, fromHour: number): number | null {
  const t = get<{ t: number | null }>(
    db,
    sql`SELECT min(
      (SELECT min(b.hour_ts) FROM series s CROSS JOIN rollup_minutes b
        ON b.series_id = s.id AND b.hour_ts >= ${fromHour}),
      coalesce((SELECT bucket_ts FROM rollups_1m WHERE bucket_ts >= ${fromHour} ORDER BY bucket_ts LIMIT 1), 9e15)
    ) AS t`,
  )?.t;
  return t === null || t === undefined || t >= 9e15 ? null : hourOf(t);
}

/**
 * Deletes at most `batch` hours of minutes that end before the cutoff (whole blocks only), and
 * rows not yet converted before it; returns the minutes deleted.
 */
export function deleteMinutesBefore(db: WritableDb, cutoffMs: number, batch: number): number {
  const deleted = rows<[Uint8Array]>(
    db,
    sql`DELETE FROM rollup_minutes WHERE (series_id, hour_ts) IN
    (SELECT b.series_id, b.hour_ts FROM series s CROSS JOIN rollup_minutes b
      ON b.series_id = s.id AND b.hour_ts <= ${cutoffMs - HOUR_MS} LIMIT ${batch})
    RETURNING data`,
  ).reduce((n, [data]) => n + minuteBlockSize(data), 0);
  return (
    deleted +
    run(
      db,
      sql`DELETE FROM rollups_1m WHERE (series_id, bucket_ts) IN
      (SELECT series_id, bucket_ts FROM rollups_1m WHERE bucket_ts < ${cutoffMs} ORDER BY bucket_ts LIMIT ${batch})`,
    ).changes
  );
}

/** Deletes every minute of the given series. */
export function deleteSeriesMinutes(db: WritableDb, seriesIds: readonly number[]): void {
  for (const id of seriesIds) {
    run(db, sql`DELETE FROM rollup_minutes WHERE series_id = ${id}`);
    run(db, sql`DELETE FROM rollups_1m WHERE series_id = ${id}`);
  }
}

/** Moves one series' rows from rollups_1m into its blocks; returns the minutes moved. */
export function convertSeriesMinutes(db: WritableDb, seriesId: number): number {
  const legacy = legacyRows(
    db,
    sql`SELECT ${LEGACY_COLUMNS} FROM rollups_1m WHERE series_id = ${seriesId} ORDER BY bucket_ts`,
  );
  addMinuteRollups(
    db,
    legacy.map((r) => ({ ...r, seriesId })),
  );
  run(db, sql`DELETE FROM rollups_1m WHERE series_id = ${seriesId}`);
  return legacy.length;
}
