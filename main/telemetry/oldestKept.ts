// The oldest telemetry the store still holds, tier by tier, for the Settings screen: read by index
// seeks (each series' first chunk and first minute, the first hour) and the open chunks in memory,
// never by scanning every sample; a page of series at a time, with the event loop free between pages,
// so a fleet's hundreds of thousands of series never hold up ingest.
import { get, sql } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';
import { chunkStore } from './chunkStore.ts';
import { yieldToLoop } from './rollUp.ts';
import { firstMinuteOf } from './samples.ts';
import { seriesIdsAfter } from './series.ts';

export interface OldestKept {
  raw: number | null;
  rollup1m: number | null;
  rollup1h: number | null;
}

const earlier = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);

const firstChunkStart = (db: ReadableDb, seriesId: number) =>
  get<{ t: number }>(
    db,
    sql`SELECT start_ts AS t FROM series_chunks WHERE series_id = ${seriesId} ORDER BY start_ts LIMIT 1`,
  )?.t ?? null;

/** Milliseconds since the epoch of the oldest raw sample and 1 min and 1 h roll-up kept; null: none. */
export async function oldestKept(db: ReadableDb, pageSize = 500): Promise<OldestKept> {
  let raw: number | null = null;
  let rollup1m: number | null = null;
  for (let ids = seriesIdsAfter(db, 0, pageSize); ids.length > 0;) {
    for (const id of ids) {
      raw = earlier(raw, firstChunkStart(db, id));
      rollup1m = earlier(rollup1m, firstMinuteOf(db, id));
    }
    await yieldToLoop();
    ids = seriesIdsAfter(db, ids.at(-1)!, pageSize);
  }
  // A series whose samples all sit in its open chunk has none closed yet: the open chunks as the
  // console holds them (stored heads, and the sample log not yet folded into them).
  for (const s of chunkStore(db).series.values()) {
    if (s.head.count > 0) raw = earlier(raw, s.head.firstTs);
    for (const c of s.closed) raw = earlier(raw, c.startTs);
  }
  const rollup1h =
    get<{ t: number | null }>(db, sql`SELECT min(bucket_ts) AS t FROM rollups_1h`)?.t ?? null;
  return { raw, rollup1m, rollup1h };
}
