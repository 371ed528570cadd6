// Drills in the site's console: one live drill at a time, in a workspace of its own under the data
// folder (drills/<run id>), stepping in real time × its speed. The facilitator pauses, injects,
// releases hints and ends it; anyone may join it (their screens then show the workspace's data, see
// DrillSessions). Ending scores the drill from its workspace and records the result in the site's
// store; the drill's alerts, incidents and postmortems stay in the workspace until purged.
import { join } from 'node:path';
import type { DrillScenario } from '../../shared/domain/drills/scenario.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { DrillRunDetail, DrillStatus, LiveDrill } from '../../shared/ipc/drillSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import type { Actor } from '../identity/index.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import { DrillEngine, STEP_MS } from './engine.ts';
import { pickIncident } from './facts.ts';
import { resultOf } from './headless.ts';
import { DrillRecords } from './records.ts';
import * as runs from './runRepository.ts';
import { DrillSessions } from './sessions.ts';
import type { OpenWorkspace, WorkspaceConsole } from './workspace.ts';

/** Where scenarios come from (the built-ins and the site's imports). */
export interface ScenarioSource {
  get(name: string, version?: number): { scenario: DrillScenario };
}

export interface DrillServiceOptions {
  store: () => WritableDb;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  dataDir: string;
  timeZone: () => string;
  openWorkspace: OpenWorkspace;
  scenarios: ScenarioSource;
}

interface Live {
  runId: number;
  team: string;
  speed: number;
  facilitator: string;
  engine: DrillEngine;
  state: LiveDrill['state'];
  participants: string[];
  released: Set<number>;
  realStartMs: number;
  wake: (() => void) | null;
  isEnding: boolean;
}

const wait = (ms: number, live: Live) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      live.wake = null;
      resolve();
    }
    live.wake = done;
  });

export class DrillService {
  readonly sessions = new DrillSessions();
  /** Finished drills, debriefs, purges and the calendar. */
  readonly records: DrillRecords;
  private live: Live | null = null;
  private readonly openedListeners = new Set<(workspace: WorkspaceConsole) => void>();

  constructor(private readonly options: DrillServiceOptions) {
    this.records = new DrillRecords(options);
  }

  /** Told when a drill's workspace has opened (the router starts passing its events on). */
  onWorkspaceOpened(listener: (workspace: WorkspaceConsole) => void): void {
    this.openedListeners.add(listener);
  }

  private get db(): WritableDb {
    return this.options.store();
  }

  private changed(runId: number | null): void {
    this.options.events.emit('drill.changed', { runId });
  }

  /** At console start: drills the last run left running cannot go on (their clock and agents are gone). */
  recoverInterrupted(): void {
    const failed = runs.failInterruptedRuns(this.db, this.options.clock.now().getTime());
    if (failed > 0) this.options.logger.warn('drills: runs interrupted by a restart', { failed });
  }

  async start(
    input: { scenario: string; version?: number; speed: number; team: string },
    actor: Actor,
  ): Promise<DrillStatus> {
    if (this.live)
      throw new DomainError('CONFLICT', `Drill ${this.live.runId} is running; end it first.`);
    const { scenario } = this.options.scenarios.get(input.scenario, input.version);
    const nowMs = this.options.clock.now().getTime();
    const db = this.db;
    const runId = db.transaction(() => {
      const id = runs.insertDrillRun(db, {
        scenario: scenario.name,
        version: scenario.version,
        title: scenario.title,
        category: scenario.category,
        team: input.team,
        mode: 'live',
        speed: String(input.speed),
        facilitator: actor.username,
        startedAtMs: nowMs,
      });
      auditBy(
        db,
        actor,
        {
          action: 'drill.start',
          target: `drill:${id}`,
          outcome: 'success',
          details: {
            scenario: scenario.name,
            version: scenario.version,
            speed: input.speed,
            team: input.team,
          },
        },
        new Date(nowMs),
      );
      runs.setWorkspaceDir(db, id, join(this.options.dataDir, 'drills', String(id)));
      return id;
    })();
    const dir = join(this.options.dataDir, 'drills', String(runId));
    const engine = new DrillEngine({
      scenario,
      dir,
      openWorkspace: this.options.openWorkspace,
      speed: input.speed,
      logger: this.options.logger,
      timeZone: this.options.timeZone(),
      startMs: nowMs,
    });
    const live: Live = {
      runId,
      team: input.team,
      speed: input.speed,
      facilitator: actor.username,
      engine,
      state: 'preparing',
      participants: [],
      released: new Set(),
      realStartMs: Date.now(),
      wake: null,
      isEnding: false,
    };
    this.live = live;
    this.changed(runId);
    void this.drive(live);
    return this.status(null);
  }

