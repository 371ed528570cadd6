// The fleet, assembled: connections to the enrolled agents, the read models the API serves,
// enrolment and revocation, agent actions and telemetry upkeep. Each part lives in its own module;
// this only wires them together for the composition root and the API.
import type { ActionResult, Cluster } from '../../shared/ipc/contract.ts';
import type { Clock } from '../core/clock.ts';
import type { EventBus } from '../core/events.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import { conversionStatus } from '../telemetry/conversion.ts';
import { loggedSampleCount } from '../telemetry/samples.ts';
import { FleetChanges } from './changes.ts';
import { createCluster } from './clusterAdmin.ts';
import { DEFAULT_FLEET_CONFIG, type FleetConfig } from './config.ts';
import { FleetConnections } from './connections.ts';
import { Enrolment, type Actor } from './enrolment.ts';
import { IngestEvents } from './ingestEvents.ts';
import type { IntakeStatus } from './ingestQueue.ts';
import { FleetMaintenance } from './maintenance.ts';
import { FleetReadModels } from './readModels.ts';
import { runDeclaredAction, type ActionActor, type ActionRequest } from './runAction.ts';
import { TelemetryStorageSettings } from './telemetryStorage.ts';

export type { FleetConfig } from './config.ts';

/** Told of each action that came back with a result, after its audit (model versions learn from these). */
export type ActionFinishedListener = (
  db: WritableDb,
  request: ActionRequest,
  result: ActionResult,
  actor: ActionActor,
) => void;

export interface FleetServiceOptions {
  store: () => WritableDb;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  siteName: () => string;
  config?: Partial<FleetConfig>;
}

export class FleetService {
  readonly config: FleetConfig;
  /** Each new telemetry batch, once committed: for benchmarks and diagnostics. */
  readonly ingestEvents = new IngestEvents();
  readonly connections: FleetConnections;
  readonly maintenance: FleetMaintenance;
  readonly reads: FleetReadModels;
  readonly enrolment: Enrolment;
  /** Telemetry storage in Settings: size on disk, the disk budget (set there or by the command line). */
  readonly storage: TelemetryStorageSettings;
  private readonly actionListeners = new Set<ActionFinishedListener>();

  constructor(private readonly options: FleetServiceOptions) {
    const { logger, clock } = options;
    const config = (this.config = { ...DEFAULT_FLEET_CONFIG, ...options.config });
    this.maintenance = new FleetMaintenance({
      clock,
      logger,
      config,
      onBudgetDrop: () => options.events.emit('telemetryStorage.changed', {}),
    });
    this.connections = new FleetConnections({
      store: options.store,
      logger,
      clock,
      siteName: options.siteName,
      config,
      changes: new FleetChanges(options.events, config.notifyEveryMs),
      ingestEvents: this.ingestEvents,
      onRunning: (db, isCurrent) => this.maintenance.start(db, isCurrent),
      onStopped: () => this.maintenance.stop(),
    });
    this.storage = new TelemetryStorageSettings({
      store: options.store,
      events: options.events,
      config,
      retainNow: () => this.maintenance.retain(),
    });
    this.reads = new FleetReadModels({ connections: this.connections, clock });
    this.enrolment = new Enrolment({
      connections: this.connections,
      clock,
      logger,
      enrolTimeoutMs: config.enrolTimeoutMs,
      toFleetHost: (db, host) => this.reads.toFleetHost(db, host),
    });
  }

  /** How telemetry storage stands: the conversion of an older store, and samples not yet folded. */
  storageStatus(): {
    converting: boolean;
    seriesDone: number;
    seriesTotal: number;
    loggedSamples: number;
    /** Backpressure: whether agents' telemetry is left in their spools until the log is folded. */
    intake: IntakeStatus | null;
  } {
    const db = this.options.store();
    const { pending, seriesDone, seriesTotal } = conversionStatus(db);
    return {
      converting: pending,
      seriesDone,
      seriesTotal,
      loggedSamples: loggedSampleCount(db),
      intake: this.connections.intakeStatus(),
    };
  }

  /** Starts (or restarts, after the store was reopened) and resolves once connections are dialling. */
  start(): Promise<void> {
    return this.connections.start();
  }

  stop(): void {
    this.connections.stop();
  }

  /** Shows every connected witness the newest audit checkpoint (after the console signs one). */
  presentLatestCheckpoint(): void {
    this.connections.presentLatestCheckpoint();
  }

  /**
   * Runs one of the host's declared actions. The console refuses an action the agent's hello did not
   * declare before sending anything; the agent validates the parameters again. Audited with the
   * parameters and the result, whatever the outcome.
   */
  async runAction(request: ActionRequest, actor: ActionActor): Promise<ActionResult> {
    const { connections } = this;
    const { db } = await connections.ensureStarted();
    const { clock, logger } = this.options;
    const context = {
      db,
      now: () => clock.now(),
      logger,
      connectionOf: (id: number) => connections.connectionOf(id),
      actionsOf: (id: number) => connections.actionsOf(id),
    };
    const result = await runDeclaredAction(context, request, actor);
    for (const listener of this.actionListeners) {
      try {
        listener(db, request, result, actor);
      } catch (error) {
        logger.error('fleet: an action listener failed', { error: String(error) });
      }
    }
    return result;
  }

  onActionFinished(listener: ActionFinishedListener): () => void {
    this.actionListeners.add(listener);
    return () => this.actionListeners.delete(listener);
  }

  async createCluster(cluster: Omit<Cluster, 'id' | 'createdAt'>, actor: Actor): Promise<Cluster> {
    const { db } = await this.connections.ensureStarted();
    return createCluster(db, cluster, actor, this.options.clock.now());
  }
}
