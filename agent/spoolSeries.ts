// The spool's series dictionary: compact records name each series by a small id, and this file
// says which metric and labels an id stands for. The first line is {"epoch"}; then one JSON line
// [metric, labels] per series, its id being its line number (1, 2, …). A line is written (and
// synced) before the first record that uses it, so a kill -9 can leave at most an unused or torn
// last line, which is cut off at the next start. A new spool epoch starts an empty dictionary.
import {
  closeSync,
  fdatasyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { MAX_SESSION_SERIES, type SeriesDef } from '../shared/agent-protocol/columns.ts';
import type { Sample } from '../shared/agent-protocol/index.ts';
import type { Logger } from './log.ts';

const FILE = 'series.jsonl';
const NEWLINE = 0x0a;

export class SpoolSeries {
  private readonly ids = new Map<string, number>();
  private readonly defs: (SeriesDef | undefined)[] = [];
  private size = 0;
  /** Lines waiting to be written with the next sync(). */
  private pending: string[] = [];

  private constructor(
    private readonly fd: number,
    private readonly durable: boolean,
  ) {}

  /** Opens the dictionary of `epoch` in dir; one from another epoch (or unreadable) is started afresh. */
  static open(dir: string, epoch: string, durable: boolean, logger: Logger): SpoolSeries {
    const path = join(dir, FILE);
    const text = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    const firstEnd = text.indexOf(NEWLINE);
    let isSameEpoch = false;
    try {
      isSameEpoch =
        firstEnd > 0 &&
        (JSON.parse(text.subarray(0, firstEnd).toString('utf8')) as { epoch?: unknown }).epoch ===
          epoch;
    } catch {
      isSameEpoch = false;
    }
    if (!isSameEpoch) {
      const fd = openSync(path, 'w+', 0o600);
      const series = new SpoolSeries(fd, durable);
      series.append(`${JSON.stringify({ epoch })}\n`);
      series.sync(true);
      return series;
    }
    const series = new SpoolSeries(openSync(path, 'r+'), durable);
    let offset = firstEnd + 1;
    while (offset < text.length) {
      const end = text.indexOf(NEWLINE, offset);
      if (end < 0) break; // torn: written by an append that a kill -9 cut short, and never used
      const def = parseDef(text.subarray(offset, end).toString('utf8'));
      if (def) series.remember(def[0], def[1]);
      else {
        // Damaged on disk: its id stays taken (never given to another series), its batches unsendable.
        series.defs.push(undefined);
        logger.error('spool: a series name is unreadable; batches that use it cannot be sent', {
          id: series.defs.length,
        });
      }
      offset = end + 1;
    }
    series.size = offset;
    if (offset < text.length) {
      ftruncateSync(series.fd, offset);
      logger.warn('spool: dropped a torn series name at the end after an unclean stop', {
        droppedBytes: text.length - offset,
      });
    }
    return series;
  }

  /** The id of a sample's series, naming it (pending the next sync) if new; null once the dictionary is full. */
  idOf(sample: Sample): number | null {
    const key = `${sample.metric}\u0000${JSON.stringify(sample.labels)}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    if (this.defs.length >= MAX_SESSION_SERIES) return null;
    this.pending.push(`${JSON.stringify([sample.metric, sample.labels])}\n`);
    return this.remember(sample.metric, sample.labels, key);
  }

  /** The series an id stands for. */
  def(id: number): SeriesDef | undefined {
    return this.defs[id - 1];
  }

  /** Writes the names given since the last sync, before any record uses them. */
  sync(force = false): void {
    if (this.pending.length === 0 && !force) return;
    const lines = this.pending.join('');
    this.pending = [];
    if (lines.length > 0) this.append(lines);
    if (this.durable) fdatasyncSync(this.fd);
  }

  /** Names given since the last sync are dropped (their batch was not written). */
  discardPending(): void {
    for (let i = 0; i < this.pending.length; i++) {
      const [, metric, labels] = this.defs.pop()!;
      this.ids.delete(`${metric}\u0000${JSON.stringify(labels)}`);
    }
    this.pending = [];
  }

  close(): void {
    closeSync(this.fd);
  }

  private append(text: string): void {
    const bytes = Buffer.from(text);
    this.size += writeSync(this.fd, bytes, 0, bytes.length, this.size);
  }

  private remember(metric: string, labels: Record<string, string>, key?: string): number {
    const id = this.defs.length + 1;
    this.defs.push([id, metric, labels]);
    this.ids.set(key ?? `${metric}\u0000${JSON.stringify(labels)}`, id);
    return id;
  }
}

function parseDef(line: string): [string, Record<string, string>] | null {
  try {
    const def = JSON.parse(line) as unknown;
    return Array.isArray(def) &&
      typeof def[0] === 'string' &&
      typeof def[1] === 'object' &&
      def[1] !== null
      ? [def[0], def[1] as Record<string, string>]
      : null;
  } catch {
    return null;
  }
}
