// Background upkeep of telemetry: 1-hour roll-ups computed from the 1-minute ones, and retention.
// Each step is a short transaction over a bounded batch, so ingest and the UI never wait long.
import type { WritableDb } from '../store/types.ts';
import { HOUR_MS, ROLLUP_REDO_KEY, type MINUTE_MS } from './ingest.ts';

export interface RetentionConfig {
  rawMs: number;
  rollup1mMs: number;
  rollup1hMs: number;
  /** Ingest log and agent events are kept as long as 1-minute roll-ups. */
  logMs: number;
}

const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_RETENTION: RetentionConfig = {
  rawMs: 48 * HOUR_MS,
  rollup1mMs: 30 * DAY_MS,
  rollup1hMs: 400 * DAY_MS,
  logMs: 30 * DAY_MS,
};

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Recomputes one hour of 1 h roll-ups from the 1 min ones (idempotent: it replaces the hour). */
function rollUpHour(db: WritableDb, hour: number): void {
  db.prepare(
    `INSERT INTO rollups_1h (series_id, bucket_ts, count, sum, min, max, last, last_ts)
     SELECT m.series_id, @from, sum(m.count), sum(m.sum), min(m.min), max(m.max),
            (SELECT l.last FROM rollups_1m l WHERE l.series_id = m.series_id AND l.bucket_ts >= @from AND l.bucket_ts < @to
             ORDER BY l.last_ts DESC LIMIT 1),
            max(m.last_ts)
     FROM rollups_1m m WHERE m.bucket_ts >= @from AND m.bucket_ts < @to GROUP BY m.series_id
     ON CONFLICT (series_id, bucket_ts) DO UPDATE SET count = excluded.count, sum = excluded.sum,
       min = excluded.min, max = excluded.max, last = excluded.last, last_ts = excluded.last_ts`,
  ).run({ from: hour, to: hour + HOUR_MS });
}

/**
 * Brings 1 h roll-ups up to date: every hour from the redo cursor (lowered by ingest when late data
 * arrives) to the current one. The cursor stays on the current hour, which is still filling.
 */
export async function rollUpHours(db: WritableDb, nowMs: number, maxHoursPerRun = 48): Promise<number> {
  const currentHour = nowMs - (nowMs % HOUR_MS);
  const cursor = db.prepare<[string], { value: number }>('SELECT value FROM fleet_state WHERE key = ?');
  const setCursor = db.prepare('UPDATE fleet_state SET value = ? WHERE key = ?');
  const firstBucket = db.prepare<[number], { t: number }>('SELECT bucket_ts AS t FROM rollups_1m WHERE bucket_ts >= ? ORDER BY bucket_ts LIMIT 1');
  let done = 0;
  while (done < maxHoursPerRun) {
    // Read and advance in one transaction: ingest may have lowered the cursor while we yielded.
    const hour = db.transaction(() => {
      const row = cursor.get(ROLLUP_REDO_KEY);
      if (!row) return null;
      // Hours with no 1-minute data are skipped: after a long outage that is most of them.
      const next = firstBucket.get(row.value - (row.value % HOUR_MS));
      const h = next ? Math.min(next.t - (next.t % HOUR_MS), currentHour) : currentHour;
      if (h > currentHour) return null;
      rollUpHour(db, h);
      setCursor.run(Math.min(h + HOUR_MS, currentHour), ROLLUP_REDO_KEY);
      return h;
    })();
    if (hour === null) break;
    done++;
    if (hour >= currentHour) break;
    await yieldToLoop();
  }
  return done;
}

export interface RetentionReport {
  raw: number;
  rollups1m: number;
  rollups1h: number;
  ingestLog: number;
  events: number;
}

/** Deletes at most `batch` rows of one series older than the cutoff, using the primary key only. */
function deleteRawBatch(db: WritableDb, seriesId: number, cutoff: number, batch: number): number {
  const edge = db
    .prepare<[number, number, number], { ts_ms: number }>(
      'SELECT ts_ms FROM samples_raw WHERE series_id = ? AND ts_ms < ? ORDER BY ts_ms LIMIT 1 OFFSET ?',
    )
    .get(seriesId, cutoff, batch - 1);
  const upTo = edge ? edge.ts_ms + 1 : cutoff;
  return db.prepare('DELETE FROM samples_raw WHERE series_id = ? AND ts_ms < ?').run(seriesId, upTo).changes;
}

const DELETE_OLD_ROLLUPS = {
  rollups_1m: `DELETE FROM rollups_1m WHERE (series_id, bucket_ts) IN
    (SELECT series_id, bucket_ts FROM rollups_1m WHERE bucket_ts < ? ORDER BY bucket_ts LIMIT ?)`,
  rollups_1h: `DELETE FROM rollups_1h WHERE (series_id, bucket_ts) IN
    (SELECT series_id, bucket_ts FROM rollups_1h WHERE bucket_ts < ? ORDER BY bucket_ts LIMIT ?)`,
} as const;

function deleteByTime(db: WritableDb, table: keyof typeof DELETE_OLD_ROLLUPS, cutoff: number, batch: number): number {
  return db.prepare(DELETE_OLD_ROLLUPS[table]).run(cutoff, batch).changes;
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
    const ids = db
      .prepare<[number, number], { id: number }>('SELECT id FROM series WHERE id > ? ORDER BY id LIMIT ?')
      .all(lastId, Math.max(1, Math.floor(batch / 10)));
    if (ids.length === 0 || isStopped()) break;
    db.transaction(() => {
      let budget = batch;
      for (const { id } of ids) {
        const n = deleteRawBatch(db, id, rawCutoff, budget);
        report.raw += n;
        budget -= n;
        if (budget <= 0) return; // this series may have more: the next batch starts with it again
        lastId = id;
      }
    })();
    await yieldToLoop();
  }
  const steps: [keyof RetentionReport, () => number][] = [
    ['rollups1m', () => deleteByTime(db, 'rollups_1m', nowMs - config.rollup1mMs, batch)],
    ['rollups1h', () => deleteByTime(db, 'rollups_1h', nowMs - config.rollup1hMs, batch)],
    ['ingestLog', () => db.prepare(
      `DELETE FROM ingest_log WHERE (host_id, epoch, seq) IN
         (SELECT host_id, epoch, seq FROM ingest_log WHERE received_at < ? LIMIT ?)`,
    ).run(nowMs - config.logMs, batch).changes],
    ['events', () => db.prepare(
      'DELETE FROM agent_events WHERE id IN (SELECT id FROM agent_events WHERE ts_ms < ? LIMIT ?)',
    ).run(nowMs - config.logMs, batch).changes],
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

/** Bucket start for a timestamp at 1 min or 1 h resolution. */
export function bucketOf(tsMs: number, size: typeof MINUTE_MS | typeof HOUR_MS): number {
  return tsMs - (tsMs % size);
}
