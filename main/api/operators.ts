// Operators, their roles, and their sessions.
import { hashPassword } from '../auth/passwords.ts';
import {
  countActiveAdmins,
  findOperatorById,
  findOperatorByUsername,
  insertOperator,
  listOperators,
  updateOperatorDisabled,
  updateOperatorRole,
  withoutSecret,
  type OperatorWithSecret,
} from '../store/repositories/operators.ts';
import {
  findSessionById,
  listLiveSessions,
  revokeSession,
  revokeSessionsOfOperator,
} from '../store/repositories/sessions.ts';
import type { WritableDb } from '../store/db.ts';
import { audit, requireActor, type ApiDeps, type DomainHandlers } from './handler.ts';
import { DomainError } from '../core/errors.ts';

function mustFind(db: WritableDb, username: string): OperatorWithSecret {
  const operator = findOperatorByUsername(db, username);
  if (!operator) throw new DomainError('NOT_FOUND', `There is no operator named "${username}".`);
  return operator;
}

/** A site must always keep one admin who can sign in. */
function assertAdminRemains(db: WritableDb, operator: OperatorWithSecret): void {
  if (operator.role === 'admin' && !operator.disabled && countActiveAdmins(db) <= 1) {
    throw new DomainError('CONFLICT', 'This is the last active admin: make another admin first.');
  }
}

export function operatorHandlers(
  deps: ApiDeps,
): DomainHandlers<
  | 'operators.list'
  | 'operators.create'
  | 'operators.setRole'
  | 'operators.setDisabled'
  | 'operators.lockouts'
  | 'operators.clearLockout'
  | 'sessions.list'
  | 'sessions.revoke'
> {
  const { site, events, attempts } = deps;
  return {
    'operators.list': () => listOperators(site.store()),

    'operators.lockouts': (_input, call) => attempts.lockouts(call.now),

    // The way back for an operator held by someone else's guesses: an admin clears the count, audited.
    'operators.clearLockout': (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const cleared = attempts.clear({ scope: input.scope, id: input.id }, call.now);
      if (!cleared) throw new DomainError('NOT_FOUND', `Nothing is held back for ${input.scope} "${input.id}".`);
      audit(db, actor, {
        action: 'operators.clearLockout',
        target: `${cleared.scope}:${cleared.id}`,
        outcome: 'success',
        details: { failures: cleared.failures, lockedUntil: cleared.lockedUntil },
      }, call.now);
      events.emit('operators.changed', {});
      return { done: true as const };
    },

    'operators.create': async (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      if (findOperatorByUsername(db, input.username)) {
        throw new DomainError('CONFLICT', `An operator named "${input.username}" already exists.`);
      }
      const passwordHash = await hashPassword(input.password, site.kdf);
      const created = db.transaction(() => {
        const operator = insertOperator(db, { ...input, passwordHash }, call.now);
        audit(db, actor, {
          action: 'operators.create',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: { role: operator.role, displayName: operator.displayName },
        }, call.now);
        return operator;
      })();
      events.emit('operators.changed', {});
      return created;
    },

    'operators.setRole': (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const updated = db.transaction(() => {
        const operator = mustFind(db, input.username);
        if (operator.role === input.role) return operator;
        if (input.role !== 'admin') assertAdminRemains(db, operator);
        updateOperatorRole(db, operator.id, input.role);
        audit(db, actor, {
          action: 'operators.setRole',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: { from: operator.role, to: input.role },
        }, call.now);
        return findOperatorById(db, operator.id) ?? operator;
      })();
      events.emit('operators.changed', {});
      return withoutSecret(updated);
    },

    'operators.setDisabled': (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const updated = db.transaction(() => {
        const operator = mustFind(db, input.username);
        if (operator.disabled === input.disabled) return operator;
        if (input.disabled) {
          assertAdminRemains(db, operator);
          revokeSessionsOfOperator(db, operator.id, call.now);
        }
        updateOperatorDisabled(db, operator.id, input.disabled);
        audit(db, actor, {
          action: 'operators.setDisabled',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: { disabled: input.disabled },
        }, call.now);
        return findOperatorById(db, operator.id) ?? operator;
      })();
      events.emit('operators.changed', {});
      events.emit('sessions.changed', {});
      return withoutSecret(updated);
    },

    'sessions.list': (_input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      return listLiveSessions(db).flatMap((session) => {
        const operator = findOperatorById(db, session.operatorId);
        if (!operator) return [];
        return [{
          id: session.id,
          username: operator.username,
          role: operator.role,
          client: session.client,
          createdAt: session.createdAt,
          lastActiveAt: session.lastActiveAt,
          current: session.id === actor.sessionId,
        }];
      });
    },

    'sessions.revoke': (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      db.transaction(() => {
        const session = findSessionById(db, input.id);
        if (!session || session.revokedAt) {
          throw new DomainError('NOT_FOUND', 'That session has already ended.');
        }
        const owner = findOperatorById(db, session.operatorId);
        revokeSession(db, session.id, call.now);
        audit(db, actor, {
          action: 'sessions.revoke',
          target: `session:${session.id}`,
          outcome: 'success',
          details: { operator: owner?.username ?? null, client: session.client },
        }, call.now);
      })();
      events.emitTo({ sessionId: input.id }, 'session.locked', { reason: 'revoked' });
      events.emit('sessions.changed', {});
      return { done: true as const };
    },
  };
}
