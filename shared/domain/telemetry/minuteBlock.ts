// One series' 1-minute roll-ups for one hour as a compact block: the number of minutes, the minutes
// present (a 60-bit map), then one column each (decimalColumns.ts) for count, sum, min, max, last
// and the last sample's offset in its minute. Lossless for any float64 (a NaN stays NaN, its
// payload is not kept). Pure: no node:, no DOM.
//
// A stored block may be several segments one after the other: the fold appends the minutes it adds
// as a quick segment (0xFE, the number of minutes, then each minute's index, count and last-sample
// offset as varints and its sum, min, max and last as float64s) instead of decoding and rewriting
// the hour each time, and rewrites the hour as one compact segment now and then. Decoding merges the segments in order (a minute in several is
// merged as the roll-up merges any two aggregates), so the segments and the rewrite read the same.

import { HOUR_MS, MINUTE_MS } from '../time.ts';
import {
  ByteReader,
  ByteWriter,
  readFloats,
  readInts,
  writeFloats,
  writeInts,
} from './decimalColumns.ts';

/** One minute's roll-up of one series. */
export interface MinuteRecord {
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTs: number;
}

/** Encodes one hour's minutes (any order, buckets distinct and inside the hour starting at `hour`). */
export function encodeMinuteBlock(hour: number, records: readonly MinuteRecord[]): Uint8Array {
  const sorted = [...records].sort((a, b) => a.bucket - b.bucket);
  const w = new ByteWriter();
  w.varint(sorted.length);
  const map = new Uint8Array(8);
  for (const i of minuteIndexes(hour, sorted)) map[i >> 3]! |= 1 << (i & 7);
  w.append(map);
  writeInts(
    w,
    sorted.map((r) => r.count),
  );
  for (const col of ['sum', 'min', 'max', 'last'] as const)
    writeFloats(
      w,
      sorted.map((r) => r[col]),
    );
  writeInts(
    w,
    sorted.map((r) => r.lastTs - r.bucket),
  );
  return w.bytes();
}

/** The number of distinct minutes in a block. */
export function minuteBlockSize(data: Uint8Array): number {
  return decodeMinuteBlock(0, data).length;
}

/** A block with `records` appended as one more segment (see above). */
export function appendMinuteSegment(
  block: Uint8Array,
  hour: number,
  records: readonly MinuteRecord[],
): Uint8Array {
  const segment = encodeQuickSegment(hour, records);
  const out = new Uint8Array(block.byteLength + segment.byteLength);
  out.set(block);
  out.set(segment, block.byteLength);
  return out;
}

const QUICK_SEGMENT = 0xfe;

/** The minute index of each record in its hour, each distinct, or an error. */
function minuteIndexes(hour: number, records: readonly MinuteRecord[]): number[] {
  const seen = new Uint8Array(60);
  return records.map((r) => {
    const i = (r.bucket - hour) / MINUTE_MS;
    if (!Number.isInteger(i) || i < 0 || i >= 60 || seen[i])
      throw new Error(`minute block: bucket ${r.bucket} is not a distinct minute of hour ${hour}`);
    seen[i] = 1;
    return i;
  });
}

function encodeQuickSegment(hour: number, records: readonly MinuteRecord[]): Uint8Array {
  const indexes = minuteIndexes(hour, records);
  const w = new ByteWriter();
  w.byte(QUICK_SEGMENT);
  w.varint(records.length);
  records.forEach((r, k) => {
    w.byte(indexes[k]!);
    w.varint(r.count);
    w.varint(r.lastTs - r.bucket);
    w.float(r.sum);
    w.float(r.min);
    w.float(r.max);
    w.float(r.last);
  });
  return w.bytes();
}

function decodeQuickSegment(hour: number, r: ByteReader): MinuteRecord[] {
  const n = r.varint();
  if (n > 60) throw new Error('minute block: more than 60 minutes');
  const seen = new Uint8Array(60);
  return Array.from({ length: n }, () => {
    const i = r.byte();
    if (i >= 60 || seen[i]) throw new Error('minute block: a minute twice in a segment');
    seen[i] = 1;
    const bucket = hour + i * MINUTE_MS;
    const count = r.varint();
    const lastTs = bucket + r.varint();
    return {
      bucket,
      count,
      sum: r.float(),
      min: r.float(),
      max: r.float(),
      last: r.float(),
      lastTs,
    };
  });
}

/**
 * Decodes a block (one segment or several) for the hour starting at `hour`: each minute once, in
 * time order, the segments merged in the order they were written.
 */
export function decodeMinuteBlock(hour: number, data: Uint8Array): MinuteRecord[] {
  const r = new ByteReader(data);
  const first = decodeSegment(hour, r);
  if (r.pos >= data.byteLength) return first;
  const byBucket = new Map(first.map((m) => [m.bucket, m]));
  while (r.pos < data.byteLength)
    for (const m of decodeSegment(hour, r)) {
      const there = byBucket.get(m.bucket);
      if (there) mergeMinute(there, m);
      else byBucket.set(m.bucket, m);
    }
  return [...byBucket.values()].sort((a, b) => a.bucket - b.bucket);
}

/** One segment, from the reader's position to the segment's end. */
function decodeSegment(hour: number, r: ByteReader): MinuteRecord[] {
  if (r.peek() === QUICK_SEGMENT) {
    r.byte();
    return decodeQuickSegment(hour, r);
  }
  const n = r.varint();
  if (n > 60) throw new Error('minute block: more than 60 minutes');
  const map = Array.from({ length: 8 }, () => r.byte());
  const buckets: number[] = [];
  for (let i = 0; i < 60; i++)
    if (map[i >> 3]! & (1 << (i & 7))) buckets.push(hour + i * MINUTE_MS);
  if (buckets.length !== n) throw new Error('minute block: minute map and count disagree');
  const counts = readInts(r, n);
  const [sums, mins, maxs, lasts] = [0, 1, 2, 3].map(() => readFloats(r, n));
  const offsets = readInts(r, n);
  return buckets.map((bucket, i) => ({
    bucket,
    count: counts[i]!,
    sum: sums![i]!,
    min: mins![i]!,
    max: maxs![i]!,
    last: lasts![i]!,
    lastTs: bucket + offsets[i]!,
  }));
}

/** Merges a minute's new aggregate into what the minute held (the roll-up's upsert rule). */
export function mergeMinute(into: MinuteRecord, add: MinuteRecord): void {
  into.count += add.count;
  into.sum += add.sum;
  into.min = Math.min(into.min, add.min);
  into.max = Math.max(into.max, add.max);
  if (add.lastTs >= into.lastTs) {
    into.last = add.last;
    into.lastTs = add.lastTs;
  }
}

/** The hour a bucket belongs to. */
export const hourOf = (t: number) => t - (((t % HOUR_MS) + HOUR_MS) % HOUR_MS);
