// Intake tokens in the store: plain functions over `intake_tokens`. Only a token's hash is kept.
import type { IntakeToken } from '../../../shared/ipc/incidentSchemas.ts';
import { all, get, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/types.ts';

interface TokenRow {
  id: number;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** A token as the console checks it: its stored hash and whether it still admits deliveries. */
export interface StoredIntakeToken {
  id: number;
  name: string;
  tokenHash: string;
  isRevoked: boolean;
}

const COLUMNS = sql`id, name, token_hash, created_by, created_at, last_used_at, revoked_at, revoked_by`;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function rowToToken(row: TokenRow): IntakeToken {
  return {
    id: row.id,
    name: row.name,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

/** Live tokens first, then by name. */
export function listTokens(db: ReadableDb): IntakeToken[] {
  return all<TokenRow>(
    db,
    sql`SELECT ${COLUMNS} FROM intake_tokens ORDER BY revoked_at IS NOT NULL, name`,
  ).map(rowToToken);
}

export function findTokenById(db: ReadableDb, id: number): IntakeToken | null {
  const row = get<TokenRow>(db, sql`SELECT ${COLUMNS} FROM intake_tokens WHERE id = ${id}`);
  return row ? rowToToken(row) : null;
}

export function findTokenByName(db: ReadableDb, name: string): IntakeToken | null {
  const row = get<TokenRow>(db, sql`SELECT ${COLUMNS} FROM intake_tokens WHERE name = ${name}`);
  return row ? rowToToken(row) : null;
}

/** Every token's hash, revoked ones included, for a comparison that visits them all. */
export function tokenHashes(db: ReadableDb): StoredIntakeToken[] {
  return all<Pick<TokenRow, 'id' | 'name' | 'token_hash' | 'revoked_at'>>(
    db,
    sql`SELECT id, name, token_hash, revoked_at FROM intake_tokens ORDER BY id`,
  ).map((row) => ({
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    isRevoked: row.revoked_at !== null,
  }));
}

export function insertToken(
  db: WritableDb,
  token: { name: string; tokenHash: string; createdBy: string },
  nowMs: number,
): IntakeToken {
  const result = run(
    db,
    sql`INSERT INTO intake_tokens (name, token_hash, created_by, created_at)
        VALUES (${token.name}, ${token.tokenHash}, ${token.createdBy}, ${nowMs})`,
  );
  return findTokenById(db, Number(result.lastInsertRowid))!;
}

/** Marks a live token revoked; false when it was already revoked or does not exist. */
export function markRevoked(db: WritableDb, id: number, by: string, nowMs: number): boolean {
  return (
    run(
      db,
      sql`UPDATE intake_tokens SET revoked_at = ${nowMs}, revoked_by = ${by}
          WHERE id = ${id} AND revoked_at IS NULL`,
    ).changes > 0
  );
}

export function markUsed(db: WritableDb, id: number, nowMs: number): void {
  run(db, sql`UPDATE intake_tokens SET last_used_at = ${nowMs} WHERE id = ${id}`);
}
