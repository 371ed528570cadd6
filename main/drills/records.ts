// The drill record in the site's store: finished drills with their scores, debriefs and action
// items, purging a drill's workspace, and the drill calendar. The live drill is DrillService's.
import { rmSync } from 'node:fs';
import type { DrillRunDetail, DrillSchedule } from '../../shared/ipc/drillSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import type { Actor } from '../identity/index.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import type { DrillResult } from './headless.ts';
import * as runs from './runRepository.ts';
import type { ScenarioSource } from './service.ts';

export interface DrillRecordsOptions {
  store: () => WritableDb;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  scenarios: ScenarioSource;
}

export class DrillRecords {
  constructor(private readonly options: DrillRecordsOptions) {}

  private get db(): WritableDb {
    return this.options.store();
  }

  private changed(runId: number | null): void {
    this.options.events.emit('drill.changed', { runId });
  }

  runs() {
    return runs.listDrillRuns(this.db);
  }

  run(id: number): DrillRunDetail {
    const found = runs.findDrillRun(this.db, id);
    if (!found) throw new DomainError('NOT_FOUND', `There is no drill ${id}.`);
    return found;
  }

  /** The scenario's debrief questions, for the report. */
  debriefQuestions(id: number): string[] {
    const run = this.run(id);
    try {
      return this.options.scenarios.get(run.scenario, run.version).scenario.debrief;
    } catch {
      return run.debrief.map((d) => d.question);
    }
  }

  saveDebrief(
    id: number,
    debrief: DrillRunDetail['debrief'],
    actionItems: DrillRunDetail['actionItems'],
    actor: Actor,
  ): DrillRunDetail {
    const run = this.run(id);
    if (run.state === 'running')
      throw new DomainError('CONFLICT', 'Debrief a drill once it has ended.');
    const db = this.db;
    db.transaction(() => {
      runs.saveDebrief(db, id, debrief, actionItems);
      auditBy(
        db,
        actor,
        {
          action: 'drill.debrief',
          target: `drill:${id}`,
          outcome: 'success',
          details: { answers: debrief.length, actionItems: actionItems.length },
        },
        this.options.clock.now(),
      );
    })();
    this.changed(id);
    return this.run(id);
  }

  /** Deletes a finished drill's workspace (its store and simulated agents); its score stays. Audited. */
  purge(id: number, actor: Actor): void {
    const run = this.run(id);
    if (run.state === 'running')
      throw new DomainError('CONFLICT', 'End the drill before purging it.');
    if (run.isPurged) return;
    const dir = runs.workspaceDirOf(this.db, id);
    if (dir) rmSync(dir, { recursive: true, force: true });
    const db = this.db;
    db.transaction(() => {
      runs.markPurged(db, id, this.options.clock.now().getTime());
      auditBy(
        db,
        actor,
        { action: 'drill.purge', target: `drill:${id}`, outcome: 'success' },
        this.options.clock.now(),
      );
    })();
    this.changed(id);
  }

  /** Tells every open Drills page when a scheduled drill falls due (once per due date). */
  remindDue(): void {
    const db = this.db;
    const due = db.transaction(() => runs.takeNewlyDue(db, this.options.clock.now().getTime()))();
    if (due.length === 0) return;
    this.options.logger.info('drills: scheduled drills are due', { schedules: due });
    this.changed(null);
  }

  schedules(): DrillSchedule[] {
    return runs.listSchedules(this.db, this.options.clock.now().getTime());
  }

  saveSchedule(
    input: { id?: number; scenario: string; team: string; everyDays: number; nextAt: string },
    actor: Actor,
  ): DrillSchedule {
    this.options.scenarios.get(input.scenario);
    if (input.id !== undefined && !runs.scheduleExists(this.db, input.id))
      throw new DomainError('NOT_FOUND', `There is no drill schedule ${input.id}.`);
    const db = this.db;
    const now = this.options.clock.now();
    const id = db.transaction(() => {
      const saved = runs.saveSchedule(
        db,
        { ...input, nextAtMs: Date.parse(input.nextAt) },
        actor.username,
        now.getTime(),
      );
      auditBy(
        db,
        actor,
        {
          action: 'drill.schedule',
          target: `drill-schedule:${saved}`,
          outcome: 'success',
          details: { scenario: input.scenario, team: input.team, everyDays: input.everyDays },
        },
        now,
      );
      return saved;
    })();
    this.changed(null);
    return this.schedules().find((s) => s.id === id)!;
  }

  deleteSchedule(id: number, actor: Actor): void {
    if (!runs.scheduleExists(this.db, id))
      throw new DomainError('NOT_FOUND', `There is no drill schedule ${id}.`);
    const db = this.db;
    db.transaction(() => {
      runs.deleteSchedule(db, id);
      auditBy(
        db,
        actor,
        { action: 'drill.unschedule', target: `drill-schedule:${id}`, outcome: 'success' },
        this.options.clock.now(),
      );
    })();
    this.changed(null);
  }
}

/**
 * Records a headless drill (run by `mirqab drill run --record`) in the site's history, marked
 * headless so it is never taken for a team's response; audited as drill.run.
 */
export function recordHeadlessRun(
  db: WritableDb,
  result: DrillResult,
  team: string,
  by: { username: string; role: string },
  now: Date,
): number {
  return db.transaction(() => {
    const id = runs.insertDrillRun(db, {
      scenario: result.scenario.name,
      version: result.scenario.version,
      title: result.scenario.title,
      category: result.scenario.category,
      team,
      mode: 'headless',
      speed: String(result.speed),
      facilitator: by.username,
      startedAtMs: Date.parse(result.startedAt),
    });
    runs.finishDrillRun(db, id, now.getTime(), { result });
    auditBy(
      db,
      by,
      {
        action: 'drill.run',
        target: `drill:${id}`,
        outcome: 'success',
        details: {
          scenario: result.scenario.name,
          responder: result.responder,
          score: result.score,
        },
      },
      now,
    );
    return id;
  })();
}
