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
  updateOperatorRole,
  withoutSecret,
  type OperatorWithSecret,
} from './operatorRepository.ts';
import { hashPassword } from './passwords.ts';
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
