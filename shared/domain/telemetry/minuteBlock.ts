// One series' 1-minute roll-ups for one hour as a compact block: the number of minutes, the minutes
// present (a 60-bit map), then one column each (decimalColumns.ts) for count, sum, min, max, last
// and the last sample's offset in its minute. Lossless for any float64 (a NaN stays NaN, its
// payload is not kept). Pure: no node:, no DOM.

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
  for (const r of sorted) {
    const i = (r.bucket - hour) / MINUTE_MS;
    if (!Number.isInteger(i) || i < 0 || i >= 60 || map[i >> 3]! & (1 << (i & 7)))
      throw new Error(`minute block: bucket ${r.bucket} is not a distinct minute of hour ${hour}`);
    map[i >> 3]! |= 1 << (i & 7);
  }
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

/** The number of minutes in a block, read from its first bytes. */
export function minuteBlockSize(data: Uint8Array): number {
  return new ByteReader(data).varint();
}

/** Decodes a block written by encodeMinuteBlock for the hour starting at `hour`, in time order. */
export function decodeMinuteBlock(hour: number, data: Uint8Array): MinuteRecord[] {
  const r = new ByteReader(data);
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
