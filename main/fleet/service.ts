// The fleet: one connection per enrolled agent, ingest into the store, background roll-ups and
// retention, and the read models the API serves. Changes reach the renderer as coalesced events.
import type { ActionSpec, FrameOf } from '../../shared/agent-protocol/index.ts';
import type { ActionResult, Cluster, FleetGpu, FleetHost, FleetHostDetail, SeriesPoints } from '../../shared/ipc/contract.ts';
import type { EventBus } from '../core/events.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../log.ts';
import { appendAudit } from '../audit/index.ts';
import type { WritableDb } from '../store/types.ts';
import { recordLateResult } from './actionResults.ts';
import { runDeclaredAction, type ActionActor, type ActionRequest } from './runAction.ts';
import { AgentConnection, DEFAULT_BACKOFF, type Backoff, type ConnectionState } from './connection.ts';
import { ensureConsoleIdentity, type TlsIdentity } from './consoleIdentity.ts';
import {
  checkEnrolRequest,
  EnrolmentError,
  pairWithAgent,
  recordEnrolment,
  recordFailedEnrolment,
  recordRevocation,
  type Actor,
  type EnrolRequest,
} from './enrol.ts';
import { TelemetryIngest } from './ingest.ts';
import { IngestQueue } from './ingestQueue.ts';
import { LiveValues } from './liveValues.ts';
import { toFleetGpus } from './gpuReadings.ts';
import {
  findCluster,
  findClusterByName,
  findHost,
  insertCluster,
  listClusters,
  listHostRecords,
  recentAgentEvents,
  updateClockOffset,
  updateHostHello,
  updateHostState,
  type HostRecord,
} from './repository.ts';
import { DEFAULT_RETENTION, rollUpHours, runRetention, type RetentionConfig } from './rollups.ts';
import { foldGently } from './sampleBuffer.ts';
import { querySeries, type BucketValue, type SeriesRange } from './series.ts';
import { FleetWitnessing } from './witnessing.ts';

export interface FleetConfig {
  heartbeatMs?: number;
  backoff: Backoff;
  retention: RetentionConfig;
  retentionEveryMs: number;
  rollupEveryMs: number;
  /** fleet.changed at most this often: hundreds of hosts must not flood the renderer. */
  notifyEveryMs: number;
  enrolTimeoutMs: number;
  /**
   * Observer for benchmarks and diagnostics: called after each new telemetry batch is committed
   * (never for duplicates). Absent by default, and then it costs nothing.
   */
  onBatchCommitted?: (info: BatchCommitted) => void;
}

export interface BatchCommitted {
  hostId: number;
  epoch: string;
  seq: number;
  /** Samples in the frame. */
  samples: number;
  /** Earliest sample timestamp in the frame (agent clock); null for a frame with no samples. */
  oldestSampleMs: number | null;
  /** Wall clock (Date.now()) right after the commit. */
  committedAtMs: number;
}

export const DEFAULT_FLEET_CONFIG: FleetConfig = {
  backoff: DEFAULT_BACKOFF,
  retention: DEFAULT_RETENTION,
  retentionEveryMs: 10 * 60_000,
  rollupEveryMs: 30_000,
  notifyEveryMs: 500,
  enrolTimeoutMs: 15_000,
};

/** The console closed while the fleet was starting. */
export class FleetStoppedError extends Error {
  constructor() {
    super('The fleet was stopped while starting.');
    this.name = 'FleetStoppedError';
  }
}

export interface FleetServiceOptions {
  store: () => WritableDb;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  siteName: () => string;
  config?: Partial<FleetConfig>;
}

interface Running {
  db: WritableDb;
  identity: TlsIdentity;
  ingest: IngestQueue;
  witnessing: FleetWitnessing;
  timers: NodeJS.Timeout[];
}

export class FleetService {
  readonly config: FleetConfig;
  private running: Running | null = null;
  private starting: Promise<Running> | null = null;
  private readonly connections = new Map<number, AgentConnection>();
  /** Each host's declared actions, from its latest hello. */
  private readonly actions = new Map<number, ActionSpec[]>();
  private readonly live = new LiveValues();
  private readonly changed = new Set<number>();
  private notifyTimer: NodeJS.Timeout | null = null;
  private lastNotify = 0;
  private busy = { rollup: false, retention: false };
  /** Bumped by stop(), so a start still awaiting its identity does not come alive afterwards. */
  private generation = 0;

