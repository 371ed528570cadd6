// Runs of runbooks on incidents. A run executes the plan its dry-run showed (refused if the plan has
// changed since), step by step: a manual step waits for a person to check it off; an action runs on
// its host through the fleet's action path; a destructive action first waits for a second operator
// (four eyes: never the one who started the run); a health-gated step holds the run until the
// service's SLI recovers. Every move is on the incident's timeline and in the audit chain.
import { isOpenState } from '../../shared/domain/incidents/index.ts';
import { planDigest, planRunbook, type PlannedStep } from '../../shared/domain/runbooks/index.ts';
import type { DryRun, RunbookRun } from '../../shared/ipc/runbookSchemas.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import { getIncident } from '../incidents/incidentRepository.ts';
import type { IncidentRow } from '../incidents/incidentRows.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { incidentValues, type ModelVersionLookup } from './incidentValues.ts';
import { findRunbook } from './libraryRepository.ts';
import { runbookOf } from './library.ts';
import { findRun, findStep, finishRun, insertRun, stepsOf, updateStep } from './runRepository.ts';
import type { RunRow, StepRow } from './runRepository.ts';
import { recordRun, stepName, toRun, type Actor } from './runRecords.ts';
import { executeStep, type ActionRunner } from './stepExecution.ts';
import type { HostLookupWithIds } from './fleetView.ts';

export type { ActionRunner } from './stepExecution.ts';

export interface RunbookRunsOptions {
  store: () => WritableDb;
  clock: Clock;
  runAction: ActionRunner;
  hosts: (db: ReadableDb) => HostLookupWithIds;
  versions: ModelVersionLookup;
  /** Told after a change is committed, with the incident whose runs moved. */
  onChanged: (incidentId: number) => void;
}

const DONE: readonly StepRow['status'][] = ['succeeded', 'done', 'skipped'];

export class RunbookRuns {
  constructor(private readonly options: RunbookRunsOptions) {}

  private get db() {
    return this.options.store();
  }

  private nowMs() {
    return this.options.clock.now().getTime();
  }

  private incident(db: ReadableDb, id: number): IncidentRow {
    const incident = getIncident(db, id);
    if (!incident) throw new DomainError('NOT_FOUND', `There is no incident ${id}.`);
    return incident;
  }

  /** Resolves a runbook version for an incident; the same function backs the dry-run and the run. */
  private plan(db: ReadableDb, incidentId: number, name: string, version?: number) {
    const incident = this.incident(db, incidentId);
    const row = findRunbook(db, name, version);
    if (!row)
      throw new DomainError(
        'NOT_FOUND',
        version === undefined
          ? `There is no runbook named "${name}".`
          : `Runbook "${name}" has no version ${version}.`,
      );
    const hosts = this.options.hosts(db);
    const values = incidentValues(db, incident, this.options.versions);
    const steps = planRunbook(runbookOf(row), values, hosts.view);
    return { incident, row, steps, hosts, digest: planDigest(steps) };
  }

  dryRun(incidentId: number, name: string, version?: number): DryRun {
    const { row, steps, digest } = this.plan(this.db, incidentId, name, version);
    return {
      incidentId,
      runbook: row.name,
      version: row.version,
      title: row.title,
      digest,
      canRun: steps.every((s) => s.problems.length === 0),
      steps,
    };
  }

  get(runId: number): RunbookRun {
    const run = findRun(this.db, runId);
    if (!run) throw new DomainError('NOT_FOUND', `There is no runbook run #${runId}.`);
    return toRun(this.db, run);
  }

