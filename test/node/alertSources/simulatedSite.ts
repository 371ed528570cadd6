// A real fleet for the alert sources: an encrypted store, the console's fleet service dialling real
// simulated agents over wss + mutual TLS, and the sources evaluating it. One clock drives the console
// and the simulation; each step advances it, lets the agents report, and waits for their readings.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { startSimulatedFleet, type SimulatedFleet } from '../../../agent/simulator/fleet.ts';
import { EventBus } from '../../../main/core/events.ts';
import { IncidentChanges } from '../../../main/incidents/changes.ts';
import { AlertPipeline } from '../../../main/incidents/pipeline.ts';
import { insertCluster } from '../../../main/fleet/clusters.ts';
import { FleetService } from '../../../main/fleet/service.ts';
import {
  AlertSources,
  type AlertReceiver,
  type AlertSourcesConfig,
} from '../../../main/incidents/sources/index.ts';
import { silentLogger } from '../../../main/log.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import { SECOND_MS } from '../../../shared/domain/time.ts';
import { TestClock } from '../../helpers/console.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { FAST_FLEET } from '../fleet/fleetSite.ts';
import { openRaw } from '../store/rawDb.ts';

/** The real incident pipeline, for `pipeline`: the sources' alerts open and resolve incidents. */
export const incidentPipeline: NonNullable<SimulatedSiteOptions['pipeline']> = (
  db,
  clock,
  events,
) =>
  new AlertPipeline({
    store: () => db,
    clock,
    changes: new IncidentChanges(events, () => db),
    sloSummaries: () => [],
  });

export const ADMIN = { operatorId: 1, username: 'admin', role: 'admin' as const, sessionId: 's' };
export const CLUSTER = 'DGX pod A';
const STEP_MS = 15 * SECOND_MS;

export interface SimulatedSite {
  db: WritableDb;
  clock: TestClock;
  fleet: FleetService;
  sim: SimulatedFleet;
  sources: AlertSources;
  /** Everything the sources handed the pipeline, in order. */
  received: IncomingAlert[];
  hostIds: Map<string, number>;
  /** Moves the clock one sample on, lets every up agent report, and (unless told not to) evaluates. */
  step(evaluate?: boolean): Promise<IncomingAlert[]>;
  /** A new set of sources on the same store, as after a console restart. */
  restartSources(): AlertSources;
  /** Steps until the predicate holds on what the sources sent; fails after `maxSteps`. */
  stepUntil(
    predicate: (sent: IncomingAlert) => boolean,
    what: string,
    maxSteps?: number,
  ): Promise<IncomingAlert>;
  /** Resolves once the predicate holds, re-checking on each fleet.changed. */
  waitForFleet(predicate: () => boolean, what: string): Promise<void>;
}

export interface SimulatedSiteOptions {
  hosts?: number;
  config?: Partial<AlertSourcesConfig>;
  /** Where the sources' alerts go besides `received` (the incident pipeline); none by default. */
  pipeline?: (db: WritableDb, clock: TestClock, events: EventBus) => AlertReceiver;
}

export async function startSimulatedSite(
  options: SimulatedSiteOptions = {},
): Promise<SimulatedSite> {
  const dir = tempDir('mirqab-alert-sources-');
  const db = openRaw(join(dir, 'mirqab.db'), randomBytes(32).toString('hex')) as WritableDb;
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const clock = new TestClock();
  const cluster = insertCluster(
    db,
    { name: CLUSTER, site: 'Abu Dhabi DC1', kind: 'gpu_cluster', labels: {} },
    clock.now(),
  );
  const events = new EventBus();
  const fleet = new FleetService({
    store: () => db,
    events,
    logger: silentLogger,
    clock,
    siteName: () => 'Abu Dhabi DC1',
    config: FAST_FLEET,
  });
  await fleet.start();
  const sim = await startSimulatedFleet({
    hosts: options.hosts ?? 1,
    gpusPerHost: 2,
    models: ['llama-3-8b'],
    seed: 11,
    dir: join(dir, 'sim'),
    now: () => clock.now().getTime(),
    autoTick: false,
  });
  onTestFinished(async () => {
    await sim.stop();
    fleet.stop();
    db.close();
  });

  const waitForFleet = (predicate: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (predicate()) return resolve();
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for ${what}`));
      }, 20_000);
      const off = events.on((event) => {
        if (event !== 'fleet.changed' || !predicate()) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });

  const hostIds = new Map<string, number>();
  for (const agent of sim.agents) {
    const host = await fleet.enrolment.enrol(
      {
        address: agent.address,
        pairingCode: agent.pairingCode!,
        name: agent.name,
        clusterId: cluster.id,
      },
      ADMIN,
    );
    hostIds.set(agent.name, host.id);
    await waitForFleet(
      () => fleet.connections.connectionState(host.id) === 'online',
      `${agent.name} to come online`,
    );
  }

  const received: IncomingAlert[] = [];
  const downstream = options.pipeline?.(db, clock, events);
  const newSources = () =>
    new AlertSources({
      store: () => db,
      clock,
      logger: silentLogger,
      fleet,
      pipeline: {
        receive: (alerts) => {
          received.push(...alerts);
          return downstream?.receive(alerts);
        },
      },
      config: options.config,
    });
  let sources = newSources();

  /** Every up host has reported the reading taken at `tsMs`. */
  const reported = (tsMs: number) =>
    [...hostIds].every(
      ([name, id]) =>
        sim.runningAgent(name) === null ||
        fleet.connections.live.values(id).some((v) => v.tsMs >= tsMs),
    );

  const step = async (evaluate = true) => {
    clock.advance(STEP_MS);
    const nowMs = clock.now().getTime();
    await sim.tick();
    await waitForFleet(() => reported(nowMs), 'every up host to report');
    return evaluate ? sources.tick(nowMs) : [];
  };

  return {
    db,
    clock,
    fleet,
    sim,
    get sources() {
      return sources;
    },
    restartSources() {
      sources = newSources();
      return sources;
    },
    received,
    hostIds,
    step,
    async stepUntil(predicate, what, maxSteps = 80) {
      for (let i = 0; i < maxSteps; i++) {
        const found = (await step()).find(predicate);
        if (found) return found;
      }
      throw new Error(`no ${what} after ${maxSteps} steps: ${JSON.stringify(received)}`);
    },
    waitForFleet,
  };
}
