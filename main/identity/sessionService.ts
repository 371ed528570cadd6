// Sessions in use: admitting a call, locking for inactivity (one audited, announced step whoever notices
// it: a call, a pushed event, the sweep), activity, the sessions list and revocation.
import { auditBy } from '../audit/index.ts';
import { roleCan } from '../../shared/domain/roles.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { Access, ChannelOutput } from '../../shared/ipc/contract.ts';
import type { EventAudience } from '../core/events.ts';
import { DomainError } from '../core/errors.ts';
import type { IdentityDeps } from './deps.ts';
import { findOperatorById } from './operatorRepository.ts';
import {
  findSessionById,
  findSessionByTokenHash,
  listLiveSessions,
  revokeSession,
  setSessionLocked,
  touchSession,
} from './sessionRepository.ts';
import { actorOf, hashToken, readSession, type Actor, type ResolvedSession } from './sessions.ts';

// All an operator signed in with an admin's temporary password may do until they choose their own.
const BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  'auth.changePassword',
  'auth.whoami',
  'auth.signOut',
  'auth.lock',
  'auth.unlock',
]);

/** What a call needs from its caller's session. */
export interface Admission {
  access: Exclude<Access, 'public'>;
  /** The channel may be used while the session is locked (unlock, sign out). */
  isAllowedWhileLocked: boolean;
  /** The channel, named in the audit entry of a refusal. */
  action: string;
}

/** Issues a one-time sign-in link for the browser console (the browser shell owns the links). */
export type SignInLinkIssuer = () => { url: string; expiresAt: Date };

export class SessionService {
  constructor(private readonly deps: IdentityDeps) {}

  /** The caller's session for a public channel, if any; an idle one is locked first. */
  peek(token: string | null, now: Date): ResolvedSession | null {
    if (this.deps.site.state() !== 'ready') return null;
    const resolved = readSession(this.deps.site.store(), token, now, this.lockAfterMinutes());
    return resolved?.isIdle ? this.lockForInactivity(resolved, now) : resolved;
  }

  /** Admits one call or throws why not; a refused permission is audited; activity keeps the session alive. */
  admit(token: string | null, need: Admission, now: Date): ResolvedSession {
    const db = this.deps.site.store();
    let session = readSession(db, token, now, this.lockAfterMinutes());
    if (!session) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    if (session.isIdle) session = this.lockForInactivity(session, now);
    if (session.locked && !need.isAllowedWhileLocked) {
      throw new DomainError(
        'SESSION_LOCKED',
        'Your session is locked after inactivity: enter your password to continue.',
      );
    }
    if (session.operator.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(need.action)) {
      throw new DomainError(
        'PASSWORD_CHANGE_REQUIRED',
        'You signed in with a temporary password: set a new password first.',
      );
    }
    if (need.access !== 'session' && !roleCan(session.actor.role, need.access)) {
      auditBy(
        db,
        session.actor,
        {
          action: need.action,
          target: 'permission',
          outcome: 'denied',
          details: { needs: need.access },
        },
        now,
      );
      throw new DomainError(
        'FORBIDDEN',
        `Your role (${session.actor.role}) may not do this: it needs ${need.access}.`,
      );
    }
    if (!session.locked) touchSession(db, session.session.id, now);
    return session;
  }

  /**
   * Whether a pushed event goes to the client holding this token: a targeted event to its own session
   * even once ended; others only to live, unlocked sessions. An idle session found here is locked, audited and told.
   */
  canReceive(token: string | null, audience: EventAudience | undefined, now: Date): boolean {
    if (!token || this.deps.site.state() !== 'ready') return false;
    const db = this.deps.site.store();
    if (audience?.sessionId !== undefined)
      return findSessionByTokenHash(db, hashToken(token))?.id === audience.sessionId;
    const session = readSession(db, token, now, this.lockAfterMinutes());
    if (!session) return false;
    if (session.isIdle) {
      this.lockForInactivity(session, now);
      return false;
    }
    return !session.locked;
  }

