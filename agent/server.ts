// The agent's wss endpoint. TLS asks every client for a certificate but lets the handshake finish
// (rejectUnauthorized: false, since consoles are self-signed); the decision is made here, before
// the WebSocket upgrade, against the pinned console fingerprint. Unpaired, the agent admits
// connections whose only job is the `pair` exchange: a wrong secret counts against its own source
// (address and certificate, see pairingGuard.ts), and an idle attempt times out, so no stranger can
// keep the console that holds the right secret from pairing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  decodeFrame,
  encodeFrame,
  HEARTBEAT_MS,
  MAX_FRAME_BYTES,
  type Frame,
} from '../shared/agent-protocol/index.ts';
import { fingerprintOfDer } from './certificate.ts';
import { pinConsole, readPairingSecret, readPin, type AgentIdentity } from './identity.ts';
import type { Logger } from './log.ts';
import { createPairingGuard, pairingSource } from './pairingGuard.ts';

/** An unpaired connection that does not send `pair` within this long is closed (a console sends it at once). */
const PAIR_TIMEOUT_MS = 10_000;
/**
 * Pairing connections open at once, all sources together. A new one past this closes the oldest
 * that has not spoken yet instead of being refused, so idle connections can never lock pairing.
 */
const MAX_PENDING_PAIRINGS = 16;

export interface Peer {
  fingerprint: string;
  remote: string;
}

export interface AgentServerOptions {
  host: string;
  port: number;
  identity: AgentIdentity;
  logger: Logger;
  heartbeatMs?: number;
  /** How long an unpaired connection may stay silent before it is closed (default 10 s). */
  pairingTimeoutMs?: number;
  now?: () => number;
  /** Called for each connection from the pinned console, after the upgrade. */
  onSession(ws: WebSocket, peer: Peer): void;
}

export interface AgentServer {
  port: number;
  /** Re-reads the pin now and closes sessions of a console that is no longer paired (also runs every heartbeat). */
  revalidate(): void;
  close(): Promise<void>;
}

type Admission =
  | { ok: true; mode: 'session' | 'pairing'; peer: Peer; source: string }
  | { ok: false; status: number; reason: string; peer?: Partial<Peer>; retryAfterS?: number };

