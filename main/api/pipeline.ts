// The one pipeline every API call runs, whichever shell carried it:
// channel → session → permission → input validation → handler → output check → result; the one
// place a DomainError becomes `{ ok: false, error }`.
import type { z } from 'zod';
import {
  channels,
  isChannelName,
  type ApiError,
  type ChannelName,
  type Result,
} from '../../shared/ipc/contract.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { ResolvedSession, SessionService } from '../identity/index.ts';
import type { Logger } from '../log.ts';
import { type ApiHandlers, type Handler } from './handler.ts';
import { type CallContext } from './types.ts';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

function toApiError(error: unknown, logger: Logger, channel: string): ApiError {
  if (error instanceof DomainError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.retryAt ? { retryAt: error.retryAt.toISOString() } : {}),
    };
  }
  logger.error('API handler failed', {
    channel,
    error: error instanceof Error ? error.stack : String(error),
  });
  return { code: 'INTERNAL', message: 'Mirqab hit an internal error; it has been logged.' };
}

export function createDispatcher(
  sessions: SessionService,
  clock: Clock,
  handlers: ApiHandlers,
  logger: Logger,
) {
  /** The caller's session, admitted by identity for this channel; null for public channels without one. */
  function authorise(ctx: CallContext, channel: ChannelName, now: Date): ResolvedSession | null {
    const spec = channels[channel];
    if (spec.access === 'public')
      return ctx.sessionToken ? sessions.peek(ctx.sessionToken, now) : null;
    return sessions.admit(
      ctx.sessionToken,
      { access: spec.access, isAllowedWhileLocked: 'whileLocked' in spec, action: channel },
      now,
    );
  }

  return async function dispatch(
    ctx: CallContext,
    channel: unknown,
    input: unknown,
  ): Promise<Result<unknown>> {
    const now = clock.now();
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
    }
  };
}