  /** Locks every live session idle for too long, so inactivity is audited even when nothing else asks. */
  sweepIdle(now: Date): number {
    if (this.deps.site.state() !== 'ready') return 0;
    const db = this.deps.site.store();
    const limitMs = this.lockAfterMinutes() * MINUTE_MS;
    let locked = 0;
    for (const session of listLiveSessions(db)) {
      if (session.locked || now.getTime() - Date.parse(session.lastActiveAt) <= limitMs) continue;
      const operator = findOperatorById(db, session.operatorId);
      if (operator && this.lockIdle(actorOf(operator, session.id), now)) locked += 1;
    }
    return locked;
  }

  /** The operator locks their own session (leaving the desk); a locked one stays as it is. */
  lock(session: ResolvedSession, reason: 'manual' | 'inactivity', now: Date): void {
    if (session.locked) return;
    const db = this.deps.site.store();
    db.transaction(() => {
      setSessionLocked(db, session.actor.sessionId, true);
      auditBy(
        db,
        session.actor,
        {
          action: 'auth.lock',
          target: `operator:${session.actor.username}`,
          outcome: 'success',
          details: { reason },
        },
        now,
      );
    })();
  }

  list(actor: Actor): ChannelOutput<'sessions.list'> {
    const db = this.deps.site.store();
    return listLiveSessions(db).flatMap((session) => {
      const operator = findOperatorById(db, session.operatorId);
      if (!operator) return [];
      return [
        {
          id: session.id,
          username: operator.username,
          role: operator.role,
          client: session.client,
          createdAt: session.createdAt,
          lastActiveAt: session.lastActiveAt,
          current: session.id === actor.sessionId,
        },
      ];
    });
  }

  revoke(actor: Actor, sessionId: string, now: Date): void {
    const db = this.deps.site.store();
    db.transaction(() => {
      const session = findSessionById(db, sessionId);
      if (!session || session.revokedAt)
        throw new DomainError('NOT_FOUND', 'That session has already ended.');
      const owner = findOperatorById(db, session.operatorId);
      revokeSession(db, session.id, now);
      auditBy(
        db,
        actor,
        {
          action: 'sessions.revoke',
          target: `session:${session.id}`,
          outcome: 'success',
          details: { operator: owner?.username ?? null, client: session.client },
        },
        now,
      );
    })();
    this.deps.events.emitTo({ sessionId }, 'session.locked', { reason: 'revoked' });
    this.deps.events.emit('sessions.changed', {});
  }

  /** A signed-in admin hands a new browser (or a colleague) a one-time link; audited, never the link itself. */
  issueLink(
    actor: Actor,
    issuer: SignInLinkIssuer | undefined,
    now: Date,
  ): { url: string; expiresAt: string } {
    if (!issuer)
      throw new DomainError(
        'CONFLICT',
        'Sign-in links are for the browser console: start it with `mirqab serve`.',
      );
    const link = issuer();
    auditBy(
      this.deps.site.store(),
      actor,
      {
        action: 'sessions.issueLink',
        target: 'browser',
        outcome: 'success',
        details: { expiresAt: link.expiresAt.toISOString() },
      },
      now,
    );
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  private lockAfterMinutes(): number {
    return this.deps.site.settings().lockAfterMinutes;
  }

  private lockForInactivity(session: ResolvedSession, now: Date): ResolvedSession {
    this.lockIdle(session.actor, now);
    return { ...session, locked: true, isIdle: false };
  }

  /** The one place an inactivity lock happens: locked, audited and told together, once. */
  private lockIdle(actor: Actor, now: Date): boolean {
    const db = this.deps.site.store();
    const isLockedNow = db.transaction(() => {
      const current = findSessionById(db, actor.sessionId);
      if (!current || current.locked || current.revokedAt) return false;
      setSessionLocked(db, actor.sessionId, true);
      auditBy(
        db,
        actor,
        {
          action: 'auth.lock',
          target: `operator:${actor.username}`,
          outcome: 'success',
          details: { reason: 'inactivity' },
        },
        now,
      );
      return true;
    })();
    if (isLockedNow)
      this.deps.events.emitTo({ sessionId: actor.sessionId }, 'session.locked', {
        reason: 'inactivity',
      });
    return isLockedNow;
  }
}
