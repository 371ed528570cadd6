// Notification channels: the on-prem delivery settings (SMTP relay, chat webhook), operators' e-mail
// contacts, the delivery log and a test send. Spread into contract.ts's maps.
import { z } from 'zod';
import { channel } from './channel.ts';
import {
  ContactSchema,
  DELIVERY_STATES,
  DeliveryLogSchema,
  DeliverySchema,
  EmailSchema,
  NotifyChannelSchema,
  NotifySettingsSchema,
  SmtpSettingsInputSchema,
  WebhookSettingsInputSchema,
} from './notifySchemas.ts';

const empty = z.object({}).strict();

export const notifyChannels = {
  /** Secrets come back only as hasPassword / hasSecret. */
  'notify.settings': channel({
    input: empty,
    output: NotifySettingsSchema,
    access: 'notify.manage',
  }),
  'notify.saveSettings': channel({
    input: z
      .object({ smtp: SmtpSettingsInputSchema, webhook: WebhookSettingsInputSchema })
      .strict(),
    output: NotifySettingsSchema,
    access: 'notify.manage',
  }),
  /** Every operator's contact for notify.manage; otherwise only the caller's own. */
  'notify.contacts': channel({ input: empty, output: z.array(ContactSchema), access: 'session' }),
  /** An operator sets their own address; notify.manage sets anyone's. Null removes it. */
  'notify.setContact': channel({
    input: z
      .object({ username: z.string().min(1).max(64), email: EmailSchema.nullable() })
      .strict(),
    output: ContactSchema,
    access: 'session',
  }),
  /** Newest first; failed and pending deliveries are always included. */
  'notify.deliveries': channel({
    input: z
      .object({
        limit: z.number().int().min(1).max(1000).default(100),
        states: z.array(z.enum(DELIVERY_STATES)).max(DELIVERY_STATES.length).optional(),
      })
      .strict(),
    output: DeliveryLogSchema,
    access: 'notify.manage',
  }),
  /** Sends one message through a channel now (SMTP: to `to`, or the caller's own address). */
  'notify.test': channel({
    input: z.object({ channel: NotifyChannelSchema, to: EmailSchema.optional() }).strict(),
    output: DeliverySchema,
    access: 'notify.manage',
  }),
  /** Puts a failed delivery back in the outbox for one more round of attempts. */
  'notify.retry': channel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: DeliverySchema,
    access: 'notify.manage',
  }),
} as const;

export const notifyEvents = {
  /** Deliveries were queued, attempted, sent or failed: the delivery log refreshes. */
  'notify.changed': z.object({ deliveryIds: z.array(z.number().int()) }),
} as const;
