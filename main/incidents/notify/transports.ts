// The wire: SMTP through nodemailer and the webhook through fetch, each bounded by timeouts so a
// dead relay costs one failed attempt, not a stuck outbox. Errors carry a reason an admin can act on.
import { createTransport } from 'nodemailer';
import { SECOND_MS } from '../../../shared/domain/time.ts';
import type { SmtpConfig, WebhookConfig } from './channelSettings.ts';

export interface MailOut {
  to: readonly string[];
  subject: string;
  text: string;
}

export interface Transports {
  sendMail(smtp: SmtpConfig, password: string | null, mail: MailOut): Promise<void>;
  postWebhook(webhook: WebhookConfig, secret: string | null, json: string): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 15 * SECOND_MS;
const SOCKET_TIMEOUT_MS = 30 * SECOND_MS;
const WEBHOOK_TIMEOUT_MS = 15 * SECOND_MS;
const ERROR_MAX = 500;

/** One line naming the cause (ECONNREFUSED, a 5xx reply, a TLS refusal), short enough for the log. */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 3; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        typeof code === 'string' && !current.message.includes(code)
          ? `${current.message} (${code})`
          : current.message,
      );
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  const text = parts.join(': ').replace(/\s+/g, ' ').trim() || 'Unknown error';
  return text.length > ERROR_MAX ? `${text.slice(0, ERROR_MAX - 1)}…` : text;
}

async function sendMail(smtp: SmtpConfig, password: string | null, mail: MailOut): Promise<void> {
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.username ? { user: smtp.username, pass: password ?? '' } : undefined,
    tls: { rejectUnauthorized: smtp.verifyCertificate },
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    // reason: messages are plain text we build; nothing may make the relay client read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({
      from: { name: 'Mirqab', address: smtp.from },
      to: [...mail.to],
      subject: mail.subject,
      text: mail.text,
    });
  } finally {
    transport.close();
  }
}

async function postWebhook(
  webhook: WebhookConfig,
  secret: string | null,
  json: string,
): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (webhook.headerName && secret) headers[webhook.headerName] = secret;
  // reason: a redirect could carry the secret header to another server; the site's chat server answers directly.
  const response = await fetch(webhook.url, {
    method: 'POST',
    headers,
    body: json,
    redirect: 'error',
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  if (!response.ok) {
    const reply = (await response.text().catch(() => '')).slice(0, 200);
    throw new Error(
      `The webhook answered ${response.status} ${response.statusText}${reply ? `: ${reply}` : ''}`,
    );
  }
  await response.body?.cancel().catch(() => undefined);
}

export const networkTransports: Transports = { sendMail, postWebhook };
