// The shapes the notification channels carry: the on-prem channels' settings (secrets only as
// hasPassword / hasSecret), operators' e-mail contacts and the delivery log.
import { z } from 'zod';

export const NOTIFY_CHANNELS = ['smtp', 'webhook'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];
export const NotifyChannelSchema = z.enum(NOTIFY_CHANNELS);

/** Implicit TLS (usually port 465), STARTTLS required (587), or a plain relay inside the site (25). */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export const DELIVERY_STATES = ['pending', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const iso = z.string();

export const EmailSchema = z.email().max(254);
/** A host name, IPv4 or bracketless IPv6 address; empty while the channel is off. */
export const SmtpHostSchema = z
  .string()
  .trim()
  .max(253)
  .regex(/^[A-Za-z0-9.:-]*$/, 'must be a host name or an IP address');
/** http(s) only: the webhook is a site's own chat server (Mattermost, Rocket.Chat); empty while off. */
export const WebhookUrlSchema = z.union([
  z.literal(''),
  z.url({ protocol: /^https?$/, error: 'must be an http or https address' }).max(2000),
]);
export const HeaderNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name (letters, digits, -)');
/** A secret in an input: absent keeps the stored one, null removes it, text replaces it. */
const SecretInputSchema = z.string().min(1).max(1024).nullable().optional();

export const SmtpSettingsSchema = z.object({
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  security: z.enum(SMTP_SECURITY),
  /** Off only for a relay whose certificate is self-signed and not yet in the OS store. */
  verifyCertificate: z.boolean(),
  username: z.string().nullable(),
  from: z.string(),
  hasPassword: z.boolean(),
});
export type SmtpSettings = z.infer<typeof SmtpSettingsSchema>;

export const WebhookSettingsSchema = z.object({
  enabled: z.boolean(),
  url: z.string(),
  headerName: z.string().nullable(),
  hasSecret: z.boolean(),
});
export type WebhookSettings = z.infer<typeof WebhookSettingsSchema>;

export const RetryPolicySchema = z.object({
  maxAttempts: z.number().int(),
  firstDelayMs: z.number().int(),
  maxDelayMs: z.number().int(),
});
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

export const NotifySettingsSchema = z.object({
  smtp: SmtpSettingsSchema,
  webhook: WebhookSettingsSchema,
  retry: RetryPolicySchema,
});
export type NotifySettings = z.infer<typeof NotifySettingsSchema>;

export const SmtpSettingsInputSchema = z
  .object({
    enabled: z.boolean(),
    host: SmtpHostSchema,
    port: z.number().int().min(1).max(65_535),
    security: z.enum(SMTP_SECURITY),
    verifyCertificate: z.boolean().default(true),
    username: z.string().trim().min(1).max(254).nullable(),
    password: SecretInputSchema,
    from: z.union([z.literal(''), EmailSchema]),
  })
  .strict()
  .refine((s) => !s.enabled || (s.host !== '' && s.from !== ''), {
    error: 'an enabled SMTP relay needs a host and a from address',
  });

export const WebhookSettingsInputSchema = z
  .object({
    enabled: z.boolean(),
    url: WebhookUrlSchema,
    headerName: HeaderNameSchema.nullable(),
    secret: SecretInputSchema,
  })
  .strict()
  .refine((w) => !w.enabled || w.url !== '', { error: 'an enabled webhook needs a URL' });

export const ContactSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  isDisabled: z.boolean(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const DeliverySchema = z.object({
  id: z.number().int(),
  incidentId: z.number().int().nullable(),
  channel: NotifyChannelSchema,
  /** E-mail addresses for SMTP; empty for the webhook (its URL is the channel's). */
  recipients: z.array(z.string()),
  subject: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** When a pending delivery is tried next. */
  nextAttemptAt: iso.nullable(),
  lastError: z.string().nullable(),
  isTest: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: iso,
  finishedAt: iso.nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const DeliveryLogSchema = z.object({
  items: z.array(DeliverySchema),
  /** Deliveries that finally failed, whether or not they are in `items`. */
  failedCount: z.number().int(),
});
export type DeliveryLog = z.infer<typeof DeliveryLogSchema>;
