// The oldest telemetry the store still holds, tier by tier, for the Settings screen: read by index
// seeks (each series' first chunk and first minute, the first hour) and the open chunks in memory,
// never by scanning every sample.
import { all, get, sql } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';
import { chunkStore } from './chunkStore.ts';
import { firstMinuteOf } from './samples.ts';

export interface OldestKept {
  raw: number | null;
  rollup1m: number | null;
  rollup1h: number | null;
}

const earlier = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);

/** Milliseconds since the epoch of the oldest raw sample and 1 min and 1 h roll-up kept; null: none. */
export function oldestKept(db: ReadableDb): OldestKept {
  const closed =
    get<{ t: number | null }>(
      db,
      sql`SELECT min((SELECT c.start_ts FROM series_chunks c WHERE c.series_id = s.id
        ORDER BY c.start_ts LIMIT 1)) AS t FROM series s`,
    )?.t ?? null;
  // A series whose samples all sit in its open chunk has none closed yet: the open chunks as the
  // console holds them (stored heads, and the sample log not yet folded into them).
  let open: number | null = null;
  for (const s of chunkStore(db).series.values()) {
    if (s.head.count > 0) open = earlier(open, s.head.firstTs);
    for (const c of s.closed) open = earlier(open, c.startTs);
  }
  // The 1-minute roll-ups are read series by series through their own repository (each is a seek).
  let rollup1m: number | null = null;
  for (const { id } of all<{ id: number }>(db, sql`SELECT id FROM series`))
    rollup1m = earlier(rollup1m, firstMinuteOf(db, id));
  const rollup1h =
    get<{ t: number | null }>(db, sql`SELECT min(bucket_ts) AS t FROM rollups_1h`)?.t ?? null;
  return {
    raw: earlier(closed, open),
    rollup1m,
    rollup1h,
  };
}
