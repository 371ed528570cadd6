// The shape of API handlers: one function per channel, typed from the contract, and what adapters call.
import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract.ts';
import type { AuditTrail } from '../core/auditTrail.ts';
import { DomainError } from '../core/errors.ts';
import type { SiteSettings } from '../core/settings.ts';
import type { Site } from '../core/site.ts';
import type { Actor, Identity, ResolvedSession } from '../identity/index.ts';
import { type CallContext } from './types.ts';

/** The services the identity, settings and audit adapters call. */
export interface ApiServices {
  site: Site;
  identity: Identity;
  settings: SiteSettings;
  auditTrail: AuditTrail;
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

/** The caller's whole session (for channels that act on its lock state). */
export function requireSession(call: HandlerCall): ResolvedSession {
  if (!call.session) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return call.session;
}
