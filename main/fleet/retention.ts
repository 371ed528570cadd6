// Retention: raw samples, roll-ups, the ingest log and agent events each kept as long as configured,
// deleted in small transactions with the event loop free between them. A disk budget, if set, is
// kept by diskBudget.ts after each pass.
import { DAY_MS, HOUR_MS } from '../../shared/domain/time.ts';
import type { WritableDb } from '../store/types.ts';
import { yieldToLoop } from '../telemetry/rollUp.ts';
import { deleteRawBefore, deleteRollupsBefore, type RollupTier } from '../telemetry/samples.ts';
import { seriesIdsAfter } from '../telemetry/series.ts';
import { deleteAgentEventsBefore } from './agentEvents.ts';
import { deleteAckedIngestLogBefore, deleteIngestLogBefore } from './ingestLog.ts';

export interface RetentionConfig {
  rawMs: number;
  rollup1mMs: number;
  rollup1hMs: number;
  /** Ingest log and agent events are kept as long as 1-minute roll-ups (log rows behind an ack: an hour). */
  logMs: number;
  /** The most the store may use on disk, in bytes; over it, the oldest telemetry goes first. Null: no budget. */
  diskBudgetBytes?: number | null;
}

export const DEFAULT_RETENTION: RetentionConfig = {
  rawMs: 48 * HOUR_MS,
  rollup1mMs: 30 * DAY_MS,
  rollup1hMs: 400 * DAY_MS,
  logMs: 30 * DAY_MS,
  diskBudgetBytes: null,
};

/** Ingest-log rows behind their host's ack are kept this long (for diagnosis; nothing reads them). */
export const ACKED_INGEST_LOG_MS = HOUR_MS;

export interface RetentionReport {
  raw: number;
  rollups1m: number;
  rollups1h: number;
  ingestLog: number;
  events: number;
}

/**
 * Deletes raw samples older than the cutoff, series by series (they have no time index: it would
 * slow ingest), in transactions of about `batch` samples with the event loop free between them.
 */
export async function deleteRawSamplesBefore(
  db: WritableDb,
  cutoffMs: number,
  batch: number,
  isStopped: () => boolean = () => false,
): Promise<number> {
  let deleted = 0;
  let lastId = 0;
  for (;;) {
    const ids = seriesIdsAfter(db, lastId, Math.max(1, Math.floor(batch / 10)));
    if (ids.length === 0 || isStopped()) break;
    db.transaction(() => {
      let budget = batch;
      for (const id of ids) {
        const n = deleteRawBefore(db, id, cutoffMs, budget);
        deleted += n;
        budget -= n;
        if (budget <= 0) return; // this series may have more: the next batch starts with it again
        lastId = id;
      }
    })();
    await yieldToLoop();
  }
  return deleted;
}

/** Deletes roll-up rows of one tier older than the cutoff, `batch` rows per transaction. */
export async function deleteRollupRowsBefore(
  db: WritableDb,
  tier: RollupTier,
  cutoffMs: number,
  batch: number,
  isStopped: () => boolean = () => false,
): Promise<number> {
  let deleted = 0;
  let n: number;
  do {
    if (isStopped()) break;
    n = db.transaction(() => deleteRollupsBefore(db, tier, cutoffMs, batch))();
    deleted += n;
    await yieldToLoop();
  } while (n === batch);
  return deleted;
}

/** One full retention pass by age, in small transactions, yielding to the event loop between them. */
export async function runRetention(
  db: WritableDb,
  nowMs: number,
  config: RetentionConfig = DEFAULT_RETENTION,
  batch = 2000,
  isStopped: () => boolean = () => false,
): Promise<RetentionReport> {
  const report: RetentionReport = { raw: 0, rollups1m: 0, rollups1h: 0, ingestLog: 0, events: 0 };
  report.raw = await deleteRawSamplesBefore(db, nowMs - config.rawMs, batch, isStopped);
  report.rollups1m = await deleteRollupRowsBefore(
    db,
    '1m',
    nowMs - config.rollup1mMs,
    batch,
    isStopped,
  );
  report.rollups1h = await deleteRollupRowsBefore(
    db,
    '1h',
    nowMs - config.rollup1hMs,
    batch,
    isStopped,
  );
  const steps: [keyof RetentionReport, () => number][] = [
    ['ingestLog', () => deleteIngestLogBefore(db, nowMs - config.logMs, batch)],
    [
      'ingestLog',
      () =>
        deleteAckedIngestLogBefore(db, nowMs - Math.min(config.logMs, ACKED_INGEST_LOG_MS), batch),
    ],
    ['events', () => deleteAgentEventsBefore(db, nowMs - config.logMs, batch)],
  ];
  for (const [name, step] of steps) {
    let n: number;
    do {
      if (isStopped()) return report;
      n = db.transaction(step)();
      report[name] += n;
      await yieldToLoop();
    } while (n === batch);
  }
  return report;
}
