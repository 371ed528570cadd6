// One connection from the paired console: hello both ways, then every unacked spooled batch in
// seq order, then new batches as they are spooled. The console acks cumulatively; anything unacked
// when the link drops is resent to the next session. Action results go the same way for a console
// that acks them (result_ack), and a `revoke` from the pinned console unpairs the agent. Bad frames
// get an `error` frame, never a crash. A console may show its newest audit checkpoint (`checkpoint`):
// the agent witnesses it and answers `witnessed`, cosigned or refused with the reason. A console that
// offers telemetry_columns gets compact binary telemetry frames; an older one gets the JSON frame.
import type { WebSocket } from 'ws';
import {
  decodeFrame,
  encodeFrame,
  FEATURES,
  PROTOCOL_VERSION,
  type Frame,
  type FrameOf,
} from '../shared/agent-protocol/index.ts';
import { isLittleEndian } from '../shared/agent-protocol/columns.ts';
import type { ActionRunner } from './actions.ts';
import { forgetConsole, type AgentIdentity, type ConsolePin } from './identity.ts';
import type { Logger } from './log.ts';
import type { CommandResult, ResultStore } from './resultStore.ts';
import type { Peer } from './server.ts';
import type { Spool, SpooledBatch } from './spool.ts';
import type { Witness, WitnessOutcome } from './witness.ts';

/** Telemetry stops while this much is still queued on the socket, and resumes as it drains. */
export const BACKPRESSURE_BYTES = 1024 * 1024;
/** A console that sends this many undecodable frames on one connection is cut off. */
export const MAX_BAD_FRAMES = 10;

export interface SessionDeps {
  identity: AgentIdentity;
  spool: Spool;
  actions: ActionRunner;
  results: ResultStore;
  /** Stores a result for the console that sent the command and offers it to every live session. */
  keepResult(consoleFingerprint: string, result: CommandResult): void;
  /** The pinned console revoked this agent and its pin is gone: close what is left of it. */
  onRevoked(pin: ConsolePin): void;
  logger: Logger;
  simulated?: boolean;
  now?: () => number;
  /** Witnesses the console's audit checkpoints; absent, the agent does not offer the witness feature. */
  witness?: Witness;
  /** The console showed a checkpoint that contradicts what this agent witnessed (a rollback alarm). */
  onWitnessRefused?(outcome: Extract<WitnessOutcome, { ok: false }>): void;
}

export interface Session {
  /** Sends whatever the spool holds beyond what this session already sent. */
  pump(): void;
  /** Sends a stored result if it is meant for this session's console and that console acks results. */
  offerResult(consoleFingerprint: string, result: CommandResult): void;
}

