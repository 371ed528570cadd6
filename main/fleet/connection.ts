// One outbound wss client per enrolled agent: pinned mutual TLS, heartbeat, clock-offset measurement,
// and reconnect with jittered exponential backoff. A revoked host's connection is stopped for good.
import type { WebSocket } from 'ws';
import {
  decodeFrame,
  encodeFrame,
  FEATURES,
  HEARTBEAT_MS,
  PROTOCOL_VERSION,
  type Frame,
  type FrameOf,
} from '../../shared/agent-protocol/index.ts';
import {
  ColumnsDecoder,
  isColumnsFrame,
  isLittleEndian,
} from '../../shared/agent-protocol/columns.ts';
import type { Logger } from '../log.ts';
import type { TlsIdentity } from './consoleIdentity.ts';
import { connectPinned, readRefusal } from './pinnedSocket.ts';
import type { HostState } from '../../shared/domain/fleet/hostStates.ts';

export type ConnectionState = HostState;

/** Missed pongs before a host shows as silent, and before the socket is dropped and redialled. */
export const SILENT_AFTER_MISSED = 3;
export const DROP_AFTER_MISSED = 6;
/** A command's result may arrive this long after the action's own timeout (kill grace, transfer). */
const COMMAND_GRACE_MS = 10_000;
/** After a revoke frame, the agent gets this long to complete the close handshake. */
const REVOKE_CLOSE_GRACE_MS = 5_000;

/** A command could not be run or its result was not received; stays inside the fleet, where runAction audits its code. */
export class CommandError extends Error {
  constructor(
    readonly code: 'OFFLINE' | 'LOST' | 'TIMEOUT',
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Re-measure the clock offset every this many heartbeats. */
const CLOCK_EVERY_BEATS = 15;

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 30_000 };

/** Full jitter: uniform in [0, min(max, base·2^attempt)], so a site's agents do not redial in step. */
export function backoffDelay(
  attempt: number,
  backoff: Backoff,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(backoff.baseMs / 4, Math.round(random() * ceiling));
}

/** NTP-style: the agent read its clock, on average, half-way through the round trip. */
export function clockOffset(
  consoleSentMs: number,
  agentMs: number,
  consoleReceivedMs: number,
): number {
  return agentMs - (consoleSentMs + consoleReceivedMs) / 2;
}

export interface ConnectionHandlers {
  onState(state: ConnectionState, reason: string | null): void;
  onHello(frame: FrameOf<'hello'>): void;
  /** Resolves with the cumulative ack to send once the batch is committed; rejects if it was not. */
  onTelemetry(frame: FrameOf<'telemetry'>): Promise<{ epoch: string; seq: number }>;
  onClockOffset(offsetMs: number, rttMs: number): void;
  /** Records a result nobody waits for (the link dropped or the wait timed out); throws if it was not recorded. */
  onLateResult?(frame: FrameOf<'command_result'>): void;
  /** The agent cosigned the audit checkpoint it was shown, or refused it (witness feature). */
  onWitnessed?(frame: FrameOf<'witnessed'>): void;
}

export interface AgentConnectionOptions {
  host: { id: number; agentId: string; name: string; address: string; fingerprint: string };
  identity: TlsIdentity;
  consoleHello: { id: string; name: string };
  handlers: ConnectionHandlers;
  logger: Logger;
  heartbeatMs?: number;
  backoff?: Backoff;
  random?: () => number;
  /** Wall-clock milliseconds for the offset measurement (never a test clock). */
  wallClockMs?: () => number;
}

export class AgentConnection {
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private missed = 0;
  private beats = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private redial: NodeJS.Timeout | null = null;
  private current: ConnectionState = 'connecting';
  private reason: string | null = null;
  private readonly heartbeatMs: number;
  private readonly backoff: Backoff;
  private readonly wallClockMs: () => number;
  private helloSeen = false;
  /** The last telemetry ack in flight: each waits for the one before it. */
  private acks: Promise<void> = Promise.resolve();
  /** FEATURES the agent announced in its latest hello. */
  private agentFeatures: readonly string[] = [];
  /** While set, the socket is not read: the agent's batches wait in its spool (backpressure). */
  private intakePaused = false;
  private readonly pending = new Map<
    string,
    {
      resolve: (r: FrameOf<'command_result'>) => void;
      reject: (e: Error) => void;
      timer: NodeJS.Timeout;
    }
  >();

