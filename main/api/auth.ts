// Sign in and out, resume a locked session, change one's own password. Every password check goes
// through the attempt limiter: per account and per client, waits that double and are capped at minutes.
import type { Wait } from '../auth/attempts.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { checkCredentials, startSession } from '../auth/sessions.ts';
import { hasSessionFrom, revokeSession, setSessionLocked, touchSession } from '../store/repositories/sessions.ts';
import {
  findOperatorById,
  findOperatorByUsername,
  updateOperatorPassword,
  type OperatorWithSecret,
} from '../store/repositories/operators.ts';
import { describeCost } from '../store/scrypt.ts';
import type { WritableDb } from '../store/db.ts';
import { beginAttempt, waitDetails, waitSentence } from './attemptGuard.ts';
import { audit, requireActor, sessionInfo, type ApiDeps, type DomainHandlers } from './handler.ts';
import { DomainError } from '../core/errors.ts';
import { type CallContext } from './types.ts';

const WRONG = 'Wrong username or password.';

function isKnownSource(db: WritableDb, operator: OperatorWithSecret | null, ctx: CallContext): boolean {
  return operator !== null && hasSessionFrom(db, operator.id, ctx.client);
}

function currentCost(hash: string): string {
  const [, N, r, p] = hash.split('$');
  return describeCost({ N: Number(N), r: Number(r), p: Number(p) });
}

export function authHandlers(
  deps: ApiDeps,
): DomainHandlers<
  'auth.signIn' | 'auth.signOut' | 'auth.lock' | 'auth.unlock' | 'auth.whoami' | 'auth.changePassword'
> {
  const { site, events } = deps;

  /** Checks an operator's own password (unlock, change): counted like a sign-in. */
  async function checkOwnPassword(
    db: WritableDb,
    operator: OperatorWithSecret,
    password: string,
    action: 'auth.unlock' | 'auth.changePassword',
    ctx: CallContext,
    now: Date,
  ): Promise<{ matches: boolean; needsRehash: boolean; waits: Wait[] }> {
    const attempt = beginAttempt(
      deps,
      { account: operator.username, source: ctx.client, isKnownSource: isKnownSource(db, operator, ctx) },
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
    if (!check.matches) return { ...check, waits: attempt.failed(now) };
    attempt.succeeded();
    return { ...check, waits: [] };
  }

  return {
    'auth.signIn': async (input, { ctx, now }) => {
      const db = site.store();
      const known = findOperatorByUsername(db, input.username);
      const attempt = beginAttempt(
        deps,
        { account: input.username, source: ctx.client, isKnownSource: isKnownSource(db, known, ctx) },
        { actor: { username: input.username, role: 'none' }, action: 'auth.signIn', target: `operator:${input.username}` },
        now,
      );
      let checked;
      try {
        checked = await checkCredentials(db, input.username, input.password, site.kdf);
      } catch (error) {
        attempt.release();
        throw error;
      }
      if (!checked) {
        const waits = attempt.failed(now);
        audit(db, { username: input.username, role: 'none' }, {
          action: 'auth.signIn',
          target: `operator:${input.username}`,
          outcome: 'failure',
          details: { client: ctx.client, reason: 'wrong username, password or disabled account', ...waitDetails(waits) },
        }, now);
        if (waits.length > 0) events.emit('operators.changed', {});
        throw new DomainError('INVALID_CREDENTIALS', WRONG + waitSentence(waits, site.timeZone()));
      }
      attempt.succeeded();
      const { operator, needsRehash } = checked;
      // An older, cheaper hash is replaced while the password is at hand.
      const rehash = needsRehash ? await hashPassword(input.password, site.kdf) : null;
      const { token } = db.transaction(() => {
        if (rehash) updateOperatorPassword(db, operator.id, rehash);
        const started = startSession(db, operator, ctx.client, now);
        audit(db, { username: operator.username, role: operator.role }, {
          action: 'auth.signIn',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: {
            client: ctx.client,
            session: started.sessionId,
            ...(rehash ? { passwordRehashed: `scrypt ${currentCost(operator.passwordHash)} → ${currentCost(rehash)}` } : {}),
          },
        }, now);
        return started;
      })();
      ctx.setSessionToken(token);
      events.emit('sessions.changed', {});
      return sessionInfo(operator, false, site.settings().lockAfterMinutes);
    },

    'auth.signOut': (_input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      db.transaction(() => {
        revokeSession(db, actor.sessionId, call.now);
        audit(db, actor, { action: 'auth.signOut', target: `operator:${actor.username}`, outcome: 'success' }, call.now);
      })();
      call.ctx.setSessionToken(null);
      events.emit('sessions.changed', {});
      return { done: true as const };
    },

    'auth.lock': (input, call) => {
      const actor = requireActor(call);
      if (call.session?.locked) return { done: true as const };
      const db = site.store();
      db.transaction(() => {
        setSessionLocked(db, actor.sessionId, true);
        audit(db, actor, { action: 'auth.lock', target: `operator:${actor.username}`, outcome: 'success', details: { reason: input.reason } }, call.now);
      })();
      return { done: true as const };
    },

    'auth.unlock': async (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const operator = findOperatorById(db, actor.operatorId);
      if (!operator) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
      const { matches, needsRehash, waits } = await checkOwnPassword(db, operator, input.password, 'auth.unlock', call.ctx, call.now);
      if (!matches) {
        audit(db, actor, { action: 'auth.unlock', target: `operator:${actor.username}`, outcome: 'failure', details: { reason: 'wrong password', ...waitDetails(waits) } }, call.now);
        if (waits.length > 0) events.emit('operators.changed', {});
        throw new DomainError('INVALID_CREDENTIALS', 'Wrong password.' + waitSentence(waits, site.timeZone()));
      }
      const rehash = needsRehash ? await hashPassword(input.password, site.kdf) : null;
      db.transaction(() => {
        if (rehash) updateOperatorPassword(db, operator.id, rehash);
        setSessionLocked(db, actor.sessionId, false);
        touchSession(db, actor.sessionId, call.now);
        audit(db, actor, {
          action: 'auth.unlock',
          target: `operator:${actor.username}`,
          outcome: 'success',
          ...(rehash ? { details: { passwordRehashed: `scrypt ${currentCost(operator.passwordHash)} → ${currentCost(rehash)}` } } : {}),
        }, call.now);
      })();
      return sessionInfo(operator, false, site.settings().lockAfterMinutes);
    },

    'auth.whoami': (_input, call) => {
      if (!call.session) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
      return sessionInfo(call.session.operator, call.session.locked, site.settings().lockAfterMinutes);
    },

    'auth.changePassword': async (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const operator = findOperatorById(db, actor.operatorId);
      if (!operator) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
      const { matches, waits } = await checkOwnPassword(db, operator, input.current, 'auth.changePassword', call.ctx, call.now);
      if (!matches) {
        audit(db, actor, { action: 'auth.changePassword', target: `operator:${actor.username}`, outcome: 'failure', details: { reason: 'wrong current password', ...waitDetails(waits) } }, call.now);
        if (waits.length > 0) events.emit('operators.changed', {});
        throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong.' + waitSentence(waits, site.timeZone()));
      }
      const hash = await hashPassword(input.next, site.kdf);
      db.transaction(() => {
        updateOperatorPassword(db, actor.operatorId, hash);
        audit(db, actor, { action: 'auth.changePassword', target: `operator:${actor.username}`, outcome: 'success' }, call.now);
      })();
      return { done: true as const };
    },
  };
}
