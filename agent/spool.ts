// The bounded on-disk spool: every telemetry batch is written here (fsync'd) before it is sent, and
// stays until the console acks it, so a restart or a dead link loses nothing silently.
//
// One file: a header (magic, JSON {epoch, ackedSeq}) then records [len u32][crc32 u32][seq f64]
// [samples u32][payload]. A payload is the batch as columns (spoolRecord.ts; series named in
// spoolSeries.ts), or JSON {samples, events, drift} for a batch columns cannot carry and in a spool
// written by an older agent (magic MQSPOOL1, upgraded to MQSPOOL2 when opened). Acks and overflow drops both remove from the front, so the live records
// are always a contiguous tail; compaction copies that tail into a new file and renames it over.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
  fstatSync,
} from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { columnsOf } from '../shared/agent-protocol/columns.ts';
import type { DriftWindow } from '../shared/agent-protocol/drift.ts';
import type { AgentEvent, Sample } from '../shared/agent-protocol/index.ts';
import { silentLogger, type Logger } from './log.ts';
import {
  columnsRecord,
  recordColumnsFrame,
  recordContents,
  type BatchContents,
} from './spoolRecord.ts';
import { SpoolSeries } from './spoolSeries.ts';

export type { BatchContents } from './spoolRecord.ts';

const MAGIC = Buffer.from('MQSPOOL2');
/** Spools written by older agents hold JSON records only; their header is rewritten when opened. */
const OLD_MAGIC = Buffer.from('MQSPOOL1');
const RECORD_HEADER = 20;
const FILE = 'spool.dat';
/** Compaction waits until this much acked data has piled up, so acks stay cheap. */
const COMPACT_MIN_DEAD_BYTES = 1024 * 1024;
/** Overflow frees down to this fraction of maxBytes, so a full spool does not rewrite on every append. */
const OVERFLOW_TARGET = 0.9;
const COPY_CHUNK = 1024 * 1024;

export interface SpoolOptions {
  dir: string;
  maxBytes: number;
  /** fsync every append (default true); the simulator turns it off. */
  durable?: boolean;
  logger?: Logger;
  now?: () => number;
}

export interface SpooledBatch {
  seq: number;
  samples: number;
  /** The record as spooled: columns, or JSON from an older agent (see spoolRecord.ts). */
  payload: Buffer;
}

export interface GapDetails {
  fromSeq: number;
  toSeq: number;
  batches: number;
  samples: number;
}

interface RecordRef {
  seq: number;
  offset: number;
  length: number;
  samples: number;
}

export class SpoolError extends Error {
  override name = 'SpoolError';
}

export class Spool {
  private fd: number;
  private records: RecordRef[] = [];
  private series!: SpoolSeries;
  private fileSize = 0;
  private headerSize = 0;
  private lastSeq = 0;
  private acked = 0;
  private readonly path: string;
  private readonly durable: boolean;
  private readonly logger: Logger;
  private readonly now: () => number;

  private constructor(
    readonly epoch: string,
    private readonly options: SpoolOptions,
    fd: number,
  ) {
    this.fd = fd;
    this.path = join(options.dir, FILE);
    this.durable = options.durable ?? true;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** Opens the spool in dir, creating it (with a fresh epoch) if absent; a torn tail is cut off. */
  static open(options: SpoolOptions): Spool {
    if (options.maxBytes < 64 * 1024)
      throw new SpoolError(`spool maxBytes must be at least 65536 (got ${options.maxBytes})`);
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const path = join(options.dir, FILE);
    if (existsSync(path)) {
      const header = readHeader(path);
      if (header) {
        const spool = new Spool(header.epoch, options, openSync(path, 'r+'));
        spool.headerSize = header.size;
        spool.acked = header.ackedSeq;
        spool.lastSeq = header.ackedSeq;
        spool.recover();
        spool.series = SpoolSeries.open(options.dir, spool.epoch, spool.durable, spool.logger);
        if (header.isOld) spool.compact(null);
        return spool;
      }
      const aside = `${path}.corrupt-${Date.now()}`;
      renameSync(path, aside);
      (options.logger ?? silentLogger).error(
        'spool header unreadable; moved aside and starting a new epoch',
        { aside },
      );
    }
    const epoch = `ep_${randomBytes(12).toString('hex')}`;
    const spool = new Spool(
      epoch,
      options,
      writeFileAtomically(options.dir, path, [headerBuffer(epoch, 0)], null),
    );
    spool.headerSize = spool.fileSize = fstatSync(spool.fd).size;
    spool.series = SpoolSeries.open(options.dir, epoch, spool.durable, spool.logger);
    return spool;
  }

  /** The newest seq issued in this epoch (0 if none). */
  get headSeq(): number {
    return this.lastSeq;
  }

  get ackedSeq(): number {
    return this.acked;
  }

  get sizeBytes(): number {
    return this.fileSize;
  }

  get pendingBatches(): number {
    return this.records.length;
  }

  /** Appends one batch durably and returns its seq. A full spool drops its oldest batches first and reports the gap inside this batch. */
  append(
    samples: Sample[],
    events: AgentEvent[],
    drift?: DriftWindow[],
  ): { seq: number; gap: GapDetails | null } {
    const seq = this.lastSeq + 1;
    const columns = columnsOf(samples, (sample) => this.series.idOf(sample));
    if (!columns) this.series.discardPending();
    const encode = (batch: BatchContents) =>
      columns ? columnsRecord(columns, batch) : Buffer.from(JSON.stringify(batch));
    let payload = encode({ samples, events, drift });
    let gap: GapDetails | null = null;
    if (this.fileSize + RECORD_HEADER + payload.length > this.options.maxBytes) {
      gap = this.dropOldest(RECORD_HEADER + payload.length);
      if (gap) payload = encode({ samples, events: [...events, gapEvent(gap, this.now())], drift });
    }
    this.series.sync(); // the names of new series are on disk before a record uses them
    const record = encodeRecord(seq, samples.length, payload);
    if (this.headerSize + record.length > this.options.maxBytes) {
      throw new SpoolError(
        `a batch of ${record.length} bytes cannot fit in a spool of ${this.options.maxBytes} bytes`,
      );
    }
    if (gap || this.fileSize + record.length > this.options.maxBytes) {
      this.compact(record);
    } else {
      writeSync(this.fd, record, 0, record.length, this.fileSize);
      if (this.durable) fdatasyncSync(this.fd);
      this.records.push({
        seq,
        offset: this.fileSize,
        length: payload.length,
        samples: samples.length,
      });
      this.fileSize += record.length;
    }
    this.lastSeq = seq;
    return { seq, gap };
  }

  /** The first unacked batch after afterSeq, read back from disk. */
  next(afterSeq: number): SpooledBatch | undefined {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid]!.seq <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    const ref = this.records[lo];
    if (!ref) return undefined;
    // Its own ArrayBuffer, so the columns (8-byte aligned in the payload) can be read in place.
    const payload = Buffer.allocUnsafeSlow(ref.length);
    readSync(this.fd, payload, 0, ref.length, ref.offset + RECORD_HEADER);
    return { seq: ref.seq, samples: ref.samples, payload };
  }