  constructor(private readonly options: AgentConnectionOptions) {
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.wallClockMs = options.wallClockMs ?? Date.now;
  }

  get state(): ConnectionState {
    return this.current;
  }

  get stateReason(): string | null {
    return this.reason;
  }

  start(): void {
    if (!this.stopped && !this.ws && !this.redial) this.connect();
  }

  /** An agent session is up (hello seen): what it is sent now, it hears. */
  get isSessionOpen(): boolean {
    return this.ws?.readyState === 1 && this.helloSeen;
  }

  /**
   * Revokes for good: a connected agent is sent `revoke` (it forgets this console) before the link
   * closes; an offline one is never dialled again. Returns whether the agent was told.
   */
  revoke(reason: string): boolean {
    const ws = this.ws;
    const isTold = ws !== null && this.isSessionOpen;
    if (ws && isTold) {
      this.ws = null; // stop() below must not terminate it before the frame is on its way
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.send(encodeFrame({ type: 'revoke', reason }));
      ws.close(1000, 'revoked');
      const timer = setTimeout(() => ws.terminate(), REVOKE_CLOSE_GRACE_MS);
      timer.unref();
      ws.once('close', () => clearTimeout(timer));
    }
    this.stop('revoked');
    return isTold;
  }

  /** Closes for good; 'revoked' also refuses any later start. */
  stop(final: 'offline' | 'revoked' = 'offline'): void {
    this.stopped = true;
    if (this.redial) clearTimeout(this.redial);
    this.redial = null;
    this.clearHeartbeat();
    this.ws?.removeAllListeners();
    this.ws?.on('error', () => {}); // a socket closed mid-handshake still reports its error
    this.ws?.terminate();
    this.ws = null;
    this.failPending(
      new CommandError('LOST', 'the console closed the connection before the agent answered'),
    );
    this.setState(final, final === 'revoked' ? 'revoked by an administrator' : 'console stopped');
  }

