// The ingest log: one row per committed telemetry batch, so a resent batch is recognised and the
// cumulative ack can pass over batches that arrived early. Behind the ack of a host's current epoch
// a row is no longer needed (ingest.ts recognises a resend there by the ack itself): retention
// deletes such rows once they are an hour old, so the log holds what is in flight and the rows of
// earlier epochs, not a row per batch for 30 days.
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

/**
 * Deletes at most `batch` rows of each host's current epoch below its ack, received before the
 * cutoff (the row at the ack is kept: it says where the host stands).
 */
export function deleteAckedIngestLogBefore(
  db: WritableDb,
  cutoffMs: number,
  batch: number,
): number {
  return run(
    db,
    sql`DELETE FROM ingest_log WHERE (host_id, epoch, seq) IN
    (SELECT l.host_id, l.epoch, l.seq FROM ingest_log l JOIN hosts h
       ON h.id = l.host_id AND h.epoch = l.epoch AND l.seq < h.acked_seq
     WHERE l.received_at < ${cutoffMs} LIMIT ${batch})`,
  ).changes;
}