  /** Starts a run of the plan whose digest the dry-run gave, and takes it as far as it can go. */
  async start(
    input: { incidentId: number; name: string; version: number; digest: string },
    by: Actor,
    trigger: RunbookRun['trigger'] = 'operator',
  ): Promise<RunbookRun> {
    const db = this.db;
    const nowMs = this.nowMs();
    const runId = db.transaction(() => {
      const { incident, row, steps, hosts, digest } = this.plan(
        db,
        input.incidentId,
        input.name,
        input.version,
      );
      if (!isOpenState(incident.state))
        throw new DomainError('CONFLICT', `Incident ${incident.id} is ${incident.state}.`);
      if (digest !== input.digest)
        throw new DomainError(
          'CONFLICT',
          'What this runbook would run has changed since its dry-run (a host, version or parameter); look at the dry-run again before starting it.',
        );
      const blocked = steps.filter((s) => s.problems.length > 0);
      if (blocked.length > 0)
        throw new DomainError(
          'BAD_REQUEST',
          `The runbook cannot run on this incident: ${blocked
            .map((s) => `${stepName({ idx: s.index, title: s.title })}: ${s.problems.join('; ')}`)
            .join(' | ')}`,
        );
      const id = insertRun(
        db,
        {
          incidentId: incident.id,
          runbookId: row.id,
          requestedBy: by.username,
          requestedRole: by.role,
          trigger,
          digest,
          startedAtMs: nowMs,
        },
        steps,
        hosts.ids,
      );
      recordRun({
        db,
        run: findRun(db, id)!,
        by,
        action: 'runbook.run.start',
        outcome: 'success',
        text: `Started runbook ${row.name} v${row.version} (${steps.length} steps${trigger === 'rule' ? ', by an automation rule' : ''}).`,
        details: { digest, trigger, plan: steps.map(planned) },
        atMs: nowMs,
      });
      return id;
    })();
    this.options.onChanged(input.incidentId);
    await this.advance(runId);
    return this.get(runId);
  }

  /** A second operator approves a destructive step; it runs now. */
  async approveStep(runId: number, idx: number, by: Actor): Promise<RunbookRun> {
    const db = this.db;
    const nowMs = this.nowMs();
    const run = db.transaction(() => {
      const { run, step } = this.step(db, runId, idx);
      if (step.status !== 'awaiting_approval')
        throw new DomainError(
          'CONFLICT',
          `${stepName(step)} is ${step.status}, not awaiting approval.`,
        );
      if (by.username === run.requested_by) {
        recordRun({
          db,
          run,
          step,
          by,
          action: 'runbook.step.approve',
          outcome: 'denied',
          text: `${by.username} was refused as approver of ${stepName(step)}: they started this run.`,
          atMs: nowMs,
        });
        return null;
      }
      updateStep(db, runId, idx, { status: 'approved', approved_by: by.username });
      recordRun({
        db,
        run,
        step,
        by,
        action: 'runbook.step.approve',
        outcome: 'success',
        text: `${by.username} approved ${stepName(step)} (${step.action} on ${step.host}).`,
        atMs: nowMs,
      });
      return run;
    })();
    if (!run) {
      this.options.onChanged(findRun(db, runId)!.incident_id);
      throw new DomainError(
        'FORBIDDEN',
        'Four eyes: you started this run, so another operator must approve its destructive steps.',
      );
    }
    this.options.onChanged(run.incident_id);
    await this.advance(runId, by);
    return this.get(runId);
  }

  /** Checks off the current manual step. */
  async completeStep(runId: number, idx: number, note: string | undefined, by: Actor) {
    this.settle(runId, idx, by, 'done', note ?? null);
    await this.advance(runId);
    return this.get(runId);
  }

  async skipStep(runId: number, idx: number, reason: string, by: Actor) {
    this.settle(runId, idx, by, 'skipped', reason);
    await this.advance(runId);
    return this.get(runId);
  }

  cancel(runId: number, reason: string, by: Actor): RunbookRun {
    const db = this.db;
    const nowMs = this.nowMs();
    const run = db.transaction(() => {
      const run = this.openRun(db, runId);
      finishRun(db, runId, 'canceled', reason, nowMs);
      for (const s of stepsOf(db, runId))
        if (s.gate_status === 'watching') updateStep(db, runId, s.idx, { gate_status: null });
      recordRun({
        db,
        run,
        by,
        action: 'runbook.run.cancel',
        outcome: 'success',
        text: `${by.username} canceled runbook ${runId}: ${reason}`,
        details: { reason },
        atMs: nowMs,
      });
      return run;
    })();
    this.options.onChanged(run.incident_id);
    return this.get(runId);
  }

  private openRun(db: ReadableDb, runId: number): RunRow {
    const run = findRun(db, runId);
    if (!run) throw new DomainError('NOT_FOUND', `There is no runbook run #${runId}.`);
    if (run.state !== 'running')
      throw new DomainError('CONFLICT', `Run #${runId} is ${run.state}.`);
    return run;
  }