  constructor(private readonly options: FleetServiceOptions) {
    this.config = { ...DEFAULT_FLEET_CONFIG, ...options.config };
  }

  /** Starts (or restarts, after the store was reopened) and resolves once connections are dialling. */
  async start(): Promise<void> {
    try {
      await this.ensureStarted();
    } catch (error) {
      if (!(error instanceof FleetStoppedError)) throw error; // closed while starting: nothing to do
    }
  }

  private async ensureStarted(): Promise<Running> {
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
    const identity = await ensureConsoleIdentity(db, this.options.siteName(), () => generation === this.generation);
    if (!identity || generation !== this.generation) throw new FleetStoppedError();
    // Samples a previous run left in the buffer join samples_raw first, so the live values include them.
    await foldGently(db, undefined, () => generation !== this.generation);
    if (generation !== this.generation) throw new FleetStoppedError();
    const { logger, clock } = this.options;
    const ingest = new IngestQueue({ db, ingest: new TelemetryIngest(db), logger, now: () => clock.now() });
    const witnessing = new FleetWitnessing({ db, now: () => clock.now(), logger });
    const running: Running = { db, identity, ingest, witnessing, timers: [] };
    this.running = running;
    this.live.load(db);
    for (const host of listHostRecords(db)) if (!host.revokedAt) this.connect(running, host);
    const every = (ms: number, job: () => Promise<unknown>) => {
      const timer = setInterval(() => void job(), ms);
      timer.unref();
      running.timers.push(timer);
    };
    every(this.config.rollupEveryMs, () => this.rollUp());
    every(this.config.retentionEveryMs, () => this.retain());
    return running;
  }

  stop(): void {
    this.generation++;
    const running = this.running;
    this.running = null; // first, so connection state changes while closing are not written
    running?.ingest.close(); // commits the batches already received, while the store is still open
    for (const connection of this.connections.values()) connection.stop('offline');
    this.connections.clear();
    for (const timer of running?.timers ?? []) clearInterval(timer);
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
  }

  /** Runs the 1 h roll-up now (also runs on a timer). */
  async rollUp(): Promise<number> {
    const db = this.running?.db;
    if (!db || this.busy.rollup) return 0;
    this.busy.rollup = true;
    try {
      return await rollUpHours(db, this.options.clock.now().getTime());
    } catch (error) {
      this.options.logger.error('fleet: 1 h roll-up failed', { error: String(error) });
      return 0;
    } finally {
      this.busy.rollup = false;
    }
  }

  /** Runs one retention pass now (also runs on a timer). */
  async retain() {
    const running = this.running;
    if (!running || this.busy.retention) return null;
    this.busy.retention = true;
    try {
      const nowMs = this.options.clock.now().getTime();
      return await runRetention(running.db, nowMs, this.config.retention, 2000, () => this.running !== running);
    } catch (error) {
      this.options.logger.error('fleet: retention failed', { error: String(error) });
      return null;
    } finally {
      this.busy.retention = false;
    }
  }

