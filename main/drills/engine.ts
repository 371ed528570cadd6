// Runs one drill: sets up its workspace (a console of its own with the scenario's simulated site,
// SLOs and accounts), then moves drill time on in steps. Each step applies the injects that are due,
// lets the simulated agents sample and waits until the workspace has committed what they sent, runs
// the workspace's periodic jobs (SLO evaluation, alert sources, escalation, health gates) and lets
// the responder act. Live drills step in real time times their speed; headless ones at maximum speed.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatedFleet } from '../../agent/simulator/fleet.ts';
import {
  injectTarget,
  type AlertInject,
  type DrillScenario,
  type Inject,
} from '../../shared/domain/drills/scenario.ts';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../shared/domain/time.ts';
import type { Role } from '../../shared/domain/roles.ts';
import type { Logger } from '../log.ts';
import { DrillClock, type DrillSpeed } from './drillClock.ts';
import { WorkspaceSession, type OpenWorkspace, type WorkspaceConsole } from './workspace.ts';

/** Drill time between two steps: the simulated agents sample once per step. */
export const STEP_MS = 15 * SECOND_MS;
/** How long (real time) a step waits for the workspace to commit the agents' samples. */
const COMMIT_WAIT_MS = 5 * SECOND_MS;
/** The hour of the simulated traffic day a drill starts at: early afternoon, near the daily peak. */
const DRILL_TRAFFIC_HOUR = 14;
export const FACILITATOR = 'facilitator';

export interface DrillTimelineEntry {
  atMs: number;
  /** Minutes since the drill began. */
  minute: number;
  /** `response`: an entry of the drill incident's own timeline (alerts, acknowledgement, runbook steps…). */
  kind:
    'started' | 'inject' | 'inject_ended' | 'hint' | 'paused' | 'resumed' | 'ended' | 'response';
  text: string;
}

export interface DrillEngineOptions {
  scenario: DrillScenario;
  /** The workspace's folder; created. */
  dir: string;
  openWorkspace: OpenWorkspace;
  speed: DrillSpeed;
  logger: Logger;
  timeZone?: string;
  /** Where drill time starts (default: now). */
  startMs?: number;
}

const secret = () => randomBytes(18).toString('base64url');

export class DrillEngine {
  readonly clock: DrillClock;
  readonly startMs: number;
  readonly timeline: DrillTimelineEntry[] = [];
  private workspace: WorkspaceConsole | null = null;
  private fleet: SimulatedFleet | null = null;
  private facilitatorSession: WorkspaceSession | null = null;
  private readonly passwords = new Map<string, string>();
  private readonly hostIds = new Map<string, number>();
  private readonly batches = new Map<number, number>();
  private batchWaiter: (() => void) | null = null;
  private readonly due: { inject: Inject; index: number }[];
  private readonly ending: { atMs: number; inject: AlertInject }[] = [];
  private intakeToken: string | null = null;
  private stepping: Promise<void> = Promise.resolve();
  private lastStepMs: number;
  private firstInjectMs: number | null = null;
  private isEnding = false;

  constructor(private readonly options: DrillEngineOptions) {
    this.startMs = options.startMs ?? Date.now();
    this.clock = new DrillClock(this.startMs, options.speed);
    this.lastStepMs = this.startMs;
    this.due = options.scenario.injects
      .map((inject, index) => ({ inject, index }))
      .sort((a, b) => a.inject.at - b.inject.at);
  }

  get scenario(): DrillScenario {
    return this.options.scenario;
  }

  get endMs(): number {
    return this.startMs + this.scenario.durationMinutes * MINUTE_MS;
  }

  /** When the first inject landed (every time target counts from it), or null before. */
  get firstInjectAtMs(): number | null {
    return this.firstInjectMs;
  }

  get facilitator(): WorkspaceSession {
    if (!this.facilitatorSession) throw new Error('the drill workspace is not prepared');
    return this.facilitatorSession;
  }

  /** The workspace is prepared and its drill has not begun to end: participants may work in it. */
  get isOpen(): boolean {
    return !this.isEnding && this.workspace !== null && this.facilitatorSession !== null;
  }

  /**
   * The drill is ending: from now on participants' calls go back to the site (the engine itself
   * still reads the workspace to score it, then closes it).
   */
  beginEnding(): void {
    this.isEnding = true;
  }

  get console(): WorkspaceConsole {
    if (!this.workspace) throw new Error('the drill workspace is not prepared');
    return this.workspace;
  }

