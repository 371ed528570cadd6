// The compact telemetry frame (feature `telemetry_columns`): one binary websocket message per batch,
// a short JSON head and three columns, so the console neither parses nor validates an object per
// sample. Series are named once per session in a dictionary (id → metric and labels) that the head
// extends whenever a batch brings new series; both sides start it empty at each console hello.
//
// Layout, little-endian: "MQTC" | u32 head length | head JSON | spaces to a multiple of 8 |
// count × f64 value | count × i32 series id | count × i32 milliseconds after head.t0.
// Values may be any finite double or NaN (a stale marker); ±Infinity is refused.
import { z } from 'zod';
import { DriftWindowsSchema, type DriftWindow } from './drift.ts';
import { AgentEventSchema, MAX_FRAME_BYTES, type AgentEvent, type Sample } from './index.ts';

const MAGIC = 0x4354514d; // "MQTC" read as a little-endian u32
const FIXED = 8;
/** Most samples (and most new series) one frame may carry, as for the JSON frame. */
export const MAX_COLUMN_SAMPLES = 20_000;
/** Most series one dictionary may name; an agent past it sends JSON frames. */
export const MAX_SESSION_SERIES = 1_000_000;
const MAX_OFFSET = 0x7fffffff;

const labels = z.record(z.string().max(128), z.string().max(1024));
const SeriesDefSchema = z.tuple([
  z.number().int().min(1).max(MAX_OFFSET),
  z.string().min(1).max(200),
  labels,
]);
export type SeriesDef = z.infer<typeof SeriesDefSchema>;

const HeadSchema = z.object({
  epoch: z.string().min(1).max(128),
  seq: z.number().int().positive(),
  count: z.number().int().nonnegative().max(MAX_COLUMN_SAMPLES),
  t0: z.number().int().nonnegative(),
  series: z.array(SeriesDefSchema).max(MAX_COLUMN_SAMPLES).default([]),
  events: z.array(AgentEventSchema).max(1000).default([]),
  drift: DriftWindowsSchema.optional(),
});

/** The decoded batch: as the JSON telemetry frame, its samples sharing their series' labels. */
export interface ColumnsTelemetry {
  type: 'telemetry';
  epoch: string;
  seq: number;
  samples: Sample[];
  events: AgentEvent[];
  drift?: DriftWindow[];
}

export type ColumnsDecodeResult =
  { ok: true; frame: ColumnsTelemetry } | { ok: false; reason: string };

/** Whether the platform stores typed arrays little-endian (the wire order); peers that do not never offer the feature. */
export const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Whether a binary message is a compact telemetry frame (rather than a JSON frame sent as binary). */
export function isColumnsFrame(data: Uint8Array): boolean {
  return (
    data.byteLength >= FIXED &&
    new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true) === MAGIC
  );
}

/** One batch's samples as columns: values, series ids and milliseconds after t0. */
export interface Columns {
  t0: number;
  values: Float64Array;
  ids: Int32Array;
  offsets: Int32Array;
}

export interface ColumnsInput extends Columns {
  epoch: string;
  seq: number;
  /** Series first used in this session by this batch. */
  series: readonly SeriesDef[];
  events: readonly AgentEvent[];
  drift?: readonly DriftWindow[];
}

/**
 * A batch's samples as columns, each series numbered by `idOf` (null: the dictionary is full). Null
 * when the batch cannot go as columns: its timestamps lie more than 24 days apart, or `idOf` failed.
 */
export function columnsOf(
  samples: readonly Sample[],
  idOf: (sample: Sample) => number | null,
): Columns | null {
  const count = samples.length;
  let t0 = count === 0 ? 0 : Number.POSITIVE_INFINITY;
  let tMax = count === 0 ? 0 : Number.NEGATIVE_INFINITY;
  for (const s of samples) {
    if (s.tsMs < t0) t0 = s.tsMs;
    if (s.tsMs > tMax) tMax = s.tsMs;
  }
  if (tMax - t0 > MAX_OFFSET) return null;
  const values = new Float64Array(count);
  const ids = new Int32Array(count);
  const offsets = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const s = samples[i]!;
    const id = idOf(s);
    if (id === null) return null;
    values[i] = s.value;
    ids[i] = id;
    offsets[i] = s.tsMs - t0;
  }
  return { t0, values, ids, offsets };
}

/** The columns block of a frame: values, then ids, then offsets. */
export function columnsBytes({ values, ids, offsets }: Columns): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(16 * n);
  out.set(new Uint8Array(values.buffer, values.byteOffset, 8 * n));
  out.set(new Uint8Array(ids.buffer, ids.byteOffset, 4 * n), 8 * n);
  out.set(new Uint8Array(offsets.buffer, offsets.byteOffset, 4 * n), 12 * n);
  return out;
}

