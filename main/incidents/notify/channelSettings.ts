// The on-prem channels' settings: one row per channel, secrets (SMTP password, webhook secret) in the
// encrypted store's `secrets` table, never in the row and never returned to the renderer.
import type {
  NotifyChannel,
  SmtpSecurity,
  SmtpSettings,
  WebhookSettings,
} from '../../../shared/ipc/notifySchemas.ts';
import { get, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/types.ts';

export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  verifyCertificate: boolean;
  username: string | null;
  from: string;
}

export interface WebhookConfig {
  url: string;
  headerName: string | null;
}

export interface ChannelState<C> {
  isEnabled: boolean;
  config: C;
}

const DEFAULT_SMTP: SmtpConfig = {
  host: '',
  port: 587,
  security: 'starttls',
  verifyCertificate: true,
  username: null,
  from: '',
};
const DEFAULT_WEBHOOK: WebhookConfig = { url: '', headerName: null };

const SECRET_NAMES: Record<NotifyChannel, string> = {
  smtp: 'notify.smtp.password',
  webhook: 'notify.webhook.secret',
};

type ChannelRow = { is_enabled: number; config: string };

function readChannel<C extends object>(
  db: ReadableDb,
  channel: NotifyChannel,
  defaults: C,
): ChannelState<C> {
  const row = get<ChannelRow>(
    db,
    sql`SELECT is_enabled, config FROM notify_channels WHERE channel = ${channel}`,
  );
  if (!row) return { isEnabled: false, config: defaults };
  return {
    isEnabled: row.is_enabled === 1,
    config: { ...defaults, ...(JSON.parse(row.config) as Partial<C>) },
  };
}

export const readSmtp = (db: ReadableDb) => readChannel(db, 'smtp', DEFAULT_SMTP);
export const readWebhook = (db: ReadableDb) => readChannel(db, 'webhook', DEFAULT_WEBHOOK);

export function writeChannel(
  db: WritableDb,
  channel: NotifyChannel,
  state: ChannelState<SmtpConfig> | ChannelState<WebhookConfig>,
  by: string,
  nowMs: number,
): void {
  run(
    db,
    sql`INSERT INTO notify_channels (channel, is_enabled, config, updated_at, updated_by)
        VALUES (${channel}, ${state.isEnabled ? 1 : 0}, ${JSON.stringify(state.config)}, ${nowMs}, ${by})
        ON CONFLICT (channel) DO UPDATE SET is_enabled = excluded.is_enabled, config = excluded.config,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
}

export function readSecret(db: ReadableDb, channel: NotifyChannel): string | null {
  const row = get<{ value: Buffer }>(
    db,
    sql`SELECT value FROM secrets WHERE name = ${SECRET_NAMES[channel]}`,
  );
  return row ? row.value.toString('utf8') : null;
}

/** Text replaces the secret, null removes it, undefined keeps it; returns what happened, for the audit. */
export function writeSecret(
  db: WritableDb,
  channel: NotifyChannel,
  value: string | null | undefined,
): 'kept' | 'replaced' | 'removed' {
  const name = SECRET_NAMES[channel];
  if (value === undefined) return 'kept';
  if (value === null) {
    run(db, sql`DELETE FROM secrets WHERE name = ${name}`);
    return 'removed';
  }
  run(
    db,
    sql`INSERT INTO secrets (name, value) VALUES (${name}, ${Buffer.from(value, 'utf8')})
        ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
  );
  return 'replaced';
}

export function smtpView(db: ReadableDb): SmtpSettings {
  const { isEnabled, config } = readSmtp(db);
  return { enabled: isEnabled, ...config, hasPassword: readSecret(db, 'smtp') !== null };
}

export function webhookView(db: ReadableDb): WebhookSettings {
  const { isEnabled, config } = readWebhook(db);
  return { enabled: isEnabled, ...config, hasSecret: readSecret(db, 'webhook') !== null };
}
