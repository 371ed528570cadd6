// The ingest log: one row per committed telemetry batch, so a resent batch is recognised and the
// cumulative ack can pass over batches that arrived early.
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export function isBatchLogged(db: ReadableDb, hostId: number, epoch: string, seq: number): boolean {
  return (
    get(
      db,
      sql`SELECT seq FROM ingest_log WHERE host_id = ${hostId} AND epoch = ${epoch} AND seq = ${seq}`,
    ) !== undefined
  );
}

export function logBatch(
  db: WritableDb,
  hostId: number,
  epoch: string,
  seq: number,
  receivedAtMs: number,
  samples: number,
): void {
  run(
    db,
    sql`INSERT INTO ingest_log (host_id, epoch, seq, received_at, samples) VALUES (${hostId}, ${epoch}, ${seq}, ${receivedAtMs}, ${samples})`,
  );
}

/** Logged seqs above `seq` in one epoch, in order (at most 10,000: the ack walk stops at the first hole). */
export function loggedSeqsAbove(
  db: ReadableDb,
  hostId: number,
  epoch: string,
  seq: number,
): number[] {
  return all<{ seq: number }>(
    db,
    sql`SELECT seq FROM ingest_log WHERE host_id = ${hostId} AND epoch = ${epoch} AND seq > ${seq} ORDER BY seq LIMIT 10000`,
  ).map((r) => r.seq);
}

/** Deletes at most `batch` log rows received before the cutoff. */
export function deleteIngestLogBefore(db: WritableDb, cutoffMs: number, batch: number): number {
  return run(
    db,
    sql`DELETE FROM ingest_log WHERE (host_id, epoch, seq) IN
    (SELECT host_id, epoch, seq FROM ingest_log WHERE received_at < ${cutoffMs} LIMIT ${batch})`,
  ).changes;
}
