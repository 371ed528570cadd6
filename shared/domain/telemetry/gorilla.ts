// Gorilla chunk encoding (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time Series
// Database", VLDB 2015), the format Prometheus also uses for its chunks:
// - timestamps (integer milliseconds, strictly increasing) as delta-of-delta in variable-width buckets:
//   '0' (same delta), '10' + 5 bits, '110' + 10 bits, '1110' + 20 bits, '1111' + sign + 53 bits
//   (narrower buckets than Gorilla's second-resolution ones: agents' millisecond clocks jitter a little);
// - values (any float64, NaN payloads, ±Inf and -0 bit for bit) XOR-ed with the previous value:
//   '0' (same bits), '10' + the meaningful bits inside the previous window, or '11' + 5 bits of
//   leading zeros + 6 bits of length + the meaningful bits.
// A chunk starts with its sample count (16 bits), then the first timestamp and value in full.
// Pure: no node:, no DOM. Regular real-shaped telemetry costs about 1–2 bytes per sample.
// The readers also take a closed chunk re-encoded in the compact layout (compactChunk.ts).

import { compactCount, forEachCompactSample, isCompactChunk } from './compactChunk.ts';

/** The most samples one chunk can hold (its count is 16 bits). */
export const MAX_CHUNK_SAMPLES = 0xffff;

const TWO_32 = 2 ** 32;
const scratch = new DataView(new ArrayBuffer(8));

/** Writes bits most significant first into a growing byte array. */
class BitWriter {
  buf: Uint8Array;
  bits = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(8, capacity));
  }

  /** Writes the low `n` (0–32) bits of `v`. */
  write(v: number, n: number): void {
    if (n === 0) return;
    if ((this.bits + n + 7) >> 3 > this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2 + 8);
      grown.set(this.buf);
      this.buf = grown;
    }
    let left = n;
    while (left > 0) {
      const free = 8 - (this.bits & 7);
      const take = free < left ? free : left;
      const chunk = (v >>> (left - take)) & ((1 << take) - 1);
      this.buf[this.bits >> 3]! |= chunk << (free - take);
      this.bits += take;
      left -= take;
    }
  }

  /** Writes the low `n` (0–64) bits of the 64-bit number hi:lo. */
  write64(hi: number, lo: number, n: number): void {
    if (n > 32) {
      this.write(hi, n - 32);
      this.write(lo, 32);
    } else this.write(lo, n);
  }
}

/** Reads bits most significant first. */
class BitReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  read(n: number): number {
    if (this.pos + n > this.buf.length * 8) throw new RangeError('chunk is truncated');
    let v = 0;
    let left = n;
    while (left > 0) {
      const avail = 8 - (this.pos & 7);
      const take = avail < left ? avail : left;
      const byte = this.buf[this.pos >> 3]!;
      const chunk = (byte >>> (avail - take)) & ((1 << take) - 1);
      v = (v * (1 << take) + chunk) >>> 0;
      this.pos += take;
      left -= take;
    }
    return v;
  }

  bit(): number {
    return this.read(1);
  }
}

const leadingZeros = (hi: number, lo: number) => (hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo));

function trailingZeros(hi: number, lo: number): number {
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  return 32 + (31 - Math.clz32(hi & -hi));
}

/** hi:lo shifted right by `s` (0–63) bits, as [hi, lo]. */
function shiftRight(hi: number, lo: number, s: number): [number, number] {
  if (s === 0) return [hi >>> 0, lo >>> 0];
  if (s >= 32) return [0, hi >>> (s - 32)];
  return [hi >>> s, ((lo >>> s) | (hi << (32 - s))) >>> 0];
}

/** hi:lo shifted left by `s` (0–63) bits, as [hi, lo]. */
function shiftLeft(hi: number, lo: number, s: number): [number, number] {
  if (s === 0) return [hi >>> 0, lo >>> 0];
  if (s >= 32) return [(lo << (s - 32)) >>> 0, 0];
  return [((hi << s) | (lo >>> (32 - s))) >>> 0, (lo << s) >>> 0];
}

// Delta-of-delta buckets: [prefix bits, prefix length, value bits].
const DOD_BUCKETS: readonly [number, number, number][] = [
  [0b10, 2, 5],
  [0b110, 3, 10],
  [0b1110, 4, 20],
];
const HUGE_PREFIX = 0b1111;

function checkTimestamp(tsMs: number): void {
  if (!Number.isSafeInteger(tsMs) || tsMs < 0)
    throw new RangeError(`timestamp ${tsMs} is not a non-negative integer of milliseconds`);
}

/** Appends samples to one open chunk; `bytes()` is the chunk as stored. */
export class ChunkAppender {
  private readonly w: BitWriter;
  private n = 0;
  private first = 0;
  private prevTs = 0;
  private prevDelta = 0;
  private prevHi = 0;
  private prevLo = 0;
  private leading = 0xff;
  private trailing = 0;

  constructor(capacityBytes = 64) {
    this.w = new BitWriter(capacityBytes);
    this.w.write(0, 16); // the count, filled in by bytes()
  }

  get count(): number {
    return this.n;
  }

  /** The first sample's timestamp (NaN while empty). */
  get firstTs(): number {
    return this.n === 0 ? Number.NaN : this.first;
  }

  /** The newest sample's timestamp (NaN while empty). */
  get lastTs(): number {
    return this.n === 0 ? Number.NaN : this.prevTs;
  }

  /** Encoded size so far, in bytes. */
  get size(): number {
    return (this.w.bits + 7) >> 3;
  }

