// Sign in and out, resume a locked session, change one's own password.
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { checkCredentials, startSession } from '../auth/sessions.ts';
import { revokeSession, setSessionLocked, touchSession } from '../store/repositories/sessions.ts';
import { findOperatorById, updateOperatorPassword } from '../store/repositories/operators.ts';
import { audit, requireActor, sessionInfo, type ApiDeps, type DomainHandlers } from './handler.ts';
import { ApiFailure } from './types.ts';

const WRONG = 'Wrong username or password.';

export function authHandlers(
  deps: ApiDeps,
): DomainHandlers<
  'auth.signIn' | 'auth.signOut' | 'auth.lock' | 'auth.unlock' | 'auth.whoami' | 'auth.changePassword'
> {
  const { site, events } = deps;
  return {
    'auth.signIn': async (input, { ctx, now }) => {
      const db = site.store();
      const operator = await checkCredentials(db, input.username, input.password);
      if (!operator) {
        audit(db, { username: input.username, role: 'none' }, {
          action: 'auth.signIn',
          target: `operator:${input.username}`,
          outcome: 'failure',
          details: { client: ctx.client, reason: 'wrong username, password or disabled account' },
        }, now);
        throw new ApiFailure('INVALID_CREDENTIALS', WRONG);
      }
      const { token } = db.transaction(() => {
        const started = startSession(db, operator, ctx.client, now);
        audit(db, { username: operator.username, role: operator.role }, {
          action: 'auth.signIn',
          target: `operator:${operator.username}`,
          outcome: 'success',
          details: { client: ctx.client, session: started.sessionId },
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
      const ok = operator ? await verifyPassword(input.password, operator.passwordHash) : false;
      if (!operator || !ok) {
        audit(db, actor, { action: 'auth.unlock', target: `operator:${actor.username}`, outcome: 'failure', details: { reason: 'wrong password' } }, call.now);
        throw new ApiFailure('INVALID_CREDENTIALS', 'Wrong password.');
      }
      db.transaction(() => {
        setSessionLocked(db, actor.sessionId, false);
        touchSession(db, actor.sessionId, call.now);
        audit(db, actor, { action: 'auth.unlock', target: `operator:${actor.username}`, outcome: 'success' }, call.now);
      })();
      return sessionInfo(operator, false, site.settings().lockAfterMinutes);
    },

    'auth.whoami': (_input, call) => {
      if (!call.session) throw new ApiFailure('UNAUTHENTICATED', 'Sign in first.');
      return sessionInfo(call.session.operator, call.session.locked, site.settings().lockAfterMinutes);
    },

    'auth.changePassword': async (input, call) => {
      const actor = requireActor(call);
      const db = site.store();
      const operator = findOperatorById(db, actor.operatorId);
      if (!operator || !(await verifyPassword(input.current, operator.passwordHash))) {
        audit(db, actor, { action: 'auth.changePassword', target: `operator:${actor.username}`, outcome: 'failure', details: { reason: 'wrong current password' } }, call.now);
        throw new ApiFailure('INVALID_CREDENTIALS', 'The current password is wrong.');
      }
      const hash = await hashPassword(input.next);
      db.transaction(() => {
        updateOperatorPassword(db, actor.operatorId, hash);
        audit(db, actor, { action: 'auth.changePassword', target: `operator:${actor.username}`, outcome: 'success' }, call.now);
      })();
      return { done: true as const };
    },
  };
}
