// The sample buffer (samples_recent): each group commit appends its samples under a new commit_id,
// which costs a few fresh pages; writing them straight into samples_raw, ordered by series, would
// rewrite one encrypted page per series per commit. Folding moves them into samples_raw and the
// 1-minute roll-ups a chunk of series at a time, so each series' page is rewritten once per fold.
import { HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import {
  addToMinuteRollup,
  bufferedPoints,
  dropBufferedCommits,
  firstBufferedCommit,
  lastBufferedCommit,
  lowerRollupRedoFrom,
  moveBufferedToRaw,
  rollupRedoFrom,
  type MinuteAggregate,
  type Point,
} from './samples.ts';
import { yieldToLoop } from './rollUp.ts';
import { seriesGeneration } from './series.ts';

/** Series per fold transaction: a chunk is one short transaction, so ingest never waits long. */
const FOLD_CHUNK_SERIES = 128;
/** Folded commits dropped from the buffer per statement (a commit holds one tick of samples). */
const DROP_COMMITS = 4;

/**
 * Adds the buffered points of one series in [fromMs, toMs] to the ones read from samples_raw (both
 * in time order): at high ingest rates the newest samples wait in the buffer for the next fold.
 */
export function withBufferedPoints(
  db: ReadableDb,
  seriesId: number,
  fromMs: number,
  toMs: number,
  stored: Point[],
): Point[] {
  const buffered = bufferedPoints(db, seriesId, fromMs, toMs);
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

type Agg = MinuteAggregate;

/** Series → its minutes in this chunk (usually one or two, so a short list beats a string key). */
function addToMinute(
  aggs: Map<number, Agg[]>,
  seriesId: number,
  tsMs: number,
  value: number,
): void {
  const bucket = tsMs - (tsMs % MINUTE_MS);
  let minutes = aggs.get(seriesId);
  if (!minutes) aggs.set(seriesId, (minutes = []));
  const agg = minutes.find((m) => m.bucket === bucket);
  if (!agg) {
    minutes.push({
      seriesId,
      bucket,
      count: 1,
      sum: value,
      min: value,
      max: value,
      last: value,
      lastTs: tsMs,
    });
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

/** Copies the buffered points of series [from, to) from commits up to `upTo`, in one transaction. */
function foldChunk(db: WritableDb, upTo: number, from: number, to: number): number {
  return db.transaction(() => {
    const added = moveBufferedToRaw(db, upTo, from, to);
    const aggs = new Map<number, Agg[]>();
    let minTs = Number.POSITIVE_INFINITY;
    for (const [seriesId, tsMs, value] of added) {
      if (tsMs < minTs) minTs = tsMs;
      addToMinute(aggs, seriesId, tsMs, value);
    }
    for (const a of [...aggs.values()].flat()) addToMinuteRollup(db, a);
    if (added.length > 0) {
      const hour = minTs - (minTs % HOUR_MS);
      const redo = rollupRedoFrom(db);
      // Late data (a spool resent after an outage) sends the 1 h roll-up back to redo its hour.
      if (redo === null || hour < redo) lowerRollupRedoFrom(db, hour);
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
  const upTo = upToCommit ?? lastBufferedCommit(db);
  if (upTo === null) return;
  const maxSeries = seriesGeneration(db);
  for (let from = 0; from <= maxSeries; from += FOLD_CHUNK_SERIES) {
    yield foldChunk(db, upTo, from, from + FOLD_CHUNK_SERIES);
  }
  // Only now, oldest first (cheap: whole pages at the front of the buffer). Until then a point is in
  // both tables; folding it again after a crash adds nothing, as samples_raw keeps the first copy.
  for (let id = firstBufferedCommit(db) ?? upTo + 1; id <= upTo; id += DROP_COMMITS) {
    dropBufferedCommits(db, id, Math.min(id + DROP_COMMITS, upTo + 1));
    yield 0;
  }
}

/** Folds everything buffered now, synchronously; returns the points added to samples_raw. */
export function foldAll(db: WritableDb): number {
  let moved = 0;
  for (const n of foldSteps(db)) moved += n;
  return moved;
}

/** Folds up to `upToCommit`, yielding to the event loop between chunks; stops early once `isStopped`. */
export async function foldGently(
  db: WritableDb,
  upToCommit?: number,
  isStopped: () => boolean = () => false,
): Promise<number> {
  let moved = 0;
  for (const n of foldSteps(db, upToCommit)) {
    moved += n;
    await yieldToLoop();
    if (isStopped()) break;
  }
  return moved;
}
