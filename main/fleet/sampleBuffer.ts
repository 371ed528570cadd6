// The sample buffer (samples_recent): each group commit appends its samples under a new commit_id,
// which costs a few fresh pages; writing them straight into samples_raw, ordered by series, would
// rewrite one encrypted page per series per commit. Folding moves them into samples_raw and the
// 1-minute roll-ups a chunk of series at a time, so each series' page is rewritten once per fold.
import type { ReadableDb, WritableDb } from '../store/types.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** fleet_state key: the first hour the 1 h roll-up must redo, lowered when a fold adds late data. */
export const ROLLUP_REDO_KEY = 'rollup_1h.redo_from';

/** Series per fold transaction: a chunk is one short transaction, so ingest never waits long. */
const FOLD_CHUNK_SERIES = 128;
/** Folded commits dropped from the buffer per statement (a commit holds one tick of samples). */
const DROP_COMMITS = 4;

// The buffered commit ids up to @upTo, one PRIMARY KEY seek each (no skip-scan without statistics).
const BUFFERED_COMMITS = `WITH RECURSIVE commits(id) AS (
    SELECT min(commit_id) FROM samples_recent
    UNION ALL
    SELECT (SELECT min(commit_id) FROM samples_recent WHERE commit_id > commits.id) FROM commits WHERE commits.id < @upTo
  )`;

/**
 * Adds the buffered points of one series in [fromMs, toMs] to the ones read from samples_raw (both
 * in time order): at high ingest rates the newest samples wait in the buffer for the next fold.
 */
export function withBufferedPoints(db: ReadableDb, seriesId: number, fromMs: number, toMs: number, stored: [number, number][]): [number, number][] {
  const buffered = db
    .prepare(`${BUFFERED_COMMITS}
      SELECT r.ts_ms, r.value FROM commits JOIN samples_recent r
        ON r.commit_id = commits.id AND r.series_id = @seriesId AND r.ts_ms >= @fromMs AND r.ts_ms <= @toMs
      ORDER BY r.commit_id`)
    .raw(true)
    .all({ upTo: Number.MAX_SAFE_INTEGER, seriesId, fromMs, toMs }) as [number, number][];
  if (buffered.length === 0) return stored;
  // As the fold will: a timestamp already stored (or buffered by an earlier commit) keeps its first value.
  const seen = new Set(stored.map(([t]) => t));
  const merged = [...stored];
  for (const point of buffered) {
    if (seen.has(point[0])) continue;
    seen.add(point[0]);
    merged.push(point);
  }
  return merged.sort((a, b) => a[0] - b[0]);
}

type Agg = { seriesId: number; bucket: number; count: number; sum: number; min: number; max: number; last: number; lastTs: number };

/** Series → its minutes in this chunk (usually one or two, so a short list beats a string key). */
function addToMinute(aggs: Map<number, Agg[]>, seriesId: number, tsMs: number, value: number): void {
  const bucket = tsMs - (tsMs % MINUTE_MS);
  let minutes = aggs.get(seriesId);
  if (!minutes) aggs.set(seriesId, (minutes = []));
  const agg = minutes.find((m) => m.bucket === bucket);
  if (!agg) {
    minutes.push({ seriesId, bucket, count: 1, sum: value, min: value, max: value, last: value, lastTs: tsMs });
    return;
  }
  agg.count++;
  agg.sum += value;
  agg.min = Math.min(agg.min, value);
  agg.max = Math.max(agg.max, value);
  if (tsMs >= agg.lastTs) {
    agg.last = value;
    agg.lastTs = tsMs;
  }
}

