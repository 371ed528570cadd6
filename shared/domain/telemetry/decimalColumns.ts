// Columns of numbers as compact bytes, for the roll-up blocks and closed raw chunks:
// - integers as runs of equal deltas (or deltas of deltas), zig-zag varints, so a constant or
//   evenly growing column (sample counts, regular timestamps) costs a few bytes, or as their
//   deltas bit-packed at one width when that is shorter (noisy readings);
// - floats as decimal integers when they are decimals (telemetry mostly is: 204.33 W, 13 %,
//   1980 MHz): the smallest power of ten e (0–9) that turns them into integers, then those integers
//   as above; a value the scaled integer does not give back bit for bit (a sum's rounding, NaN,
//   ±Inf, -0, a huge value) carries a correction of its low 32 bits, or its 8 bytes in full.
// Lossless for any float64; a NaN comes back as NaN, though not always with its payload (arrays of
// numbers may drop it). Pure: no node:, no DOM.

const MAX_SCALE = 9;
/** Scaled integers stay below this, so their deltas and zig-zags are exact doubles. */
const MAX_SCALED = 2 ** 48;
const TWO_32 = 2 ** 32;
/** Widest bit-packed step: acc stays below 2^53 (width + 7 bits). */
const MAX_PACKED_BITS = 40;

