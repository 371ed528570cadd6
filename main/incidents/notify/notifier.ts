// Delivers a page: tells the console (the alert bar and the desktop's OS notification), writes it on
// the incident's timeline, and queues it for the site's SMTP relay and chat webhook in the outbox.
import type { Page, Pager } from '../paging.ts';
import type { WritableDb } from '../../store/types.ts';
import { readSmtp, readWebhook } from './channelSettings.ts';
import { addressesOf } from './contacts.ts';
import type { NotifyDeps } from './deps.ts';
import type { DeliveryWorker } from './deliveryWorker.ts';
import { pageMessage } from './messages.ts';
import { enqueueDelivery } from './outbox.ts';
import { addNotificationEntry, incidentKind } from './timeline.ts';

/** "Paged amal, omar (tier 1) in the console, by e-mail to 2 addresses; no e-mail address for omar." */
function timelineText(
  page: Page,
  channels: { emails: number; isWebhook: boolean },
  missing: readonly string[],
): string {
  const tier = page.tier > 0 ? `tier ${page.tier}` : 'warning';
  const how = ['in the console'];
  if (channels.emails > 0)
    how.push(`by e-mail to ${channels.emails} address${channels.emails === 1 ? '' : 'es'}`);
  if (channels.isWebhook) how.push('on the chat webhook');
  const names = page.usernames.length > 0 ? page.usernames.join(', ') : 'nobody';
  const gap = missing.length > 0 ? `; no e-mail address for ${missing.join(', ')}` : '';
  return `Paged ${names} (${tier}) ${how.join(', ')}${gap}.`;
}

export class Notifier implements Pager {
  constructor(
    private readonly deps: NotifyDeps,
    private readonly worker: DeliveryWorker,
  ) {}

  page(page: Page): void {
    let deliveryIds: number[] = [];
    let isRecorded = false;
    try {
      const db = this.deps.store();
      if (db) {
        deliveryIds = db.transaction(() => this.record(db, page))();
        isRecorded = true;
      }
    } catch (error) {
      // The console is still told below: a page is never lost because the outbox could not be written.
      this.deps.logger.error('notifications: the page could not be recorded', {
        incidentId: page.incidentId,
        error: String(error),
      });
    }
    this.deps.events.emit('incidents.paged', {
      incidentId: page.incidentId,
      title: page.title,
      priority: page.priority,
      usernames: [...page.usernames],
      tier: page.tier,
      at: new Date(page.atMs).toISOString(),
    });
    if (isRecorded) this.deps.onTimelineChanged([page.incidentId]);
    if (deliveryIds.length > 0) {
      this.deps.events.emit('notify.changed', { deliveryIds });
      this.worker.kick();
    }
  }

  private record(db: WritableDb, page: Page): number[] {
    const incident = incidentKind(db, page.incidentId);
    if (!incident) throw new Error(`There is no incident #${page.incidentId}.`);
    const smtp = readSmtp(db);
    const webhook = readWebhook(db);
    const message = pageMessage(page, {
      siteName: this.deps.siteName(),
      timeZone: this.deps.timeZone(),
      isDrill: incident.isDrill,
    });
    const { addresses, missing } = smtp.isEnabled
      ? addressesOf(db, page.usernames)
      : { addresses: [], missing: [] };
    const common = {
      incidentId: page.incidentId,
      subject: message.subject,
      maxAttempts: this.deps.retry.maxAttempts,
      isTest: false,
      createdBy: null,
    };
    // Queued at the console's own time, so the worker's clock decides when each is due.
    const nowMs = this.deps.clock.now().getTime();
    const deliveryIds: number[] = [];
    if (addresses.length > 0)
      deliveryIds.push(
        enqueueDelivery(
          db,
          { ...common, channel: 'smtp', recipients: addresses, body: message.text },
          nowMs,
        ),
      );
    if (webhook.isEnabled)
      deliveryIds.push(
        enqueueDelivery(
          db,
          { ...common, channel: 'webhook', recipients: [], body: message.json },
          nowMs,
        ),
      );
    addNotificationEntry(
      db,
      page.incidentId,
      page.atMs,
      timelineText(page, { emails: addresses.length, isWebhook: webhook.isEnabled }, missing),
      {
        usernames: page.usernames,
        tier: page.tier,
        text: page.text,
        deliveryIds,
        ...(missing.length > 0 ? { withoutEmail: missing } : {}),
      },
    );
    return deliveryIds;
  }
}
