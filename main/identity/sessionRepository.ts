// Operator sessions. Only a hash of each session token is stored.
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/db.ts';

export interface SessionRecord {
  id: string;
  operatorId: number;
  client: string;
  createdAt: string;
  lastActiveAt: string;
  locked: boolean;
  revokedAt: string | null;
}

interface SessionRow {
  id: string;
  token_hash: string;
  operator_id: number;
  client: string;
  created_at: string;
  last_active_at: string;
  locked: number;
  revoked_at: string | null;
}

function rowToSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    operatorId: row.operator_id,
    client: row.client,
    createdAt: row.created_at,
    lastActiveAt: row.last_active_at,
    locked: row.locked !== 0,
    revokedAt: row.revoked_at,
  };
}

export function insertSession(
  db: WritableDb,
  session: { id: string; tokenHash: string; operatorId: number; client: string },
  now: Date,
): void {
  const ts = now.toISOString();
  run(
    db,
    sql`INSERT INTO sessions (id, token_hash, operator_id, client, created_at, last_active_at, locked)
        VALUES (${session.id}, ${session.tokenHash}, ${session.operatorId}, ${session.client}, ${ts}, ${ts}, 0)`,
  );
}

export function findSessionByTokenHash(db: ReadableDb, tokenHash: string): SessionRecord | null {
  const row = get<SessionRow>(db, sql`SELECT * FROM sessions WHERE token_hash = ${tokenHash}`);
  return row ? rowToSession(row) : null;
}

export function findSessionById(db: ReadableDb, id: string): SessionRecord | null {
  const row = get<SessionRow>(db, sql`SELECT * FROM sessions WHERE id = ${id}`);
  return row ? rowToSession(row) : null;
}

export function listLiveSessions(db: ReadableDb): SessionRecord[] {
  return all<SessionRow>(
    db,
    sql`SELECT * FROM sessions WHERE revoked_at IS NULL ORDER BY last_active_at DESC`,
  ).map(rowToSession);
}

export function touchSession(db: WritableDb, id: string, now: Date): void {
  run(db, sql`UPDATE sessions SET last_active_at = ${now.toISOString()} WHERE id = ${id}`);
}

export function setSessionLocked(db: WritableDb, id: string, locked: boolean): void {
  run(db, sql`UPDATE sessions SET locked = ${locked ? 1 : 0} WHERE id = ${id}`);
}

export function revokeSession(db: WritableDb, id: string, now: Date): void {
  run(
    db,
    sql`UPDATE sessions SET revoked_at = ${now.toISOString()} WHERE id = ${id} AND revoked_at IS NULL`,
  );
}

/** Ends every live session of the operator; returns the ids of those it ended. */
export function revokeSessionsOfOperator(db: WritableDb, operatorId: number, now: Date): string[] {
  return all<{ id: string }>(
    db,
    sql`UPDATE sessions SET revoked_at = ${now.toISOString()}
        WHERE operator_id = ${operatorId} AND revoked_at IS NULL RETURNING id`,
  ).map((row) => row.id);
}

/** Whether the operator has ever had a session from this client (it is one of their usual places). */
export function hasSessionFrom(db: ReadableDb, operatorId: number, client: string): boolean {
  return (
    get<{ one: number }>(
      db,
      sql`SELECT 1 AS one FROM sessions WHERE operator_id = ${operatorId} AND client = ${client} LIMIT 1`,
    ) !== undefined
  );
}
