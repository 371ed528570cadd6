// A closed chunk stored compactly: Gorilla's XOR of two decimals (204.33 then 204.71) keeps most
// mantissa bits, so a chunk that is about to be written for good is re-encoded as decimal columns
// (decimalColumns.ts) when that is smaller: timestamps as runs of deltas of deltas (a steady
// scrape interval costs a few bytes a chunk, jitter a byte a sample), values as scaled decimal integers.
// Layout: 0x00 0x00 (where a Gorilla chunk has its sample count, never 0 with bytes after it),
// a format byte (1), the sample count as a varint, the timestamp column, the value column.
// Lossless for any float64 but NaN (a chunk holding one stays Gorilla). Pure: no node:, no DOM.
import {
  ByteReader,
  ByteWriter,
  readFloats,
  readInts,
  writeFloats,
  writeInts,
} from './decimalColumns.ts';

const FORMAT = 1;
/** Timestamps stay below this so their deltas and zig-zags are exact doubles. */
const MAX_TS = 2 ** 48;

/** Whether an encoded chunk is in the compact layout (else it is a Gorilla chunk). */
export function isCompactChunk(data: Uint8Array): boolean {
  return data.length > 2 && data[0] === 0 && data[1] === 0;
}

/**
 * Encodes samples (timestamps strictly increasing integers) compactly; null when they cannot be
 * (an empty chunk, timestamps outside ±2^48 ms, or a NaN: JavaScript arrays of numbers may
 * drop a NaN's payload, which the Gorilla encoding keeps), so the caller keeps its Gorilla encoding.
 */
export function encodeCompactChunk(
  ts: readonly number[],
  values: readonly number[],
): Uint8Array | null {
  if (ts.length === 0 || ts.length !== values.length || values.some(Number.isNaN)) return null;
  for (let i = 0; i < ts.length; i++)
    if (!Number.isInteger(ts[i]) || Math.abs(ts[i]!) >= MAX_TS || (i > 0 && ts[i]! <= ts[i - 1]!))
      return null;
  const w = new ByteWriter();
  w.byte(0);
  w.byte(0);
  w.byte(FORMAT);
  w.varint(ts.length);
  writeInts(w, ts, 2);
  writeFloats(w, values);
  return w.bytes();
}

function header(data: Uint8Array): { r: ByteReader; n: number } {
  const r = new ByteReader(data);
  r.pos = 2;
  const format = r.byte();
  if (format !== FORMAT) throw new Error(`compact chunk: unknown format ${format}`);
  return { r, n: r.varint() };
}

/** The number of samples in a compact chunk. */
export function compactCount(data: Uint8Array): number {
  return header(data).n;
}

/** Calls `visit` with each sample of a compact chunk, in time order. */
export function forEachCompactSample(
  data: Uint8Array,
  visit: (tsMs: number, value: number) => void,
): void {
  const { r, n } = header(data);
  const ts = readInts(r, n, 2);
  const values = readFloats(r, n);
  for (let i = 0; i < n; i++) visit(ts[i]!, values[i]!);
}
