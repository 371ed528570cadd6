// Appending to and reading the hash-chained audit log.
import { AUDIT_OUTCOMES, type AuditEntry } from '../../shared/ipc/contract.ts';
import {
  all,
  get,
  likeContains,
  prepareCached,
  sql,
  sqlId,
  sqlJoin,
  type SqlFragment,
} from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { canonicalEntryBody, canonicalJson, GENESIS_HASH, sha256Hex } from './entryHash.ts';
import { AuditError } from './errors.ts';

export type AuditOutcome = AuditEntry['outcome'];

export type AuditEvent = {
  actor: string;
  role: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
};

export type AuditRow = {
  seq: number;
  ts: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  outcome: string;
  details: string;
  prev_hash: string;
  hash: string;
};

const COLUMN_NAMES = [
  'seq',
  'ts',
  'actor',
  'role',
  'action',
  'target',
  'outcome',
  'details',
  'prev_hash',
  'hash',
];
export const AUDIT_COLUMNS = COLUMN_NAMES.join(', ');
const columnList = sqlJoin(COLUMN_NAMES.map(sqlId));

export function rowToAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    ts: row.ts,
    actor: row.actor,
    role: row.role,
    action: row.action,
    target: row.target,
    outcome: row.outcome as AuditOutcome,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const HEAD_QUERY = 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1';
const INSERT_QUERY = `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function auditHead(db: ReadableDb): { seq: number; hash: string } {
  const head = prepareCached(db, HEAD_QUERY).get() as { seq: number; hash: string } | undefined;
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

export function countAudit(db: ReadableDb): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM audit_log`)?.n ?? 0;
}

function assertEvent(event: AuditEvent): void {
  if (!(AUDIT_OUTCOMES as readonly string[]).includes(event.outcome)) {
    throw new AuditError(
      'INVALID_EVENT',
      `Audit outcome must be one of ${AUDIT_OUTCOMES.join(', ')}.`,
    );
  }
  for (const field of ['actor', 'role', 'action', 'target'] as const) {
    if (typeof event[field] !== 'string')
      throw new AuditError('INVALID_EVENT', `Audit ${field} must be text.`);
  }
  const { details } = event;
  if (
    details !== undefined &&
    (typeof details !== 'object' || details === null || Array.isArray(details))
  ) {
    throw new AuditError('INVALID_EVENT', 'Audit details must be an object.');
  }
}

/** Told of every entry appended through one connection, e.g. so the console can refresh the Audit view. */
export type AuditAppendObserver = (entry: AuditEntry) => void;
const observers = new WeakMap<WritableDb, Set<AuditAppendObserver>>();

/** Observes appends on this connection; the entry may still be inside the caller's open transaction. */
export function observeAuditAppends(db: WritableDb, observer: AuditAppendObserver): () => void {
  let set = observers.get(db);
  if (!set) observers.set(db, (set = new Set()));
  set.add(observer);
  return () => set.delete(observer);
}

// Reads the head from the database every time, so the entry commits atomically with the caller's change.
export function appendAudit(db: WritableDb, event: AuditEvent, now: Date): AuditEntry {
  assertEvent(event);
  const write = (): AuditEntry => {
    const head = auditHead(db);
    const detailsText = canonicalJson(event.details ?? {});
    const body = {
      seq: head.seq + 1,
      ts: now.toISOString(),
      actor: event.actor,
      role: event.role,
      action: event.action,
      target: event.target,
      outcome: event.outcome,
      details: JSON.parse(detailsText) as Record<string, unknown>,
      prevHash: head.hash,
    };
    const hash = sha256Hex(canonicalEntryBody(body));
    prepareCached(db, INSERT_QUERY).run(
      body.seq,
      body.ts,
      body.actor,
      body.role,
      body.action,
      body.target,
      body.outcome,
      detailsText,
      body.prevHash,
      hash,
    );
    return { ...body, hash };
  };
  const entry = db.inTransaction ? write() : db.transaction(write)();
  for (const observer of observers.get(db) ?? []) observer(entry);
  return entry;
}

/** An entry made by a named party: an operator ({ username, role }), the system, an agent. */
export function auditBy(
  db: WritableDb,
  by: { username: string; role: string },
  event: Omit<AuditEvent, 'actor' | 'role'>,
  now: Date,
): AuditEntry {
  return appendAudit(db, { actor: by.username, role: by.role, ...event }, now);
}

export type AuditFilter = {
  text?: string;
  action?: string;
  actor?: string;
  outcome?: AuditOutcome;
  beforeSeq?: number;
  limit: number;
};

function filterConditions(filter: AuditFilter): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (filter.text) {
    const p = likeContains(filter.text);
    conditions.push(
      sql`(action LIKE ${p} ESCAPE '\\' OR actor LIKE ${p} ESCAPE '\\' OR target LIKE ${p} ESCAPE '\\' OR details LIKE ${p} ESCAPE '\\')`,
    );
  }
  if (filter.action) conditions.push(sql`action = ${filter.action}`);
  if (filter.actor) conditions.push(sql`actor = ${filter.actor}`);
  if (filter.outcome) conditions.push(sql`outcome = ${filter.outcome}`);
  return conditions;
}

function whereClause(conditions: SqlFragment[]): SqlFragment {
  return conditions.length > 0 ? sql`WHERE ${sqlJoin(conditions, ' AND ')}` : sql``;
}

// Newest first; total counts every match regardless of the page, so the UI can show "N of total".
export function listAudit(
  db: ReadableDb,
  filter: AuditFilter,
): { entries: AuditEntry[]; total: number } {
  const conditions = filterConditions(filter);
  const total =
    get<{ n: number }>(db, sql`SELECT count(*) AS n FROM audit_log ${whereClause(conditions)}`)
      ?.n ?? 0;
  const page =
    filter.beforeSeq === undefined ? conditions : [...conditions, sql`seq < ${filter.beforeSeq}`];
  const rows = all<AuditRow>(
    db,
    sql`SELECT ${columnList} FROM audit_log ${whereClause(page)} ORDER BY seq DESC LIMIT ${filter.limit}`,
  );
  return { entries: rows.map(rowToAuditEntry), total };
}
