// Operator sessions: sign in, resolve a token on each call, lock after inactivity.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared/domain/roles.ts';
import type { WritableDb } from '../store/db.ts';
import {
  findOperatorById,
  findOperatorByUsername,
  type OperatorWithSecret,
} from '../store/repositories/operators.ts';
import {
  findSessionByTokenHash,
  insertSession,
  setSessionLocked,
  touchSession,
  type SessionRecord,
} from '../store/repositories/sessions.ts';
import type { ScryptCost } from '../store/scrypt.ts';
import { decoyHash, verifyPassword } from './passwords.ts';

export interface Actor {
  operatorId: number;
  username: string;
  role: Role;
  sessionId: string;
}

export interface ResolvedSession {
  session: SessionRecord;
  operator: OperatorWithSecret;
  actor: Actor;
  locked: boolean;
  /** True when this very call found the session idle for too long and locked it. */
  justLocked: boolean;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function actorOf(operator: OperatorWithSecret, sessionId: string): Actor {
  return {
    operatorId: operator.id,
    username: operator.username,
    role: operator.role,
    sessionId,
  };
}

/**
 * Checks the password; returns the operator (and whether its hash predates today's cost) or null,
 * taking as long for unknown names.
 */
export async function checkCredentials(
  db: WritableDb,
  username: string,
  password: string,
  cost?: ScryptCost,
): Promise<{ operator: OperatorWithSecret; needsRehash: boolean } | null> {
  const operator = findOperatorByUsername(db, username);
  const hash = operator?.passwordHash ?? (await decoyHash(cost));
  const { matches, needsRehash } = await verifyPassword(password, hash, cost);
  if (!operator || !matches || operator.disabled) return null;
  return { operator, needsRehash };
}

export function startSession(
  db: WritableDb,
  operator: OperatorWithSecret,
  client: string,
  now: Date,
): { token: string; sessionId: string } {
  const token = randomBytes(32).toString('base64url');
  const sessionId = randomBytes(9).toString('base64url');
  insertSession(
    db,
    { id: sessionId, tokenHash: hashToken(token), operatorId: operator.id, client },
    now,
  );
  return { token, sessionId };
}

/**
 * Finds the live session behind a token. A session idle for longer than lockAfterMinutes is
 * locked here (and stays locked until the operator types the password again).
 */
export function resolveSession(
  db: WritableDb,
  token: string | null,
  now: Date,
  lockAfterMinutes: number,
): ResolvedSession | null {
  if (!token) return null;
  const session = findSessionByTokenHash(db, hashToken(token));
  if (!session || session.revokedAt) return null;
  const operator = findOperatorById(db, session.operatorId);
  if (!operator || operator.disabled) return null;
  const idleMs = now.getTime() - Date.parse(session.lastActiveAt);
  let justLocked = false;
  if (!session.locked && idleMs > lockAfterMinutes * 60_000) {
    setSessionLocked(db, session.id, true);
    justLocked = true;
  }
  return {
    session,
    operator,
    actor: actorOf(operator, session.id),
    locked: session.locked || justLocked,
    justLocked,
  };
}

export function recordActivity(db: WritableDb, sessionId: string, now: Date): void {
  touchSession(db, sessionId, now);
}
