// The sample log's row format: one group commit's samples in one blob, written in one statement and
// read back only after a crash. Each sample's series id and time are stored as the difference from
// the sample before (zigzag varints: a batch lists its series in order, mostly at one time, so each
// is a byte or two), its value as the 8 bytes of its float64 (exact bits: NaN payloads, -0). About
// 10 bytes a sample against 24 as three float64 columns: every logged byte is encrypted, written,
// checkpointed and read again when the log is cut, so the log's size is most of its cost.
//
//   0x02, varint count, then per sample: zigzag varint Δid, zigzag varint Δtime, float64 LE value
//
// A commit with a series id or time of 2^52 or more (zigzag would leave the safe integers; no real
// clock gets there) is written as 0x03 and three float64 columns (count × 24 bytes). Rows of the
// earlier format (the columns alone) are still read after an upgrade: their first byte is the low
// byte of a series id (a row id, far under 2^45) as a float64, always 0x00.

const FORMAT = 0x02;
const COLUMNS = 0x03;
const value = new Float64Array(1);
const valueBytes = new Uint8Array(value.buffer);

/** Writes a non-negative safe integer as a varint at `at`; returns the position after it. */
function putVarint(out: Uint8Array, at: number, n: number): number {
  while (n >= 0x80) {
    out[at++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  out[at++] = n;
  return at;
}

const zigzag = (d: number) => (d >= 0 ? 2 * d : -2 * d - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** Encodes parts of a commit (sample i of a part belongs to series ids[i]). */
export function encodeLog(
  parts: readonly { ids: readonly number[]; samples: readonly { tsMs: number; value: number }[] }[],
): { count: number; data: Uint8Array } {
  const count = parts.reduce((n, p) => n + p.samples.length, 0);
  if (!parts.every(inVarintRange)) return encodeColumns(parts, count);
  // At most 8 bytes per varint of a safe integer's zigzag (2^54 > 7 × 7 bits), plus the value.
  const out = new Uint8Array(11 + count * 24);
  out[0] = FORMAT;
  let at = putVarint(out, 1, count);
  let lastId = 0;
  let lastTs = 0;
  for (const { ids, samples } of parts)
    for (let j = 0; j < samples.length; j++) {
      const id = ids[j]!;
      const s = samples[j]!;
      at = putVarint(out, at, zigzag(id - lastId));
      at = putVarint(out, at, zigzag(s.tsMs - lastTs));
      lastId = id;
      lastTs = s.tsMs;
      value[0] = s.value;
      for (let k = 0; k < 8; k++) out[at++] = valueBytes[k]!;
    }
  return { count, data: out.subarray(0, at) };
}

const VARINT_LIMIT = 2 ** 52;

function inVarintRange(part: {
  ids: readonly number[];
  samples: readonly { tsMs: number }[];
}): boolean {
  for (let j = 0; j < part.samples.length; j++)
    if (!(part.ids[j]! < VARINT_LIMIT && part.samples[j]!.tsMs < VARINT_LIMIT)) return false;
  return true;
}

/** 0x03, then series ids, times and values as three float64 columns. */
function encodeColumns(
  parts: readonly { ids: readonly number[]; samples: readonly { tsMs: number; value: number }[] }[],
  count: number,
): { count: number; data: Uint8Array } {
  const cols = new Float64Array(1 + count * 3);
  const at = 1; // float64 0 holds the marker byte, so the columns stay aligned
  let i = 0;
  for (const { ids, samples } of parts)
    for (let j = 0; j < samples.length; j++, i++) {
      cols[at + i] = ids[j]!;
      cols[at + count + i] = samples[j]!.tsMs;
      cols[at + 2 * count + i] = samples[j]!.value;
    }
  const data = new Uint8Array(cols.buffer);
  data[7] = COLUMNS;
  return { count, data: data.subarray(7) };
}

/** Calls `visit` with each logged sample, in the order it was committed. */
export function decodeLog(
  data: Uint8Array,
  visit: (seriesId: number, tsMs: number, value: number) => void,
): void {
  if (data[0] === COLUMNS) return decodeColumns(data.subarray(1), visit);
  if (data[0] !== FORMAT) return decodeColumns(data, visit);
  let at = 1;
  const varint = (): number => {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (at >= data.length) throw new RangeError('sample log row is truncated');
      const b = data[at++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  };
  const count = varint();
  let id = 0;
  let ts = 0;
  for (let i = 0; i < count; i++) {
    id += unzigzag(varint());
    ts += unzigzag(varint());
    if (at + 8 > data.length) throw new RangeError('sample log row is truncated');
    for (let k = 0; k < 8; k++) valueBytes[k] = data[at++]!;
    visit(id, ts, value[0]!);
  }
}

/** Reads three float64 columns (series ids, times, values). */
function decodeColumns(
  data: Uint8Array,
  visit: (seriesId: number, tsMs: number, value: number) => void,
): void {
  if (data.byteLength % 24 !== 0) throw new RangeError('sample log row is truncated');
  // A copy: a blob read from the store need not be aligned for a Float64Array view.
  const cols = new Float64Array(new Uint8Array(data).buffer);
  const count = cols.length / 3;
  for (let i = 0; i < count; i++) visit(cols[i]!, cols[count + i]!, cols[2 * count + i]!);
}
