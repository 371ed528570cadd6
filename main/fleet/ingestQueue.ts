// Group commit: telemetry from every connection waits here for a short tick and is committed in one
// transaction, so the fixed cost of a commit (fsync, host rows, log pages) is paid once per tick, not
// once per batch. Each batch's promise settles only after that commit. It also decides when the
// sample buffer is folded: at once while the fleet is small, in the background once it is not, and
// continuously once the log is behind. Backpressure: past a bound of unfolded samples the console
// stops reading telemetry (the agents keep their batches in their spools and resend them), folds,
// and reads again once the log is down to half the bound.
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
  /** Past this many unfolded samples (logged or waiting) intake pauses until a fold brings it under half. */
  maxLoggedSamples?: number;
  /** Told when intake pauses (true) and resumes (false). */
  onIntake?: (paused: boolean) => void;
}

/** Whether the console is taking telemetry, and how far its sample log is behind. */
export interface IntakeStatus {
  paused: boolean;
  /** Times intake paused since the fleet started, and for how long in all (ms, the current pause included). */
  pauses: number;
  pausedMs: number;
  /** Samples committed but not yet folded into chunks, and the bound at which intake pauses. */
  unfoldedSamples: number;
  maxUnfoldedSamples: number;
}

/** About 25 s of telemetry at 300,000 samples/s: ~190 MB of log rows. */
export const DEFAULT_MAX_LOGGED_SAMPLES = 8_000_000;

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
  private unfolded: { commitId: number; atMs: number; samples: number }[] = [];
  /** Samples in `unfolded`. */
  private logged = 0;
  private paused = false;
  private pauses = 0;
  private pausedSinceMs = 0;
  private pausedMs = 0;
  private foldSoon = false;
  private foldTimer: NodeJS.Timeout | null = null;
  private folding = false;
  private closed = false;
  private readonly flushMs: number;
  private readonly maxGroupSamples: number;
  private readonly foldNowMaxSeries: number;
  private readonly foldAfterMs: number;
  private readonly maxLogged: number;

  constructor(private readonly options: IngestQueueOptions) {
    this.flushMs = options.flushMs ?? 100;
    this.maxGroupSamples = options.maxGroupSamples ?? 50_000;
    this.foldNowMaxSeries = options.foldNowMaxSeries ?? 500;
    this.foldAfterMs = options.foldAfterMs ?? 20_000;
    this.maxLogged = options.maxLoggedSamples ?? DEFAULT_MAX_LOGGED_SAMPLES;
    if (!(this.maxLogged >= 1)) throw new RangeError('maxLoggedSamples must be at least 1');
  }

  intakeStatus(): IntakeStatus {
    const current = this.paused ? Date.now() - this.pausedSinceMs : 0;
    return {
      paused: this.paused,
      pauses: this.pauses,
      pausedMs: this.pausedMs + current,
      unfoldedSamples: this.logged + this.samples,
      maxUnfoldedSamples: this.maxLogged,
    };
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
      this.checkIntake();
    });
  }

  /** Commits what is waiting now and accepts nothing more (background folds stop between chunks). */
  close(): void {
    this.flush();
    this.closed = true;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = null;
    this.setPaused(false);
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
      this.checkIntake(); // what waited is gone: a pause it caused must not outlast it
      return;
    }
    let stored = 0;
    commit.outcomes.forEach((o, i) => {
      if (o.ok && !o.result.duplicate) stored += group[i]!.batch.frame.samples.length;
    });
    this.afterCommit(commit.commitId, commit.series, stored);
    this.checkIntake();
    commit.outcomes.forEach((outcome, i) => {
      const w = group[i]!;
      if (outcome.ok) w.resolve(outcome.result);
      else w.reject(outcome.error);
    });
  }

  private afterCommit(commitId: number, series: number, samples: number): void {
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
    this.unfolded.push({ commitId, atMs: Date.now(), samples });
    this.logged += samples;
    this.scheduleFold();
  }

  /** Pauses intake past the bound; resumes once what waits is down to half of it. */
  private checkIntake(): void {
    const backlog = this.logged + this.samples;
    if (!this.paused && backlog >= this.maxLogged && !this.closed) {
      this.options.logger.warn('fleet: telemetry intake paused while the sample log is folded', {
        unfoldedSamples: backlog,
        maxUnfoldedSamples: this.maxLogged,
      });
      this.setPaused(true);
    } else if (this.paused && backlog <= this.maxLogged / 2) {
      this.options.logger.info('fleet: telemetry intake resumed', {
        unfoldedSamples: backlog,
        pausedMs: Date.now() - this.pausedSinceMs,
      });
      this.setPaused(false);
    }
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (paused) {
      this.pauses++;
      this.pausedSinceMs = Date.now();
    } else this.pausedMs += Date.now() - this.pausedSinceMs;
    this.options.onIntake?.(paused);
  }

  /**
   * Folds once the oldest buffered commit is due, at once (continuously, a fold after the other) while
   * the log holds a quarter of the bound or more, or after `delayMs` when retrying a failed fold.
   */
  private scheduleFold(delayMs?: number): void {
    const oldest = this.unfolded[0];
    if (!oldest || this.folding || this.closed) return;
    const behind = delayMs === undefined && this.logged >= this.maxLogged / 4;
    if (this.foldTimer && (this.foldSoon || !behind)) return;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldSoon = behind;
    const wait = behind ? 0 : (delayMs ?? Math.max(0, oldest.atMs + this.foldAfterMs - Date.now()));
    this.foldTimer = setTimeout(() => {
      this.foldTimer = null;
      this.foldSoon = false;
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
      if (!this.closed) {
        this.unfolded = this.unfolded.filter((c) => c.commitId > upTo);
        this.logged = this.unfolded.reduce((n, c) => n + c.samples, 0);
        this.checkIntake();
      }
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
