// Drill runs and the drill calendar in the site's store. Plain functions; the rules live in the service.
import type {
  DrillRunDetail,
  DrillRunSummary,
  DrillSchedule,
} from '../../shared/ipc/drillSchemas.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import type { DrillResult } from './headless.ts';

interface DrillRunRow {
  id: number;
  scenario: string;
  scenario_version: number;
  title: string;
  category: string;
  team: string;
  mode: 'live' | 'headless';
  speed: string;
  state: 'running' | 'ended' | 'failed';
  facilitator: string;
  participants: string;
  started_at: number;
  ended_at: number | null;
  score: number | null;
  result: string | null;
  error: string | null;
  debrief: string;
  action_items: string;
  workspace_dir: string | null;
  purged_at: number | null;
}

export interface NewDrillRun {
  scenario: string;
  version: number;
  title: string;
  category: string;
  team: string;
  mode: 'live' | 'headless';
  speed: string;
  facilitator: string;
  startedAtMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toSummary(row: DrillRunRow): DrillRunSummary {
  return {
    id: row.id,
    scenario: row.scenario,
    version: row.scenario_version,
    title: row.title,
    category: row.category,
    team: row.team,
    mode: row.mode,
    speed: row.speed,
    state: row.state,
    facilitator: row.facilitator,
    participants: JSON.parse(row.participants) as string[],
    startedAt: iso(row.started_at),
    endedAt: row.ended_at === null ? null : iso(row.ended_at),
    score: row.score,
    isPurged: row.purged_at !== null,
  };
}

function toDetail(row: DrillRunRow): DrillRunDetail {
  const result = row.result === null ? null : (JSON.parse(row.result) as DrillResult);
  return {
    ...toSummary(row),
    components: result?.components ?? [],
    timeline: (result?.timeline ?? []).map((e) => ({ ...e, at: iso(e.atMs) })),
    incident: result?.incident ?? null,
    debrief: JSON.parse(row.debrief) as DrillRunDetail['debrief'],
    actionItems: JSON.parse(row.action_items) as DrillRunDetail['actionItems'],
    error: row.error,
  };
}

export function insertDrillRun(db: WritableDb, r: NewDrillRun): number {
  return Number(
    run(
      db,
      sql`INSERT INTO drill_runs (scenario, scenario_version, title, category, team, mode, speed,
            state, facilitator, started_at)
          VALUES (${r.scenario}, ${r.version}, ${r.title}, ${r.category}, ${r.team}, ${r.mode},
            ${r.speed}, 'running', ${r.facilitator}, ${r.startedAtMs})`,
    ).lastInsertRowid,
  );
}

export function setWorkspaceDir(db: WritableDb, id: number, dir: string): void {
  run(db, sql`UPDATE drill_runs SET workspace_dir = ${dir} WHERE id = ${id}`);
}

export function setParticipants(db: WritableDb, id: number, usernames: readonly string[]): void {
  run(db, sql`UPDATE drill_runs SET participants = ${JSON.stringify(usernames)} WHERE id = ${id}`);
}

export function finishDrillRun(
  db: WritableDb,
  id: number,
  endedAtMs: number,
  outcome: { result: DrillResult } | { error: string },
): void {
  if ('result' in outcome)
    run(
      db,
      sql`UPDATE drill_runs SET state = 'ended', ended_at = ${endedAtMs},
            score = ${outcome.result.score}, result = ${JSON.stringify(outcome.result)}
          WHERE id = ${id}`,
    );
  else
    run(
      db,
      sql`UPDATE drill_runs SET state = 'failed', ended_at = ${endedAtMs}, error = ${outcome.error}
          WHERE id = ${id}`,
    );
}

export function saveDebrief(
  db: WritableDb,
  id: number,
  debrief: DrillRunDetail['debrief'],
  actionItems: DrillRunDetail['actionItems'],
): void {
  run(
    db,
    sql`UPDATE drill_runs SET debrief = ${JSON.stringify(debrief)},
          action_items = ${JSON.stringify(actionItems)} WHERE id = ${id}`,
  );
}

export function markPurged(db: WritableDb, id: number, atMs: number): void {
  run(db, sql`UPDATE drill_runs SET purged_at = ${atMs} WHERE id = ${id}`);
}

export function findDrillRun(db: ReadableDb, id: number): DrillRunDetail | null {
  const row = get<DrillRunRow>(db, sql`SELECT * FROM drill_runs WHERE id = ${id}`);
  return row ? toDetail(row) : null;
}

export function workspaceDirOf(db: ReadableDb, id: number): string | null {
  return (
    get<{ workspace_dir: string | null }>(
      db,
      sql`SELECT workspace_dir FROM drill_runs WHERE id = ${id}`,
    )?.workspace_dir ?? null
  );
}

export function listDrillRuns(db: ReadableDb): DrillRunSummary[] {
  return all<DrillRunRow>(db, sql`SELECT * FROM drill_runs ORDER BY started_at DESC, id DESC`).map(
    toSummary,
  );
}

/** Runs a console restart left running: their workspace's clock and agents are gone. */
export function failInterruptedRuns(db: WritableDb, atMs: number): number {
  return Number(
    run(
      db,
      sql`UPDATE drill_runs SET state = 'failed', ended_at = ${atMs},
            error = 'the console stopped while the drill ran'
          WHERE state = 'running'`,
    ).changes,
  );
}

interface ScheduleRow {
  id: number;
  scenario: string;
  team: string;
  every_days: number;
  next_at: number;
  created_by: string;
}

export function listSchedules(db: ReadableDb, nowMs: number): DrillSchedule[] {
  return all<ScheduleRow>(db, sql`SELECT * FROM drill_schedules ORDER BY next_at, id`).map((r) => ({
    id: r.id,
    scenario: r.scenario,
    team: r.team,
    everyDays: r.every_days,
    nextAt: iso(r.next_at),
    createdBy: r.created_by,
    isDue: r.next_at <= nowMs,
  }));
}

export function saveSchedule(
  db: WritableDb,
  s: { id?: number; scenario: string; team: string; everyDays: number; nextAtMs: number },
  by: string,
  nowMs: number,
): number {
  if (s.id !== undefined) {
    run(
      db,
      sql`UPDATE drill_schedules SET scenario = ${s.scenario}, team = ${s.team},
            every_days = ${s.everyDays}, next_at = ${s.nextAtMs}, reminded_for = NULL
          WHERE id = ${s.id}`,
    );
    return s.id;
  }
  return Number(
    run(
      db,
      sql`INSERT INTO drill_schedules (scenario, team, every_days, next_at, created_by, created_at)
          VALUES (${s.scenario}, ${s.team}, ${s.everyDays}, ${s.nextAtMs}, ${by}, ${nowMs})`,
    ).lastInsertRowid,
  );
}

/** Schedules that fell due since they were last looked at; each is marked, so it is told once. */
export function takeNewlyDue(db: WritableDb, nowMs: number): number[] {
  const due = all<{ id: number; next_at: number }>(
    db,
    sql`SELECT id, next_at FROM drill_schedules
        WHERE next_at <= ${nowMs} AND (reminded_for IS NULL OR reminded_for <> next_at)`,
  );
  for (const d of due)
    run(db, sql`UPDATE drill_schedules SET reminded_for = ${d.next_at} WHERE id = ${d.id}`);
  return due.map((d) => d.id);
}

export function scheduleExists(db: ReadableDb, id: number): boolean {
  return get(db, sql`SELECT id FROM drill_schedules WHERE id = ${id}`) !== undefined;
}

export function deleteSchedule(db: WritableDb, id: number): void {
  run(db, sql`DELETE FROM drill_schedules WHERE id = ${id}`);
}

/** A drill of this scenario and team ran: its schedule's next date moves on past now. */
export function advanceSchedules(
  db: WritableDb,
  scenario: string,
  team: string,
  nowMs: number,
): void {
  const rows = all<ScheduleRow>(
    db,
    sql`SELECT * FROM drill_schedules WHERE scenario = ${scenario} AND team = ${team}`,
  );
  for (const r of rows) {
    let next = r.next_at;
    while (next <= nowMs) next += r.every_days * 86_400_000;
    if (next !== r.next_at)
      run(
        db,
        sql`UPDATE drill_schedules SET next_at = ${next}, reminded_for = NULL WHERE id = ${r.id}`,
      );
  }
}
