// The browser shell: serves the built renderer and carries the typed API over a WebSocket.
// Binds 127.0.0.1 by default. A one-time link (`?token=T#key=K`, valid for minutes) is exchanged
// for an HttpOnly, SameSite=Strict cookie, while the page keeps K in sessionStorage. Every request
// must name our own host and port (no DNS rebinding); the socket upgrade also needs the Origin, the
// cookie and K, so a cookie replayed from another local port is useless. The operator's own session
// token stays on this side, inside the browser session. One route is for machines, not browsers:
// POST /intake/alertmanager, authorised by an intake token alone (intakeRoute.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallContext, ConsoleApp } from '../api/types.ts';
import { describeIssues } from '../api/pipeline.ts';
import {
  API_PROTOCOL,
  HostRequestSchema,
  type HostFrame,
  PAGE_KEY_FRAGMENT,
  SESSION_ENDED_CLOSE_CODE,
  type SessionEndReason,
} from '../../shared/ipc/browserHost.ts';
import type { Logger } from '../log.ts';
import { cspFor } from '../security/csp.ts';
import {
  createBrowserSessions,
  isOurHost,
  offeredPageKey,
  sameSecret,
  type BrowserSession,
} from './browserSessions.ts';
import { INTAKE_PATH, serveIntake } from './intakeRoute.ts';
import { sendLinkPage } from './linkPages.ts';
import { readStatic } from './staticFiles.ts';

export const MAX_FRAME_BYTES = 1024 * 1024;
const MINUTE = 60_000;

export interface HostOptions {
  app: ConsoleApp;
  rendererDir: string;
  host?: string;
  port?: number;
  logger: Logger;
  /** Adds ?e2e=1 to the landing URL so the renderer exposes its test hooks. */
  e2e?: boolean;
  /** Wall clock for link and session lifetimes (tests move it). */
  now?: () => number;
  /** How long a sign-in link can be opened (default 5 minutes). */
  linkTtlMs?: number;
  /** A browser session's absolute lifetime (default 12 hours). */
  sessionLifetimeMs?: number;
  /** Sockets are pinged this often and closed when the previous ping went unanswered (default 30 s). */
  heartbeatMs?: number;
}

export interface RunningHost {
  url: string;
  /** Where the site's Alertmanager delivers (POST, with an intake token). */
  intakeUrl: string;
  /** A fresh one-time sign-in link (each works once). */
  issueLink(): string;
  /** The same, with the moment it stops opening. */
  issueSignInLink: () => { url: string; expiresAt: Date };
  close(): Promise<void>;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { app, logger } = options;
  const bindHost = options.host ?? '127.0.0.1';
  const browsers = createBrowserSessions({
    now: options.now ?? Date.now,
    linkTtlMs: options.linkTtlMs ?? 5 * MINUTE,
    sessionLifetimeMs: options.sessionLifetimeMs ?? 12 * 60 * MINUTE,
  });
  const sockets = new Map<WebSocket, { browser: BrowserSession; isAlive: boolean }>();
  let port = 0;
  let baseUrl = '';
  // reason: browsers share cookies across ports, so two consoles on one machine need distinct names.
  const cookieName = () => `mirqab_browser_${port}`;

  const browserOf = (req: IncomingMessage): BrowserSession | null =>
    browsers.byCookie(parseCookies(req.headers.cookie).get(cookieName()));

  const endBrowser = (browser: BrowserSession, reason: SessionEndReason) => {
    browsers.end(browser);
    for (const [ws, entry] of sockets)
      if (entry.browser === browser) ws.close(SESSION_ENDED_CLOSE_CODE, reason);
  };

  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', cspFor());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };

  function issueSignInLink(): { url: string; expiresAt: Date } {
    const { token, pageKey, expiresAt } = browsers.issueLink();
    return {
      url: `${baseUrl}/?token=${token}#${PAGE_KEY_FRAGMENT}=${pageKey}`,
      expiresAt: new Date(expiresAt),
    };
  }
  const issueLink = () => issueSignInLink().url;

