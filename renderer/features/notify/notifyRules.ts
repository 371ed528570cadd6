// Client-side checks for the notification forms, from the contract's own schemas; each returns an
// i18n key. The backend validates again and its verdict wins.
import {
  EmailSchema,
  HeaderNameSchema,
  SmtpHostSchema,
  WebhookUrlSchema,
} from '../../../shared/ipc/notifySchemas.ts';
import type { RuleResult } from '../../ui/formRules.ts';

export const email = (value: string): RuleResult =>
  EmailSchema.safeParse(value.trim()).success ? null : 'notify.validation.email';

export const optionalEmail = (value: string): RuleResult => (value.trim() ? email(value) : null);

export const host = (value: string, isEnabled: boolean): RuleResult => {
  if (!SmtpHostSchema.safeParse(value).success) return 'notify.validation.host';
  return isEnabled && !value.trim() ? 'notify.validation.hostRequired' : null;
};

export const port = (value: string): RuleResult => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 65_535 ? null : 'notify.validation.port';
};

export const fromAddress = (value: string, isEnabled: boolean): RuleResult => {
  if (!value.trim()) return isEnabled ? 'notify.validation.fromRequired' : null;
  return email(value);
};

export const webhookUrl = (value: string, isEnabled: boolean): RuleResult => {
  if (!value.trim()) return isEnabled ? 'notify.validation.urlRequired' : null;
  return WebhookUrlSchema.safeParse(value.trim()).success ? null : 'notify.validation.url';
};

export const headerName = (value: string): RuleResult =>
  !value.trim() || HeaderNameSchema.safeParse(value).success
    ? null
    : 'notify.validation.headerName';

/** "30 s", "10 min": the retry policy's waits in the operator's language. */
export function durationText(ms: number, t: (key: string, options: { n: number }) => string) {
  return ms < 60_000
    ? t('notify.seconds', { n: Math.round(ms / 1000) })
    : t('notify.minutes', { n: Math.round(ms / 60_000) });
}
