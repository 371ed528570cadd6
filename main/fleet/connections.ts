// The fleet's connections: one per enrolled agent, dialled once the store is open and the console's
// TLS identity is loaded; each connection's telemetry, hellos and state changes land in the store,
// the live values and a coalesced fleet.changed notice.
import type { ActionSpec, FrameOf } from '../../shared/agent-protocol/index.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import { convertSamples } from '../telemetry/conversion.ts';
import { foldGently } from '../telemetry/sampleBuffer.ts';
import { recordLateResult } from './actionResults.ts';
import type { FleetChanges } from './changes.ts';
import type { FleetConfig } from './config.ts';
import { AgentConnection, type ConnectionState } from './connection.ts';
import { ensureConsoleIdentity, type TlsIdentity } from './consoleIdentity.ts';
import {
  findHost,
  listHostRecords,
  updateClockOffset,
  updateHostHello,
  updateHostState,
  type HostRecord,
} from './hosts.ts';
import { TelemetryIngest } from './ingest.ts';
import type { IngestEvents } from './ingestEvents.ts';
import { IngestQueue, type IntakeStatus } from './ingestQueue.ts';
import { LiveValues } from './liveValues.ts';
import { FleetWitnessing } from './witnessing.ts';

/** The console closed while the fleet was starting: kept local, start() swallows it and nothing else sees it. */
class FleetStoppedError extends Error {
  constructor() {
    super('The fleet was stopped while starting.');
    this.name = 'FleetStoppedError';
  }
}

export interface FleetConnectionsOptions {
  store: () => WritableDb;
  logger: Logger;
  clock: Clock;
  siteName: () => string;
  config: FleetConfig;
  changes: FleetChanges;
  ingestEvents: IngestEvents;
  /** Upkeep tied to one open store: started with it, stopped with it. */
  onRunning?: (db: WritableDb, isCurrent: () => boolean) => void;
  onStopped?: () => void;
}

export interface Running {
  db: WritableDb;
  identity: TlsIdentity;
  ingest: IngestQueue;
  witnessing: FleetWitnessing;
}

export class FleetConnections {
  private running: Running | null = null;
  private starting: Promise<Running> | null = null;
  private readonly connections = new Map<number, AgentConnection>();
  /** Each host's declared actions, from its latest hello. */
  private readonly actions = new Map<number, ActionSpec[]>();
  readonly live = new LiveValues();
  /** Bumped by stop(), so a start still awaiting its identity does not come alive afterwards. */
  private generation = 0;

  constructor(private readonly options: FleetConnectionsOptions) {}

  /** Starts (or restarts, after the store was reopened) and resolves once connections are dialling. */
  async start(): Promise<void> {
    try {
      await this.ensureStarted();
    } catch (error) {
      if (!(error instanceof FleetStoppedError)) throw error; // closed while starting: nothing to do
    }
  }

