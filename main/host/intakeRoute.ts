// POST /intake/alertmanager: the one route for machines. No cookie and no Host check (Alertmanager
// names the console by whatever DNS name it uses); the bearer token is the whole authority, and a
// browser page cannot send one cross-origin without a preflight this host never answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IntakeReply } from '../incidents/intake/alertmanagerIntake.ts';
import type { ConsoleApp } from '../api/types.ts';

export const INTAKE_PATH = '/intake/alertmanager';
/** Alertmanager sends at most a group's alerts; a megabyte is thousands of them. */
export const MAX_INTAKE_BYTES = 1024 * 1024;

function send(res: ServerResponse, reply: IntakeReply, closeConnection = false): void {
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(closeConnection ? { Connection: 'close' } : {}),
    ...reply.headers,
  });
  res.end(JSON.stringify(reply.body));
}

const isJson = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';

/** The body, or null as soon as it grows past the limit (the rest is never buffered). */
function readBounded(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve(null);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

export async function serveIntake(
  app: ConsoleApp,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') {
    send(res, {
      status: 405,
      body: { error: 'Alertmanager delivers with POST; nothing else is served here.' },
      headers: { Allow: 'POST' },
    });
    return;
  }
  const admitted = app.alertmanagerIntake.admit(req.headers.authorization);
  if ('status' in admitted) {
    send(res, admitted);
    return;
  }
  if (!isJson(req.headers['content-type'])) {
    send(res, {
      status: 415,
      body: { error: 'Send the Alertmanager payload as Content-Type: application/json.' },
    });
    return;
  }
  const tooLarge: IntakeReply = {
    status: 413,
    body: {
      error: `The body is over ${MAX_INTAKE_BYTES} bytes; lower max_alerts in Alertmanager.`,
    },
  };
  if (Number(req.headers['content-length'] ?? 0) > MAX_INTAKE_BYTES) {
    send(res, tooLarge, true);
    return;
  }
  const body = await readBounded(req, MAX_INTAKE_BYTES);
  if (body === null) {
    send(res, tooLarge, true);
    return;
  }
  send(res, app.alertmanagerIntake.deliver(admitted, body));
}
