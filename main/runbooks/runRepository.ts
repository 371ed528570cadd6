// Runs of runbooks on incidents and their steps: the stored plan (what the dry-run showed), each
// step's status, actor, approver and output.
import type { PlannedStep } from '../../shared/domain/runbooks/index.ts';
import type { HealthGate } from '../../shared/domain/runbooks/schema.ts';
import type { RunbookRun, RunStep, StepStatus } from '../../shared/ipc/runbookSchemas.ts';
import { all, get, run, sql, sqlId, sqlJoin, type SqlFragment } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

export interface RunRow {
  id: number;
  incident_id: number;
  runbook_id: number;
  state: RunbookRun['state'];
  requested_by: string;
  requested_role: string;
  trigger: RunbookRun['trigger'];
  plan_digest: string;
  started_at: number;
  finished_at: number | null;
  reason: string | null;
}

export interface StepRow {
  run_id: number;
  idx: number;
  step_id: string;
  type: 'manual' | 'action';
  title: string;
  guidance: string;
  host_id: number | null;
  host: string | null;
  action: string | null;
  params: string;
  is_destructive: number;
  health_gate: string | null;
  status: StepStatus;
  actor: string | null;
  approved_by: string | null;
  output: string | null;
  reason: string | null;
  command_id: string | null;
  started_at: number | null;
  finished_at: number | null;
  gate_status: RunStep['gateStatus'];
  gate_until: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function rowToStep(r: StepRow): RunStep {
  return {
    index: r.idx,
    id: r.step_id,
    type: r.type,
    title: r.title,
    guidance: r.guidance,
    action: r.action,
    host: r.host,
    params: JSON.parse(r.params) as RunStep['params'],
    isDestructive: r.is_destructive === 1,
    healthGate: r.health_gate === null ? null : (JSON.parse(r.health_gate) as HealthGate),
    status: r.status,
    actor: r.actor,
    approvedBy: r.approved_by,
    output: r.output,
    reason: r.reason,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    gateStatus: r.gate_status,
    gateUntil: iso(r.gate_until),
  };
}

export interface NewRun {
  incidentId: number;
  runbookId: number;
  requestedBy: string;
  requestedRole: string;
  trigger: RunbookRun['trigger'];
  digest: string;
  startedAtMs: number;
}

/** Stores the run and its plan, every step pending. `hostIds` gives each action step's host id. */
export function insertRun(
  db: WritableDb,
  r: NewRun,
  plan: readonly PlannedStep[],
  hostIds: ReadonlyMap<string, number>,
): number {
  const runId = Number(
    run(
      db,
      sql`INSERT INTO runbook_runs (incident_id, runbook_id, state, requested_by, requested_role, trigger, plan_digest, started_at)
          VALUES (${r.incidentId}, ${r.runbookId}, 'running', ${r.requestedBy}, ${r.requestedRole}, ${r.trigger}, ${r.digest}, ${r.startedAtMs})`,
    ).lastInsertRowid,
  );
  for (const s of plan)
    run(
      db,
      sql`INSERT INTO runbook_run_steps (run_id, idx, step_id, type, title, guidance, host_id, host, action, params,
            is_destructive, health_gate, status)
          VALUES (${runId}, ${s.index}, ${s.id}, ${s.type}, ${s.title}, ${s.guidance},
            ${s.host === null ? null : (hostIds.get(s.host) ?? null)}, ${s.host}, ${s.action},
            ${JSON.stringify(s.params)}, ${s.isDestructive ? 1 : 0},
            ${s.healthGate ? JSON.stringify(s.healthGate) : null}, 'pending')`,
    );
  return runId;
}

export function findRun(db: ReadableDb, id: number): RunRow | undefined {
  return get<RunRow>(db, sql`SELECT * FROM runbook_runs WHERE id = ${id}`);
}

export function runsOfIncident(db: ReadableDb, incidentId: number): RunRow[] {
  return all<RunRow>(
    db,
    sql`SELECT * FROM runbook_runs WHERE incident_id = ${incidentId} ORDER BY id DESC`,
  );
}

export function runningRuns(db: ReadableDb): RunRow[] {
  return all<RunRow>(db, sql`SELECT * FROM runbook_runs WHERE state = 'running' ORDER BY id`);
}

export function stepsOf(db: ReadableDb, runId: number): StepRow[] {
  return all<StepRow>(
    db,
    sql`SELECT * FROM runbook_run_steps WHERE run_id = ${runId} ORDER BY idx`,
  );
}

export function findStep(db: ReadableDb, runId: number, idx: number): StepRow | undefined {
  return get<StepRow>(
    db,
    sql`SELECT * FROM runbook_run_steps WHERE run_id = ${runId} AND idx = ${idx}`,
  );
}

/** Steps whose health gate is still watching, with their run's incident. */
export function watchingGates(db: ReadableDb): (StepRow & { incident_id: number })[] {
  return all<StepRow & { incident_id: number }>(
    db,
    sql`SELECT s.*, r.incident_id FROM runbook_run_steps s JOIN runbook_runs r ON r.id = s.run_id
        WHERE s.gate_status = 'watching' ORDER BY s.gate_until`,
  );
}

export type StepPatch = Partial<
  Pick<
    StepRow,
    | 'status'
    | 'actor'
    | 'approved_by'
    | 'output'
    | 'reason'
    | 'command_id'
    | 'started_at'
    | 'finished_at'
    | 'gate_status'
    | 'gate_until'
  >
>;

export function updateStep(db: WritableDb, runId: number, idx: number, patch: StepPatch): void {
  const sets: SqlFragment[] = Object.entries(patch).map(
    ([column, value]) => sql`${sqlId(column)} = ${value}`,
  );
  if (sets.length === 0) return;
  run(
    db,
    sql`UPDATE runbook_run_steps SET ${sqlJoin(sets)} WHERE run_id = ${runId} AND idx = ${idx}`,
  );
}

export function finishRun(
  db: WritableDb,
  id: number,
  state: Exclude<RunbookRun['state'], 'running'>,
  reason: string | null,
  atMs: number,
): void {
  run(
    db,
    sql`UPDATE runbook_runs SET state = ${state}, reason = ${reason}, finished_at = ${atMs} WHERE id = ${id}`,
  );
}
