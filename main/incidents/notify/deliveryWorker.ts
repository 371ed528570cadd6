// Sends what the outbox holds when it is due, records every attempt, waits longer after each
// failure, and marks a delivery failed (on the incident's timeline too) once its attempts are used.
import type { WritableDb } from '../../store/types.ts';
import { readSecret, readSmtp, readWebhook } from './channelSettings.ts';
import type { NotifyDeps } from './deps.ts';
import {
  dueDeliveries,
  recipientsOf,
  recordAttempt,
  type AttemptOutcome,
  type DeliveryRow,
} from './outbox.ts';
import { retryDelayMs } from './retryPolicy.ts';
import { addNotificationEntry } from './timeline.ts';
import { describeFailure } from './transports.ts';

/** How many due deliveries one pass sends at once. */
const BATCH = 20;
const CHANNEL_WORDS = { smtp: 'by e-mail', webhook: 'to the chat webhook' } as const;

class ChannelUnavailable extends Error {}

export class DeliveryWorker {
  private running: Promise<void> | null = null;
  private isAgainWanted = false;
  private latestNowMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private isStopped = false;

  constructor(private readonly deps: NotifyDeps) {}

  /** Looks at the outbox every pollMs (the timer does not keep the process alive). */
  start(pollMs: number): void {
    this.isStopped = false;
    this.timer ??= setInterval(() => this.kick(), pollMs).unref();
    this.kick();
  }

  /** No more passes start (one in flight finishes); what is queued stays queued for the next start. */
  stop(): void {
    this.isStopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends what is due soon, after the caller's transaction has committed. */
  kick(): void {
    if (this.isStopped) return;
    setImmediate(() => {
      if (this.isStopped) return;
      this.tick().catch((error: unknown) =>
        this.deps.logger.error('notifications: delivery pass failed', { error: String(error) }),
      );
    }).unref();
  }

  /** One pass over the due deliveries at nowMs; a call during a pass makes the pass run once more. */
  tick(nowMs: number = this.deps.clock.now().getTime()): Promise<void> {
    this.latestNowMs = Math.max(this.latestNowMs, nowMs);
    if (this.running) {
      this.isAgainWanted = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.isAgainWanted = false;
        await this.pass(this.latestNowMs);
      } while (this.isAgainWanted);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(nowMs: number): Promise<void> {
    const before = this.deps.store();
    if (!before) return;
    const due = dueDeliveries(before, nowMs, BATCH);
    if (due.length === 0) return;
    const results = await Promise.all(due.map((row) => this.attempt(before, row)));
    const db = this.deps.store();
    // A store locked meanwhile keeps them pending: they are sent again, never lost.
    if (!db) return;
    const incidentIds = new Set<number>();
    for (const [i, row] of due.entries()) {
      const outcome = this.outcomeOf(row, results[i]!, nowMs);
      const isOnTimeline = this.record(db, row, outcome, nowMs);
      if (isOnTimeline && row.incident_id !== null) incidentIds.add(row.incident_id);
    }
    this.deps.events.emit('notify.changed', { deliveryIds: due.map((row) => row.id) });
    if (incidentIds.size > 0) this.deps.onTimelineChanged([...incidentIds]);
  }

  /** Sends one delivery; null when sent, otherwise the reason it was not. */
  private async attempt(db: WritableDb, row: DeliveryRow): Promise<string | null> {
    try {
      if (row.channel === 'smtp') {
        const smtp = readSmtp(db);
        if (!row.is_test && !smtp.isEnabled)
          throw new ChannelUnavailable(
            'The SMTP relay is turned off in the notification settings.',
          );
        if (!smtp.config.host || !smtp.config.from)
          throw new ChannelUnavailable('The SMTP relay has no host or from address.');
        await this.deps.transports.sendMail(smtp.config, readSecret(db, 'smtp'), {
          to: recipientsOf(row),
          subject: row.subject,
          text: row.body,
        });
      } else {
        const webhook = readWebhook(db);
        if (!row.is_test && !webhook.isEnabled)
          throw new ChannelUnavailable('The webhook is turned off in the notification settings.');
        if (!webhook.config.url) throw new ChannelUnavailable('The webhook has no URL.');
        await this.deps.transports.postWebhook(webhook.config, readSecret(db, 'webhook'), row.body);
      }
      return null;
    } catch (error) {
      return error instanceof ChannelUnavailable ? error.message : describeFailure(error);
    }
  }

  private outcomeOf(row: DeliveryRow, error: string | null, nowMs: number): AttemptOutcome {
    if (error === null) return { outcome: 'sent' };
    const failedAttempts = row.attempts + 1;
    if (failedAttempts >= row.max_attempts) return { outcome: 'failed', error };
    return {
      outcome: 'retry',
      error,
      nextAttemptAt: nowMs + retryDelayMs(this.deps.retry, failedAttempts),
    };
  }

  /** Records the attempt (and a timeline entry when the page is delivered or given up on). */
  private record(
    db: WritableDb,
    row: DeliveryRow,
    outcome: AttemptOutcome,
    nowMs: number,
  ): boolean {
    const recipients = recipientsOf(row);
    const how = `${CHANNEL_WORDS[row.channel]}${recipients.length ? ` to ${recipients.join(', ')}` : ''}`;
    const attempts = row.attempts + 1;
    let entry: string | null = null;
    if (outcome.outcome === 'sent') entry = `Page delivered ${how}.`;
    if (outcome.outcome === 'failed') {
      entry = `The page could not be delivered ${how} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${outcome.error}`;
      this.deps.logger.warn('notifications: a delivery failed for good', {
        deliveryId: row.id,
        channel: row.channel,
        error: outcome.error,
      });
    }
    const isOnTimeline = entry !== null && row.incident_id !== null && row.is_test === 0;
    db.transaction(() => {
      recordAttempt(db, row, outcome, nowMs);
      if (isOnTimeline)
        addNotificationEntry(db, row.incident_id!, nowMs, entry!, {
          deliveryId: row.id,
          channel: row.channel,
          outcome: outcome.outcome,
          attempts,
          ...(outcome.outcome === 'failed' ? { error: outcome.error } : {}),
        });
    })();
    return isOnTimeline;
  }
}