/** Reads a columns block of `count` samples (copied when it is not 8-byte aligned). */
export function readColumns(block: Uint8Array, count: number, t0: number): Columns {
  const bytes = block.byteOffset % 8 === 0 ? block : new Uint8Array(block);
  return {
    t0,
    values: new Float64Array(bytes.buffer, bytes.byteOffset, count),
    ids: new Int32Array(bytes.buffer, bytes.byteOffset + 8 * count, count),
    offsets: new Int32Array(bytes.buffer, bytes.byteOffset + 12 * count, count),
  };
}

/** A frame from its head (JSON text) and its columns block. */
export function columnsFrame(head: string, block: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(head);
  const start = align8(FIXED + text.length);
  const out = new Uint8Array(start + block.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, text.length, true);
  out.set(text, FIXED);
  out.fill(0x20, FIXED + text.length, start);
  out.set(block, start);
  return out;
}

/** Builds one compact frame; the caller keeps the columns equally long. */
export function encodeColumns(input: ColumnsInput): Uint8Array {
  const head = JSON.stringify({
    epoch: input.epoch,
    seq: input.seq,
    count: input.values.length,
    t0: input.t0,
    series: input.series,
    events: input.events,
    ...(input.drift ? { drift: input.drift } : {}),
  });
  return columnsFrame(head, columnsBytes(input));
}

/**
 * The console's side of one session: checks a compact frame strictly (layout, lengths, known
 * series, values, size) and extends the dictionary only when the whole frame is good. Never throws.
 */
export class ColumnsDecoder {
  private readonly series = new Map<number, { metric: string; labels: Record<string, string> }>();

  get size(): number {
    return this.series.size;
  }

  decode(data: Uint8Array): ColumnsDecodeResult {
    const fail = (reason: string): ColumnsDecodeResult => ({
      ok: false,
      reason: `invalid compact telemetry frame: ${reason}`,
    });
    if (data.byteLength > MAX_FRAME_BYTES)
      return fail(`${data.byteLength} bytes exceeds ${MAX_FRAME_BYTES}`);
    if (!isColumnsFrame(data)) return fail('it does not start with "MQTC"');
    const headLength = new DataView(data.buffer, data.byteOffset).getUint32(4, true);
    if (FIXED + headLength > data.byteLength)
      return fail(`its head of ${headLength} bytes runs past the end of the frame`);
    let json: unknown;
    try {
      json = JSON.parse(
        new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(FIXED, FIXED + headLength)),
      );
    } catch (error) {
      return fail(`head is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = HeadSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? i.path.join('.') : 'head'}: ${i.message}`)
        .join('; ');
      return fail(`head: ${issues}`);
    }
    const head = parsed.data;
    const start = align8(FIXED + headLength);
    if (data.byteLength !== start + 16 * head.count)
      return fail(
        `${data.byteLength} bytes, but a head of ${headLength} bytes and ${head.count} samples make ${start + 16 * head.count}`,
      );
    const fresh = new Map<number, { metric: string; labels: Record<string, string> }>();
    for (const [id, metric, labels] of head.series) {
      const known = this.series.get(id) ?? fresh.get(id);
      if (known && (known.metric !== metric || !sameLabels(known.labels, labels)))
        return fail(`series id ${id} is already ${known.metric}, not ${metric}`);
      // Frozen: every sample of the series shares this object, and the console keys caches on it.
      if (!known) fresh.set(id, { metric, labels: Object.freeze(labels) });
    }
    if (this.series.size + fresh.size > MAX_SESSION_SERIES)
      return fail(`the session would name more than ${MAX_SESSION_SERIES} series`);
    const n = head.count;
    const { values, ids, offsets } = readColumns(data.subarray(start), n, head.t0);
    const samples = new Array<Sample>(n);
    for (let i = 0; i < n; i++) {
      const def = this.series.get(ids[i]!) ?? fresh.get(ids[i]!);
      if (!def) return fail(`sample ${i}: series id ${ids[i]} was never named in this session`);
      const value = values[i]!;
      if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY)
        return fail(`sample ${i}: value ${value} is not finite (NaN is allowed)`);
      const tsMs = head.t0 + offsets[i]!;
      if (offsets[i]! < 0 || !Number.isSafeInteger(tsMs))
        return fail(`sample ${i}: timestamp offset ${offsets[i]} is negative`);
      samples[i] = { metric: def.metric, labels: def.labels, value, tsMs };
    }
    for (const [id, def] of fresh) this.series.set(id, def);
    return {
      ok: true,
      frame: {
        type: 'telemetry',
        epoch: head.epoch,
        seq: head.seq,
        samples,
        events: head.events,
        ...(head.drift ? { drift: head.drift } : {}),
      },
    };
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