export class ByteWriter {
  private buf = new Uint8Array(64);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    grown.set(this.buf);
    this.buf = grown;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  /** A non-negative integer up to 2^53, 7 bits a byte. */
  varint(v: number): void {
    while (v >= 128) {
      this.byte((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    this.byte(v);
  }

  float(v: number): void {
    this.room(8);
    new DataView(this.buf.buffer).setFloat64(this.length, v);
    this.length += 8;
  }

  append(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.buf.length) throw new Error('compact columns: truncated');
    return this.buf[this.pos++]!;
  }

  varint(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      v += (b & 127) * scale;
      if (b < 128) return v;
      scale *= 128;
    }
  }

  float(): number {
    if (this.pos + 8 > this.buf.length) throw new Error('compact columns: truncated');
    const v = new DataView(this.buf.buffer, this.buf.byteOffset).getFloat64(this.pos);
    this.pos += 8;
    return v;
  }
}

const zigzag = (d: number) => (d < 0 ? -2 * d - 1 : 2 * d);
const unzigzag = (z: number) => (z % 2 === 1 ? -(z + 1) / 2 : z / 2);

/** Runs of equal steps: a varint token (zig-zag step × 2, plus 1 for a longer run) and its length − 2. */
function runsBytes(xs: readonly number[]): ByteWriter {
  const w = new ByteWriter();
  let prev = 0;
  let i = 0;
  while (i < xs.length) {
    const d = xs[i]! - prev;
    let run = 1;
    while (i + run < xs.length && xs[i + run]! - xs[i + run - 1]! === d) run++;
    w.varint(zigzag(d) * 2 + (run > 1 ? 1 : 0));
    if (run > 1) w.varint(run - 2);
    prev = xs[i + run - 1]!;
    i += run;
  }
  return w;
}

/** The first value as a varint, then every later step's zig-zag in the same number of bits. */
function packedBytes(xs: readonly number[]): ByteWriter | null {
  const zs = xs.slice(1).map((x, i) => zigzag(x - xs[i]!));
  const width = Math.max(0, ...zs.map((z) => Math.ceil(Math.log2(z + 1))));
  if (width > MAX_PACKED_BITS) return null;
  const w = new ByteWriter();
  w.varint(zigzag(xs[0]!));
  w.byte(width);
  let acc = 0;
  let bits = 0;
  for (const z of zs) {
    acc = acc * 2 ** width + z;
    bits += width;
    while (bits >= 8) {
      bits -= 8;
      const byte = Math.floor(acc / 2 ** bits);
      w.byte(byte);
      acc -= byte * 2 ** bits;
    }
  }
  if (bits > 0) w.byte(acc * 2 ** (8 - bits));
  return w;
}

/**
 * Integers, in whichever of two layouts is shorter (a leading byte says which): runs of equal steps
 * (a constant or evenly growing column costs a few bytes), or the steps bit-packed at one width
 * (a noisy reading costs its noise's bits). With `order` 2 the steps are taken over the deltas
 * (delta-of-delta), which suits timestamps that jitter around an interval.
 */
export function writeInts(w: ByteWriter, ints: readonly number[], order: 1 | 2 = 1): void {
  const xs = order === 1 ? ints : ints.map((v, i) => v - (i > 0 ? ints[i - 1]! : 0));
  const runs = runsBytes(xs);
  const packed = xs.length > 1 ? packedBytes(xs) : null;
  const [layout, body] = packed && packed.length < runs.length ? [1, packed] : [0, runs];
  w.byte(layout);
  w.append(body.bytes());
}

export function readInts(r: ByteReader, n: number, order: 1 | 2 = 1): number[] {
  const layout = r.byte();
  const out: number[] = [];
  if (layout === 0) {
    let prev = 0;
    while (out.length < n) {
      const token = r.varint();
      const d = unzigzag(Math.floor(token / 2));
      const run = token % 2 === 1 ? r.varint() + 2 : 1;
      if (out.length + run > n) throw new Error('compact columns: corrupt run');
      for (let k = 0; k < run; k++) out.push((prev += d));
    }
  } else if (layout === 1) {
    let prev = unzigzag(r.varint());
    out.push(prev);
    const width = r.byte();
    if (width > MAX_PACKED_BITS) throw new Error('compact columns: bad width');
    let acc = 0;
    let bits = 0;
    while (out.length < n) {
      while (bits < width) {
        acc = acc * 256 + r.byte();
        bits += 8;
      }
      bits -= width;
      const z = Math.floor(acc / 2 ** bits);
      acc -= z * 2 ** bits;
      out.push((prev += unzigzag(z)));
    }
  } else throw new Error(`compact columns: unknown layout ${layout}`);
  if (order === 2) for (let i = 1; i < n; i++) out[i]! += out[i - 1]!;
  return out;
}

const scratch = new DataView(new ArrayBuffer(16));

/** The low-word correction that turns `approx` into `v`: null when the high words differ. */
function lowCorrection(v: number, approx: number): number | null {
  scratch.setFloat64(0, v);
  scratch.setFloat64(8, approx);
  if (scratch.getUint32(0) !== scratch.getUint32(8)) return null;
  return (scratch.getUint32(4) ^ scratch.getUint32(12)) >>> 0;
}

function applyCorrection(approx: number, c: number): number {
  scratch.setFloat64(0, approx);
  scratch.setUint32(4, (scratch.getUint32(4) ^ c) >>> 0);
  return scratch.getFloat64(0);
}

const scaled = (v: number, e: number) => Math.round(v * 10 ** e);
const fits = (n: number) => Number.isFinite(n) && Math.abs(n) < MAX_SCALED;

/** The smallest scale at which every value is a decimal integer (within a low-word correction). */
function chooseScale(values: readonly number[]): number {
  for (let e = 0; e <= MAX_SCALE; e++)
    if (
      values.every((v) => fits(scaled(v, e)) && lowCorrection(v, scaled(v, e) / 10 ** e) !== null)
    )
      return e;
  return 0;
}

/**
 * A float column: scale, the scaled integers, then corrections as integers (0: exact; c + 1: XOR
 * the low word with c; for a value given in full, 2^32 + 1, its 8 bytes following the column).
 */
export function writeFloats(w: ByteWriter, values: readonly number[]): void {
  const e = chooseScale(values);
  const ints: number[] = [];
  const fixes: number[] = [];
  const full: number[] = [];
  let prev = 0;
  for (const v of values) {
    const n = scaled(v, e) + 0; // -0 would come back as 0: it is given in full
    const c = fits(n) ? lowCorrection(v, n / 10 ** e) : null;
    if (c === null) {
      ints.push(prev);
      fixes.push(TWO_32 + 1);
      full.push(v);
    } else {
      ints.push((prev = n));
      fixes.push(c === 0 ? 0 : c + 1);
    }
  }
  w.byte(e);
  writeInts(w, ints);
  writeInts(w, fixes);
  for (const v of full) w.float(v);
}

export function readFloats(r: ByteReader, n: number): number[] {
  const e = r.byte();
  if (e > MAX_SCALE) throw new Error('compact columns: bad scale');
  const ints = readInts(r, n);
  const fixes = readInts(r, n);
  return ints.map((k, i) => {
    const f = fixes[i]!;
    if (f === TWO_32 + 1) return r.float();
    const approx = k / 10 ** e;
    return f === 0 ? approx : applyCorrection(approx, f - 1);
  });
}
