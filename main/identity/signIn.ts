// Sign in and out, resume a locked session, change one's own password. Every password check goes
// through the attempt limiter: per account and per client, waits that double and are capped at minutes.
import { auditBy } from '../audit/index.ts';
import type { SessionInfo } from '../../shared/ipc/contract.ts';
import { DomainError } from '../core/errors.ts';
import { describeCost } from '../store/scrypt.ts';
import type { WritableDb } from '../store/db.ts';
import { beginAttempt, waitDetails, waitSentence } from './attemptGuard.ts';
import type { Wait } from './attempts.ts';
import type { IdentityDeps } from './deps.ts';
import {
  findOperatorById,
  findOperatorByUsername,
  updateOperatorPassword,
  type OperatorWithSecret,
} from './operatorRepository.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.ts';
import {
  hasSessionFrom,
  revokeSession,
  setSessionLocked,
  touchSession,
} from './sessionRepository.ts';
import {
  checkCredentials,
  sessionInfo,
  startSession,
  type Actor,
  type ResolvedSession,
} from './sessions.ts';

const WRONG = 'Wrong username or password.';

function isKnownSource(
  db: WritableDb,
  operator: OperatorWithSecret | null,
  client: string,
): boolean {
  return operator !== null && hasSessionFrom(db, operator.id, client);
}

function currentCost(hash: string): string {
  const [, N, r, p] = hash.split('$');
  return describeCost({ N: Number(N), r: Number(r), p: Number(p) });
}

const rehashNote = (before: string, after: string) =>
  `scrypt ${currentCost(before)} → ${currentCost(after)}`;

export class SignInService {
  constructor(private readonly deps: IdentityDeps) {}

  /** Checks the password and starts a session; the token goes to the shell, never to the renderer. */
  async signIn(
    username: string,
    password: string,
    client: string,
    now: Date,
  ): Promise<{ token: string; info: SessionInfo }> {
    const { site, events } = this.deps;
    const db = site.store();
    const known = findOperatorByUsername(db, username);
    const attempt = beginAttempt(
      this.deps,
      { account: username, source: client, isKnownSource: isKnownSource(db, known, client) },
      { actor: { username, role: 'none' }, action: 'auth.signIn', target: `operator:${username}` },
      now,
    );
    let checked;
    try {
      checked = await checkCredentials(db, username, password, site.kdf);
    } catch (error) {
      attempt.release();
      throw error;
    }
    if (!checked) {
      const waits = attempt.failed(now);
      auditBy(
        db,
        { username, role: 'none' },
        {
          action: 'auth.signIn',
          target: `operator:${username}`,
          outcome: 'failure',
          details: {
            client,
            reason: 'wrong username, password or disabled account',
            ...waitDetails(waits),
          },
        },
        now,
      );
      if (waits.length > 0) events.emit('operators.changed', {});
      throw new DomainError('INVALID_CREDENTIALS', WRONG + waitSentence(waits, site.timeZone()));
    }
    attempt.succeeded();
    const { operator, needsRehash } = checked;
    // An older, cheaper hash is replaced while the password is at hand.
    const rehash = needsRehash ? await hashPassword(password, site.kdf) : null;
    const { token } = db.transaction(() => {
      if (rehash) updateOperatorPassword(db, operator.id, rehash);
      const started = startSession(db, operator, client, now);
      auditBy(
        db,
        operator,
        {
          action: 'auth.signIn',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: {
            client,
            session: started.sessionId,
            ...(rehash ? { passwordRehashed: rehashNote(operator.passwordHash, rehash) } : {}),
          },
        },
        now,
      );
      return started;
    })();
    events.emit('sessions.changed', {});
    return { token, info: sessionInfo(operator, false, site.settings().lockAfterMinutes) };
  }

  signOut(actor: Actor, now: Date): void {
    const db = this.deps.site.store();
    db.transaction(() => {
      revokeSession(db, actor.sessionId, now);
      auditBy(
        db,
        actor,
        { action: 'auth.signOut', target: `operator:${actor.username}`, outcome: 'success' },
        now,
      );
    })();
    this.deps.events.emit('sessions.changed', {});
  }

