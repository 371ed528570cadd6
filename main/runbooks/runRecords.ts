// How a run's moves are recorded: one line on the incident's timeline and one audit entry each, in
// the caller's transaction, with the step's host, action, parameters, actor and output.
import type { RunbookRun } from '../../shared/ipc/runbookSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { AuditOutcome } from '../audit/log.ts';
import { addTimelineEntry } from '../incidents/incidentRepository.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { findRunbookById } from './libraryRepository.ts';
import { rowToStep, stepsOf, type RunRow, type StepRow } from './runRepository.ts';

export type Actor = { username: string; role: string };

/** The console acting on its own: rule-started runs and health gates. */
export const AUTOMATION_ACTOR: Actor = { username: 'system:runbook-automation', role: 'system' };

export function toRun(db: ReadableDb, row: RunRow): RunbookRun {
  const runbook = findRunbookById(db, row.runbook_id);
  return {
    id: row.id,
    incidentId: row.incident_id,
    runbook: runbook?.name ?? '?',
    version: runbook?.version ?? 0,
    title: runbook?.title ?? '',
    state: row.state,
    requestedBy: row.requested_by,
    trigger: row.trigger,
    digest: row.plan_digest,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    reason: row.reason,
    steps: stepsOf(db, row.id).map(rowToStep),
  };
}

/** "rollback-model v1" */
export function runName(db: ReadableDb, run: RunRow): string {
  const runbook = findRunbookById(db, run.runbook_id);
  return runbook ? `${runbook.name} v${runbook.version}` : `runbook #${run.runbook_id}`;
}

/** "step 2 “Roll back llama”" (1-based, as operators count). */
export const stepName = (step: Pick<StepRow, 'idx' | 'title'>) =>
  `step ${step.idx + 1} “${step.title}”`;

export interface RunRecord {
  db: WritableDb;
  run: RunRow;
  step?: StepRow;
  by: Actor;
  /** The audit action, e.g. runbook.step.approve. */
  action: string;
  outcome: AuditOutcome;
  text: string;
  details?: Record<string, unknown>;
  kind?: 'action' | 'escalation';
  atMs: number;
}

/** Puts one move of a run on the incident's timeline and in the audit chain. */
export function recordRun(r: RunRecord): void {
  const name = runName(r.db, r.run);
  const stepDetails = r.step
    ? {
        step: r.step.idx + 1,
        stepId: r.step.step_id,
        ...(r.step.action
          ? {
              host: r.step.host,
              action: r.step.action,
              params: JSON.parse(r.step.params) as unknown,
              isDestructive: r.step.is_destructive === 1,
            }
          : {}),
      }
    : {};
  const details = { runId: r.run.id, runbook: name, ...stepDetails, ...r.details };
  addTimelineEntry(r.db, r.run.incident_id, {
    atMs: r.atMs,
    kind: r.kind ?? 'action',
    actor: r.by.username,
    // Texts may open with a step's name ("step 2 …"): a timeline line starts as a sentence.
    text: r.text.charAt(0).toUpperCase() + r.text.slice(1),
    details,
  });
  auditBy(
    r.db,
    r.by,
    {
      action: r.action,
      target: `incident:${r.run.incident_id}`,
      outcome: r.outcome,
      details,
    },
    new Date(r.atMs),
  );
}
