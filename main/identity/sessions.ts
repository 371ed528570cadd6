// Operator sessions: start one, and read the one behind a token (a pure read: locking is SessionService's).
import { createHash, randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../shared/ipc/contract.ts';
import { ROLE_PERMISSIONS, type Role } from '../../shared/domain/roles.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { ReadableDb, WritableDb } from '../store/db.ts';
import {
  findOperatorById,
  findOperatorByUsername,
  withoutSecret,
  type OperatorWithSecret,
} from './operatorRepository.ts';
import { findSessionByTokenHash, insertSession, type SessionRecord } from './sessionRepository.ts';
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
  /** Unlocked but idle for longer than the site allows: SessionService locks it (audited) before use. */
  isIdle: boolean;
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

/** Finds the live session behind a token and says whether it has been idle too long; writes nothing. */
export function readSession(
  db: ReadableDb,
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
  return {
    session,
    operator,
    actor: actorOf(operator, session.id),
    locked: session.locked,
    isIdle: !session.locked && idleMs > lockAfterMinutes * MINUTE_MS,
  };
}

export function sessionInfo(
  operator: OperatorWithSecret,
  locked: boolean,
  lockAfterMinutes: number,
): SessionInfo {
  return {
    operator: withoutSecret(operator),
    permissions: [...ROLE_PERMISSIONS[operator.role]],
    locked,
    lockAfterMinutes,
    ...(operator.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}
