// A scriptable agent peer for console tests that need what the real agent never does on cue (hand-made
// out-of-order frames, unanswered pings, a clock skew, an impostor certificate). It follows the real
// agent's wire behaviour (agent/server.ts, agent/session.ts): refusals as HTTP 403 before the upgrade;
// unpaired, `pair` must be the first frame and `paired` is followed by close 1000 'paired'; paired,
// hello at once and telemetry only after the console's hello. test/node/integration uses the real agent.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  decodeFrame,
  encodeFrame,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  type AgentEvent,
  type Frame,
  type FrameOf,
  type Sample,
} from '../../../shared/agent-protocol/index.ts';
import { formatPairingCode } from '../../../shared/agent-protocol/pairing.ts';
import {
  createSelfSignedIdentity,
  sha256Hex,
  type TlsIdentity,
} from '../../../main/fleet/consoleIdentity.ts';

export interface PeerOptions {
  agentId?: string;
  simulated?: boolean;
  /** Added to the agent's clock readings, to test offset measurement. */
  clockSkewMs?: number;
  identity?: TlsIdentity;
  port?: number;
}

export class FakeAgentPeer {
  readonly agentId: string;
  readonly secret = randomBytes(16).toString('hex');
  pinnedConsole: string | null = null;
  epoch = `epoch-${randomBytes(4).toString('hex')}`;
  /** Unacked telemetry, oldest first, resent on every (re)connect. */
  spool: FrameOf<'telemetry'>[] = [];
  nextSeq = 1;
  acks: { epoch: string; seq: number }[] = [];
  pairAttempts = 0;
  connections = 0;
  refusedConnections = 0;
  /** When set, acks are recorded but the spool keeps everything, so a reconnect resends duplicates. */
  ignoreAcks = false;
  /** The console's error frames, oldest first. */
  errors: { code: string; message: string }[] = [];
  /** The features the console listed in its latest hello. */
  consoleFeatures: readonly string[] = [];
  /** When cleared, pings go unanswered, as from a hung agent whose socket is still open. */
  answerPings = true;
  private sockets = new Set<WebSocket>();
  private waiters = new Set<() => void>();

  private constructor(
    readonly identity: TlsIdentity,
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    private readonly options: PeerOptions,
  ) {
    this.agentId = options.agentId ?? `agent-${randomBytes(4).toString('hex')}`;
    wss.on('connection', (ws, req) => this.accept(ws, req.socket as TLSSocket));
    wss.on('wsClientError', () => {});
  }

  static async start(options: PeerOptions = {}): Promise<FakeAgentPeer> {
    const identity = options.identity ?? (await createSelfSignedIdentity('fake agent')).identity;
    const server = createServer({
      key: identity.keyPem,
      cert: identity.certPem,
      requestCert: true,
      rejectUnauthorized: false,
    });
    let peer: FakeAgentPeer | null = null;
    const wss = new WebSocketServer({
      server,
      maxPayload: MAX_FRAME_BYTES,
      autoPong: false,
      // As the real agent: a console other than the pinned one is refused before the upgrade.
      verifyClient: (info, done) => {
        const raw = (info.req.socket as TLSSocket).getPeerCertificate(true).raw;
        const fingerprint = raw ? sha256Hex(raw) : '';
        if (peer && peer.pinnedConsole !== null && fingerprint !== peer.pinnedConsole) {
          peer.connections++;
          peer.refusedConnections++;
          peer.changed();
          done(
            false,
            403,
            'this certificate is not the console this agent is paired with (another console)',
          );
          return;
        }
        done(true);
      },
    });
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    peer = new FakeAgentPeer(identity, server, wss, options);
    return peer;
  }

