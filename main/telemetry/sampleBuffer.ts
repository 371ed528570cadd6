// The fold and the reads over chunks. Each group commit writes its samples as one row of the sample
// log (in the transaction that acks them) and then feeds the open chunks in memory; folding writes
// the chunks that closed, each touched series' open head and its 1-minute roll-ups, a few series per
// transaction, and finally cuts the log rows every series now covers. Until then a crash loses
// nothing: the next start reads the heads back and replays the log after each head's commit.
import { forEachSample } from '../../shared/domain/telemetry/gorilla.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import { all, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import {
  ChunkStore,
  chunkStore,
  chunkStoreLoaded,
  CHUNK_SPAN_MS,
  lateChunks,
} from './chunkStore.ts';
import { yieldToLoop } from './rollUp.ts';
import { encodeLog } from './sampleLog.ts';
import { addMinuteRollups } from './minuteRollups.ts';
import {
  allChunks,
  chunksIn,
  cutLog,
  deleteSeriesSamples,
  insertChunk,
  logCommit,
  logCutPoints,
  lowerRollupRedoFrom,
  rollupRedoFrom,
  writeHead,
  type Point,
} from './samples.ts';

/**
 * Series per fold transaction: a step is one short transaction (tens of milliseconds), so ingest
 * never waits long, yet a fold of a large fleet is few transactions (each commit syncs the WAL).
 */
const FOLD_CHUNK_SERIES = 1024;
/** Log samples cut per step: the log is deleted in slices, so no one statement holds the loop for long. */
const CUT_SAMPLES = 300_000;

/** One batch's samples and the series each went to. */
export interface CommitPart {
  ids: readonly number[];
  samples: readonly { tsMs: number; value: number }[];
}

/** Inside the group's transaction: its samples as one log row. */
export function bufferCommit(db: WritableDb, commitId: number, parts: readonly CommitPart[]): void {
  const { count, data } = encodeLog(parts);
  if (count > 0) logCommit(db, commitId, count, data);
}

/** After the group's transaction committed: its samples into the open chunks. */
export function applyCommit(db: WritableDb, commitId: number, parts: readonly CommitPart[]): void {
  const loaded = chunkStoreLoaded(db);
  const store = chunkStore(db);
  if (!loaded) return; // loading it just now replayed the log, this commit included
  for (const { ids, samples } of parts)
    for (let i = 0; i < samples.length; i++)
      store.apply(ids[i]!, samples[i]!.tsMs, samples[i]!.value);
  store.lastApplied = Math.max(store.lastApplied, commitId);
}

/** Writes one group of series' closed chunks, heads and roll-ups; returns the samples it stored. */
function foldGroup(db: WritableDb, store: ChunkStore, ids: readonly number[]): number {
  const through = store.lastApplied;
  const stored = db.transaction(() => {
    let added = 0;
    let minTs = Number.POSITIVE_INFINITY;
    for (const id of ids) {
      const s = store.series.get(id);
      if (!s) continue;
      for (const c of s.closed) insertChunk(db, c);
      if (s.late) for (const c of lateChunks(id, s.late)) insertChunk(db, c);
      writeHead(db, {
        seriesId: id,
        throughCommit: through,
        lastTs: s.lastTs,
        data: s.head.bytes(),
      });
      addMinuteRollups(db, s.minutes);
      for (const m of s.minutes) {
        added += m.count;
        if (m.bucket < minTs) minTs = m.bucket;
      }
    }
    if (added > 0) {
      const hour = minTs - (minTs % HOUR_MS);
      const redo = rollupRedoFrom(db);
      // Late data (a spool resent after an outage) sends the 1 h roll-up back to redo its hour.
      if (redo === null || hour < redo) lowerRollupRedoFrom(db, hour);
    }
    return added;
  })();
  for (const id of ids) {
    const s = store.series.get(id);
    if (!s) continue;
    s.closed = [];
    s.late = null;
    s.minutes = [];
    s.through = through;
    store.dirty.delete(id);
  }
  return stored;
}

