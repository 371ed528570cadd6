// Results of agent actions, kept on disk until the console that sent the command acks them: an
// action that finishes while that console is disconnected (or across an agent restart) still
// reaches it on its next session. One small JSON file per result, written then renamed, so a crash
// leaves either the whole result or none of it. Bounded: a full store drops its oldest result.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FrameSchema, type AgentEvent, type FrameOf } from '../shared/agent-protocol/index.ts';
import { silentLogger, type Logger } from './log.ts';

export type CommandResult = FrameOf<'command_result'>;

/** Outputs are at most 64 KiB each, so the store stays under ~16 MiB. */
export const DEFAULT_MAX_RESULTS = 256;

export interface ResultStoreOptions {
  dir: string;
  maxResults?: number;
  /** fsync each result and the folder (default true); the simulator turns it off. */
  durable?: boolean;
  logger?: Logger;
  now?: () => number;
}

export interface StoredResult {
  /** The console that sent the command: only it is sent the result. */
  consoleFingerprint: string;
  storedAtMs: number;
  /** Orders results stored within the same millisecond. */
  order: number;
  result: CommandResult;
}

const StoredSchema = z.object({
  consoleFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  storedAtMs: z.number(),
  order: z.number().int(),
  result: z.unknown(),
});

/** Command ids come from the console: hashed, they are always a safe file name. */
function fileOf(id: string): string {
  return `${createHash('sha256').update(id).digest('hex').slice(0, 40)}.json`;
}

export class ResultStore {
  private readonly byId = new Map<string, StoredResult>();
  private order = 0;
  private readonly maxResults: number;
  private readonly durable: boolean;
  private readonly logger: Logger;
  private readonly now: () => number;

  private constructor(
    private readonly dir: string,
    options: ResultStoreOptions,
  ) {
    this.maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
    this.durable = options.durable ?? true;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** Opens (creating) the store and reads back every result a previous run left unacked. */
  static open(options: ResultStoreOptions): ResultStore {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const store = new ResultStore(options.dir, options);
    for (const name of readdirSync(options.dir)) {
      const path = join(options.dir, name);
      // A leftover .tmp is a write that never completed: the result was never sent either.
      if (name.endsWith('.tmp')) rmSync(path, { force: true });
      if (!name.endsWith('.json')) continue;
      const stored = parseStored(readFileSync(path, 'utf8'));
      if (!stored || fileOf(stored.result.id) !== name) {
        store.logger.error('result store: an unreadable result file was moved aside', {
          file: path,
        });
        renameSync(path, `${path}.corrupt`);
        continue;
      }
      store.byId.set(stored.result.id, stored);
      store.order = Math.max(store.order, stored.order + 1);
    }
    return store;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Stores a result for the console that sent the command; returns the results dropped to make room. */
  put(consoleFingerprint: string, result: CommandResult): StoredResult[] {
    const dropped: StoredResult[] = [];
    if (!this.byId.has(result.id)) {
      for (const oldest of this.all()) {
        if (this.byId.size < this.maxResults) break;
        this.remove(oldest.result.id);
        dropped.push(oldest);
        this.logger.warn('result store full: dropped the oldest unacknowledged result', {
          commandId: oldest.result.id,
          status: oldest.result.status,
        });
      }
    }
    const stored: StoredResult = {
      consoleFingerprint,
      storedAtMs: this.now(),
      order: this.order++,
      result,
    };
    this.write(fileOf(result.id), JSON.stringify(stored));
    this.byId.set(result.id, stored);
    return dropped;
  }

  /** The console recorded this result: forget it. False for an id the store does not hold. */
  ack(id: string): boolean {
    if (!this.byId.has(id)) return false;
    this.remove(id);
    return true;
  }

  /** Unacked results for one console, oldest first. */
  pending(consoleFingerprint: string): CommandResult[] {
    return this.all()
      .filter((s) => s.consoleFingerprint === consoleFingerprint)
      .map((s) => s.result);
  }

  /** Forgets every result meant for a console that revoked this agent. Returns how many. */
  discardFor(consoleFingerprint: string): number {
    const mine = this.all().filter((s) => s.consoleFingerprint === consoleFingerprint);
    for (const s of mine) this.remove(s.result.id);
    return mine.length;
  }

  private all(): StoredResult[] {
    return [...this.byId.values()].sort((a, b) => a.order - b.order);
  }

  private remove(id: string): void {
    this.byId.delete(id);
    rmSync(join(this.dir, fileOf(id)), { force: true });
  }

  private write(name: string, text: string): void {
    const path = join(this.dir, name);
    const tmp = `${path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      if (this.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    if (!this.durable) return;
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}

/** A dropped result is lost data, so it is reported as a gap the console audits, never silently. */
export function droppedResultEvent(dropped: StoredResult, tsMs: number): AgentEvent {
  const { id, status } = dropped.result;
  return {
    kind: 'gap',
    severity: 'warning',
    message: `result store full: dropped the unacknowledged result (${status}) of command ${id}`,
    tsMs,
    details: { commandId: id, status, storedAtMs: dropped.storedAtMs, reason: 'result store full' },
  };
}

function parseStored(text: string): StoredResult | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const stored = StoredSchema.safeParse(json);
  if (!stored.success) return null;
  const frame = FrameSchema.safeParse(stored.data.result);
  if (!frame.success || frame.data.type !== 'command_result') return null;
  return { ...stored.data, result: frame.data };
}