  /**
   * Sends a command for one of the agent's declared actions and resolves with its result. The agent
   * validates it again; a result lost with the connection is an error (the action may have run).
   */
  runCommand(
    action: string,
    params: FrameOf<'command'>['params'],
    timeoutMs: number,
    id: string,
  ): Promise<FrameOf<'command_result'>> {
    if (!this.ws || !this.isSessionOpen) {
      return Promise.reject(new CommandError('OFFLINE', 'the agent is not connected'));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new CommandError(
            'TIMEOUT',
            `no result from the agent within ${timeoutMs + COMMAND_GRACE_MS} ms`,
          ),
        );
      }, timeoutMs + COMMAND_GRACE_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      this.send({ type: 'command', id, action, params });
    });
  }

  /** Shows a witnessing agent the console's newest audit checkpoint; false if it is offline or no witness. */
  presentCheckpoint(frame: FrameOf<'checkpoint'>): boolean {
    if (!this.isSessionOpen || !this.agentFeatures.includes(FEATURES.witness)) return false;
    this.send(frame);
    return true;
  }

  /** Tells the agent a result is recorded, so it stops keeping it (agents without result_ack do not keep results). */
  ackResult(id: string): void {
    if (this.agentFeatures.includes(FEATURES.resultAck)) this.send({ type: 'result_ack', id });
  }

  private failPending(error: Error): void {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
  }

  private setState(state: ConnectionState, reason: string | null): void {
    if (this.current === state && this.reason === reason) return;
    this.current = state;
    this.reason = reason;
    this.options.handlers.onState(state, reason);
  }

  /**
   * Stops (or resumes) reading the agent's socket, so its telemetry waits in its durable spool until
   * the console has caught up. Heartbeats do not count against a paused link.
   */
  setIntakePaused(paused: boolean): void {
    if (this.intakePaused === paused) return;
    this.intakePaused = paused;
    if (paused) this.ws?.pause();
    else {
      this.missed = 0;
      this.ws?.resume();
    }
  }

  private send(frame: Frame): void {
    if (this.ws?.readyState === 1) this.ws.send(encodeFrame(frame));
  }

  private connect(): void {
    const { host, identity, logger } = this.options;
    // A refused host stays visibly refused while we retry; others show that a dial is in progress.
    if (this.current !== 'refused') this.setState('connecting', null);
    const pinned = connectPinned({
      address: host.address,
      identity,
      fingerprint: host.fingerprint,
    });
    const ws = pinned.ws;
    this.ws = ws;
    let agentRefusal: string | null = null;
    let lastError: Error | null = null;
    this.helloSeen = false;
    // This socket's series dictionary for compact telemetry frames; the agent starts its own at our hello.
    const columns = new ColumnsDecoder();

    // The agent decides before the upgrade: 403 (not the pinned console, expired), 409/429 (unpaired).
    ws.on('unexpected-response', (_req, res) => {
      void readRefusal(res).then((reason) => {
        agentRefusal = `the agent refused this console (HTTP ${res.statusCode ?? '?'}): ${reason}`;
        ws.terminate(); // still CONNECTING: aborts the request and emits close
      });
    });

    ws.on('open', () => {
      this.attempt = 0;
      this.missed = 0;
      this.send({
        type: 'hello',
        v: PROTOCOL_VERSION,
        role: 'console',
        ...this.options.consoleHello,
        sentAtMs: this.wallClockMs(),
        features: isLittleEndian ? [FEATURES.resultAck, FEATURES.columns] : [FEATURES.resultAck],
      });
      this.measureClock();
      this.setState('online', null);
      if (this.intakePaused) ws.pause();
      this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
      this.heartbeat.unref();
    });
    ws.on('pong', () => this.alive());
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.alive();
      const decoded =
        isBinary && isColumnsFrame(data)
          ? columns.decode(data)
          : decodeFrame(isBinary ? new Uint8Array(data) : data.toString('utf8'));
      if (!decoded.ok) {
        logger.warn('fleet: rejected a frame from an agent', {
          host: host.id,
          reason: decoded.reason,
        });
        this.send({ type: 'error', code: 'bad_frame', message: decoded.reason.slice(0, 4000) });
        return;
      }
      const refusal = this.handle(decoded.frame);
      if (refusal) {
        agentRefusal = refusal;
        ws.close(1008, 'refused');
      }
    });
    ws.on('error', (error) => {
      lastError = error;
    });
    ws.on('close', (code, closeReason: Buffer) => {
      this.clearHeartbeat();
      if (this.ws !== ws || this.stopped) return;
      this.ws = null;
      this.helloSeen = false;
      this.failPending(
        new CommandError('LOST', `the connection to the agent closed (${code}) before it answered`),
      );
      const pin = pinned.refusal();
      if (pin || agentRefusal || code === 1008) {
        const reason =
          pin?.message ??
          agentRefusal ??
          `the agent refused this console (${closeReason.toString('utf8') || 'policy violation'})`;
        logger.warn('fleet: connection refused', { host: host.id, address: host.address, reason });
        this.setState('refused', reason);
      } else {
        const reason = lastError?.message ?? `connection closed (${code})`;
        if (this.current !== 'refused') this.setState('offline', reason);
      }
      this.scheduleRedial();
    });
  }

  /** Handles one decoded frame; returns a reason when the peer must be refused. */
  private handle(frame: Frame): string | null {
    const { host, handlers, logger } = this.options;
    switch (frame.type) {
      case 'hello':
        if (frame.role !== 'agent' || frame.id !== host.agentId) {
          return `the peer says it is ${frame.role} "${frame.id}", not agent "${host.agentId}"`;
        }
        this.helloSeen = true;
        this.agentFeatures = frame.features ?? [];
        handlers.onHello(frame);
        return null;
      case 'telemetry': {
        const ws = this.ws;
        const committed = handlers.onTelemetry(frame);
        // Acks leave in arrival order, on the socket the batch came in on, each after its commit.
        this.acks = this.acks
          .then(() => committed)
          .then(
            (ack) => {
              if (ws?.readyState === 1)
                ws.send(encodeFrame({ type: 'ack', epoch: ack.epoch, seq: ack.seq }));
            },
            (error: unknown) => {
              if (ws?.readyState !== 1) return; // already dropped: the agent resends whatever is unacked
              // Without an ack the agent keeps the batch and resends it after we redial.
              logger.error('fleet: ingest failed; dropping the connection', {
                host: host.id,
                error: String(error),
              });
              ws.terminate();
            },
          );
        return null;
      }
      case 'clock':
        if (frame.agentMs !== undefined) {
          const received = this.wallClockMs();
          handlers.onClockOffset(
            clockOffset(frame.consoleMs, frame.agentMs, received),
            received - frame.consoleMs,
          );
        }
        return null;
      case 'error':
        logger.warn('fleet: the agent reported an error', {
          host: host.id,
          code: frame.code,
          message: frame.message,
        });
        // An agent that was unpaired (`mirqab-agent unpair`) admits us only to pair: it must be enrolled again.
        if (/^pairing_/.test(frame.code))
          return `the agent is no longer paired with this console; enrol it again with its new pairing code (${frame.message})`;
        return /unpaired|refused|revoked|unknown|forbidden/i.test(frame.code)
          ? `the agent refused: ${frame.message}`
          : null;
      case 'witnessed':
        handlers.onWitnessed?.(frame);
        return null;
      case 'command_result': {
        const waiting = this.pending.get(frame.id);
        if (!waiting) {
          if (!handlers.onLateResult) {
            logger.warn('fleet: a command result nobody waits for', {
              host: host.id,
              commandId: frame.id,
              status: frame.status,
            });
            return null;
          }
          try {
            handlers.onLateResult(frame);
            this.ackResult(frame.id);
          } catch (error) {
            // Without an ack the agent keeps the result and sends it again on the next session.
            logger.error('fleet: could not record a late command result', {
              host: host.id,
              commandId: frame.id,
              error: String(error),
            });
          }
          return null;
        }
        this.pending.delete(frame.id);
        clearTimeout(waiting.timer);
        waiting.resolve(frame);
        return null;
      }
      default:
        return null;
    }
  }

  private measureClock(): void {
    this.send({ type: 'clock', consoleMs: Math.round(this.wallClockMs()) });
  }

  private alive(): void {
    this.missed = 0;
    if (this.current === 'silent') this.setState('online', null);
  }

  private beat(): void {
    const ws = this.ws;
    if (!ws || this.intakePaused) return;
    if (this.missed >= DROP_AFTER_MISSED) {
      ws.terminate();
      return;
    }
    if (this.missed >= SILENT_AFTER_MISSED) {
      this.setState('silent', `no heartbeat for ${this.missed} intervals`);
    }
    this.missed++;
    ws.ping();
    if (++this.beats % CLOCK_EVERY_BEATS === 0) this.measureClock();
  }

  private clearHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private scheduleRedial(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.backoff, this.options.random);
    this.redial = setTimeout(() => {
      this.redial = null;
      if (!this.stopped) this.connect();
    }, delay);
    this.redial.unref();
  }
}