  get address(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get pairingCode(): string {
    return formatPairingCode({ fingerprint: this.identity.fingerprint, secret: this.secret });
  }

  get lastAck(): number {
    return this.acks.filter((a) => a.epoch === this.epoch).at(-1)?.seq ?? 0;
  }

  get connected(): number {
    return this.sockets.size;
  }

  /** Connections whose console said hello, so telemetry flows to them. */
  get greetedConsoles(): number {
    return this.greeted.size;
  }

  /** Consoles that said hello on their current connection: telemetry goes to these only. */
  private readonly greeted = new Set<WebSocket>();

  changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves when the predicate holds, re-checked on every frame and connection change. */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake agent: timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private send(ws: WebSocket, frame: Frame): void {
    if (ws.readyState === ws.OPEN) ws.send(encodeFrame(frame));
  }

  private hello(): Frame {
    return {
      type: 'hello',
      v: PROTOCOL_VERSION,
      role: 'agent',
      id: this.agentId,
      name: 'fake agent',
      sentAtMs: Date.now(),
      epoch: this.epoch,
      headSeq: this.nextSeq - 1,
      simulated: this.options.simulated ?? true,
      actions: [],
    };
  }

  private accept(ws: WebSocket, socket: TLSSocket): void {
    const raw = socket.getPeerCertificate(true).raw;
    const consoleFp = raw ? sha256Hex(raw) : '';
    this.connections++;
    const pairing = this.pinnedConsole === null;
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.greeted.delete(ws);
      this.changed();
    });
    ws.on('message', (data: Buffer) => this.receive(ws, consoleFp, data, pairing));
    ws.on('ping', (data: Buffer) => {
      if (this.answerPings) ws.pong(data);
    });
    if (!pairing) this.send(ws, this.hello());
    this.changed();
  }

  private receive(ws: WebSocket, consoleFp: string, data: Buffer, pairing: boolean): void {
    const decoded = decodeFrame(data.toString('utf8'));
    if (!decoded.ok) return;
    const frame = decoded.frame;
    if (pairing) {
      // One frame decides a pairing connection, and it closes either way.
      if (frame.type !== 'pair') {
        this.send(ws, {
          type: 'error',
          code: 'pairing_required',
          message: `this agent is unpaired: send pair first, not ${frame.type}`,
        });
        ws.close(1008, 'pairing required');
      } else if (
        (this.pairAttempts++, frame.secret !== this.secret || this.pinnedConsole !== null)
      ) {
        this.send(ws, {
          type: 'error',
          code: 'pairing_failed',
          message: "the pairing secret does not match this agent's pairing code",
        });
        ws.close(1008, 'pairing failed');
      } else {
        this.pinnedConsole = consoleFp;
        this.send(ws, { type: 'paired', agentId: this.agentId });
        ws.close(1000, 'paired');
      }
    } else if (frame.type === 'error') {
      this.errors.push({ code: frame.code, message: frame.message });
    } else if (frame.type === 'hello') {
      this.consoleFeatures = frame.features ?? [];
      if (!this.greeted.has(ws)) {
        this.greeted.add(ws);
        for (const spooled of this.spool) this.send(ws, spooled);
        this.changed();
      }
    } else if (frame.type === 'ack') {
      this.acks.push({ epoch: frame.epoch, seq: frame.seq });
      if (!this.ignoreAcks && frame.epoch === this.epoch)
        this.spool = this.spool.filter((f) => f.seq > frame.seq);
    } else if (frame.type === 'clock') {
      this.send(ws, {
        type: 'clock',
        consoleMs: frame.consoleMs,
        agentMs: Date.now() + (this.options.clockSkewMs ?? 0),
      });
    }
    this.changed();
  }

  /** Spools one batch and sends it to every connected console; returns its seq. */
  enqueue(samples: Sample[], events: AgentEvent[] = []): number {
    const frame: FrameOf<'telemetry'> = {
      type: 'telemetry',
      epoch: this.epoch,
      seq: this.nextSeq++,
      samples,
      events,
    };
    this.spool.push(frame);
    for (const ws of this.greeted) this.send(ws, frame);
    return frame.seq;
  }

  /** Sends a hand-made frame (out of order, duplicate) without spooling it. */
  sendRaw(frame: Frame): void {
    for (const ws of this.greeted) this.send(ws, frame);
  }

  /** Sends bytes as one binary message (a compact telemetry frame, well formed or not). */
  sendBinary(data: Uint8Array): void {
    for (const ws of this.greeted) if (ws.readyState === ws.OPEN) ws.send(data);
  }

  /** Cuts every connection, as a network fault would; the console redials. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

/** Samples for one batch: one value per metric and label set at the given time. */
export function samplesAt(
  tsMs: number,
  values: Record<string, number>,
  labels: Record<string, string> = {},
): Sample[] {
  return Object.entries(values).map(([metric, value]) => ({ metric, labels, value, tsMs }));
}