  /** The running fleet on the open store, started first if need be. */
  async ensureStarted(): Promise<Running> {
    const db = this.options.store();
    if (this.running?.db === db) return this.running;
    if (this.running) this.stop();
    this.starting ??= this.boot(db).finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async boot(db: WritableDb): Promise<Running> {
    const generation = this.generation;
    const identity = await ensureConsoleIdentity(
      db,
      this.options.siteName(),
      () => generation === this.generation,
    );
    if (!identity || generation !== this.generation) throw new FleetStoppedError();
    // A store written before compressed chunks is converted first (resumable, progress in the log).
    await convertSamples(db, this.options.logger, () => generation !== this.generation);
    if (generation !== this.generation) throw new FleetStoppedError();
    // Samples a previous run left in the log are replayed into the open chunks and folded.
    await foldGently(db, undefined, () => generation !== this.generation);
    if (generation !== this.generation) throw new FleetStoppedError();
    const { logger, clock, config } = this.options;
    const ingest = new IngestQueue({
      db,
      ingest: new TelemetryIngest(db),
      logger,
      now: () => clock.now(),
      foldAfterMs: config.foldAfterMs,
      flushMs: config.ingestFlushMs,
      maxLoggedSamples: config.maxUnfoldedSamples,
      // Backpressure: no socket is read while the sample log is over its bound.
      onIntake: (paused) => {
        for (const connection of this.connections.values()) connection.setIntakePaused(paused);
      },
    });
    const witnessing = new FleetWitnessing({ db, now: () => clock.now(), logger });
    const running: Running = { db, identity, ingest, witnessing };
    this.running = running;
    this.live.load(db);
    for (const host of listHostRecords(db)) if (!host.revokedAt) this.connect(running, host);
    this.options.onRunning?.(db, () => this.running === running);
    return running;
  }

  stop(): void {
    this.generation++;
    const running = this.running;
    this.running = null; // first, so connection state changes while closing are not written
    running?.ingest.close(); // commits the batches already received, while the store is still open
    for (const connection of this.connections.values()) connection.stop('offline');
    this.connections.clear();
    this.options.onStopped?.();
    this.options.changes.stop();
  }

  /** The console's name and certificate as agents see them. */
  consoleHello(running: Running): { id: string; name: string } {
    return { id: running.identity.fingerprint, name: this.options.siteName() || 'Mirqab console' };
  }

  /** Dials a newly enrolled host, if the fleet that enrolled it is still the running one. */
  dial(running: Running, host: HostRecord, actions?: ActionSpec[]): void {
    if (actions) this.actions.set(host.id, actions);
    if (this.running === running) this.connect(running, host);
    this.options.changes.notify(host.id);
  }

  /** After a revoke is committed: the agent (if connected) is told, and the host is forgotten. */
  forget(hostId: number, reason: string): void {
    this.connections.get(hostId)?.revoke(reason);
    this.connections.delete(hostId);
    this.live.forget(hostId);
    this.options.changes.notify(hostId);
  }

  /**
   * Before hosts are deleted (the demo site removed): each connection is closed, the batches already
   * received are committed, and nothing is kept of them (a later host may get the same id).
   */
  async removeHosts(hostIds: readonly number[], reason: string): Promise<void> {
    const running = await this.ensureStarted();
    for (const id of hostIds) {
      this.forget(id, reason);
      this.actions.delete(id);
    }
    running.ingest.forgetHosts(hostIds);
  }

  connectionOf(hostId: number): AgentConnection | undefined {
    return this.connections.get(hostId);
  }

  /** The actions the host's agent declared in its hello; undefined until it says hello. */
  actionsOf(hostId: number): ActionSpec[] | undefined {
    return this.actions.get(hostId);
  }

  /** Revoked for good, else what its live connection says, else what was stored. */
  stateOf(host: HostRecord): ConnectionState {
    return host.revokedAt ? 'revoked' : (this.connections.get(host.id)?.state ?? host.state);
  }

  /** Whether telemetry intake is paused for the sample log to be folded; null while not running. */
  intakeStatus(): IntakeStatus | null {
    return this.running?.ingest.intakeStatus() ?? null;
  }

  /** For tests and diagnostics: the live connection state of one host. */
  connectionState(hostId: number): ConnectionState | null {
    return this.connections.get(hostId)?.state ?? null;
  }

  /** Shows every connected witness the newest audit checkpoint (after the console signs one). */
  presentLatestCheckpoint(): void {
    const running = this.running;
    if (!running) return;
    for (const [hostId, connection] of this.connections) {
      const host = findHost(running.db, hostId);
      if (host && !host.revokedAt) running.witnessing.present(host, connection);
    }
  }

  private connect(running: Running, host: HostRecord): void {
    const { logger, clock, config, changes } = this.options;
    const isCurrent = () => this.running === running;
    const connection = new AgentConnection({
      host,
      identity: running.identity,
      consoleHello: this.consoleHello(running),
      logger,
      heartbeatMs: config.heartbeatMs,
      backoff: config.backoff,
      handlers: {
        onState: (state: ConnectionState) => {
          if (!isCurrent()) return;
          updateHostState(running.db, host.id, state);
          if (state === 'online')
            logger.info('fleet: agent online', { host: host.id, address: host.address });
          changes.notify(host.id);
        },
        onHello: (hello: FrameOf<'hello'>) => {
          this.actions.set(host.id, hello.actions ?? []);
          if (hello.simulated !== undefined && isCurrent())
            updateHostHello(running.db, host.id, hello.simulated);
          if (isCurrent()) running.witnessing.onHello(host, hello, connection);
          changes.notify(host.id);
        },
        onWitnessed: (frame) => {
          if (isCurrent()) running.witnessing.onWitnessed(host, frame);
        },
        onTelemetry: async (frame) => {
          const result = await running.ingest.submit(host, frame);
          const ack = { epoch: result.epoch, seq: result.ack };
          if (!isCurrent()) return ack;
          if (!result.duplicate) {
            if (this.options.ingestEvents.isObserved) this.tellCommitted(host.id, frame);
            this.live.record(host.id, frame.samples, result.seriesIds);
            this.options.ingestEvents.samplesCommitted(host.id, frame.samples);
          }
          for (const gap of result.gaps) {
            logger.warn('fleet: the agent reported lost telemetry', {
              host: host.id,
              message: gap.message,
              ...gap.details,
            });
          }
          if (!result.duplicate) changes.notify(host.id);
          if (!result.duplicate && frame.drift?.length)
            changes.driftArrived(frame.drift.map((w) => w.model));
          return ack;
        },
        onClockOffset: (offsetMs) => {
          if (!isCurrent()) return;
          updateClockOffset(running.db, host.id, Math.round(offsetMs));
          changes.notify(host.id);
        },
        onLateResult: (frame) => {
          const outcome = recordLateResult(running.db, host, frame, clock.now());
          logger.info('fleet: a late action result arrived', {
            host: host.id,
            commandId: frame.id,
            status: frame.status,
            outcome,
          });
          if (outcome === 'recorded') changes.notify(host.id);
        },
      },
    });
    this.connections.set(host.id, connection);
    connection.setIntakePaused(running.ingest.intakeStatus().paused);
    connection.start();
  }

  private tellCommitted(hostId: number, frame: FrameOf<'telemetry'>): void {
    const committedAtMs = Date.now();
    let oldest = Number.POSITIVE_INFINITY;
    for (const s of frame.samples) if (s.tsMs < oldest) oldest = s.tsMs;
    const samples = frame.samples.length;
    this.options.ingestEvents.batchCommitted({
      hostId,
      epoch: frame.epoch,
      seq: frame.seq,
      samples,
      oldestSampleMs: samples > 0 ? oldest : null,
      committedAtMs,
    });
  }
}
