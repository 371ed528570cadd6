// Retention: raw samples, roll-ups, the ingest log and agent events each kept as long as configured,
// deleted in small transactions with the event loop free between them.
import { DAY_MS, HOUR_MS } from '../../shared/domain/time.ts';
import type { WritableDb } from '../store/types.ts';
import { yieldToLoop } from '../telemetry/rollUp.ts';
import { deleteRawBefore, deleteRollupsBefore } from '../telemetry/samples.ts';
import { seriesIdsAfter } from '../telemetry/series.ts';
import { deleteAgentEventsBefore } from './agentEvents.ts';
import { deleteIngestLogBefore } from './ingestLog.ts';

export interface RetentionConfig {
  rawMs: number;
  rollup1mMs: number;
  rollup1hMs: number;
  /** Ingest log and agent events are kept as long as 1-minute roll-ups. */
  logMs: number;
}

export const DEFAULT_RETENTION: RetentionConfig = {
  rawMs: 48 * HOUR_MS,
  rollup1mMs: 30 * DAY_MS,
  rollup1hMs: 400 * DAY_MS,
  logMs: 30 * DAY_MS,
};

export interface RetentionReport {
  raw: number;
  rollups1m: number;
  rollups1h: number;
  ingestLog: number;
  events: number;
}

/**
 * One full retention pass in small transactions, yielding to the event loop between them.
 * Raw samples have no time index (it would slow ingest), so they are swept series by series.
 */
export async function runRetention(
  db: WritableDb,
  nowMs: number,
  config: RetentionConfig = DEFAULT_RETENTION,
  batch = 2000,
  isStopped: () => boolean = () => false,
): Promise<RetentionReport> {
  const report: RetentionReport = { raw: 0, rollups1m: 0, rollups1h: 0, ingestLog: 0, events: 0 };
  const rawCutoff = nowMs - config.rawMs;
  let lastId = 0;
  for (;;) {
    const ids = seriesIdsAfter(db, lastId, Math.max(1, Math.floor(batch / 10)));
    if (ids.length === 0 || isStopped()) break;
    db.transaction(() => {
      let budget = batch;
      for (const id of ids) {
        const n = deleteRawBefore(db, id, rawCutoff, budget);
        report.raw += n;
        budget -= n;
        if (budget <= 0) return; // this series may have more: the next batch starts with it again
        lastId = id;
      }
    })();
    await yieldToLoop();
  }
  const steps: [keyof RetentionReport, () => number][] = [
    ['rollups1m', () => deleteRollupsBefore(db, '1m', nowMs - config.rollup1mMs, batch)],
    ['rollups1h', () => deleteRollupsBefore(db, '1h', nowMs - config.rollup1hMs, batch)],
    ['ingestLog', () => deleteIngestLogBefore(db, nowMs - config.logMs, batch)],
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
