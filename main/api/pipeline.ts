// The one pipeline every API call runs, whichever shell carried it:
// channel → session → permission → input validation → handler → output check → result.
import type { z } from 'zod';
import {
  channels,
  isChannelName,
  type ApiError,
  type ChannelName,
  type Result,
} from '../../shared/ipc/contract.ts';
import { roleCan } from '../../shared/domain/roles.ts';
import { auditHead } from '../audit/index.ts';
import { recordActivity, resolveSession, type ResolvedSession } from '../auth/sessions.ts';
import { StoreError } from '../store/db.ts';
import type { Logger } from '../log.ts';
import { audit, type ApiDeps, type ApiHandlers, type Handler } from './handler.ts';
import { DomainError } from '../core/errors.ts';
import { type CallContext } from './types.ts';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

function toApiError(error: unknown, logger: Logger, channel: string): ApiError {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, ...(error.retryAt ? { retryAt: error.retryAt.toISOString() } : {}) };
  }
  if (error instanceof StoreError) {
    const code = error.code === 'WRONG_KEY' || error.code === 'WRONG_PASSPHRASE' ? 'WRONG_KEY' : 'CONFLICT';
    return { code, message: error.message };
  }
  logger.error('API handler failed', { channel, error: error instanceof Error ? error.stack : String(error) });
  return { code: 'INTERNAL', message: 'Mirqab hit an internal error; it has been logged.' };
}

export function createDispatcher(deps: ApiDeps, handlers: ApiHandlers, logger: Logger) {
  const { site, events } = deps;

  /** Resolves the caller's session and enforces access; returns null for public channels. */
  function authorise(ctx: CallContext, channel: ChannelName, now: Date): ResolvedSession | null {
    const spec = channels[channel];
    if (spec.access === 'public') {
      if (site.state() !== 'ready' || !ctx.sessionToken) return null;
      return resolveSession(site.store(), ctx.sessionToken, now, site.settings().lockAfterMinutes);
    }
    const db = site.store();
    const session = resolveSession(db, ctx.sessionToken, now, site.settings().lockAfterMinutes);
    if (!session) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    if (session.justLocked) {
      audit(db, session.actor, { action: 'auth.lock', target: `operator:${session.actor.username}`, outcome: 'success', details: { reason: 'inactivity' } }, now);
      events.emitTo({ sessionId: session.session.id }, 'session.locked', { reason: 'inactivity' });
    }
    if (session.locked && !('whileLocked' in spec)) {
      throw new DomainError('SESSION_LOCKED', 'Your session is locked after inactivity: enter your password to continue.');
    }
    if (spec.access !== 'session' && !roleCan(session.actor.role, spec.access)) {
      audit(db, session.actor, {
        action: channel,
        target: 'permission',
        outcome: 'denied',
        details: { needs: spec.access },
      }, now);
      throw new DomainError('FORBIDDEN', `Your role (${session.actor.role}) may not do this: it needs ${spec.access}.`);
    }
    if (!session.locked) recordActivity(db, session.session.id, now);
    return session;
  }

  return async function dispatch(
    ctx: CallContext,
    channel: unknown,
    input: unknown,
  ): Promise<Result<unknown>> {
    const headBefore = site.state() === 'ready' ? auditHead(site.store()).seq : null;
    const now = site.clock.now();
    const name = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
    try {
      if (!isChannelName(channel)) {
        throw new DomainError('BAD_REQUEST', `Unknown channel "${name}".`);
      }
      const session = authorise(ctx, channel, now);
      const spec = channels[channel];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) throw new DomainError('BAD_REQUEST', describeIssues(parsed.error));
      // reason: TypeScript cannot correlate handlers[channel] with channels[channel] for a union key.
      const handler = handlers[channel] as Handler<ChannelName>;
      const value: unknown = await handler(parsed.data, { ctx, session, now });
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      return { ok: false, error: toApiError(error, logger, name) };
    } finally {
      if (site.state() === 'ready') {
        const head = auditHead(site.store()).seq;
        if (head !== headBefore) events.emit('audit.changed', { seq: head });
      }
    }
  };
}