  private async drive(live: Live): Promise<void> {
    try {
      await live.engine.prepare();
      for (const listener of this.openedListeners) listener(live.engine.console);
      live.state = 'running';
      this.changed(live.runId);
      while (this.live === live && !live.isEnding) {
        if (live.engine.clock.paused) {
          await wait(60_000, live);
          continue;
        }
        await live.engine.step();
        this.changed(live.runId);
        if (live.engine.clock.nowMs() >= live.engine.endMs) {
          await this.finish(live, { username: 'system:drills', role: 'system' });
          return;
        }
        await wait(STEP_MS / live.speed, live);
      }
    } catch (error) {
      if (this.live !== live || live.isEnding) return;
      this.options.logger.error('drills: the drill failed', { error: String(error) });
      this.live = null;
      runs.finishDrillRun(this.db, live.runId, this.options.clock.now().getTime(), {
        error: error instanceof Error ? error.message : String(error),
      });
      await live.engine.close().catch(() => undefined);
      this.changed(live.runId);
    }
  }

  private requireLive(): Live {
    if (!this.live) throw new DomainError('CONFLICT', 'No drill is running.');
    return this.live;
  }

  private requireRunning(): Live {
    const live = this.requireLive();
    if (live.state === 'preparing')
      throw new DomainError('CONFLICT', 'The drill is still setting up its simulated site.');
    return live;
  }

  private note(live: Live, kind: 'paused' | 'resumed' | 'hint', text: string, actor: Actor): void {
    live.engine.note(live.engine.clock.nowMs(), kind, text);
    auditBy(
      this.db,
      actor,
      {
        action: `drill.${kind === 'hint' ? 'hint' : kind === 'paused' ? 'pause' : 'resume'}`,
        target: `drill:${live.runId}`,
        outcome: 'success',
        details: { text },
      },
      this.options.clock.now(),
    );
    this.changed(live.runId);
  }

  pause(actor: Actor): void {
    const live = this.requireRunning();
    if (live.state === 'paused') return;
    live.engine.clock.pause();
    live.state = 'paused';
    this.note(live, 'paused', `Paused by ${actor.username}`, actor);
  }

  resume(actor: Actor): void {
    const live = this.requireRunning();
    if (live.state !== 'paused') return;
    live.engine.clock.resume();
    live.state = 'running';
    live.wake?.();
    this.note(live, 'resumed', `Resumed by ${actor.username}`, actor);
  }

  async inject(index: number, actor: Actor): Promise<void> {
    const live = this.requireRunning();
    if (index >= live.engine.scenario.injects.length)
      throw new DomainError('NOT_FOUND', `The scenario has no inject ${index + 1}.`);
    try {
      await live.engine.injectNow(index);
    } catch (error) {
      if (error instanceof RangeError)
        throw new DomainError('CONFLICT', `Inject ${index + 1} has already been applied.`);
      throw error;
    }
    auditBy(
      this.db,
      actor,
      {
        action: 'drill.inject',
        target: `drill:${live.runId}`,
        outcome: 'success',
        details: { index },
      },
      this.options.clock.now(),
    );
    this.changed(live.runId);
  }

  hint(index: number, actor: Actor): void {
    const live = this.requireRunning();
    const hint = live.engine.scenario.hints[index];
    if (!hint) throw new DomainError('NOT_FOUND', `The scenario has no hint ${index + 1}.`);
    if (live.released.has(index))
      throw new DomainError('CONFLICT', `Hint ${index + 1} is already out.`);
    live.released.add(index);
    this.note(live, 'hint', `Hint: ${hint.text}`, actor);
  }

  /** Ends the live drill: scores it from its workspace and records the result; audited. */
  async end(actor: Actor): Promise<DrillRunDetail> {
    const live = this.requireRunning();
    if (live.isEnding) throw new DomainError('CONFLICT', 'The drill is already ending.');
    return this.finish(live, actor);
  }

