// The experiments table: plans, their state on the routing, the latest analysis and the decision.
// Plain functions over the store; times are ms since the epoch, shown as ISO 8601 (UTC).
import type { Guardrail } from '../../shared/domain/experiments/analysis.ts';
import type {
  Experiment,
  ExperimentDecisionKind,
  ExperimentPlan,
  ExperimentStatus,
  PowerInput,
} from '../../shared/ipc/experimentSchemas.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

interface ExperimentRow {
  id: number;
  name: string;
  model: string;
  control: string;
  variant: string;
  variant_percent: number;
  primary_metric: Experiment['primaryMetric'];
  guardrails: string;
  power: string;
  min_sample_size: number;
  planned_days: number;
  duration_reason: string | null;
  status: ExperimentStatus;
  hosts: string;
  created_by: string;
  created_at: number;
  started_by: string | null;
  started_at: number | null;
  ended_at: number | null;
  stop_kind: Experiment['stopKind'];
  stop_reason: string | null;
  is_rolled_back: number;
  analysis: string | null;
  analysed_at: number | null;
  decision: ExperimentDecisionKind | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: number | null;
  change_id: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function rowToExperiment(r: ExperimentRow): Experiment {
  return {
    id: r.id,
    name: r.name,
    model: r.model,
    control: r.control,
    variant: r.variant,
    variantPercent: r.variant_percent,
    primaryMetric: r.primary_metric,
    guardrails: JSON.parse(r.guardrails) as Guardrail[],
    power: JSON.parse(r.power) as PowerInput,
    minSampleSize: r.min_sample_size,
    plannedDays: r.planned_days,
    durationReason: r.duration_reason,
    status: r.status,
    hosts: JSON.parse(r.hosts) as string[],
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    startedBy: r.started_by,
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    stopKind: r.stop_kind,
    stopReason: r.stop_reason,
    isRolledBack: r.is_rolled_back === 1,
    analysis: r.analysis === null ? null : (JSON.parse(r.analysis) as Experiment['analysis']),
    analysedAt: iso(r.analysed_at),
    decision:
      r.decision === null
        ? null
        : {
            kind: r.decision,
            reason: r.decision_reason ?? '',
            by: r.decided_by ?? '',
            at: iso(r.decided_at)!,
            changeId: r.change_id,
          },
  };
}

export function insertExperiment(
  db: WritableDb,
  plan: ExperimentPlan & { guardrails: Guardrail[]; minSampleSize: number },
  by: string,
  atMs: number,
): number {
  return Number(
    run(
      db,
      sql`INSERT INTO experiments (name, model, control, variant, variant_percent, primary_metric,
            guardrails, power, min_sample_size, planned_days, duration_reason, status, created_by,
            created_at)
          VALUES (${plan.name}, ${plan.model}, ${plan.control}, ${plan.variant},
            ${plan.variantPercent}, ${plan.primaryMetric}, ${JSON.stringify(plan.guardrails)},
            ${JSON.stringify(plan.power)}, ${plan.minSampleSize}, ${plan.plannedDays},
            ${plan.durationReason ?? null}, 'draft', ${by}, ${atMs})`,
    ).lastInsertRowid,
  );
}

export function findExperiment(db: ReadableDb, id: number): Experiment | undefined {
  const row = get<ExperimentRow>(db, sql`SELECT * FROM experiments WHERE id = ${id}`);
  return row && rowToExperiment(row);
}

export function listExperiments(db: ReadableDb): Experiment[] {
  return all<ExperimentRow>(db, sql`SELECT * FROM experiments ORDER BY id DESC`).map(
    rowToExperiment,
  );
}

export function runningExperiments(db: ReadableDb): Experiment[] {
  return all<ExperimentRow>(
    db,
    sql`SELECT * FROM experiments WHERE status = 'running' ORDER BY id`,
  ).map(rowToExperiment);
}

export function markStarted(
  db: WritableDb,
  id: number,
  hosts: string[],
  by: string,
  atMs: number,
): void {
  run(
    db,
    sql`UPDATE experiments SET status = 'running', hosts = ${JSON.stringify(hosts)},
          started_by = ${by}, started_at = ${atMs}
        WHERE id = ${id}`,
  );
}

export function markEnded(
  db: WritableDb,
  id: number,
  end: {
    status: 'stopped' | 'completed';
    stopKind: Experiment['stopKind'];
    stopReason: string | null;
    isRolledBack: boolean;
    atMs: number;
  },
): void {
  run(
    db,
    sql`UPDATE experiments SET status = ${end.status}, stop_kind = ${end.stopKind},
          stop_reason = ${end.stopReason}, is_rolled_back = ${end.isRolledBack ? 1 : 0},
          ended_at = ${end.atMs}
        WHERE id = ${id}`,
  );
}

export function putAnalysis(
  db: WritableDb,
  id: number,
  analysis: Experiment['analysis'],
  atMs: number,
): void {
  run(
    db,
    sql`UPDATE experiments SET analysis = ${JSON.stringify(analysis)}, analysed_at = ${atMs}
        WHERE id = ${id}`,
  );
}

export function putDecision(
  db: WritableDb,
  id: number,
  decision: { kind: ExperimentDecisionKind; reason: string; by: string; changeId: number | null },
  atMs: number,
): void {
  run(
    db,
    sql`UPDATE experiments SET decision = ${decision.kind}, decision_reason = ${decision.reason},
          decided_by = ${decision.by}, decided_at = ${atMs}, change_id = ${decision.changeId}
        WHERE id = ${id}`,
  );
}
