// Group commit: telemetry from every connection waits here for a short tick and is committed in one
// transaction, so the fixed cost of a commit (fsync, host rows, log pages) is paid once per tick, not
// once per batch. Each batch's promise settles only after that commit. It also decides when the
// sample buffer is folded: at once while the fleet is small, in the background once it is not.
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import type { IngestResult, PendingBatch, TelemetryIngest } from './ingest.ts';
import { foldAll, foldGently } from '../telemetry/sampleBuffer.ts';

export interface IngestQueueOptions {
  db: WritableDb;
  ingest: TelemetryIngest;
  logger: Logger;
  now: () => Date;
  /** The longest a batch waits for its group's commit. */
  flushMs?: number;
  /** A group this large commits without waiting for the tick. */
  maxGroupSamples?: number;
  /** Up to this many series in a commit, with nothing older buffered, are folded at once. */
  foldNowMaxSeries?: number;
  /** Buffered samples are folded in the background once the oldest has waited this long. */
  foldAfterMs?: number;
}

interface Waiting {
  batch: PendingBatch;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

export class IngestQueue {
  private waiting: Waiting[] = [];
  private samples = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  /** Wall-clock time of each commit still in the buffer, oldest first. */
  private unfolded: { commitId: number; atMs: number }[] = [];
  private foldTimer: NodeJS.Timeout | null = null;
  private folding = false;
  private closed = false;
  private readonly flushMs: number;
  private readonly maxGroupSamples: number;
  private readonly foldNowMaxSeries: number;
  private readonly foldAfterMs: number;

  constructor(private readonly options: IngestQueueOptions) {
    this.flushMs = options.flushMs ?? 100;
    this.maxGroupSamples = options.maxGroupSamples ?? 50_000;
    this.foldNowMaxSeries = options.foldNowMaxSeries ?? 500;
    this.foldAfterMs = options.foldAfterMs ?? 20_000;
  }

  /** Resolves with the batch's ack once its group has committed; rejects if the store refused it. */
  submit(host: PendingBatch['host'], frame: PendingBatch['frame']): Promise<IngestResult> {
    if (this.closed)
      return Promise.reject(new Error('the fleet is stopping; the batch was not committed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ batch: { host, frame }, resolve, reject });
      this.samples += frame.samples.length;
      if (this.samples >= this.maxGroupSamples) this.schedule(0);
      else if (!this.flushTimer) this.schedule(this.flushMs);
    });
  }

  /** Commits what is waiting now and accepts nothing more (background folds stop between chunks). */
  close(): void {
    this.flush();
    this.closed = true;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = null;
  }

  /** Before hosts are deleted: commits what waits now, then forgets what the ingest knew of them. */
  forgetHosts(hostIds: readonly number[]): void {
    this.flush();
    this.options.ingest.forgetHosts(hostIds);
  }

  private schedule(ms: number): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => this.flush(), ms);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const group = this.waiting;
    this.waiting = [];
    this.samples = 0;
    if (group.length === 0) return;
    let commit;
    try {
      commit = this.options.ingest.commit(
        group.map((w) => w.batch),
        this.options.now(),
      );
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    this.afterCommit(commit.commitId, commit.series);
    commit.outcomes.forEach((outcome, i) => {
      const w = group[i]!;
      if (outcome.ok) w.resolve(outcome.result);
      else w.reject(outcome.error);
    });
  }

  private afterCommit(commitId: number, series: number): void {
    if (series === 0) return;
    if (!this.folding && this.unfolded.length === 0 && series <= this.foldNowMaxSeries) {
      // Few series: folding now costs about what writing them straight to samples_raw would.
      try {
        foldAll(this.options.db);
        return;
      } catch (error) {
        this.options.logger.error(
          'fleet: folding buffered samples failed; retrying in the background',
          { error: String(error) },
        );
      }
    }
    this.unfolded.push({ commitId, atMs: Date.now() });
    this.scheduleFold();
  }

  /** Folds once the oldest buffered commit is due, or after `delayMs` when retrying a failed fold. */
  private scheduleFold(delayMs?: number): void {
    const oldest = this.unfolded[0];
    if (!oldest || this.folding || this.foldTimer || this.closed) return;
    const wait = delayMs ?? Math.max(0, oldest.atMs + this.foldAfterMs - Date.now());
    this.foldTimer = setTimeout(() => {
      this.foldTimer = null;
      void this.foldInBackground();
    }, wait);
    this.foldTimer.unref();
  }

  private async foldInBackground(): Promise<void> {
    const upTo = this.unfolded.at(-1)?.commitId;
    if (upTo === undefined || this.closed) return;
    this.folding = true;
    let retryInMs: number | undefined;
    try {
      await foldGently(this.options.db, upTo, () => this.closed);
      if (!this.closed) this.unfolded = this.unfolded.filter((c) => c.commitId > upTo);
    } catch (error) {
      this.options.logger.error('fleet: folding buffered samples failed; retrying later', {
        error: String(error),
      });
      retryInMs = this.foldAfterMs;
    }
    this.folding = false;
    this.scheduleFold(retryInMs);
  }
}