  /** A batch's samples, events and drift windows. */
  contents(batch: SpooledBatch): BatchContents {
    return recordContents(batch.payload, this.series);
  }

  /** The JSON wire frame for a batch (a JSON record is sent as spooled, without a parse). */
  telemetryFrame(batch: SpooledBatch): string {
    const body =
      batch.payload[0] === 0x7b // '{'
        ? batch.payload.toString('utf8')
        : JSON.stringify(this.contents(batch));
    return `{"type":"telemetry","epoch":${JSON.stringify(this.epoch)},"seq":${batch.seq},${body.slice(1)}`;
  }

  /**
   * The compact wire frame for a batch, naming the series not yet in `named` (which it extends);
   * null for a JSON record or a frame too large, which go as JSON.
   */
  columnsFrame(batch: SpooledBatch, named: Set<number>): Uint8Array | null {
    return recordColumnsFrame(batch, this.epoch, this.series, named);
  }

  /** Cumulative ack: everything up to seq is committed by the console and may be forgotten. */
  ack(seq: number): void {
    if (seq <= this.acked) return;
    this.acked = Math.min(seq, this.lastSeq);
    let drop = 0;
    while (drop < this.records.length && this.records[drop]!.seq <= this.acked) drop++;
    this.records.splice(0, drop);
    const liveStart = this.records[0]?.offset ?? this.fileSize;
    const dead = liveStart - this.headerSize;
    if (dead >= COMPACT_MIN_DEAD_BYTES && dead >= this.fileSize - liveStart) this.compact(null);
  }

  close(): void {
    closeSync(this.fd);
    this.series.close();
  }

  private dropOldest(incoming: number): GapDetails | null {
    const target = Math.floor(this.options.maxBytes * OVERFLOW_TARGET);
    const tail = this.records.at(-1);
    let live = tail ? tail.offset + RECORD_HEADER + tail.length - this.records[0]!.offset : 0;
    let drop = 0;
    let samples = 0;
    while (drop < this.records.length && this.headerSize + live + incoming > target) {
      const ref = this.records[drop]!;
      live -= RECORD_HEADER + ref.length;
      samples += ref.samples;
      drop++;
    }
    if (drop === 0) return null;
    const gap = {
      fromSeq: this.records[0]!.seq,
      toSeq: this.records[drop - 1]!.seq,
      batches: drop,
      samples,
    };
    this.records.splice(0, drop);
    this.logger.warn('spool full: dropped the oldest unacked batches', { ...gap });
    return gap;
  }

  /** Rewrites the file as header + live tail (+ an extra record), then renames it over: crash-safe. */
  private compact(extra: Buffer | null): void {
    const liveStart = this.records[0]?.offset ?? this.fileSize;
    const header = headerBuffer(this.epoch, this.acked);
    const tmpFd = writeFileAtomically(this.options.dir, this.path, [header], {
      fd: this.fd,
      from: liveStart,
      to: this.fileSize,
      extra,
    });
    closeSync(this.fd);
    this.fd = tmpFd;
    const shift = header.length - liveStart;
    for (const ref of this.records) ref.offset += shift;
    this.headerSize = header.length;
    this.fileSize = fstatSync(this.fd).size;
    if (extra) {
      const length = extra.length - RECORD_HEADER;
      this.records.push({
        seq: extra.readDoubleLE(8),
        offset: this.fileSize - extra.length,
        length,
        samples: extra.readUInt32LE(16),
      });
    }
  }

