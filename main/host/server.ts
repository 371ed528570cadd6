// The browser shell: serves the built renderer and carries the typed API over a WebSocket.
// Binds 127.0.0.1 by default. A one-time token in the printed URL is exchanged for an HttpOnly,
// SameSite=Strict cookie; the socket upgrade checks that cookie and the Origin; the operator's
// own session token stays on this side, keyed by that cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { HostRequestSchema, type HostFrame } from '../../shared/ipc/contract.ts';
import type { CallContext, ConsoleApp } from '../api/types.ts';
import { describeIssues } from '../api/pipeline.ts';
import type { Logger } from '../log.ts';
import { cspFor } from '../security/csp.ts';
import { readStatic } from './staticFiles.ts';

export const MAX_FRAME_BYTES = 1024 * 1024;
const COOKIE = 'mirqab_browser';

export interface HostOptions {
  app: ConsoleApp;
  rendererDir: string;
  host?: string;
  port?: number;
  logger: Logger;
  /** Adds ?e2e=1 to the landing URL so the renderer exposes its test hooks. */
  e2e?: boolean;
}

export interface RunningHost {
  url: string;
  /** A fresh one-time sign-in link (each works once). */
  issueLink(): string;
  close(): Promise<void>;
}

interface BrowserSession {
  operatorToken: string | null;
}

const randomId = () => randomBytes(24).toString('base64url');

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { app, logger } = options;
  const bindHost = options.host ?? '127.0.0.1';
  const linkTokens = new Set<string>();
  const browsers = new Map<string, BrowserSession>();
  const sockets = new Map<WebSocket, BrowserSession>();
  let origins = new Set<string>();
  let baseUrl = '';

  const browserOf = (req: IncomingMessage): BrowserSession | null => {
    const id = parseCookies(req.headers.cookie).get(COOKIE);
    if (!id) return null;
    for (const [known, session] of browsers) if (sameSecret(known, id)) return session;
    return null;
  };

  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', cspFor());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };

  const server = createServer((req, res) => {
    void (async () => {
      securityHeaders(res);
      const url = new URL(req.url ?? '/', baseUrl);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const token = url.searchParams.get('token');
      if (token !== null) {
        if (!linkTokens.delete(token)) {
          res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('This sign-in link was already used or is not valid. Ask `mirqab serve` for a new one.\n');
          return;
        }
        const id = randomId();
        browsers.set(id, { operatorToken: null });
        res.writeHead(303, {
          'Set-Cookie': `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`,
          Location: options.e2e ? '/?e2e=1' : '/',
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
      if (!browserOf(req)) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Open the link that `mirqab serve` printed (it carries a one-time token).\n');
        return;
      }
      const file = await readStatic(options.rendererDir, url.pathname);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Cache-Control': url.pathname === '/' || url.pathname.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => {
      logger.error('web host request failed', { error: String(error) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const browser = browserOf(req);
    const origin = req.headers.origin ?? '';
    // reason: a page on any other origin could otherwise drive the API with this browser's cookie.
    const sameOrigin = origins.has(origin) || origin === `http://${req.headers.host ?? ''}`;
    if (url.pathname !== '/api' || !browser || !sameOrigin) {
      logger.warn('refused a WebSocket upgrade', { path: url.pathname, origin, hasSession: browser !== null });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(ws, browser);
      const client = `browser ${req.socket.remoteAddress ?? ''}`.trim();
      ws.on('message', (data, isBinary) => void onMessage(ws, browser, client, data, isBinary));
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', (error) => logger.warn('WebSocket error', { error: error.message }));
    });
  });

  const send = (ws: WebSocket, frame: HostFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  async function onMessage(
    ws: WebSocket,
    browser: BrowserSession,
    client: string,
    data: unknown,
    isBinary: boolean,
  ): Promise<void> {
    let json: unknown;
    try {
      if (isBinary || !(data instanceof Buffer)) throw new Error('frames must be JSON text');
      json = JSON.parse(data.toString('utf8'));
    } catch (error) {
      send(ws, { type: 'error', error: { code: 'BAD_REQUEST', message: `Malformed frame: ${(error as Error).message}` } });
      return;
    }
    const request = HostRequestSchema.safeParse(json);
    if (!request.success) {
      send(ws, { type: 'error', error: { code: 'BAD_REQUEST', message: `Malformed request: ${describeIssues(request.error)}` } });
      return;
    }
    const ctx: CallContext = {
      client,
      sessionToken: browser.operatorToken,
      setSessionToken: (token) => {
        browser.operatorToken = token;
      },
    };
    const result = await app.dispatch(ctx, request.data.channel, request.data.input);
    send(ws, { type: 'result', id: request.data.id, result });
  }

  const stopEvents = app.onEvent((event, payload, audience) => {
    for (const [ws, browser] of sockets) {
      if (app.canReceive(browser.operatorToken, audience)) send(ws, { type: 'event', event, payload });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  baseUrl = `http://${shownHost}:${port}`;
  origins = new Set([baseUrl, `http://localhost:${port}`, `http://127.0.0.1:${port}`]);

  const issueLink = () => {
    const token = randomId();
    linkTokens.add(token);
    return `${baseUrl}/?token=${token}`;
  };

  return {
    url: issueLink(),
    issueLink,
    close: async () => {
      stopEvents();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
