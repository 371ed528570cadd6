// Turns the attempt limiter's answers into what operators and auditors see: a refusal that says
// until when (audited once per wait), and failure entries that say which waits they started.
import { auditBy, type AuditEvent } from '../audit/index.ts';
import type { Site } from '../core/site.ts';
import { DomainError } from '../core/errors.ts';
import type { Attempt, AttemptLimiter, AttemptTarget, Refusal, Wait } from './attempts.ts';

type GuardDeps = { site: Site; attempts: AttemptLimiter };

export interface GuardedAction {
  actor: { username: string; role: string };
  action: string;
  target: string;
}

/** "10:15:30 (Asia/Dubai)": seconds matter, as the first waits are half a minute. */
export function clockTime(at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${time} (${timeZone})`;
}

function refusalMessage(refusal: Refusal, timeZone: string): string {
  const { scope, id } = refusal.key;
  if (refusal.isBusy) {
    const what =
      scope === 'account' ? 'this account' : scope === 'store' ? 'the store' : 'this client';
    return `Another attempt for ${what} is being checked; try again when it has finished.`;
  }
  const after = clockTime(refusal.retryAt, timeZone);
  if (scope === 'account')
    return `Too many failed attempts for this account; try again after ${after}, or ask an admin to clear the lockout.`;
  if (scope === 'source')
    return `Too many failed attempts from this client; try again after ${after}, or ask an admin to clear the lockout.`;
  return id === 'recovery key'
    ? `Too many wrong recovery keys; try again after ${after}.`
    : `Too many wrong passphrases; try again after ${after}, or unlock with the recovery key.`;
}

/** A sentence for the failure that started a wait, so the operator learns of it before the next try. */
export function waitSentence(waits: Wait[], timeZone: string): string {
  const latest = waits.reduce<Wait | null>((a, b) => (a && a.until >= b.until ? a : b), null);
  return latest
    ? ` Too many failed attempts: the next one is accepted after ${clockTime(latest.until, timeZone)}.`
    : '';
}

/** Audit details for a failure: the waits it started, by scope. */
export function waitDetails(waits: Wait[]): Record<string, unknown> {
  if (waits.length === 0) return {};
  return {
    waitsUntil: Object.fromEntries(waits.map((w) => [w.key.scope, w.until.toISOString()])),
    failures: Object.fromEntries(waits.map((w) => [w.key.scope, w.failures])),
  };
}

/** Writes an audit entry now, or (store locked) when the store next opens. */
function auditAnyway(
  deps: GuardDeps,
  event: Omit<AuditEvent, 'actor' | 'role'>,
  actor: GuardedAction['actor'],
  now: Date,
): void {
  const { site } = deps;
  if (site.state() === 'ready') auditBy(site.store(), actor, event, now);
  else site.recordWhileLocked({ actor: actor.username, role: actor.role, ...event }, now);
}

/** Reserves an attempt or throws TOO_MANY_ATTEMPTS with the time it may be tried again. */
export function beginAttempt(
  deps: GuardDeps,
  target: AttemptTarget,
  guarded: GuardedAction,
  now: Date,
): Attempt {
  const result = deps.attempts.begin(target, now);
  if (!result.refused) return result;
  // The first refusal of each wait is audited; later ones in that wait are counted into the next entry.
  if (!result.isRepeat) {
    auditAnyway(
      deps,
      {
        action: guarded.action,
        target: guarded.target,
        outcome: 'denied',
        details: {
          client: target.source,
          reason: 'too many failed attempts',
          heldBy: `${result.key.scope}:${result.key.id}`,
          retryAt: result.retryAt.toISOString(),
          ...(result.countedBefore > 0 ? { earlierRefusalsNotItemised: result.countedBefore } : {}),
        },
      },
      guarded.actor,
      now,
    );
  }
  throw new DomainError(
    'TOO_MANY_ATTEMPTS',
    refusalMessage(result, deps.site.timeZone()),
    result.isBusy ? undefined : result.retryAt,
  );
}