/**
 * Folds every series with samples applied since its last fold, one group of series per step (the
 * caller decides whether to run the steps back to back or to yield between them), then cuts the
 * log in slices. Each step yields the number of samples it stored. `upToCommit` is accepted for callers that
 * name the commit they wait for: a fold always covers every commit applied when it starts.
 */
export function* foldSteps(
  db: WritableDb,
  upToCommit?: number,
  seriesPerStep = FOLD_CHUNK_SERIES,
): Generator<number, void> {
  void upToCommit;
  const store = chunkStore(db);
  const upTo = store.lastApplied;
  const ids = [...store.dirty].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += seriesPerStep)
    yield foldGroup(db, store, ids.slice(i, i + seriesPerStep));
  // Every series now stores each commit up to `upTo`: the log behind it is no longer needed.
  for (const through of logCutPoints(db, upTo, CUT_SAMPLES)) {
    cutLog(db, through);
    yield 0;
  }
}

/** Folds everything applied now, synchronously; returns the samples stored. */
export function foldAll(db: WritableDb): number {
  let moved = 0;
  for (const n of foldSteps(db)) moved += n;
  return moved;
}

/** Folds, yielding to the event loop between steps; stops early (the log kept) once `isStopped`. */
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

const byTime = (a: Point, b: Point) => a[0] - b[0];

/** One series' raw samples in [fromMs, toMs], in time order: stored chunks and what is still open. */
export function rawPoints(db: ReadableDb, seriesId: number, fromMs: number, toMs: number): Point[] {
  const out: Point[] = [];
  const take = (t: number, v: number) => {
    if (t >= fromMs && t <= toMs) out.push([t, v]);
  };
  for (const [, , data] of chunksIn(db, seriesId, fromMs, toMs, CHUNK_SPAN_MS))
    forEachSample(data, take);
  chunkStore(db).pending(seriesId, fromMs, toMs, out);
  for (let i = 1; i < out.length; i++) if (out[i - 1]![0] > out[i]![0]) return out.sort(byTime);
  return out;
}

/** Every series' newest sample (for the live values at start). */
export function latestRawValues(db: ReadableDb): {
  seriesId: number;
  hostId: number;
  metric: string;
  labels: string;
  tsMs: number;
  value: number;
}[] {
  const store = chunkStore(db);
  return all<{ id: number; host_id: number; metric: string; labels: string }>(
    db,
    sql`SELECT id, host_id, metric, labels FROM series`,
  ).flatMap((r) => {
    const s = store.series.get(r.id);
    return s && Number.isFinite(s.lastTs) && s.head.count > 0
      ? [
          {
            seriesId: r.id,
            hostId: r.host_id,
            metric: r.metric,
            labels: r.labels,
            tsMs: s.lastTs,
            value: s.lastValue,
          },
        ]
      : [];
  });
}

/** Deletes every sample of the given series, stored and in memory (their hosts are being deleted). */
export function forgetSeries(db: WritableDb, seriesIds: readonly number[]): void {
  foldAll(db); // first, so no log row left behind holds their samples
  deleteSeriesSamples(db, seriesIds);
  chunkStore(db).forget(seriesIds);
}

/**
 * Every sample the store holds, series by series in time order, as a restarted console would find
 * it (chunks, heads, and the log replayed): works on any connection, read-only ones included.
 */
export function storedSamples(db: ReadableDb): Map<number, Point[]> {
  const replayed = new ChunkStore(db);
  replayed.load();
  const out = new Map<number, Point[]>();
  for (const [seriesId, data] of allChunks(db)) {
    let points = out.get(seriesId);
    if (!points) out.set(seriesId, (points = []));
    forEachSample(data, (t, v) => points.push([t, v]));
  }
  for (const seriesId of replayed.series.keys()) {
    let points = out.get(seriesId);
    if (!points) out.set(seriesId, (points = []));
    replayed.pending(seriesId, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, points);
  }
  for (const points of out.values()) points.sort(byTime);
  return out;
}

/** How many samples the store holds (optionally only those of the given series). */
export function storedSampleCount(db: ReadableDb, seriesIds?: readonly number[]): number {
  const only = seriesIds ? new Set(seriesIds) : null;
  let n = 0;
  for (const [id, points] of storedSamples(db)) if (!only || only.has(id)) n += points.length;
  return n;
}