  /** Scans every record; the first one that is short, fails its CRC or goes backwards ends the file. */
  private recover(): void {
    const size = fstatSync(this.fd).size;
    const head = Buffer.alloc(RECORD_HEADER);
    let offset = this.headerSize;
    let reason = '';
    while (offset < size) {
      if (size - offset < RECORD_HEADER) {
        reason = 'short record header';
        break;
      }
      readSync(this.fd, head, 0, RECORD_HEADER, offset);
      const length = head.readUInt32LE(0);
      const seq = head.readDoubleLE(8);
      if (length > size - offset - RECORD_HEADER) {
        reason = 'record runs past the end of the file';
        break;
      }
      const payload = Buffer.allocUnsafe(length);
      readSync(this.fd, payload, 0, length, offset + RECORD_HEADER);
      if (crc32(payload, crc32(head.subarray(8))) !== head.readUInt32LE(4)) {
        reason = 'checksum mismatch';
        break;
      }
      if (!Number.isSafeInteger(seq) || seq <= this.lastSeq) {
        reason = 'sequence out of order';
        break;
      }
      this.lastSeq = seq;
      if (seq > this.acked)
        this.records.push({ seq, offset, length, samples: head.readUInt32LE(16) });
      offset += RECORD_HEADER + length;
    }
    if (offset < size) {
      // A kill -9 mid-append leaves a torn last record: it was never sent, so cutting it loses nothing acked.
      ftruncateSync(this.fd, offset);
      fsyncSync(this.fd);
      this.logger.warn('spool: dropped a torn record at the end after an unclean stop', {
        reason,
        droppedBytes: size - offset,
        offset,
      });
    }
    this.fileSize = offset;
  }
}

function encodeRecord(seq: number, samples: number, payload: Buffer): Buffer {
  const record = Buffer.allocUnsafe(RECORD_HEADER + payload.length);
  record.writeUInt32LE(payload.length, 0);
  record.writeDoubleLE(seq, 8);
  record.writeUInt32LE(samples, 16);
  payload.copy(record, RECORD_HEADER);
  record.writeUInt32LE(crc32(payload, crc32(record.subarray(8, RECORD_HEADER))), 4);
  return record;
}

function headerBuffer(epoch: string, ackedSeq: number): Buffer {
  const json = Buffer.from(JSON.stringify({ epoch, ackedSeq }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

function readHeader(
  path: string,
): { epoch: string; ackedSeq: number; size: number; isOld: boolean } | null {
  const fd = openSync(path, 'r');
  try {
    const fixed = Buffer.alloc(MAGIC.length + 4);
    const magic = fixed.subarray(0, MAGIC.length);
    if (
      readSync(fd, fixed, 0, fixed.length, 0) < fixed.length ||
      !(magic.equals(MAGIC) || magic.equals(OLD_MAGIC))
    )
      return null;
    const length = fixed.readUInt32LE(MAGIC.length);
    if (length > 4096) return null;
    const json = Buffer.alloc(length);
    if (readSync(fd, json, 0, length, fixed.length) < length) return null;
    const parsed = JSON.parse(json.toString('utf8')) as { epoch?: unknown; ackedSeq?: unknown };
    if (typeof parsed.epoch !== 'string' || !Number.isSafeInteger(parsed.ackedSeq)) return null;
    return {
      epoch: parsed.epoch,
      ackedSeq: parsed.ackedSeq as number,
      size: fixed.length + length,
      isOld: magic.equals(OLD_MAGIC),
    };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Writes a new file beside path, fsyncs it and the directory, renames it over path; returns an r+ fd on it. */
function writeFileAtomically(
  dir: string,
  path: string,
  head: Buffer[],
  copy: { fd: number; from: number; to: number; extra: Buffer | null } | null,
): number {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w+', 0o600);
  let position = 0;
  for (const buffer of head) position += writeSync(fd, buffer, 0, buffer.length, position);
  if (copy) {
    const chunk = Buffer.allocUnsafe(COPY_CHUNK);
    for (let from = copy.from; from < copy.to;) {
      const n = readSync(copy.fd, chunk, 0, Math.min(COPY_CHUNK, copy.to - from), from);
      position += writeSync(fd, chunk, 0, n, position);
      from += n;
    }
    if (copy.extra) position += writeSync(fd, copy.extra, 0, copy.extra.length, position);
  }
  fsyncSync(fd);
  renameSync(tmp, path);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
  return fd;
}

function gapEvent(gap: GapDetails, tsMs: number): AgentEvent {
  return {
    kind: 'gap',
    severity: 'warning',
    message: `spool full: dropped ${gap.batches} unsent batches (seq ${gap.fromSeq}–${gap.toSeq}, ${gap.samples} samples)`,
    tsMs,
    details: { ...gap },
  };
}
