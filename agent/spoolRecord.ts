// A spooled batch as columns, laid out so the compact wire frame is its JSON head plus the record's
// columns block copied as is: 0x01 | u32 meta length | meta JSON {count, t0, events, drift} |
// spaces to a multiple of 8 | the columns block (shared/agent-protocol/columns.ts). A record that
// starts with '{' is the JSON {samples, events, drift} of older agents and of batches columns cannot
// carry; it goes to the console as a JSON frame.
import {
  columnsBytes,
  columnsFrame,
  readColumns,
  type Columns,
  type SeriesDef,
} from '../shared/agent-protocol/columns.ts';
import type { DriftWindow } from '../shared/agent-protocol/drift.ts';
import { MAX_FRAME_BYTES, type AgentEvent, type Sample } from '../shared/agent-protocol/index.ts';
import type { SpoolSeries } from './spoolSeries.ts';

const COLUMNS_KIND = 0x01;
const FIXED = 5;

export interface BatchContents {
  samples: Sample[];
  events: AgentEvent[];
  drift?: DriftWindow[];
}

interface Meta {
  count: number;
  t0: number;
  events: AgentEvent[];
  drift?: DriftWindow[];
}

export function columnsRecord(columns: Columns, batch: BatchContents): Buffer {
  const meta = Buffer.from(
    JSON.stringify({
      count: columns.values.length,
      t0: columns.t0,
      events: batch.events,
      ...(batch.drift ? { drift: batch.drift } : {}),
    }),
  );
  const start = (FIXED + meta.length + 7) & ~7;
  const block = columnsBytes(columns);
  const record = Buffer.allocUnsafe(start + block.length);
  record[0] = COLUMNS_KIND;
  record.writeUInt32LE(meta.length, 1);
  meta.copy(record, FIXED);
  record.fill(0x20, FIXED + meta.length, start);
  record.set(block, start);
  return record;
}

function parts(payload: Buffer): { metaText: string; meta: Meta; block: Buffer } {
  const length = payload.readUInt32LE(1);
  const metaText = payload.toString('utf8', FIXED, FIXED + length);
  return {
    metaText,
    meta: JSON.parse(metaText) as Meta,
    block: payload.subarray((FIXED + length + 7) & ~7),
  };
}

/** A record's batch with every sample spelled out (for a console that takes JSON frames). */
export function recordContents(payload: Buffer, series: SpoolSeries): BatchContents {
  if (payload[0] !== COLUMNS_KIND) return JSON.parse(payload.toString('utf8')) as BatchContents;
  const { meta, block } = parts(payload);
  const { values, ids, offsets } = readColumns(block, meta.count, meta.t0);
  const samples = Array.from(values, (value, i): Sample => {
    const def = series.def(ids[i]!);
    if (!def) throw new Error(`spool record names series ${ids[i]}, which the spool never named`);
    return { metric: def[1], labels: def[2], value, tsMs: meta.t0 + offsets[i]! };
  });
  return { samples, events: meta.events, ...(meta.drift ? { drift: meta.drift } : {}) };
}

/** The compact frame for a record, naming what `named` lacks; null for a JSON record or an oversized frame. */
export function recordColumnsFrame(
  batch: { seq: number; payload: Buffer },
  epoch: string,
  series: SpoolSeries,
  named: Set<number>,
): Uint8Array | null {
  if (batch.payload[0] !== COLUMNS_KIND) return null;
  const { metaText, meta, block } = parts(batch.payload);
  const { ids } = readColumns(block, meta.count, meta.t0);
  const fresh: SeriesDef[] = [];
  const seen = new Set<number>();
  for (const id of ids) {
    if (named.has(id) || seen.has(id)) continue;
    const def = series.def(id);
    if (!def) throw new Error(`spool record names series ${id}, which the spool never named`);
    seen.add(id);
    fresh.push(def);
  }
  const head = `{"epoch":${JSON.stringify(epoch)},"seq":${batch.seq},"series":${JSON.stringify(fresh)},${metaText.slice(1)}`;
  const frame = columnsFrame(head, block);
  if (frame.byteLength > MAX_FRAME_BYTES) return null;
  for (const id of seen) named.add(id);
  return frame;
}
