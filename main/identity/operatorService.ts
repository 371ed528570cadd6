// Operators and their roles, and the lockouts an admin may clear. A site always keeps one admin who can sign in.
import { auditBy } from '../audit/index.ts';
import type { ChannelOutput, ChannelParsedInput, Operator } from '../../shared/ipc/contract.ts';
import { DomainError } from '../core/errors.ts';
import type { WritableDb } from '../store/db.ts';
import type { AttemptKey } from './attempts.ts';
import type { IdentityDeps } from './deps.ts';
import {
  countActiveAdmins,
  findOperatorById,
  findOperatorByUsername,
  insertOperator,
  listOperators,
  updateOperatorDisabled,
  updateOperatorPassword,
  updateOperatorRole,
  withoutSecret,
  type OperatorWithSecret,
} from './operatorRepository.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { revokeSessionsOfOperator } from './sessionRepository.ts';
import type { Actor } from './sessions.ts';

function mustFind(db: WritableDb, username: string): OperatorWithSecret {
  const operator = findOperatorByUsername(db, username);
  if (!operator) throw new DomainError('NOT_FOUND', `There is no operator named "${username}".`);
  return operator;
}

function assertAdminRemains(db: WritableDb, operator: OperatorWithSecret): void {
  if (operator.role === 'admin' && !operator.disabled && countActiveAdmins(db) <= 1) {
    throw new DomainError('CONFLICT', 'This is the last active admin: make another admin first.');
  }
}

export class OperatorService {
  constructor(private readonly deps: IdentityDeps) {}

  list(): Operator[] {
    return listOperators(this.deps.site.store());
  }

  lockouts(now: Date): ChannelOutput<'operators.lockouts'> {
    return this.deps.attempts.lockouts(now);
  }

  /** The way back for an operator held by someone else's guesses: an admin clears the count, audited. */
  clearLockout(actor: Actor, key: AttemptKey, now: Date): void {
    const db = this.deps.site.store();
    const cleared = this.deps.attempts.clear(key, now);
    if (!cleared)
      throw new DomainError('NOT_FOUND', `Nothing is held back for ${key.scope} "${key.id}".`);
    auditBy(
      db,
      actor,
      {
        action: 'operators.clearLockout',
        target: `${cleared.scope}:${cleared.id}`,
        outcome: 'success',
        details: { failures: cleared.failures, lockedUntil: cleared.lockedUntil },
      },
      now,
    );
    this.deps.events.emit('operators.changed', {});
  }

  async create(
    actor: Actor,
    input: ChannelParsedInput<'operators.create'>,
    now: Date,
  ): Promise<Operator> {
    const { site, events } = this.deps;
    const db = site.store();
    if (findOperatorByUsername(db, input.username)) {
      throw new DomainError('CONFLICT', `An operator named "${input.username}" already exists.`);
    }
    assertStrongPassword(input.password, [input.username, input.displayName]);
    const passwordHash = await hashPassword(input.password, site.kdf);
    const created = db.transaction(() => {
      const operator = insertOperator(db, { ...input, passwordHash }, now);
      auditBy(
        db,
        actor,
        {
          action: 'operators.create',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: { role: operator.role, displayName: operator.displayName },
        },
        now,
      );
      return operator;
    })();
    events.emit('operators.changed', {});
    return created;
  }

  setRole(actor: Actor, username: string, role: Operator['role'], now: Date): Operator {
    const db = this.deps.site.store();
    const updated = db.transaction(() => {
      const operator = mustFind(db, username);
      if (operator.role === role) return operator;
      if (role !== 'admin') assertAdminRemains(db, operator);
      updateOperatorRole(db, operator.id, role);
      auditBy(
        db,
        actor,
        {
          action: 'operators.setRole',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: { from: operator.role, to: role },
        },
        now,
      );
      return findOperatorById(db, operator.id) ?? operator;
    })();
    this.deps.events.emit('operators.changed', {});
    return withoutSecret(updated);
  }

  /**
   * An admin sets a temporary password for someone else: their sessions end, and at their next
   * sign-in they must choose their own before anything else. One's own password is changed, not reset.
   */
  async resetPassword(actor: Actor, username: string, password: string, now: Date): Promise<void> {
    const { site, events } = this.deps;
    const db = site.store();
    const target = mustFind(db, username);
    if (target.id === actor.operatorId)
      throw new DomainError(
        'CONFLICT',
        'Change your own password under Settings → Security, with your current one.',
      );
    assertStrongPassword(password, [target.username, target.displayName]);
    const hash = await hashPassword(password, site.kdf);
    const revoked = db.transaction(() => {
      updateOperatorPassword(db, target.id, hash, true);
      const ended = revokeSessionsOfOperator(db, target.id, now);
      auditBy(
        db,
        actor,
        {
          action: 'operators.resetPassword',
          target: `operator:${target.username}`,
          outcome: 'success',
          details: { sessionsEnded: ended.length, mustChangePassword: true },
        },
        now,
      );
      return ended;
    })();
    for (const sessionId of revoked)
      events.emitTo({ sessionId }, 'session.locked', { reason: 'revoked' });
    events.emit('operators.changed', {});
    events.emit('sessions.changed', {});
  }

  /** Disabling ends the operator's sessions at once. */
  setDisabled(actor: Actor, username: string, disabled: boolean, now: Date): Operator {
    const db = this.deps.site.store();
    const updated = db.transaction(() => {
      const operator = mustFind(db, username);
      if (operator.disabled === disabled) return operator;
      if (disabled) {
        assertAdminRemains(db, operator);
        revokeSessionsOfOperator(db, operator.id, now);
      }
      updateOperatorDisabled(db, operator.id, disabled);
      auditBy(
        db,
        actor,
        {
          action: 'operators.setDisabled',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: { disabled },
        },
        now,
      );
      return findOperatorById(db, operator.id) ?? operator;
    })();
    this.deps.events.emit('operators.changed', {});
    this.deps.events.emit('sessions.changed', {});
    return withoutSecret(updated);
  }
}