  private async finish(
    live: Live,
    actor: { username: string; role: string },
  ): Promise<DrillRunDetail> {
    live.isEnding = true;
    live.wake?.();
    const { engine } = live;
    engine.beginEnding();
    engine.note(engine.clock.nowMs(), 'ended', `Ended by ${actor.username}`);
    try {
      const result = await resultOf(engine, 'people', live.realStartMs);
      const db = this.db;
      const now = this.options.clock.now();
      db.transaction(() => {
        runs.finishDrillRun(db, live.runId, now.getTime(), { result });
        runs.advanceSchedules(db, engine.scenario.name, live.team, now.getTime());
        auditBy(
          db,
          actor,
          {
            action: 'drill.end',
            target: `drill:${live.runId}`,
            outcome: 'success',
            details: { score: result.score },
          },
          now,
        );
      })();
    } catch (error) {
      // Scoring failed (the workspace broke): the run is recorded as failed, never left running.
      runs.finishDrillRun(this.db, live.runId, this.options.clock.now().getTime(), {
        error: `scoring failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      throw error;
    } finally {
      this.live = null;
      await engine.close();
      this.changed(live.runId);
    }
    return this.records.run(live.runId);
  }

  /** Signs the operator into the live drill's workspace; the shell then routes this client there. */
  async join(actor: Actor, displayName: string, realToken: string): Promise<string> {
    const live = this.requireRunning();
    const session = await live.engine.signIn(actor.username, actor.role, displayName);
    if (!live.participants.includes(actor.username)) {
      live.participants.push(actor.username);
      runs.setParticipants(this.db, live.runId, live.participants);
      auditBy(
        this.db,
        actor,
        { action: 'drill.join', target: `drill:${live.runId}`, outcome: 'success' },
        this.options.clock.now(),
      );
    }
    this.sessions.remember(session.sessionToken!, realToken, live.engine);
    this.changed(live.runId);
    return session.sessionToken!;
  }

  async status(drillToken: string | null): Promise<DrillStatus> {
    const live = this.live;
    const isJoined = drillToken !== null && this.sessions.workspaceOf(drillToken) !== null;
    if (!live) return { live: null, isJoined: false };
    const { engine } = live;
    const nowMs = engine.clock.nowMs();
    const pending = new Set(engine.pendingInjects().map((p) => p.index));
    let incident: LiveDrill['incident'] = null;
    if (live.state !== 'preparing' && engine.firstInjectAtMs !== null) {
      const { items } = await engine.facilitator.call('incidents.list', {});
      const found = pickIncident(engine.scenario, items, engine.firstInjectAtMs);
      incident = found
        ? { id: found.id, title: found.title, state: found.state, priority: found.priority }
        : null;
    }
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      isJoined,
      live: {
        runId: live.runId,
        scenario: engine.scenario.name,
        version: engine.scenario.version,
        title: engine.scenario.title,
        team: live.team,
        state: live.state,
        speed: live.speed,
        facilitator: live.facilitator,
        participants: [...live.participants],
        drillNow: iso(nowMs),
        drillStartedAt: iso(engine.startMs),
        drillEndsAt: iso(engine.endMs),
        minute: Math.round(((nowMs - engine.startMs) / MINUTE_MS) * 10) / 10,
        durationMinutes: engine.scenario.durationMinutes,
        injects: engine.scenario.injects.map((inject, index) => ({
          index,
          at: inject.at,
          kind: inject.kind,
          target: inject.kind === 'alert' ? inject.alertname : inject.target.host,
          isApplied: !pending.has(index),
        })),
        hints: engine.scenario.hints.map((hint, index) => ({
          index,
          at: hint.at,
          text: hint.text,
          isReleased: live.released.has(index),
        })),
        timeline: engine.timeline.map((e) => ({ ...e, at: iso(e.atMs) })),
        incident,
      },
    };
  }

  /** The console is closing: a live drill cannot outlive it. */
  async stop(): Promise<void> {
    const live = this.live;
    if (!live) return;
    this.live = null;
    live.wake?.();
    await live.engine.close().catch(() => undefined);
  }
}
