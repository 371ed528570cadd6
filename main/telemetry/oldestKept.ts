// The oldest telemetry the store still holds, tier by tier, for the Settings screen: read by index
// seeks (each series' first closed chunk, the first hour holding a minute, the first hour), never by
// scanning every sample. Closed chunks are sought a page of series at a time with the event loop free
// between pages, so a fleet's hundreds of thousands of series never hold up ingest.
import { get, sql } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';
import { chunkStore } from './chunkStore.ts';
import { firstMinuteHourFrom, hourMinutes } from './minuteRollups.ts';
import { yieldToLoop } from './rollUp.ts';
import { seriesIdsAfter } from './series.ts';

export interface OldestKept {
  raw: number | null;
  rollup1m: number | null;
  rollup1h: number | null;
}

const earlier = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);

/** The oldest closed chunk's start among the series with ids in (afterId, lastId]. */
const firstChunkStart = (db: ReadableDb, afterId: number, lastId: number) =>
  get<{ t: number | null }>(
    db,
    sql`SELECT min((SELECT c.start_ts FROM series_chunks c WHERE c.series_id = s.id
      ORDER BY c.start_ts LIMIT 1)) AS t FROM series s WHERE s.id > ${afterId} AND s.id <= ${lastId}`,
  )?.t ?? null;

/** The oldest 1-minute roll-up: the first minute of the first hour that holds any. */
function firstMinute(db: ReadableDb): number | null {
  const hour = firstMinuteHourFrom(db, 0);
  if (hour === null) return null;
  let first: number | null = null;
  for (const minutes of hourMinutes(db, hour).values())
    first = earlier(first, minutes[0]?.bucket ?? null);
  return first;
}

/** Milliseconds since the epoch of the oldest raw sample and 1 min and 1 h roll-up kept; null: none. */
export async function oldestKept(db: ReadableDb, pageSize = 2000): Promise<OldestKept> {
  let raw: number | null = null;
  for (let after = 0, ids = seriesIdsAfter(db, 0, pageSize); ids.length > 0;) {
    const last = ids.at(-1)!;
    raw = earlier(raw, firstChunkStart(db, after, last));
    await yieldToLoop();
    after = last;
    ids = seriesIdsAfter(db, last, pageSize);
  }
  // A series whose samples all sit in its open chunk has none closed yet: the open chunks as the
  // console holds them (stored heads, and the sample log not yet folded into them).
  for (const s of chunkStore(db).series.values()) {
    if (s.head.count > 0) raw = earlier(raw, s.head.firstTs);
    for (const c of s.closed) raw = earlier(raw, c.startTs);
  }
  const rollup1h =
    get<{ t: number | null }>(db, sql`SELECT min(bucket_ts) AS t FROM rollups_1h`)?.t ?? null;
  return { raw, rollup1m: firstMinute(db), rollup1h };
}
