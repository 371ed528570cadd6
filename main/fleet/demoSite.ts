// The demo site: a simulated fleet of real agents (real wss + mutual TLS on 127.0.0.1) started inside
// the console process and enrolled through the ordinary enrolment path, so `npm start` shows a live
// fleet at once. Every host it adds says `simulated: true` and is marked SIMULATED everywhere.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import type { SimulatedFleet } from '../../agent/simulator/fleet.ts';
import type { FaultInput } from '../../agent/simulator/faults.ts';
import { appendAudit } from '../audit/index.ts';
import { forgetSeriesCache } from '../telemetry/series.ts';
import { DomainError } from '../core/errors.ts';
import { deleteSimulatedSite, findSimulatedSite } from './demoRemoval.ts';
import type { Actor } from './enrolment.ts';
import type { FleetService } from './service.ts';
import { DEMO_CLUSTER, DEMO_SITE } from '../../shared/domain/fleet/demoSite.ts';

const STATE_FILE = 'demo-site.json';

export interface DemoRequest {
  hosts: number;
  gpusPerHost: number;
}

/** Remembers that a demo was started, so a restarted console brings its agents back. */
interface DemoState {
  hosts: number;
  gpusPerHost: number;
}

export class DemoSite {
  private fleet: SimulatedFleet | null = null;
  private starting: Promise<SimulatedFleet> | null = null;

  constructor(
    /** `now` is the console's clock, so the simulated agents keep time with it (e2e specs move it on). */
    private readonly options: {
      dataDir: string;
      fleet: FleetService;
      logger: Logger;
      now?: () => number;
    },
  ) {}

  private get dir(): string {
    return join(this.options.dataDir, 'demo-fleet');
  }

  isRunning(): boolean {
    return this.fleet !== null;
  }

  /** Starts the simulated agents and enrols each one (admins only, audited by enrolment). */
  async start(request: DemoRequest, actor: Actor): Promise<{ hosts: number; clusterId: number }> {
    if (this.fleet || this.starting)
      throw new DomainError('CONFLICT', 'The demo site is already running.');
    const sim = await this.launch(request);
    writeFileSync(
      join(this.options.dataDir, STATE_FILE),
      JSON.stringify(request satisfies DemoState),
    );
    const clusters = await this.options.fleet.reads.listClusters();
    const cluster =
      clusters.find((c) => c.name === DEMO_CLUSTER) ??
      (await this.options.fleet.createCluster(
        { name: DEMO_CLUSTER, site: DEMO_SITE, kind: 'gpu_cluster', labels: { simulated: 'true' } },
        actor,
      ));
    for (const agent of sim.agents) {
      if (!agent.pairingCode) continue; // paired in an earlier run: the console already knows it
      await this.options.fleet.enrolment.enrol(
        {
          address: agent.address,
          pairingCode: agent.pairingCode,
          name: agent.name,
          clusterId: cluster.id,
        },
        actor,
      );
    }
    return { hosts: sim.agents.length, clusterId: cluster.id };
  }

  /** On console start: bring back a demo that was running, so its enrolled hosts reconnect. */
  async resume(): Promise<void> {
    const file = join(this.options.dataDir, STATE_FILE);
    if (!existsSync(file) || this.fleet || this.starting) return;
    const state = JSON.parse(readFileSync(file, 'utf8')) as DemoState;
    await this.launch(state);
    this.options.logger.info('demo site resumed', { hosts: state.hosts });
  }

  /** Injects a fault into one simulated host (audited: a drill-like change an auditor should see). */
  async inject(fault: FaultInput, actor: Actor, now: Date): Promise<void> {
    if (!this.fleet) throw new DomainError('CONFLICT', 'The demo site is not running.');
    await this.fleet.inject(fault);
    const { db } = await this.options.fleet.connections.ensureStarted();
    appendAudit(
      db,
      {
        actor: actor.username,
        role: actor.role,
        action: 'fleet.demoFault',
        target: `simulated-host:${fault.target.host}`,
        outcome: 'success',
        details: { ...fault },
      },
      now,
    );
  }

  /**
   * Stops the simulated agents for good and deletes the simulated hosts, their clusters and all their
   * telemetry, audited in the same transaction (admins only). The audit log keeps every earlier record.
   */
  async remove(actor: Actor, now: () => Date): Promise<{ hosts: number; clusters: number }> {
    if (this.starting) throw new DomainError('CONFLICT', 'The demo site is still starting.');
    const { connections } = this.options.fleet;
    const { db } = await connections.ensureStarted();
    const site = findSimulatedSite(db);
    if (site.hosts.length === 0 && site.clusters.length === 0 && !this.fleet)
      throw new DomainError('NOT_FOUND', 'There is no demo site to remove.');
    await this.stop();
    rmSync(join(this.options.dataDir, STATE_FILE), { force: true });
    rmSync(this.dir, { recursive: true, force: true });
    await connections.removeHosts(
      site.hosts.map((h) => h.id),
      `demo site removed by ${actor.username}`,
    );
    const { series } = db.transaction(() => {
      const deleted = deleteSimulatedSite(db, site);
      appendAudit(
        db,
        {
          actor: actor.username,
          role: actor.role,
          action: 'fleet.removeDemo',
          target: 'demo-site',
          outcome: 'success',
          details: {
            hosts: site.hosts.map((h) => h.name),
            clusters: site.clusters.map((c) => c.name),
            series: deleted.series,
          },
        },
        now(),
      );
      return deleted;
    })();
    forgetSeriesCache(db);
    this.options.logger.info('demo site removed', { hosts: site.hosts.length, series });
    return { hosts: site.hosts.length, clusters: site.clusters.length };
  }

  async stop(): Promise<void> {
    const running = this.fleet ?? (await this.starting?.catch(() => null)) ?? null;
    this.fleet = null;
    await running?.stop();
  }

  private async launch(request: DemoRequest): Promise<SimulatedFleet> {
    // Loaded on demand: a console that never runs a demo never loads the simulator.
    this.starting = import('../../agent/simulator/fleet.ts').then(({ startSimulatedFleet }) =>
      startSimulatedFleet({
        ...request,
        dir: this.dir,
        seed: 'mirqab-demo',
        sampleIntervalMs: 2000,
        predictionLogs: true,
        logger: this.options.logger,
        now: this.options.now,
      }),
    );
    try {
      this.fleet = await this.starting;
      return this.fleet;
    } finally {
      this.starting = null;
    }
  }
}