function foldStatements(db: WritableDb) {
  const chunk = 'r.commit_id = commits.id AND r.series_id >= @from AND r.series_id < @to';
  return {
    lastCommit: db.prepare<[], { id: number | null }>('SELECT max(commit_id) AS id FROM samples_recent'),
    maxSeries: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM series'),
    // Commits in order, so a repeated (series, timestamp) keeps its first value; RETURNING gives
    // only the points actually added, so roll-ups count each point once.
    move: db.prepare(`${BUFFERED_COMMITS}
      INSERT INTO samples_raw (series_id, ts_ms, value)
      SELECT r.series_id, r.ts_ms, r.value FROM commits JOIN samples_recent r ON ${chunk}
      WHERE commits.id <= @upTo ORDER BY r.commit_id
      ON CONFLICT DO NOTHING RETURNING series_id, ts_ms, value`).raw(true),
    firstCommit: db.prepare<[], { id: number | null }>('SELECT min(commit_id) AS id FROM samples_recent'),
    drop: db.prepare('DELETE FROM samples_recent WHERE commit_id >= ? AND commit_id < ?'),
    rollup: db.prepare(`INSERT INTO rollups_1m (series_id, bucket_ts, count, sum, min, max, last, last_ts)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (series_id, bucket_ts) DO UPDATE SET
        count = count + excluded.count, sum = sum + excluded.sum,
        min = min(min, excluded.min), max = max(max, excluded.max),
        last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,
        last_ts = max(last_ts, excluded.last_ts)`),
    redoFrom: db.prepare<[string], { value: number }>('SELECT value FROM fleet_state WHERE key = ?'),
    setRedoFrom: db.prepare(`INSERT INTO fleet_state (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = min(value, excluded.value)`),
  };
}

/** Copies the buffered points of series [from, to) from commits up to `upTo`, in one transaction. */
function foldChunk(db: WritableDb, stmt: ReturnType<typeof foldStatements>, upTo: number, from: number, to: number): number {
  return db.transaction(() => {
    const added = stmt.move.all({ upTo, from, to }) as [number, number, number][];
    const aggs = new Map<number, Agg[]>();
    let minTs = Number.POSITIVE_INFINITY;
    for (const [seriesId, tsMs, value] of added) {
      if (tsMs < minTs) minTs = tsMs;
      addToMinute(aggs, seriesId, tsMs, value);
    }
    for (const a of [...aggs.values()].flat()) stmt.rollup.run(a.seriesId, a.bucket, a.count, a.sum, a.min, a.max, a.last, a.lastTs);
    if (added.length > 0) {
      const hour = minTs - (minTs % HOUR_MS);
      const redo = stmt.redoFrom.get(ROLLUP_REDO_KEY);
      // Late data (a spool resent after an outage) sends the 1 h roll-up back to redo its hour.
      if (!redo || hour < redo.value) stmt.setRedoFrom.run(ROLLUP_REDO_KEY, hour);
    }
    return added.length;
  })();
}

/**
 * Folds every commit up to `upToCommit` (all of them by default), one chunk of series per step:
 * the caller decides whether to run the steps back to back or to yield between them. Each step
 * yields the number of points it added to samples_raw.
 */
export function* foldSteps(db: WritableDb, upToCommit?: number): Generator<number, void> {
  const stmt = foldStatements(db);
  const upTo = upToCommit ?? stmt.lastCommit.get()?.id;
  if (upTo === null || upTo === undefined) return;
  const maxSeries = stmt.maxSeries.get()?.id ?? 0;
  for (let from = 0; from <= maxSeries; from += FOLD_CHUNK_SERIES) {
    yield foldChunk(db, stmt, upTo, from, from + FOLD_CHUNK_SERIES);
  }
  // Only now, oldest first (cheap: whole pages at the front of the buffer). Until then a point is in
  // both tables; folding it again after a crash adds nothing, as samples_raw keeps the first copy.
  for (let id = stmt.firstCommit.get()?.id ?? upTo + 1; id <= upTo; id += DROP_COMMITS) {
    stmt.drop.run(id, Math.min(id + DROP_COMMITS, upTo + 1));
    yield 0;
  }
}

/** Folds everything buffered now, synchronously; returns the points added to samples_raw. */
export function foldAll(db: WritableDb): number {
  let moved = 0;
  for (const n of foldSteps(db)) moved += n;
  return moved;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Folds up to `upToCommit`, yielding to the event loop between chunks; stops early once `isStopped`. */
export async function foldGently(db: WritableDb, upToCommit?: number, isStopped: () => boolean = () => false): Promise<number> {
  let moved = 0;
  for (const n of foldSteps(db, upToCommit)) {
    moved += n;
    await yieldToLoop();
    if (isStopped()) break;
  }
  return moved;
}
