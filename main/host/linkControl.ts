// `mirqab serve link` asks the running browser console for a new one-time sign-in link over a local
// socket in the site's data folder. Only the account that runs the console can open it (mode 0600,
// inside a folder that is the site's own), so whoever may read the store may also let a browser in.
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

/** Unix sockets have a short path limit (104–108 bytes): a deeper data folder gets no control socket. */
const MAX_SOCKET_PATH = 100;
const REQUEST = 'link\n';

export function linkSocketPath(dataDir: string, platform = process.platform): string {
  if (platform === 'win32') {
    const id = createHash('sha256').update(dataDir.toLowerCase()).digest('hex').slice(0, 16);
    return `\\\\.\\pipe\\mirqab-serve-${id}`;
  }
  return join(dataDir, 'serve.sock');
}

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

/** Listens for link requests; null when the socket path is too long for this system. */
export async function listenForLinkRequests(
  dataDir: string,
  issue: () => IssuedLink,
): Promise<{ close(): Promise<void> } | null> {
  const path = linkSocketPath(dataDir);
  if (process.platform !== 'win32') {
    if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return null;
    // A socket left by a console that was killed would make listen fail.
    if (existsSync(path)) unlinkSync(path);
  }
  const server: Server = createServer((socket) => {
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > REQUEST.length) socket.destroy();
      else if (received === REQUEST) {
        const link = issue();
        socket.end(
          `${JSON.stringify({ url: link.url, expiresAt: link.expiresAt.toISOString() })}\n`,
        );
      }
    });
    socket.on('error', () => socket.destroy());
  });
  // reason: the socket file is created by listen(); a umask keeps it owner-only from its first moment.
  const previous = process.platform === 'win32' ? null : process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
  } finally {
    if (previous !== null) process.umask(previous);
  }
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Asks the console serving `dataDir` for a new link; a clear error when none is running. */
export function requestLink(dataDir: string): Promise<{ url: string; expiresAt: string }> {
  const path = linkSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(REQUEST));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(answer) as { url: string; expiresAt: string });
      } catch {
        reject(new Error('The console answered with something that is not a sign-in link.'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
            ? `No console is serving ${dataDir} on this machine: start it with \`mirqab serve\`.`
            : error.code === 'EACCES'
              ? `Only the account that runs \`mirqab serve\` may ask it for a link (${error.message}).`
              : `Could not reach the running console: ${error.message}`,
        ),
      );
    });
  });
}