export async function startAgentServer(options: AgentServerOptions): Promise<AgentServer> {
  const { identity, logger } = options;
  const now = options.now ?? Date.now;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const pairingTimeoutMs = options.pairingTimeoutMs ?? PAIR_TIMEOUT_MS;
  const guard = createPairingGuard({ now });
  /** Pairing connections that have not sent their first frame yet, oldest first. */
  const pendingPairings = new Set<WebSocket>();
  const live = new Map<
    WebSocket,
    { peer: Peer; mode: 'session' | 'pairing'; lastSeenMs: number }
  >();

  const server: Server = createServer({
    key: identity.keyPem,
    cert: identity.certPem,
    requestCert: true,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
  });

  const admit = (req: IncomingMessage): Admission => {
    const socket = req.socket as TLSSocket;
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.raw)
      return {
        ok: false,
        status: 403,
        reason: 'a client certificate is required',
        peer: { remote },
      };
    const fingerprint = fingerprintOfDer(cert.raw);
    const peer = { fingerprint, remote };
    const source = pairingSource(socket.remoteAddress, fingerprint);
    const t = now();
    if (t < Date.parse(cert.valid_from))
      return { ok: false, status: 403, reason: 'the client certificate is not valid yet', peer };
    if (t > Date.parse(cert.valid_to))
      return { ok: false, status: 403, reason: 'the client certificate has expired', peer };
    let pin;
    try {
      pin = readPin(identity.dir);
    } catch (error) {
      return { ok: false, status: 500, reason: (error as Error).message, peer };
    }
    if (pin) {
      if (pin.fingerprint === fingerprint) return { ok: true, mode: 'session', peer, source };
      return {
        ok: false,
        status: 403,
        reason: 'this certificate is not the console this agent is paired with',
        peer,
      };
    }
    if (!readPairingSecret(identity.dir))
      return {
        ok: false,
        status: 403,
        reason:
          'the agent is unpaired and has no pairing secret; run `mirqab-agent unpair` on the host',
        peer,
      };
    const waitMs = guard.waitMs(source);
    if (waitMs > 0) {
      const retryAfterS = Math.ceil(waitMs / 1000);
      return {
        ok: false,
        status: 429,
        reason: `too many wrong pairing secrets from this address and certificate; try again in ${retryAfterS} s`,
        peer,
        retryAfterS,
      };
    }
    return { ok: true, mode: 'pairing', peer, source };
  };

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const admission = admit(req);
    if (!admission.ok) {
      logger.warn('connection refused', {
        status: admission.status,
        reason: admission.reason,
        ...admission.peer,
      });
      const body = `${admission.reason}\n`;
      const retryAfter =
        admission.retryAfterS === undefined ? '' : `Retry-After: ${admission.retryAfterS}\r\n`;
      socket.end(
        `HTTP/1.1 ${admission.status} Refused\r\nConnection: close\r\n${retryAfter}Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      live.set(ws, { peer: admission.peer, mode: admission.mode, lastSeenMs: now() });
      ws.on('pong', () => touch(ws));
      ws.on('message', () => touch(ws));
      ws.on('error', (error) =>
        logger.warn('connection error', { ...admission.peer, error: error.message }),
      );
      ws.on('close', (code, reason) => {
        live.delete(ws);
        pendingPairings.delete(ws);
        logger.info('connection closed', { ...admission.peer, code, reason: reason.toString() });
      });
      if (admission.mode === 'pairing') {
        pairConnection(ws, admission.peer, admission.source);
      } else {
        // One live session per console: a reconnect supersedes a half-dead predecessor.
        for (const [other, info] of live) {
          if (other !== ws && info.mode === 'session')
            other.close(4000, 'superseded by a newer connection');
        }
        logger.info('console connected', { ...admission.peer });
        options.onSession(ws, admission.peer);
      }
    });
  });

  // A plain HTTPS request is not a protocol peer.
  server.on('request', (_req, res) => {
    res
      .writeHead(426, { 'Content-Type': 'text/plain', Connection: 'close' })
      .end('this is a Mirqab agent: connect with wss and a client certificate\n');
  });
  server.on('tlsClientError', (error, socket) => {
    logger.warn('connection refused: TLS handshake failed', {
      remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`,
      error: error.message,
    });
  });

  const touch = (ws: WebSocket) => {
    const info = live.get(ws);
    if (info) info.lastSeenMs = now();
  };

  const send = (ws: WebSocket, frame: Frame) => ws.send(encodeFrame(frame));

  const pairConnection = (ws: WebSocket, peer: Peer, source: string) => {
    if (pendingPairings.size >= MAX_PENDING_PAIRINGS) {
      const [oldest] = pendingPairings;
      pendingPairings.delete(oldest!);
      logger.warn('closing the oldest silent pairing connection: too many at once', {
        ...live.get(oldest!)?.peer,
      });
      oldest!.close(1013, 'too many pairing attempts at once');
    }
    pendingPairings.add(ws);
    const timer = setTimeout(() => {
      pendingPairings.delete(ws);
      logger.warn('pairing timed out: no pair frame', { ...peer, timeoutMs: pairingTimeoutMs });
      ws.close(1008, 'pairing timed out');
    }, pairingTimeoutMs);
    ws.once('close', () => clearTimeout(timer));
    ws.once('message', (data: Buffer) => {
      clearTimeout(timer);
      pendingPairings.delete(ws);
      const decoded = decodeFrame(data);
      if (!decoded.ok || decoded.frame.type !== 'pair') {
        // A console this agent was unpaired from redials with hello: refused, but it guessed no secret.
        if (!decoded.ok) guard.recordFailure(source);
        logger.warn('pairing refused: the first frame was not pair', {
          ...peer,
          frame: decoded.ok ? decoded.frame.type : 'undecodable',
        });
        send(ws, {
          type: 'error',
          code: 'pairing_required',
          message: decoded.ok
            ? `this agent is unpaired: send pair first, not ${decoded.frame.type}`
            : decoded.reason,
        });
        ws.close(1008, 'pairing required');
        return;
      }
      const expected = readPairingSecret(identity.dir);
      if (!expected || readPin(identity.dir)) {
        // Another connection paired first (or the host unpaired meanwhile): no guess was wasted.
        logger.warn('pairing refused: the agent is no longer waiting to pair', {
          ...peer,
          consoleName: decoded.frame.consoleName,
        });
        send(ws, {
          type: 'error',
          code: 'pairing_failed',
          message: 'this agent is already paired or has no pairing code now',
        });
        ws.close(1008, 'pairing failed');
        return;
      }
      if (!sameSecret(decoded.frame.secret, expected)) {
        guard.recordFailure(source);
        logger.warn('pairing refused: wrong secret', {
          ...peer,
          consoleName: decoded.frame.consoleName,
        });
        send(ws, {
          type: 'error',
          code: 'pairing_failed',
          message: "the pairing secret does not match this agent's pairing code",
        });
        ws.close(1008, 'pairing failed');
        return;
      }
      pinConsole(identity.dir, peer.fingerprint, decoded.frame.consoleName);
      logger.info('paired with console', { ...peer, consoleName: decoded.frame.consoleName });
      send(ws, { type: 'paired', agentId: identity.agentId });
      // Pairing is its own exchange: the console reconnects, now pinned, for the real session.
      ws.close(1000, 'paired');
    });
  };

  const revalidate = () => {
    let pinned: string | null = null;
    try {
      pinned = readPin(identity.dir)?.fingerprint ?? null;
    } catch {
      pinned = null;
    }
    for (const [ws, info] of live) {
      if (info.mode === 'session' && info.peer.fingerprint !== pinned) {
        logger.warn('closing session: the console is no longer paired', { ...info.peer });
        ws.close(1008, 'console unpaired');
      }
    }
  };

  const heartbeat = setInterval(() => {
    revalidate();
    const t = now();
    for (const [ws, info] of live) {
      if (t - info.lastSeenMs > 3 * heartbeatMs) {
        logger.warn('terminating a silent peer', { ...info.peer, silentMs: t - info.lastSeenMs });
        ws.terminate();
      } else {
        ws.ping();
      }
    }
  }, heartbeatMs);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('server error', { error: error.message }));

  return {
    port: (server.address() as AddressInfo).port,
    revalidate,
    async close() {
      clearInterval(heartbeat);
      for (const ws of live.keys()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given.toLowerCase()).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