  /** Appends a sample; its timestamp must be later than the previous one's. */
  append(tsMs: number, value: number): void {
    checkTimestamp(tsMs);
    if (this.n >= MAX_CHUNK_SAMPLES) throw new RangeError('chunk is full');
    if (this.n > 0 && tsMs <= this.prevTs)
      throw new RangeError(
        `timestamp ${tsMs} is not after the chunk's last (${this.prevTs}): samples must be appended in time order`,
      );
    scratch.setFloat64(0, value);
    const hi = scratch.getUint32(0);
    const lo = scratch.getUint32(4);
    const w = this.w;
    if (this.n === 0) {
      w.write(Math.floor(tsMs / TWO_32), 21);
      w.write(tsMs >>> 0, 32);
      w.write(hi, 32);
      w.write(lo, 32);
      this.first = tsMs;
    } else {
      const delta = tsMs - this.prevTs;
      this.writeDod(delta - this.prevDelta);
      this.prevDelta = delta;
      this.writeValue(hi, lo);
    }
    this.prevTs = tsMs;
    this.prevHi = hi;
    this.prevLo = lo;
    this.n++;
  }

  private writeDod(dod: number): void {
    const w = this.w;
    if (dod === 0) {
      w.write(0, 1);
      return;
    }
    for (const [prefix, len, bits] of DOD_BUCKETS) {
      const half = 2 ** (bits - 1);
      if (dod >= -half + 1 && dod <= half) {
        w.write(prefix, len);
        // Two's complement in `bits` bits.
        w.write(dod < 0 ? dod + 2 * half : dod, bits);
        return;
      }
    }
    // A huge gap: sign and 53-bit magnitude (deltas are safe integers).
    const mag = Math.abs(dod);
    w.write(HUGE_PREFIX, 4);
    w.write(dod < 0 ? 1 : 0, 1);
    w.write(Math.floor(mag / TWO_32), 21);
    w.write(mag >>> 0, 32);
  }

  private writeValue(hi: number, lo: number): void {
    const w = this.w;
    const xh = (hi ^ this.prevHi) >>> 0;
    const xl = (lo ^ this.prevLo) >>> 0;
    if (xh === 0 && xl === 0) {
      w.write(0, 1);
      return;
    }
    let lead = leadingZeros(xh, xl);
    const trail = trailingZeros(xh, xl);
    if (lead > 31) lead = 31; // 5 bits
    if (this.leading !== 0xff && lead >= this.leading && trail >= this.trailing) {
      w.write(0b10, 2);
      const [mh, ml] = shiftRight(xh, xl, this.trailing);
      w.write64(mh, ml, 64 - this.leading - this.trailing);
      return;
    }
    this.leading = lead;
    this.trailing = trail;
    const sig = 64 - lead - trail;
    w.write(0b11, 2);
    w.write(lead, 5);
    w.write(sig & 63, 6); // 64 is written as 0
    const [mh, ml] = shiftRight(xh, xl, trail);
    w.write64(mh, ml, sig);
  }

  /** The chunk as stored: a copy, so appending may go on. */
  bytes(): Uint8Array {
    const out = this.w.buf.slice(0, this.size);
    out[0] = this.n >>> 8;
    out[1] = this.n & 0xff;
    return out;
  }
}

/** The number of samples in an encoded chunk. */
export function chunkCount(data: Uint8Array): number {
  if (data.length < 2) throw new RangeError('chunk is truncated');
  if (isCompactChunk(data)) return compactCount(data);
  return (data[0]! << 8) | data[1]!;
}

/** Calls `visit` with each sample of an encoded chunk, in time order. */
export function forEachSample(
  data: Uint8Array,
  visit: (tsMs: number, value: number) => void,
): void {
  if (isCompactChunk(data)) return forEachCompactSample(data, visit);
  const r = new BitReader(data);
  const n = r.read(16);
  if (n === 0) return;
  let ts = r.read(21) * TWO_32 + r.read(32);
  let hi = r.read(32);
  let lo = r.read(32);
  let delta = 0;
  let leading = 0;
  let trailing = 0;
  scratch.setUint32(0, hi);
  scratch.setUint32(4, lo);
  visit(ts, scratch.getFloat64(0));
  for (let i = 1; i < n; i++) {
    delta += readDod(r);
    ts += delta;
    if (r.bit() === 1) {
      if (r.bit() === 1) {
        leading = r.read(5);
        const sig = r.read(6) || 64;
        trailing = 64 - leading - sig;
      }
      const sig = 64 - leading - trailing;
      const mh = sig > 32 ? r.read(sig - 32) : 0;
      const ml = r.read(sig > 32 ? 32 : sig);
      const [xh, xl] = shiftLeft(mh, ml, trailing);
      hi = (hi ^ xh) >>> 0;
      lo = (lo ^ xl) >>> 0;
    }
    scratch.setUint32(0, hi);
    scratch.setUint32(4, lo);
    visit(ts, scratch.getFloat64(0));
  }
}

function readDod(r: BitReader): number {
  // The prefix is up to four bits: the number of 1s before a 0 picks the bucket; four 1s, a huge gap.
  let ones = 0;
  while (ones < 4 && r.bit() === 1) ones++;
  if (ones === 0) return 0;
  if (ones < 4) {
    const bits = DOD_BUCKETS[ones - 1]![2];
    const v = r.read(bits);
    const half = 2 ** (bits - 1);
    return v > half ? v - 2 * half : v;
  }
  const negative = r.bit() === 1;
  const mag = r.read(21) * TWO_32 + r.read(32);
  return negative ? -mag : mag;
}

/** Decodes a whole chunk into parallel arrays. */
export function decodeChunk(data: Uint8Array): { ts: number[]; values: number[] } {
  const ts: number[] = [];
  const values: number[] = [];
  forEachSample(data, (t, v) => {
    ts.push(t);
    values.push(v);
  });
  return { ts, values };
}
