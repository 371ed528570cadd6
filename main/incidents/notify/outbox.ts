// The durable outbox: every delivery to an on-prem channel and every attempt at it. A delivery is
// pending until it is sent or has used its attempts; then it is failed and stays in the log.
import type { Delivery, DeliveryState, NotifyChannel } from '../../../shared/ipc/notifySchemas.ts';
import { all, get, run, sql, sqlJoin } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/types.ts';

export type DeliveryRow = {
  id: number;
  incident_id: number | null;
  channel: NotifyChannel;
  recipients: string;
  subject: string;
  body: string;
  state: DeliveryState;
  attempts: number;
  max_attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  is_test: number;
  created_by: string | null;
  created_at: number;
  finished_at: number | null;
};

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const recipientsOf = (row: DeliveryRow) => JSON.parse(row.recipients) as string[];

export function rowToDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    incidentId: row.incident_id,
    channel: row.channel,
    recipients: recipientsOf(row),
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.state === 'pending' ? isoOrNull(row.next_attempt_at) : null,
    lastError: row.last_error,
    isTest: row.is_test === 1,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}

export interface NewDelivery {
  incidentId: number | null;
  channel: NotifyChannel;
  recipients: readonly string[];
  subject: string;
  /** The mail's text, or the webhook's JSON. */
  body: string;
  maxAttempts: number;
  isTest: boolean;
  createdBy: string | null;
}

/** Queues a delivery, due at once; returns its id. */
export function enqueueDelivery(db: WritableDb, delivery: NewDelivery, nowMs: number): number {
  const result = run(
    db,
    sql`INSERT INTO notify_deliveries (incident_id, channel, recipients, subject, body, state,
          max_attempts, next_attempt_at, is_test, created_by, created_at)
        VALUES (${delivery.incidentId}, ${delivery.channel}, ${JSON.stringify(delivery.recipients)},
          ${delivery.subject}, ${delivery.body}, 'pending', ${delivery.maxAttempts}, ${nowMs},
          ${delivery.isTest ? 1 : 0}, ${delivery.createdBy}, ${nowMs})`,
  );
  return Number(result.lastInsertRowid);
}

export function dueDeliveries(db: ReadableDb, nowMs: number, limit: number): DeliveryRow[] {
  return all<DeliveryRow>(
    db,
    sql`SELECT * FROM notify_deliveries WHERE state = 'pending' AND next_attempt_at <= ${nowMs}
        ORDER BY next_attempt_at, id LIMIT ${limit}`,
  );
}

export function findDelivery(db: ReadableDb, id: number): DeliveryRow | undefined {
  return get<DeliveryRow>(db, sql`SELECT * FROM notify_deliveries WHERE id = ${id}`);
}

export type AttemptOutcome =
  | { outcome: 'sent' }
  | { outcome: 'retry'; error: string; nextAttemptAt: number }
  | { outcome: 'failed'; error: string };

/** Records one attempt and moves the delivery on: sent, due again later, or failed for good. */
export function recordAttempt(
  db: WritableDb,
  row: DeliveryRow,
  result: AttemptOutcome,
  atMs: number,
): void {
  const error = result.outcome === 'sent' ? null : result.error;
  run(
    db,
    sql`INSERT INTO notify_attempts (delivery_id, at, outcome, error)
        VALUES (${row.id}, ${atMs}, ${result.outcome === 'sent' ? 'sent' : 'failed'}, ${error})`,
  );
  const attempts = row.attempts + 1;
  if (result.outcome === 'retry') {
    run(
      db,
      sql`UPDATE notify_deliveries SET attempts = ${attempts}, last_error = ${error},
            next_attempt_at = ${result.nextAttemptAt} WHERE id = ${row.id}`,
    );
    return;
  }
  run(
    db,
    sql`UPDATE notify_deliveries SET state = ${result.outcome}, attempts = ${attempts},
          last_error = ${error}, next_attempt_at = NULL, finished_at = ${atMs} WHERE id = ${row.id}`,
  );
}

/** A failed delivery gets another round of attempts, due at once. */
export function requeueDelivery(
  db: WritableDb,
  id: number,
  extraAttempts: number,
  nowMs: number,
): void {
  run(
    db,
    sql`UPDATE notify_deliveries SET state = 'pending', max_attempts = attempts + ${extraAttempts},
          next_attempt_at = ${nowMs}, finished_at = NULL WHERE id = ${id} AND state = 'failed'`,
  );
}

export function listDeliveries(
  db: ReadableDb,
  filter: { limit: number; states?: readonly DeliveryState[] | undefined },
): Delivery[] {
  const where =
    filter.states && filter.states.length > 0
      ? sql`WHERE state IN (${sqlJoin(filter.states.map((s) => sql`${s}`))})`
      : sql``;
  return all<DeliveryRow>(
    db,
    sql`SELECT * FROM notify_deliveries ${where} ORDER BY created_at DESC, id DESC LIMIT ${filter.limit}`,
  ).map(rowToDelivery);
}

export function countFailed(db: ReadableDb): number {
  return (
    get<{ n: number }>(db, sql`SELECT count(*) AS n FROM notify_deliveries WHERE state = 'failed'`)
      ?.n ?? 0
  );
}

export type AttemptRow = { at: number; outcome: 'sent' | 'failed'; error: string | null };

export function attemptsOf(db: ReadableDb, deliveryId: number): AttemptRow[] {
  return all<AttemptRow>(
    db,
    sql`SELECT at, outcome, error FROM notify_attempts WHERE delivery_id = ${deliveryId} ORDER BY at, id`,
  );
}