  private connect(running: Running, host: HostRecord): void {
    const { logger, clock } = this.options;
    const connection = new AgentConnection({
      host,
      identity: running.identity,
      consoleHello: { id: running.identity.fingerprint, name: this.options.siteName() || 'Mirqab console' },
      logger,
      heartbeatMs: this.config.heartbeatMs,
      backoff: this.config.backoff,
      handlers: {
        onState: (state: ConnectionState) => {
          if (this.running !== running) return;
          updateHostState(running.db, host.id, state);
          if (state === 'online') logger.info('fleet: agent online', { host: host.id, address: host.address });
          this.notify(host.id);
        },
        onHello: (hello: FrameOf<'hello'>) => {
          this.actions.set(host.id, hello.actions ?? []);
          if (hello.simulated !== undefined && this.running === running) updateHostHello(running.db, host.id, hello.simulated);
          if (this.running === running) running.witnessing.onHello(host, hello, connection);
          this.notify(host.id);
        },
        onWitnessed: (frame) => {
          if (this.running === running) running.witnessing.onWitnessed(host, frame);
        },
        onTelemetry: async (frame) => {
          const result = await running.ingest.submit(host, frame);
          const ack = { epoch: result.epoch, seq: result.ack };
          if (this.running !== running) return ack;
          const observer = this.config.onBatchCommitted;
          if (observer && !result.duplicate) {
            const committedAtMs = Date.now();
            let oldest = Number.POSITIVE_INFINITY;
            for (const s of frame.samples) if (s.tsMs < oldest) oldest = s.tsMs;
            observer({ hostId: host.id, epoch: frame.epoch, seq: frame.seq, samples: frame.samples.length, oldestSampleMs: frame.samples.length > 0 ? oldest : null, committedAtMs });
          }
          if (!result.duplicate) this.live.record(host.id, frame.samples);
          for (const gap of result.gaps) {
            logger.warn('fleet: the agent reported lost telemetry', { host: host.id, message: gap.message, ...gap.details });
          }
          if (!result.duplicate) this.notify(host.id);
          return ack;
        },
        onClockOffset: (offsetMs) => {
          if (this.running !== running) return;
          updateClockOffset(running.db, host.id, Math.round(offsetMs));
          this.notify(host.id);
        },
        onLateResult: (frame) => {
          const outcome = recordLateResult(running.db, host, frame, clock.now());
          logger.info('fleet: a late action result arrived', { host: host.id, commandId: frame.id, status: frame.status, outcome });
          if (outcome === 'recorded') this.notify(host.id);
        },
      },
    });
    this.connections.set(host.id, connection);
    connection.start();
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

  private notify(hostId: number): void {
    this.changed.add(hostId);
    if (this.notifyTimer) return;
    const wait = Math.max(0, this.lastNotify + this.config.notifyEveryMs - Date.now());
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      this.lastNotify = Date.now();
      const hostIds = [...this.changed].sort((a, b) => a - b);
      this.changed.clear();
      this.options.events.emit('fleet.changed', { hostIds });
    }, wait);
    this.notifyTimer.unref();
  }

  async enrol(request: EnrolRequest, actor: Actor): Promise<FleetHost> {
    const running = await this.ensureStarted();
    const { db } = running;
    try {
      checkEnrolRequest(db, request);
      const paired = await pairWithAgent({
        address: request.address,
        pairingCode: request.pairingCode,
        identity: running.identity,
        consoleHello: { id: running.identity.fingerprint, name: this.options.siteName() || 'Mirqab console' },
        timeoutMs: this.config.enrolTimeoutMs,
      });
      const host = recordEnrolment(db, actor, request, paired, this.options.clock.now());
      if (paired.hello?.actions) this.actions.set(host.id, paired.hello.actions);
      if (this.running === running) this.connect(running, host);
      this.notify(host.id);
      return this.toFleetHost(db, host);
    } catch (error) {
      if (error instanceof EnrolmentError) {
        this.options.logger.warn('fleet: enrolment failed', { address: request.address, code: error.code, reason: error.message });
        recordFailedEnrolment(db, actor, request, error, this.options.clock.now());
      }
      throw error;
    }
  }

  async revoke(hostId: number, actor: Actor): Promise<void> {
    const { db } = await this.ensureStarted();
    const connection = this.connections.get(hostId);
    // Only an agent connected now hears the revoke and forgets this console; an offline one keeps its pin.
    recordRevocation(db, actor, hostId, this.options.clock.now(), { agentNotified: connection?.isSessionOpen ?? false });
    // After the commit: a crash in between leaves a revoked row, which start() never dials.
    connection?.revoke(`revoked by ${actor.username}`);
    this.connections.delete(hostId);
    this.live.forget(hostId);
    this.notify(hostId);
  }

  /**
   * Runs one of the host's declared actions. The console refuses an action the agent's hello did not
   * declare before sending anything; the agent validates the parameters again. Audited with the
   * parameters and the result, whatever the outcome.
   */
  async runAction(request: ActionRequest, actor: ActionActor): Promise<ActionResult> {
    const { db } = await this.ensureStarted();
    const { clock, logger } = this.options;
    return runDeclaredAction({ db, now: () => clock.now(), logger, connectionOf: (id) => this.connections.get(id), actionsOf: (id) => this.actions.get(id) }, request, actor);
  }

  async listClusters(): Promise<Cluster[]> {
    return listClusters((await this.ensureStarted()).db);
  }

  async createCluster(cluster: Omit<Cluster, 'id' | 'createdAt'>, actor: Actor): Promise<Cluster> {
    const { db } = await this.ensureStarted();
    if (findClusterByName(db, cluster.name)) throw new EnrolmentError('CONFLICT', `A cluster named "${cluster.name}" already exists.`);
    const now = this.options.clock.now();
    return db.transaction(() => {
      const created = insertCluster(db, cluster, now);
      appendAudit(db, { actor: actor.username, role: actor.role, action: 'fleet.createCluster', target: `cluster:${created.id}`, outcome: 'success', details: { name: created.name, site: created.site, kind: created.kind, labels: created.labels } }, now);
      return created;
    })();
  }

  /** Revoked for good, else what its live connection says, else what was stored. */
  private hostState(host: HostRecord): FleetHost['state'] {
    return host.revokedAt ? 'revoked' : (this.connections.get(host.id)?.state ?? host.state);
  }

  private toFleetHost(db: WritableDb, host: HostRecord, clusterNames?: Map<number, string>): FleetHost {
    const names = clusterNames ?? new Map(listClusters(db).map((c) => [c.id, c.name]));
    const connection = this.connections.get(host.id);
    const state = this.hostState(host);
    return {
      id: host.id,
      agentId: host.agentId,
      name: host.name,
      address: host.address,
      clusterId: host.clusterId,
      clusterName: names.get(host.clusterId) ?? '',
      state,
      stateReason: host.revokedAt ? null : (connection?.stateReason ?? null),
      lastSeenAt: host.lastSeenAt,
      clockOffsetMs: host.clockOffsetMs,
      simulated: host.simulated,
      enrolledAt: host.enrolledAt,
      revokedAt: host.revokedAt,
      gpuCount: this.live.gpuCount(host.id),
      signals: this.live.signals(host.id),
    };
  }

  async listHosts(): Promise<FleetHost[]> {
    const { db } = await this.ensureStarted();
    const names = new Map(listClusters(db).map((c) => [c.id, c.name]));
    return listHostRecords(db).map((host) => this.toFleetHost(db, host, names));
  }

  async hostDetail(hostId: number): Promise<FleetHostDetail> {
    const { db } = await this.ensureStarted();
    const host = findHost(db, hostId);
    if (!host) throw new EnrolmentError('NOT_FOUND', `There is no host with id ${hostId}.`);
    return {
      host: this.toFleetHost(db, host),
      ...this.live.breakdown(hostId),
      actions: this.actions.get(hostId) ?? [],
      events: recentAgentEvents(db, hostId, 100),
    };
  }

  /** Every GPU's latest reading, of one cluster or all, from memory: the heatmaps' one call. */
  async listGpus(clusterId?: number): Promise<FleetGpu[]> {
    const { db } = await this.ensureStarted();
    if (clusterId !== undefined && !findCluster(db, clusterId)) throw new EnrolmentError('NOT_FOUND', `There is no cluster with id ${clusterId}.`);
    const hosts = listHostRecords(db).filter((h) => clusterId === undefined || h.clusterId === clusterId);
    return hosts.flatMap((host) => {
      return toFleetGpus({ id: host.id, name: host.name, clusterId: host.clusterId, state: this.hostState(host) }, this.live.gpus(host.id));
    });
  }

  async series(request: { hostId: number; metric: string; labels: Record<string, string>; range: SeriesRange; maxPoints: number; bucketValue: BucketValue }): Promise<SeriesPoints> {
    const { db } = await this.ensureStarted();
    if (!findHost(db, request.hostId)) throw new EnrolmentError('NOT_FOUND', `There is no host with id ${request.hostId}.`);
    return querySeries(db, request, this.options.clock.now().getTime());
  }

  /** For tests and diagnostics: the live connection state of one host. */
  connectionState(hostId: number): ConnectionState | null {
    return this.connections.get(hostId)?.state ?? null;
  }
}
