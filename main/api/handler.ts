// The shape of API handlers: one function per channel, typed from the contract.
import type {
  ChannelName,
  ChannelOutput,
  ChannelParsedInput,
  SessionInfo,
} from '../../shared/ipc/contract.ts';
import { ROLE_PERMISSIONS } from '../../shared/domain/roles.ts';
import type { AuditEvent } from '../audit/index.ts';
import { appendAudit } from '../audit/index.ts';
import type { AttemptLimiter } from '../auth/attempts.ts';
import type { Actor, ResolvedSession } from '../auth/sessions.ts';
import { withoutSecret, type OperatorWithSecret } from '../store/repositories/operators.ts';
import type { WritableDb } from '../store/db.ts';
import type { EventBus } from '../core/events.ts';
import type { Site } from '../core/site.ts';
import { DomainError } from '../core/errors.ts';
import { type CallContext } from './types.ts';

export interface ApiDeps {
  site: Site;
  events: EventBus;
  /** Failed password and passphrase attempts, per account and per source. */
  attempts: AttemptLimiter;
  shell: 'desktop' | 'browser';
  version: string;
}

export interface HandlerCall {
  ctx: CallContext;
  /** The caller's session when there is one (always, for non-public channels). */
  session: ResolvedSession | null;
  now: Date;
}

export type Handler<C extends ChannelName> = (
  input: ChannelParsedInput<C>,
  call: HandlerCall,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type DomainHandlers<K extends ChannelName> = { [C in K]: Handler<C> };

/** Every channel must have a handler: a missing one is a compile error. */
export type ApiHandlers = DomainHandlers<ChannelName>;

export function requireActor(call: HandlerCall): Actor {
  if (!call.session) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return call.session.actor;
}

export function audit(
  db: WritableDb,
  actor: Actor | { username: string; role: string },
  event: Omit<AuditEvent, 'actor' | 'role'>,
  now: Date,
) {
  return appendAudit(db, { actor: actor.username, role: actor.role, ...event }, now);
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
  };
}
