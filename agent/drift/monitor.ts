// Follows each configured prediction log (and its labels file), fills one drift window per model
// and hands each closed window to the sampler, which spools it like telemetry. The first
// `referenceRows` rows of a model version fix its histogram edges, kept on disk across restarts.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { DDSketch } from '@datadog/sketches-js';
import type { DriftWindow } from '../../shared/agent-protocol/drift.ts';
import {
  decileEdges,
  encodeSketch,
  newSketch,
  sketchValues,
} from '../../shared/domain/drift/sketch.ts';
import { silentLogger, type Logger } from '../log.ts';
import { formatOf, type DriftLogConfig } from './config.ts';
import { LogFollower } from './follow.ts';
import { csvReader, jsonLinesReader, numberOf, type RowReader } from './rows.ts';
import { CategoryHasher, DriftWindowAccumulator } from './window.ts';

export interface DriftMonitorOptions {
  logs: readonly DriftLogConfig[];
  /** Where each model version's histogram edges are kept. */
  stateDir: string;
  onWindow: (window: DriftWindow) => void;
  /** How often the logs are read (default 1 s); null: only when the caller ticks. */
  pollMs?: number | null;
  logger?: Logger;
  now?: () => number;
}

export interface DriftMonitor {
  /**
   * Reads what the logs gained and closes any window whose time is up, as at `atMs` (default: now).
   * A simulated host passes the simulated minute it has just logged.
   */
  tick(atMs?: number): void;
  /** Closes the open windows (those with rows) now, as at a stop. */
  closeAll(): void;
  stop(): void;
}

/** The CSV header is the file's first line, read directly when the follower starts at the end. */
function readerFor(file: { path: string; format?: 'jsonl' | 'csv' }, startAt: string): RowReader {
  if (formatOf(file) === 'jsonl') return jsonLinesReader();
  if (startAt !== 'end' || !existsSync(file.path)) return csvReader();
  const fd = openSync(file.path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const text = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    const nl = text.indexOf('\n');
    return csvReader(nl > 0 ? text.slice(0, nl).replace(/\r$/, '') : undefined);
  } finally {
    closeSync(fd);
  }
}

class ModelLog {
  private readonly follower: LogFollower;
  private readonly labels: LogFollower | null;
  private readonly read: RowReader;
  private readonly readLabel: RowReader | null;
  private readonly window: DriftWindowAccumulator;
  private readonly edges = new Map<string, number[]>();
  private reference: { rows: number; sketches: Map<string, DDSketch> } | null = null;
  private windowStart: number;
  private readonly windowMs: number;
  private readonly edgesFile: string;

  constructor(
    private readonly config: DriftLogConfig,
    stateDir: string,
    private readonly options: DriftMonitorOptions,
    now: number,
  ) {
    this.windowMs = config.windowSeconds * 1000;
    this.windowStart = Math.floor(now / this.windowMs) * this.windowMs;
    this.follower = new LogFollower(config.path, config.startAt);
    this.read = readerFor(config, config.startAt);
    this.labels = config.labels ? new LogFollower(config.labels.path, config.startAt) : null;
    this.readLabel = config.labels ? readerFor(config.labels, config.startAt) : null;
    const id = createHash('sha256').update(`${config.model}\n${config.version}`).digest('hex');
    this.edgesFile = join(stateDir, `edges-${id.slice(0, 24)}.json`);
    this.loadEdges();
    const hasher = new CategoryHasher(config.categoryKey ?? `mirqab:${config.model}`);
    this.window = new DriftWindowAccumulator(config, hasher, (f) => this.edges.get(f) ?? null);
  }

  tick(now: number): void {
    if (now >= this.windowStart + this.windowMs) {
      this.emit(this.windowStart, this.windowStart + this.windowMs);
      this.windowStart = Math.floor(now / this.windowMs) * this.windowMs;
    }
    const got = this.follower.poll();
    this.window.addUnreadable(got.skipped);
    for (const line of got.lines) {
      const row = this.read(line);
      if (row === undefined) continue;
      if (row === null) {
        this.window.addUnreadable();
        continue;
      }
      if (this.reference) this.learnEdges(row);
      this.window.add(row);
    }
    if (this.labels && this.readLabel) {
      for (const line of this.labels.poll().lines) {
        const row = this.readLabel(line);
        if (row) this.window.addLabel(row);
      }
    }
  }

  emit(startMs: number, endMs: number): void {
    const closed = this.window.close(startMs, endMs);
    if (closed.rows > 0 || closed.unreadable > 0 || (closed.labelled?.rows ?? 0) > 0)
      this.options.onWindow(closed);
  }

  closeAll(now: number): void {
    this.emit(this.windowStart, Math.max(now, this.windowStart + 1));
    this.windowStart = now;
  }

  stop(): void {
    this.follower.close();
    this.labels?.close();
  }

  private learnEdges(row: Record<string, unknown>): void {
    const reference = this.reference!;
    for (const [name, sketch] of reference.sketches) {
      const v = numberOf(row[name]);
      if (v !== null) sketch.accept(v);
    }
    if (++reference.rows < this.config.referenceRows) return;
    for (const [name, sketch] of reference.sketches)
      this.edges.set(name, decileEdges(sketchValues(encodeSketch(sketch))));
    this.reference = null;
    try {
      writeFileSync(this.edgesFile, JSON.stringify(Object.fromEntries(this.edges)), {
        mode: 0o600,
      });
    } catch (error) {
      (this.options.logger ?? silentLogger).error('drift: could not keep histogram edges', {
        model: this.config.model,
        error: String(error),
      });
    }
  }

  private loadEdges(): void {
    try {
      const kept = JSON.parse(readFileSync(this.edgesFile, 'utf8')) as Record<string, number[]>;
      for (const name of this.config.numeric)
        if (Array.isArray(kept[name])) this.edges.set(name, kept[name]);
    } catch {
      // none kept yet: the first rows of this version fix them
    }
    const missing = this.config.numeric.filter((name) => !this.edges.has(name));
    if (missing.length > 0)
      this.reference = { rows: 0, sketches: new Map(missing.map((n) => [n, newSketch()])) };
  }
}

export function startDriftMonitor(options: DriftMonitorOptions): DriftMonitor {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
  const logs = options.logs.map((config) => new ModelLog(config, options.stateDir, options, now()));
  const monitor: DriftMonitor = {
    tick(atMs) {
      const t = atMs ?? now();
      for (const log of logs) {
        try {
          log.tick(t);
        } catch (error) {
          logger.error('drift: reading a prediction log failed', { error: String(error) });
        }
      }
    },
    closeAll() {
      for (const log of logs) log.closeAll(now());
    },
    stop() {
      if (timer) clearInterval(timer);
      for (const log of logs) log.stop();
    },
  };
  const timer =
    options.pollMs === null ? null : setInterval(() => monitor.tick(), options.pollMs ?? 1000);
  timer?.unref();
  return monitor;
}
