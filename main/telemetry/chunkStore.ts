// Each series' open (head) chunk in memory, fed by every committed group as soon as it commits; the
// fold then writes closed chunks, heads and 1-minute roll-ups a few series per transaction and cuts
// the sample log behind them. At start the heads are read back and the log replayed into them.
// A sample's fate is decided once, when it is applied: the first value of a (series, time) is kept,
// a later sample appends to the head, an earlier one (a spool resent late) is kept beside it and
// written as a chunk of its own.
import { ChunkAppender, forEachSample } from '../../shared/domain/telemetry/gorilla.ts';
import { HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import type { ReadableDb } from '../store/types.ts';
import { decodeLog } from './sampleLog.ts';
import {
  chunksIn,
  lastBufferedCommit,
  readHeads,
  loggedCommits,
  type MinuteAggregate,
  type Point,
  type StoredChunk,
} from './samples.ts';

/** A chunk closes at this many samples… */
export const CHUNK_SAMPLES = 120;
/** …or once it would span this long, so a time range finds its chunks in one bounded seek. */
export const CHUNK_SPAN_MS = 2 * HOUR_MS;

export interface SeriesState {
  head: ChunkAppender;
  lastTs: number;
  lastValue: number;
  /** Chunks closed since the last fold, and samples that arrived after later ones (time → value). */
  closed: StoredChunk[];
  late: Map<number, number> | null;
  /** 1-minute aggregates of the samples applied since the last fold. */
  minutes: MinuteAggregate[];
  /** The newest commit whose samples of this series are stored (chunks and head). */
  through: number;
}

export class ChunkStore {
  readonly series = new Map<number, SeriesState>();
  /** Series with samples applied since their last fold. */
  readonly dirty = new Set<number>();
  lastApplied = 0;

  constructor(private readonly db: ReadableDb) {}

  /** Reads the stored heads (all, or the given series') and replays the log after each. */
  load(seriesIds?: readonly number[]): void {
    for (const row of readHeads(this.db, seriesIds)) {
      const head = new ChunkAppender();
      let lastValue = Number.NaN;
      forEachSample(row.data, (t, v) => {
        head.append(t, v);
        lastValue = v;
      });
      this.series.set(row.seriesId, {
        head,
        lastTs: row.lastTs,
        lastValue,
        closed: [],
        late: null,
        minutes: [],
        through: row.throughCommit,
      });
    }
    const only = seriesIds ? new Set(seriesIds) : null;
    for (const [commitId, data] of loggedCommits(this.db, 0)) {
      decodeLog(data, (seriesId, tsMs, value) => {
        if (only && !only.has(seriesId)) return;
        if (commitId > (this.series.get(seriesId)?.through ?? 0)) this.apply(seriesId, tsMs, value);
      });
    }
    if (!only) this.lastApplied = lastBufferedCommit(this.db) ?? 0;
  }

  private state(seriesId: number): SeriesState {
    let s = this.series.get(seriesId);
    if (!s) {
      s = {
        head: new ChunkAppender(),
        lastTs: Number.NEGATIVE_INFINITY,
        lastValue: Number.NaN,
        closed: [],
        late: null,
        minutes: [],
        through: 0,
      };
      this.series.set(seriesId, s);
    }
    return s;
  }

  /** Applies one committed sample; returns whether it was new (a repeated time keeps its first value). */
  apply(seriesId: number, tsMs: number, value: number): boolean {
    const s = this.state(seriesId);
    if (tsMs > s.lastTs) {
      const head = s.head;
      if (head.count >= CHUNK_SAMPLES || (head.count > 0 && tsMs - head.firstTs >= CHUNK_SPAN_MS))
        this.close(seriesId, s);
      s.head.append(tsMs, value);
      s.lastTs = tsMs;
      s.lastValue = value;
    } else if (tsMs === s.lastTs || this.has(seriesId, s, tsMs)) {
      return false;
    } else {
      (s.late ??= new Map()).set(tsMs, value);
    }
    addToMinute(s.minutes, seriesId, tsMs, value);
    this.dirty.add(seriesId);
    return true;
  }

  private close(seriesId: number, s: SeriesState): void {
    const h = s.head;
    s.closed.push({
      seriesId,
      startTs: h.firstTs,
      endTs: h.lastTs,
      count: h.count,
      data: h.bytes(),
    });
    s.head = new ChunkAppender();
  }

  /** Whether the series already holds a sample at `tsMs` (older than its newest). */
  private has(seriesId: number, s: SeriesState, tsMs: number): boolean {
    if (s.late?.has(tsMs)) return true;
    let found = false;
    const look = (t: number) => {
      if (t === tsMs) found = true;
    };
    if (s.head.count > 0 && tsMs >= s.head.firstTs) forEachSample(s.head.bytes(), look);
    for (const c of s.closed)
      if (!found && c.startTs <= tsMs && tsMs <= c.endTs) forEachSample(c.data, look);
    if (!found)
      for (const [start, end, data] of chunksIn(this.db, seriesId, tsMs, tsMs, CHUNK_SPAN_MS))
        if (!found && start <= tsMs && tsMs <= end) forEachSample(data, look);
    return found;
  }

  /** One series' samples in [fromMs, toMs] not yet in stored chunks (closed, head and late), unsorted. */
  pending(seriesId: number, fromMs: number, toMs: number, out: Point[]): void {
    const s = this.series.get(seriesId);
    if (!s) return;
    const take = (t: number, v: number) => {
      if (t >= fromMs && t <= toMs) out.push([t, v]);
    };
    for (const c of s.closed)
      if (c.endTs >= fromMs && c.startTs <= toMs) forEachSample(c.data, take);
    if (s.head.count > 0 && s.head.lastTs >= fromMs && s.head.firstTs <= toMs)
      forEachSample(s.head.bytes(), take);
    if (s.late) for (const [t, v] of s.late) take(t, v);
  }

  /** Forgets deleted series. */
  forget(seriesIds: readonly number[]): void {
    for (const id of seriesIds) {
      this.series.delete(id);
      this.dirty.delete(id);
    }
  }
}

/** Adds a sample to its minute's aggregate (a series' pending minutes are usually one or two). */
export function addToMinute(
  minutes: MinuteAggregate[],
  seriesId: number,
  tsMs: number,
  value: number,
): void {
  const bucket = tsMs - (tsMs % MINUTE_MS);
  // Samples mostly arrive in time order: the newest minute is checked first.
  const newest = minutes[minutes.length - 1];
  const agg = newest?.bucket === bucket ? newest : minutes.find((m) => m.bucket === bucket);
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

/** Samples (time → value) as chunks, in time order, each within the size and span limits. */
export function lateChunks(seriesId: number, late: Map<number, number>): StoredChunk[] {
  const out: StoredChunk[] = [];
  let a = new ChunkAppender();
  const flush = () => {
    if (a.count > 0)
      out.push({ seriesId, startTs: a.firstTs, endTs: a.lastTs, count: a.count, data: a.bytes() });
    a = new ChunkAppender();
  };
  for (const t of [...late.keys()].sort((x, y) => x - y)) {
    if (a.count >= CHUNK_SAMPLES || (a.count > 0 && t - a.firstTs >= CHUNK_SPAN_MS)) flush();
    a.append(t, late.get(t)!);
  }
  flush();
  return out;
}

const stores = new WeakMap<ReadableDb, ChunkStore>();

/** The connection's chunk store, loaded (heads read, log replayed) on first use. */
export function chunkStore(db: ReadableDb): ChunkStore {
  let store = stores.get(db);
  if (!store) {
    store = new ChunkStore(db);
    store.load();
    stores.set(db, store);
  }
  return store;
}

/** Whether the connection's chunk store is already in memory. */
export function chunkStoreLoaded(db: ReadableDb): ChunkStore | undefined {
  return stores.get(db);
}