export function startSession(ws: WebSocket, peer: Peer, deps: SessionDeps): Session {
  const { spool, logger } = deps;
  const now = deps.now ?? Date.now;
  let helloReceived = false;
  let acksResults = false;
  let cursor = spool.ackedSeq;
  let badFrames = 0;
  let waitingForDrain = false;
  /** Set while the console takes compact telemetry frames: the series this session has named. */
  let named: Set<number> | null = null;

  const send = (frame: Frame) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeFrame(frame));
  };

  const refuse = (code: string, message: string) => {
    badFrames++;
    send({ type: 'error', code, message: message.slice(0, 4000) });
    if (badFrames >= MAX_BAD_FRAMES) {
      logger.warn('closing session: too many bad frames', { ...peer, badFrames });
      ws.close(1008, 'too many bad frames');
    }
  };

  const onDrained = () => {
    if (!waitingForDrain) return;
    waitingForDrain = false;
    session.pump();
  };

  const session: Session = {
    pump() {
      if (!helloReceived || ws.readyState !== ws.OPEN) return;
      while (ws.bufferedAmount <= BACKPRESSURE_BYTES) {
        const batch = spool.next(cursor);
        if (!batch) return;
        let frame: string | Uint8Array;
        try {
          frame = wireFrame(batch);
        } catch (error) {
          // Only a damaged series dictionary does this: the batch stays unacked and the agent runs on.
          logger.error('spooled batch cannot be sent; telemetry to this console stops here', {
            ...peer,
            seq: batch.seq,
            error: String(error),
          });
          return;
        }
        cursor = batch.seq;
        // The send callback fires once the frame is handed to the kernel: the drain signal.
        ws.send(frame, onDrained);
      }
      waitingForDrain = true;
    },
    offerResult(consoleFingerprint, result) {
      if (helloReceived && acksResults && consoleFingerprint === peer.fingerprint) send(result);
    },
  };

  /** The compact frame when the console takes it (and the batch has one), else the JSON frame. */
  const wireFrame = (batch: SpooledBatch): string | Uint8Array =>
    (named && spool.columnsFrame(batch, named)) ?? spool.telemetryFrame(batch);

  const runCommand = (frame: FrameOf<'command'>) => {
    void deps.actions
      .run(frame)
      .catch((error: unknown): CommandResult => {
        logger.error('action runner failed', { commandId: frame.id, error: String(error) });
        return {
          type: 'command_result',
          id: frame.id,
          status: 'failed',
          exitCode: null,
          output: '',
          durationMs: 0,
          reason: 'internal error in the agent',
        };
      })
      .then((result) => {
        // Kept until acked, so a result that finishes while the link is down reaches the next session.
        if (acksResults) deps.keepResult(peer.fingerprint, result);
        else send(result);
      });
  };

  const revoke = (frame: FrameOf<'revoke'>) => {
    // The session was admitted on the pin, but the pin may have changed since: check it again.
    const pin = forgetConsole(deps.identity.dir, peer.fingerprint);
    if (!pin) {
      logger.warn('revoke refused: this console is no longer the one this agent is paired with', {
        ...peer,
        reason: frame.reason,
      });
      ws.close(1008, 'console unpaired');
      return;
    }
    logger.warn(
      'the paired console revoked this agent: it is unpaired now and has a new pairing code (`mirqab-agent pairing-code`)',
      {
        ...peer,
        consoleName: pin.consoleName,
        reason: frame.reason,
      },
    );
    ws.close(1000, 'revoked');
    deps.onRevoked(pin);
  };

  const witness = (frame: FrameOf<'checkpoint'>) => {
    if (!deps.witness) return refuse('unexpected_frame', 'this agent does not witness checkpoints');
    const outcome = deps.witness.present(frame);
    if (outcome.ok) {
      send({ type: 'witnessed', ok: true, state: outcome.state });
      return;
    }
    logger.warn("refused to cosign the console's audit checkpoint", {
      ...peer,
      code: outcome.code,
      reason: outcome.reason,
      treeSize: frame.checkpoint.treeSize,
      heldTreeSize: outcome.state?.checkpoint.treeSize ?? null,
    });
    deps.onWitnessRefused?.(outcome);
    send({
      type: 'witnessed',
      ok: false,
      code: outcome.code,
      reason: outcome.reason.slice(0, 1000),
      state: outcome.state,
    });
  };

  const handle = (frame: Frame) => {
    switch (frame.type) {
      case 'hello':
        if (frame.role !== 'console')
          return refuse('bad_hello', 'the console must say hello with role "console"');
        if (!helloReceived)
          logger.info('console said hello', { ...peer, site: frame.id, name: frame.name });
        helloReceived = true;
        acksResults = frame.features?.includes(FEATURES.resultAck) ?? false;
        // Each hello starts a fresh dictionary on both sides: series are named again as batches use them.
        named = isLittleEndian && frame.features?.includes(FEATURES.columns) ? new Set() : null;
        // A second hello restarts the stream from the last ack, e.g. after the console reset its state.
        cursor = spool.ackedSeq;
        if (acksResults) for (const result of deps.results.pending(peer.fingerprint)) send(result);
        session.pump();
        return;
      case 'clock':
        send({ type: 'clock', consoleMs: frame.consoleMs, agentMs: now() });
        return;
      case 'ack':
        if (frame.epoch !== spool.epoch) {
          send({
            type: 'error',
            code: 'stale_epoch',
            message: `ack for epoch ${frame.epoch}, but the spool's epoch is ${spool.epoch}`,
          });
          return;
        }
        if (frame.seq > spool.headSeq)
          logger.warn('console acked beyond the newest batch', {
            ...peer,
            seq: frame.seq,
            headSeq: spool.headSeq,
          });
        spool.ack(frame.seq);
        return;
      case 'command':
        if (!helloReceived) return refuse('hello_required', 'send hello before commands');
        runCommand(frame);
        return;
      case 'result_ack':
        deps.results.ack(frame.id); // an id already forgotten is a duplicate ack: nothing to do
        return;
      case 'revoke':
        revoke(frame);
        return;
      case 'checkpoint':
        if (!helloReceived) return refuse('hello_required', 'send hello before checkpoints');
        witness(frame);
        return;
      case 'pair':
        send({
          type: 'error',
          code: 'already_paired',
          message: 'this agent is already paired with this console',
        });
        return;
      case 'error':
        logger.warn('console reported an error', {
          ...peer,
          code: frame.code,
          message: frame.message,
        });
        return;
      default:
        return refuse('unexpected_frame', `a console does not send ${frame.type} frames`);
    }
  };

  ws.on('message', (data: Buffer) => {
    const decoded = decodeFrame(data);
    if (!decoded.ok) {
      logger.warn('bad frame from console', { ...peer, reason: decoded.reason.slice(0, 300) });
      return refuse('bad_frame', decoded.reason);
    }
    handle(decoded.frame);
  });

  send({
    type: 'hello',
    v: PROTOCOL_VERSION,
    role: 'agent',
    id: deps.identity.agentId,
    name: deps.identity.name,
    sentAtMs: now(),
    epoch: spool.epoch,
    headSeq: spool.headSeq,
    actions: deps.actions.specs,
    features: [
      FEATURES.resultAck,
      FEATURES.revoke,
      ...(deps.witness ? [FEATURES.witness] : []),
      ...(isLittleEndian ? [FEATURES.columns] : []),
    ],
    ...(deps.witness ? { witness: deps.witness.held() } : {}),
    ...(deps.simulated ? { simulated: true } : {}),
  });
  return session;
}
