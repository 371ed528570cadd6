// A real SMTP relay on 127.0.0.1 (the smtp-server package) that keeps what it receives, decoded
// enough to read: envelope, Subject and the plain-text body.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { onTestFinished } from 'vitest';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
  user: string | null;
}

export interface Mailbox {
  port: number;
  received: ReceivedMail[];
  /** Refuses the next n messages with a temporary error (451), as a busy relay does. */
  refuseNext(n: number): void;
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

/** Joins RFC 2047 encoded words (adjacent ones share bytes) and unfolds the header. */
export function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r?\n[ \t]/g, ' ');
  const word = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  const bytesOf = (encoding: string, text: string): Buffer =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            ),
          'latin1',
        );
  let out = '';
  let pending: Buffer[] = [];
  let last = 0;
  for (const match of unfolded.matchAll(word)) {
    const between = unfolded.slice(last, match.index);
    if (pending.length > 0 && between.trim() !== '') {
      out += Buffer.concat(pending).toString('utf8');
      pending = [];
    }
    if (pending.length === 0) out += between;
    pending.push(bytesOf(match[2]!, match[3]!));
    last = match.index + match[0].length;
  }
  out += Buffer.concat(pending).toString('utf8') + unfolded.slice(last);
  return out;
}

function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    return Buffer.from(
      soft.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      ),
      'latin1',
    ).toString('utf8');
  }
  return body;
}

export function parseMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const subject = /^subject:(.*(?:\r\n[ \t].*)*)/im.exec(headers)?.[1]?.trim() ?? '';
  return { subject: decodeHeader(subject), text: decodeBody(headers, body).replace(/\r\n/g, '\n') };
}

export async function startMailbox(
  options: { port?: number; users?: Record<string, string>; starttls?: boolean } = {},
): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: (mails: ReceivedMail[]) => void }[] = [];
  let refusals = 0;
  const serverOptions: SMTPServerOptions = {
    logger: false,
    authOptional: !options.users,
    disabledCommands: [
      ...(options.starttls ? [] : ['STARTTLS']),
      ...(options.users ? [] : ['AUTH']),
    ],
    // With STARTTLS offered, AUTH is accepted only after it (smtp-server's own test certificate).
    allowInsecureAuth: !options.starttls,
    onAuth(auth, _session, callback) {
      if (options.users?.[auth.username ?? ''] === auth.password)
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          const error = Object.assign(new Error('Mail system busy, try again later'), {
            responseCode: 451,
          });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : null,
          raw,
          ...parseMail(raw),
        });
        callback();
        for (const waiter of waiters.filter((w) => received.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(received.slice());
        }
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  let isStopped = false;
  const stop = () =>
    isStopped
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          isStopped = true;
          server.close(() => resolve());
        });
  onTestFinished(stop);
  return {
    port,
    received,
    refuseNext(n) {
      refusals = n;
    },
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received.slice());
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    stop,
  };
}

/** A port nothing listens on (taken and released), for a relay that is down. */
export async function freePort(): Promise<number> {
  const box = await startMailbox();
  await box.stop();
  return box.port;
}