  const server = createServer((req, res) => {
    void (async () => {
      securityHeaders(res);
      if (new URL(req.url ?? '/', baseUrl).pathname === INTAKE_PATH) {
        await serveIntake(app, req, res);
        return;
      }
      if (!isOurHost(req.headers.host, port)) {
        res
          .writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('This host name is not served here.\n');
        return;
      }
      const url = new URL(req.url ?? '/', baseUrl);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const token = url.searchParams.get('token');
      if (token !== null) {
        const browser = browsers.redeem(token);
        if (!browser) {
          sendLinkPage(res, 'used-or-expired', req.method === 'HEAD');
          return;
        }
        // The page key stays in the link's #fragment, which the browser keeps across this redirect.
        res.writeHead(303, {
          'Set-Cookie': `${cookieName()}=${browser.id}; HttpOnly; SameSite=Strict; Path=/`,
          Location: options.e2e ? '/?e2e=1' : '/',
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
      if (!browserOf(req)) {
        sendLinkPage(res, 'no-link', req.method === 'HEAD');
        return;
      }
      const file = await readStatic(options.rendererDir, url.pathname);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Cache-Control':
          url.pathname === '/' || url.pathname.endsWith('.html')
            ? 'no-store'
            : 'private, max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((error: unknown) => {
      logger.error('web host request failed', { error: String(error) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // reason: a browser that offered subprotocols fails the socket unless one is selected; the key is never echoed.
    handleProtocols: () => API_PROTOCOL,
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const browser = browserOf(req);
    const origin = req.headers.origin ?? '';
    const pageKey = offeredPageKey(req.headers['sec-websocket-protocol']);
    // reason: another origin, another local port replaying the cookie, or a rebound DNS name must all fail.
    const sameOrigin =
      isOurHost(req.headers.host, port) && origin === `http://${req.headers.host ?? ''}`;
    const holdsPageKey =
      browser !== null && pageKey !== null && sameSecret(pageKey, browser.pageKey);
    if (url.pathname !== '/api' || !browser || !sameOrigin || !holdsPageKey) {
      logger.warn('refused a WebSocket upgrade', {
        path: url.pathname,
        origin,
        hasSession: browser !== null,
        hasPageKey: pageKey !== null,
      });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(ws, { browser, isAlive: true });
      const client = `browser ${req.socket.remoteAddress ?? ''}`.trim();
      ws.on('message', (data, isBinary) => void onMessage(ws, browser, client, data, isBinary));
      ws.on('pong', () => {
        const entry = sockets.get(ws);
        if (entry) entry.isAlive = true;
      });
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
      send(ws, {
        type: 'error',
        error: { code: 'BAD_REQUEST', message: `Malformed frame: ${(error as Error).message}` },
      });
      return;
    }
    const request = HostRequestSchema.safeParse(json);
    if (!request.success) {
      send(ws, {
        type: 'error',
        error: {
          code: 'BAD_REQUEST',
          message: `Malformed request: ${describeIssues(request.error)}`,
        },
      });
      return;
    }
    const ctx: CallContext = {
      client,
      sessionToken: browser.operatorToken,
      setSessionToken: (token) => {
        browser.operatorToken = token;
      },
      signInLinks: issueSignInLink,
    };
    const result = await app.dispatch(ctx, request.data.channel, request.data.input);
    send(ws, { type: 'result', id: request.data.id, result });
    // Signing out ends the browser session too: its cookie and page key are worthless from here on.
    if (request.data.channel === 'auth.signOut' && result.ok) endBrowser(browser, 'signed-out');
  }

  const stopEvents = app.onEvent((event, payload, audience) => {
    for (const [ws, { browser }] of sockets) {
      if (app.canReceive(browser.operatorToken, audience))
        send(ws, { type: 'event', event, payload });
    }
  });

  // Each beat: close sockets that did not answer the last ping, ping the rest, end expired sessions.
  const heartbeat = setInterval(() => {
    for (const [ws, entry] of sockets) {
      if (!entry.isAlive) {
        logger.info('closed a browser socket that stopped answering pings', {});
        ws.terminate();
        continue;
      }
      entry.isAlive = false;
      ws.ping();
    }
    for (const browser of browsers.expired()) endBrowser(browser, 'expired');
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  baseUrl = `http://${shownHost}:${port}`;

  return {
    url: issueLink(),
    intakeUrl: `${baseUrl}${INTAKE_PATH}`,
    issueLink,
    issueSignInLink,
    close: async () => {
      stopEvents();
      clearInterval(heartbeat);
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
