// What admins and operators do with notifications: configure the site's SMTP relay and chat webhook,
// keep e-mail contacts, read the delivery log, send a test and retry a failed delivery. Audited.
import { roleCan } from '../../../shared/domain/roles.ts';
import type {
  Contact,
  Delivery,
  DeliveryLog,
  DeliveryState,
  NotifyChannel,
  NotifySettings,
  SmtpSecurity,
} from '../../../shared/ipc/notifySchemas.ts';
import { auditBy } from '../../audit/index.ts';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../identity/index.ts';
import type { WritableDb } from '../../store/types.ts';
import {
  readSmtp,
  readWebhook,
  smtpView,
  webhookView,
  writeChannel,
  writeSecret,
} from './channelSettings.ts';
import { findContact, listContacts, setContactEmail } from './contacts.ts';
import type { NotifyDeps } from './deps.ts';
import type { DeliveryWorker } from './deliveryWorker.ts';
import { testMessage } from './messages.ts';
import {
  countFailed,
  enqueueDelivery,
  findDelivery,
  listDeliveries,
  requeueDelivery,
  rowToDelivery,
} from './outbox.ts';

export interface SettingsInput {
  smtp: {
    enabled: boolean;
    host: string;
    port: number;
    security: SmtpSecurity;
    verifyCertificate: boolean;
    username: string | null;
    password?: string | null | undefined;
    from: string;
  };
  webhook: {
    enabled: boolean;
    url: string;
    headerName: string | null;
    secret?: string | null | undefined;
  };
}

/** The fields that changed, for the audit record (secrets appear only as kept/replaced/removed). */
function changes(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    const previous = (before as Record<string, unknown>)[key];
    if (previous !== value) diff[key] = { from: previous, to: value };
  }
  return diff;
}

export class NotifyService {
  constructor(
    private readonly deps: NotifyDeps,
    private readonly worker: DeliveryWorker,
  ) {}

  private db(): WritableDb {
    const db = this.deps.store();
    if (!db) throw new DomainError('STORE_LOCKED', 'The store is locked.');
    return db;
  }

  settings(): NotifySettings {
    const db = this.db();
    return { smtp: smtpView(db), webhook: webhookView(db), retry: this.deps.retry };
  }

  saveSettings(input: SettingsInput, actor: Actor): NotifySettings {
    const db = this.db();
    const now = this.deps.clock.now();
    db.transaction(() => {
      const before = { smtp: smtpView(db), webhook: webhookView(db) };
      const { password, enabled: smtpOn, ...smtp } = input.smtp;
      const { secret, enabled: webhookOn, ...webhook } = input.webhook;
      writeChannel(db, 'smtp', { isEnabled: smtpOn, config: smtp }, actor.username, now.getTime());
      writeChannel(
        db,
        'webhook',
        { isEnabled: webhookOn, config: webhook },
        actor.username,
        now.getTime(),
      );
      const passwordChange = writeSecret(db, 'smtp', password);
      const secretChange = writeSecret(db, 'webhook', secret);
      auditBy(
        db,
        actor,
        {
          action: 'notify.saveSettings',
          target: 'notify:channels',
          outcome: 'success',
          details: {
            smtp: changes(before.smtp, smtpView(db)),
            webhook: changes(before.webhook, webhookView(db)),
            smtpPassword: passwordChange,
            webhookSecret: secretChange,
          },
        },
        now,
      );
    })();
    return this.settings();
  }

  /** Everyone's contact for those who manage notifications; otherwise the caller's own. */
  contacts(actor: Actor): Contact[] {
    const db = this.db();
    if (roleCan(actor.role, 'notify.manage')) return listContacts(db);
    const own = findContact(db, actor.username);
    return own ? [own] : [];
  }

  setContact(username: string, email: string | null, actor: Actor): Contact {
    if (username !== actor.username && !roleCan(actor.role, 'notify.manage'))
      throw new DomainError('FORBIDDEN', "Only an admin may change another operator's address.");
    const db = this.db();
    const now = this.deps.clock.now();
    return db.transaction(() => {
      const before = findContact(db, username);
      if (!before) throw new DomainError('NOT_FOUND', `There is no operator "${username}".`);
      setContactEmail(db, username, email, actor.username, now.getTime());
      auditBy(
        db,
        actor,
        {
          action: 'notify.setContact',
          target: `operator:${username}`,
          outcome: 'success',
          details: { email: { from: before.email, to: email } },
        },
        now,
      );
      return findContact(db, username)!;
    })();
  }

  deliveries(filter: { limit: number; states?: DeliveryState[] | undefined }): DeliveryLog {
    const db = this.db();
    return { items: listDeliveries(db, filter), failedCount: countFailed(db) };
  }

  /** Sends one test message now through the saved settings (even while the channel is off). */
  async test(channel: NotifyChannel, to: string | undefined, actor: Actor): Promise<Delivery> {
    const db = this.db();
    const now = this.deps.clock.now();
    let recipients: string[] = [];
    if (channel === 'smtp') {
      const { config } = readSmtp(db);
      if (!config.host || !config.from)
        throw new DomainError('BAD_REQUEST', "Save the SMTP relay's host and from address first.");
      const address = to ?? findContact(db, actor.username)?.email;
      if (!address)
        throw new DomainError(
          'BAD_REQUEST',
          'Give an address to send the test to, or set your own e-mail address first.',
        );
      recipients = [address];
    } else if (!readWebhook(db).config.url) {
      throw new DomainError('BAD_REQUEST', "Save the webhook's URL first.");
    }
    const message = testMessage(
      { siteName: this.deps.siteName(), timeZone: this.deps.timeZone() },
      actor.username,
      now.getTime(),
    );
    const id = enqueueDelivery(
      db,
      {
        incidentId: null,
        channel,
        recipients,
        subject: message.subject,
        body: channel === 'smtp' ? message.text : message.json,
        maxAttempts: 1,
        isTest: true,
        createdBy: actor.username,
      },
      now.getTime(),
    );
    this.deps.events.emit('notify.changed', { deliveryIds: [id] });
    await this.worker.tick(now.getTime());
    const after = this.db();
    const delivery = rowToDelivery(findDelivery(after, id)!);
    auditBy(
      after,
      actor,
      {
        action: 'notify.test',
        target: `notify:${channel}`,
        outcome: delivery.state === 'sent' ? 'success' : 'failure',
        details: {
          deliveryId: id,
          recipients,
          ...(delivery.lastError ? { error: delivery.lastError } : {}),
        },
      },
      this.deps.clock.now(),
    );
    return delivery;
  }

  retry(id: number, actor: Actor): Delivery {
    const db = this.db();
    const now = this.deps.clock.now();
    const delivery = db.transaction(() => {
      const row = findDelivery(db, id);
      if (!row) throw new DomainError('NOT_FOUND', `There is no delivery #${id}.`);
      if (row.state !== 'failed')
        throw new DomainError('CONFLICT', `Delivery #${id} is ${row.state}, not failed.`);
      requeueDelivery(db, id, this.deps.retry.maxAttempts, now.getTime());
      auditBy(
        db,
        actor,
        {
          action: 'notify.retry',
          target: `notify:delivery:${id}`,
          outcome: 'success',
          details: { channel: row.channel, incidentId: row.incident_id },
        },
        now,
      );
      return rowToDelivery(findDelivery(db, id)!);
    })();
    this.deps.events.emit('notify.changed', { deliveryIds: [id] });
    this.worker.kick();
    return delivery;
  }
}