  private step(db: ReadableDb, runId: number, idx: number) {
    const run = this.openRun(db, runId);
    const step = findStep(db, runId, idx);
    if (!step) throw new DomainError('NOT_FOUND', `Run #${runId} has no step ${idx + 1}.`);
    return { run, step };
  }

  /** Marks the current step done (manual) or skipped (any not yet running). */
  private settle(
    runId: number,
    idx: number,
    by: Actor,
    status: 'done' | 'skipped',
    note: string | null,
  ) {
    const db = this.db;
    const nowMs = this.nowMs();
    const run = db.transaction(() => {
      const { run, step } = this.step(db, runId, idx);
      const current = stepsOf(db, runId).find((s) => !DONE.includes(s.status));
      if (current?.idx !== idx)
        throw new DomainError('CONFLICT', `${stepName(step)} is not the current step of this run.`);
      if (status === 'done' && step.type !== 'manual')
        throw new DomainError(
          'BAD_REQUEST',
          `${stepName(step)} is an action; it is not checked off by hand.`,
        );
      if (!['pending', 'awaiting_approval'].includes(step.status))
        throw new DomainError('CONFLICT', `${stepName(step)} is ${step.status}.`);
      updateStep(db, runId, idx, { status, actor: by.username, reason: note, finished_at: nowMs });
      recordRun({
        db,
        run,
        step,
        by,
        action: status === 'done' ? 'runbook.step.done' : 'runbook.step.skip',
        outcome: 'success',
        text: `${by.username} ${status === 'done' ? 'checked off' : 'skipped'} ${stepName(step)}${note ? `: ${note}` : '.'}`,
        ...(note ? { details: { note } } : {}),
        atMs: nowMs,
      });
      return run;
    })();
    this.options.onChanged(run.incident_id);
  }

  /**
   * Takes a run as far as it can go: runs the next action steps in order and stops at a manual step,
   * a step awaiting approval, a health gate still watching, a failure, or the end.
   */
  async advance(runId: number, approver?: Actor): Promise<void> {
    for (;;) {
      const db = this.db;
      const run = findRun(db, runId);
      if (!run || run.state !== 'running') return;
      const steps = stepsOf(db, runId);
      if (steps.some((s) => s.gate_status === 'watching')) return;
      const next = steps.find((s) => !DONE.includes(s.status));
      const nowMs = this.nowMs();
      if (!next) {
        db.transaction(() => {
          finishRun(db, runId, 'succeeded', null, nowMs);
          recordRun({
            db,
            run,
            by: { username: run.requested_by, role: run.requested_role },
            action: 'runbook.run.finish',
            outcome: 'success',
            text: `Runbook run #${runId} finished: every step is done.`,
            atMs: nowMs,
          });
        })();
        this.options.onChanged(run.incident_id);
        return;
      }
      if (
        next.type === 'manual' ||
        ['awaiting_approval', 'running', 'failed'].includes(next.status)
      )
        return;
      if (next.status === 'pending' && next.is_destructive === 1) {
        db.transaction(() => {
          updateStep(db, runId, next.idx, { status: 'awaiting_approval' });
          recordRun({
            db,
            run,
            step: next,
            by: { username: run.requested_by, role: run.requested_role },
            action: 'runbook.step.request',
            outcome: 'success',
            text: `${stepName(next)} (${next.action} on ${next.host}) is destructive: it waits for a second operator's approval.`,
            atMs: nowMs,
          });
        })();
        this.options.onChanged(run.incident_id);
        return;
      }
      // An approved step runs in its approver's name; the others in the requester's.
      const by =
        next.status !== 'approved'
          ? requester(run)
          : (approver ?? { username: next.approved_by ?? run.requested_by, role: 'approver' });
      const isDone = await executeStep(
        {
          db,
          clock: this.options.clock,
          runAction: this.options.runAction,
          onChanged: this.options.onChanged,
        },
        run,
        next,
        by,
      );
      if (!isDone) return;
    }
  }
}

const requester = (run: RunRow): Actor => ({
  username: run.requested_by,
  role: run.requested_role,
});

/** What the audit keeps of a plan: per step, where and what it runs. */
const planned = (s: PlannedStep) => ({
  step: s.index + 1,
  id: s.id,
  type: s.type,
  ...(s.type === 'action'
    ? { host: s.host, action: s.action, params: s.params, isDestructive: s.isDestructive }
    : {}),
});
