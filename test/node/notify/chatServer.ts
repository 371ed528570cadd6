// A real HTTP server on 127.0.0.1 standing in for the site's Mattermost or Rocket.Chat incoming
// webhook: it keeps each request and answers with the status the test sets.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface ChatPost {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ChatServer {
  url: string;
  posts: ChatPost[];
  /** Answers the next n posts with this status (e.g. 503 while the chat server restarts). */
  failNext(n: number, status: number): void;
  stop(): Promise<void>;
}

export async function startChatServer(): Promise<ChatServer> {
  const posts: ChatPost[] = [];
  let failures = { left: 0, status: 200 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failures.left > 0) {
        failures = { ...failures, left: failures.left - 1 };
        response.writeHead(failures.status, { 'content-type': 'text/plain' }).end('restarting');
        return;
      }
      posts.push({
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let isStopped = false;
  const stop = () =>
    isStopped
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          isStopped = true;
          server.closeAllConnections();
          server.close(() => resolve());
        });
  onTestFinished(stop);
  return {
    url: `http://127.0.0.1:${port}/hooks/mirqab-incidents`,
    posts,
    failNext(n, status) {
      failures = { left: n, status };
    },
    stop,
  };
}