  /** Injects not yet applied, in order. */
  pendingInjects(): { inject: Inject; index: number }[] {
    return [...this.due];
  }

  /** Opens the workspace and builds the scenario's site in it, through the contract. */
  async prepare(): Promise<void> {
    const { scenario, dir, logger } = this.options;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.workspace = await this.options.openWorkspace({
      dir,
      clock: this.clock,
      onBatchCommitted: (hostId) => {
        this.batches.set(hostId, (this.batches.get(hostId) ?? 0) + 1);
        this.batchWaiter?.();
      },
    });
    const admin = new WorkspaceSession(this.workspace, 'drill engine');
    this.facilitatorSession = admin;
    const password = secret();
    this.passwords.set(FACILITATOR, password);
    await admin.call('setup.create', {
      siteName: `DRILL: ${scenario.title}`.slice(0, 120),
      timeZone: this.options.timeZone ?? 'Asia/Dubai',
      passphrase: secret(),
      adminUsername: FACILITATOR,
      adminDisplayName: 'Drill facilitator',
      adminPassword: password,
    });
    await admin.call('auth.signIn', { username: FACILITATOR, password });
    await admin.call('settings.update', { lockAfterMinutes: 480 });
    const cluster = await admin.call('fleet.createCluster', {
      name: 'Drill site (SIMULATED)',
      site: 'Drill',
      kind: scenario.site.gpusPerHost > 0 ? 'gpu_cluster' : 'cpu_pool',
      labels: { simulated: 'true', drill: scenario.name },
    });
    // Loaded on demand, as the demo site does: the simulator is only needed while a drill runs.
    const { startSimulatedFleet } = await import('../../agent/simulator/fleet.ts');
    this.fleet = await startSimulatedFleet({
      hosts: scenario.site.hosts,
      gpusPerHost: scenario.site.gpusPerHost,
      models: scenario.site.models,
      dir: join(dir, 'fleet'),
      seed: `drill:${scenario.name}`,
      predictionLogs: true,
      now: () => this.clock.nowMs(),
      autoTick: false,
      // Every drill starts at the same busy hour of the traffic day, whatever the wall-clock hour.
      trafficDayStartMs: this.startMs - DRILL_TRAFFIC_HOUR * HOUR_MS,
      logger,
    });
    for (const agent of this.fleet.agents) {
      const host = await admin.call('fleet.enrol', {
        address: agent.address,
        pairingCode: agent.pairingCode!,
        name: agent.name,
        clusterId: cluster.id,
      });
      this.hostIds.set(agent.name, host.id);
    }
    for (const spec of scenario.site.slos) await admin.call('slo.save', { spec });
    if (scenario.injects.some((i) => i.kind === 'alert'))
      this.intakeToken = (await admin.call('intake.createToken', { name: 'drill injects' })).token;
    // The first samples name what each host serves; what serves when the drill begins is the site's
    // known-good state, as a real site's would be (a rollback needs somewhere to go back to).
    await this.step();
    await this.markServingVersionsGood();
    this.note(this.startMs, 'started', `Drill "${scenario.title}" started`);
  }

  private async markServingVersionsGood(): Promise<void> {
    const { items } = await this.facilitator.call('models.list', {});
    for (const model of items)
      for (const version of model.currentVersions)
        await this.facilitator.call('models.markGood', {
          model: model.model,
          version,
          reason: 'serving when the drill began',
        });
  }

  /** Adds an account to the workspace (participants, the scripted responder) and signs it in. */
  async signIn(
    username: string,
    role: Role,
    displayName: string,
    session: WorkspaceSession = new WorkspaceSession(this.console, `drill ${username}`),
  ): Promise<WorkspaceSession> {
    let password = this.passwords.get(username);
    if (password === undefined) {
      password = secret();
      await this.facilitator.call('operators.create', { username, displayName, role, password });
      this.passwords.set(username, password);
    }
    await session.call('auth.signIn', { username, password });
    return session;
  }

  /** Applies one inject now (the facilitator's "inject now"), whatever its planned time. */
  async injectNow(index: number): Promise<void> {
    const at = this.due.findIndex((d) => d.index === index);
    if (at < 0) throw new RangeError(`inject ${index + 1} has already been applied`);
    const [{ inject }] = this.due.splice(at, 1) as [{ inject: Inject; index: number }];
    await this.apply(inject, this.clock.nowMs());
  }

  /** Moves drill time on by one step (at maximum speed) or to now (live), and runs everything due. */
  step(): Promise<void> {
    const run = this.stepping.then(() => this.stepOnce());
    this.stepping = run.catch(() => undefined);
    return run;
  }