  /** Resumes a locked session with the operator's own password. */
  async unlock(actor: Actor, password: string, client: string, now: Date): Promise<SessionInfo> {
    const { site } = this.deps;
    const db = site.store();
    const operator = this.operatorOf(actor);
    const { matches, needsRehash } = await this.checkOwnPassword(
      db,
      operator,
      password,
      'auth.unlock',
      client,
      now,
      { code: 'INVALID_CREDENTIALS', message: 'Wrong password.' },
      'wrong password',
    );
    const rehash = matches && needsRehash ? await hashPassword(password, site.kdf) : null;
    db.transaction(() => {
      if (rehash) updateOperatorPassword(db, operator.id, rehash);
      setSessionLocked(db, actor.sessionId, false);
      touchSession(db, actor.sessionId, now);
      auditBy(
        db,
        actor,
        {
          action: 'auth.unlock',
          target: `operator:${actor.username}`,
          outcome: 'success',
          ...(rehash
            ? { details: { passwordRehashed: rehashNote(operator.passwordHash, rehash) } }
            : {}),
        },
        now,
      );
    })();
    return sessionInfo(operator, false, site.settings().lockAfterMinutes);
  }

  whoami(session: ResolvedSession | null): SessionInfo {
    if (!session) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    return sessionInfo(
      session.operator,
      session.locked,
      this.deps.site.settings().lockAfterMinutes,
    );
  }

  async changePassword(
    actor: Actor,
    current: string,
    next: string,
    client: string,
    now: Date,
  ): Promise<void> {
    const { site } = this.deps;
    const db = site.store();
    const operator = this.operatorOf(actor);
    await this.checkOwnPassword(
      db,
      operator,
      current,
      'auth.changePassword',
      client,
      now,
      { code: 'WRONG_CURRENT_PASSWORD', message: 'The current password is wrong.' },
      'wrong current password',
    );
    if (next === current)
      throw new DomainError('BAD_REQUEST', 'Choose a new password, not the current one.');
    assertStrongPassword(next, [operator.username, operator.displayName]);
    const hash = await hashPassword(next, site.kdf);
    db.transaction(() => {
      updateOperatorPassword(db, actor.operatorId, hash, false);
      auditBy(
        db,
        actor,
        {
          action: 'auth.changePassword',
          target: `operator:${actor.username}`,
          outcome: 'success',
          ...(operator.mustChangePassword ? { details: { replacedTemporary: true } } : {}),
        },
        now,
      );
    })();
    if (operator.mustChangePassword) this.deps.events.emit('operators.changed', {});
  }

  private operatorOf(actor: Actor): OperatorWithSecret {
    const operator = findOperatorById(this.deps.site.store(), actor.operatorId);
    if (!operator) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    return operator;
  }

  /** Checks an operator's own password (unlock, change), counted like a sign-in; a wrong one is audited and thrown. */
  private async checkOwnPassword(
    db: WritableDb,
    operator: OperatorWithSecret,
    password: string,
    action: 'auth.unlock' | 'auth.changePassword',
    client: string,
    now: Date,
    refusal: { code: 'INVALID_CREDENTIALS' | 'WRONG_CURRENT_PASSWORD'; message: string },
    reason: string,
  ): Promise<{ matches: true; needsRehash: boolean }> {
    const { site, events } = this.deps;
    const attempt = beginAttempt(
      this.deps,
      {
        account: operator.username,
        source: client,
        isKnownSource: isKnownSource(db, operator, client),
      },
      { actor: operator, action, target: `operator:${operator.username}` },
      now,
    );
    let check;
    try {
      check = await verifyPassword(password, operator.passwordHash, site.kdf);
    } catch (error) {
      attempt.release();
      throw error;
    }
    if (check.matches) {
      attempt.succeeded();
      return { matches: true, needsRehash: check.needsRehash };
    }
    const waits: Wait[] = attempt.failed(now);
    auditBy(
      db,
      operator,
      {
        action,
        target: `operator:${operator.username}`,
        outcome: 'failure',
        details: { reason, ...waitDetails(waits) },
      },
      now,
    );
    if (waits.length > 0) events.emit('operators.changed', {});
    throw new DomainError(refusal.code, refusal.message + waitSentence(waits, site.timeZone()));
  }
}
