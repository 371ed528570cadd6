// The agent's wss endpoint. TLS asks every client for a certificate but lets the handshake finish
// (rejectUnauthorized: false, since consoles are self-signed); the decision is made here, before
// the WebSocket upgrade, against the pinned console fingerprint. Unpaired, the agent admits one
// connection at a time whose only job is the `pair` exchange.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, HEARTBEAT_MS, MAX_FRAME_BYTES, type Frame } from '../shared/agent-protocol/index.ts';
import { fingerprintOfDer } from './certificate.ts';
import { pinConsole, readPairingSecret, readPin, type AgentIdentity } from './identity.ts';
import type { Logger } from './log.ts';

/** Wrong secrets tolerated per window before pairing attempts are refused outright (HTTP 429). */
const PAIR_FAILURES_ALLOWED = 5;
const PAIR_FAILURE_WINDOW_MS = 60_000;
/** An unpaired connection that does not send `pair` within this long is closed. */
const PAIR_TIMEOUT_MS = 15_000;

export interface Peer {
  fingerprint: string;
  remote: string;
}

export interface SessionHandle {
  close(code: number, reason: string): void;
}

export interface AgentServerOptions {
  host: string;
  port: number;
  identity: AgentIdentity;
  logger: Logger;
  heartbeatMs?: number;
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

type Admission = { ok: true; mode: 'session' | 'pairing'; peer: Peer } | { ok: false; status: number; reason: string; peer?: Partial<Peer> };

export async function startAgentServer(options: AgentServerOptions): Promise<AgentServer> {
  const { identity, logger } = options;
  const now = options.now ?? Date.now;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const pairFailures: number[] = [];
  let pairingBusy = false;
  const live = new Map<WebSocket, { peer: Peer; mode: 'session' | 'pairing'; lastSeenMs: number }>();

  const server: Server = createServer({
    key: identity.keyPem,
    cert: identity.certPem,
    requestCert: true,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  const admit = (req: IncomingMessage): Admission => {
    const socket = req.socket as TLSSocket;
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.raw) return { ok: false, status: 403, reason: 'a client certificate is required', peer: { remote } };
    const fingerprint = fingerprintOfDer(cert.raw);
    const peer = { fingerprint, remote };
    const t = now();
    if (t < Date.parse(cert.valid_from)) return { ok: false, status: 403, reason: 'the client certificate is not valid yet', peer };
    if (t > Date.parse(cert.valid_to)) return { ok: false, status: 403, reason: 'the client certificate has expired', peer };
    let pin;
    try {
      pin = readPin(identity.dir);
    } catch (error) {
      return { ok: false, status: 500, reason: (error as Error).message, peer };
    }
    if (pin) {
      if (pin.fingerprint === fingerprint) return { ok: true, mode: 'session', peer };
      return { ok: false, status: 403, reason: 'this certificate is not the console this agent is paired with', peer };
    }
    if (!readPairingSecret(identity.dir)) return { ok: false, status: 403, reason: 'the agent is unpaired and has no pairing secret; run `mirqab-agent unpair` on the host', peer };
    while (pairFailures.length > 0 && pairFailures[0]! < t - PAIR_FAILURE_WINDOW_MS) pairFailures.shift();
    if (pairFailures.length >= PAIR_FAILURES_ALLOWED) return { ok: false, status: 429, reason: 'too many failed pairing attempts; try again in a minute', peer };
    if (pairingBusy) return { ok: false, status: 409, reason: 'another pairing attempt is in progress', peer };
    return { ok: true, mode: 'pairing', peer };
  };

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const admission = admit(req);
    if (!admission.ok) {
      logger.warn('connection refused', { status: admission.status, reason: admission.reason, ...admission.peer });
      const body = `${admission.reason}\n`;
      socket.end(`HTTP/1.1 ${admission.status} Refused\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    if (admission.mode === 'pairing') pairingBusy = true;
    wss.handleUpgrade(req, socket, head, (ws) => {
      live.set(ws, { peer: admission.peer, mode: admission.mode, lastSeenMs: now() });
      ws.on('pong', () => touch(ws));
      ws.on('message', () => touch(ws));
      ws.on('error', (error) => logger.warn('connection error', { ...admission.peer, error: error.message }));
      ws.on('close', (code, reason) => {
        live.delete(ws);
        if (admission.mode === 'pairing') pairingBusy = false;
        logger.info('connection closed', { ...admission.peer, code, reason: reason.toString() });
      });
      if (admission.mode === 'pairing') {
        pairConnection(ws, admission.peer);
      } else {
        // One live session per console: a reconnect supersedes a half-dead predecessor.
        for (const [other, info] of live) {
          if (other !== ws && info.mode === 'session') other.close(4000, 'superseded by a newer connection');
        }
        logger.info('console connected', { ...admission.peer });
        options.onSession(ws, admission.peer);
      }
    });
  });

  // A plain HTTPS request is not a protocol peer.
  server.on('request', (_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain', Connection: 'close' }).end('this is a Mirqab agent: connect with wss and a client certificate\n');
  });
  server.on('tlsClientError', (error, socket) => {
    logger.warn('connection refused: TLS handshake failed', { remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`, error: error.message });
  });

  const touch = (ws: WebSocket) => {
    const info = live.get(ws);
    if (info) info.lastSeenMs = now();
  };

  const send = (ws: WebSocket, frame: Frame) => ws.send(encodeFrame(frame));

  const pairConnection = (ws: WebSocket, peer: Peer) => {
    const timer = setTimeout(() => ws.close(1008, 'pairing timed out'), PAIR_TIMEOUT_MS);
    ws.once('close', () => clearTimeout(timer));
    ws.once('message', (data: Buffer) => {
      clearTimeout(timer);
      const decoded = decodeFrame(data);
      if (!decoded.ok || decoded.frame.type !== 'pair') {
        // A console this agent was unpaired from redials with hello: refused, but it guessed no secret.
        if (!decoded.ok) pairFailures.push(now());
        logger.warn('pairing refused: the first frame was not pair', { ...peer, frame: decoded.ok ? decoded.frame.type : 'undecodable' });
        send(ws, { type: 'error', code: 'pairing_required', message: decoded.ok ? `this agent is unpaired: send pair first, not ${decoded.frame.type}` : decoded.reason });
        ws.close(1008, 'pairing required');
        return;
      }
      const expected = readPairingSecret(identity.dir);
      if (!expected || readPin(identity.dir) || !sameSecret(decoded.frame.secret, expected)) {
        pairFailures.push(now());
        logger.warn('pairing refused: wrong secret', { ...peer, consoleName: decoded.frame.consoleName });
        send(ws, { type: 'error', code: 'pairing_failed', message: 'the pairing secret does not match this agent\'s pairing code' });
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