  private async stepOnce(): Promise<void> {
    if (this.options.speed === 'max') this.clock.moveTo(this.lastStepMs + STEP_MS);
    const nowMs = this.clock.nowMs();
    this.lastStepMs = nowMs;
    while (this.due.length > 0 && this.startMs + this.due[0]!.inject.at * MINUTE_MS <= nowMs)
      await this.apply(this.due.shift()!.inject, nowMs);
    this.resolveEndedAlerts(nowMs);
    const fleet = this.fleet!;
    const expected = fleet.agents
      .filter((a) => fleet.runningAgent(a.name) !== null)
      .filter((a) => !fleet.simulation.faults.isPartitioned(a.name, nowMs))
      .map((a) => this.hostIds.get(a.name)!);
    const before = new Map(expected.map((id) => [id, this.batches.get(id) ?? 0]));
    await fleet.tick();
    await this.committed(before);
    await this.console.tick();
  }

  /** Resolves once every host expected to send has had a batch committed, or after a bounded wait. */
  private async committed(before: Map<number, number>): Promise<void> {
    const isDone = () => [...before].every(([id, n]) => (this.batches.get(id) ?? 0) > n);
    if (isDone()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, COMMIT_WAIT_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.batchWaiter = () => {
        if (!isDone()) return;
        this.batchWaiter = null;
        done();
      };
    });
    this.batchWaiter = null;
  }

  private async apply(inject: Inject, nowMs: number): Promise<void> {
    this.firstInjectMs ??= nowMs;
    if (inject.kind === 'alert') {
      this.deliver(inject, 'firing', nowMs);
      this.ending.push({ atMs: nowMs + inject.durationMinutes * MINUTE_MS, inject });
    } else {
      await this.fleet!.inject({
        kind: inject.kind,
        target: inject.target,
        durationSeconds: inject.durationMinutes * 60,
        params: inject.params ?? {},
      });
    }
    this.note(
      nowMs,
      'inject',
      `${inject.kind} on ${injectTarget(inject)} for ${inject.durationMinutes} min`,
    );
  }

  private resolveEndedAlerts(nowMs: number): void {
    for (let i = this.ending.length - 1; i >= 0; i--) {
      const { atMs, inject } = this.ending[i]!;
      if (atMs > nowMs) continue;
      this.ending.splice(i, 1);
      this.deliver(inject, 'resolved', nowMs);
      this.note(nowMs, 'inject_ended', `${inject.alertname} resolved`);
    }
  }

  /** Sends an alert inject as the site's Alertmanager would (webhook v4, with the drill's intake token). */
  private deliver(inject: AlertInject, status: 'firing' | 'resolved', nowMs: number): void {
    const labels = { ...inject.labels, alertname: inject.alertname, severity: inject.severity };
    const startsAt = new Date(this.firstInjectMs ?? nowMs).toISOString();
    const payload = {
      version: '4',
      groupKey: `drill:${inject.alertname}`,
      status,
      receiver: 'mirqab-drill',
      groupLabels: { alertname: inject.alertname },
      commonLabels: labels,
      commonAnnotations: { summary: inject.summary },
      externalURL: '',
      alerts: [
        {
          status,
          labels,
          annotations: { summary: inject.summary },
          startsAt,
          endsAt: status === 'resolved' ? new Date(nowMs).toISOString() : '0001-01-01T00:00:00Z',
        },
      ],
    };
    const intake = this.console.alertmanagerIntake;
    const caller = intake.admit(`Bearer ${this.intakeToken}`);
    if ('status' in caller)
      throw new Error(`the drill's intake refused the alert (${caller.status})`);
    const reply = intake.deliver(caller, Buffer.from(JSON.stringify(payload)));
    if (reply.status >= 300)
      throw new Error(`the drill's intake refused the alert: ${JSON.stringify(reply.body)}`);
  }

  note(atMs: number, kind: DrillTimelineEntry['kind'], text: string): void {
    const minute = Math.round(((atMs - this.startMs) / MINUTE_MS) * 10) / 10;
    this.timeline.push({ atMs, minute, kind, text });
  }

  /** Stops the simulated agents and closes the workspace (its folder stays, for the record). */
  async close(): Promise<void> {
    this.isEnding = true;
    await this.stepping;
    await this.fleet?.stop();
    this.fleet = null;
    this.workspace?.close();
    this.workspace = null;
  }
}
