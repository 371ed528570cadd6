// One action step of a run, executed through the fleet's action path: claimed (so two callers never
// run it twice), run on its host as the actor, and its result recorded with the agent's output; a
// gated step then holds the run while its health gate watches the SLI.
import type { ActionResult } from '../../shared/ipc/contract.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { Clock } from '../core/clock.ts';
import type { ActionActor, ActionRequest } from '../fleet/runAction.ts';
import type { WritableDb } from '../store/types.ts';
import { findStep, finishRun, updateStep, type RunRow, type StepRow } from './runRepository.ts';
import { recordRun, stepName, type Actor } from './runRecords.ts';

/** Runs an agent action as someone (the fleet service, which audits the run itself). */
export type ActionRunner = (request: ActionRequest, by: ActionActor) => Promise<ActionResult>;

export interface StepContext {
  db: WritableDb;
  clock: Clock;
  runAction: ActionRunner;
  onChanged: (incidentId: number) => void;
}

/** Runs one action step through the fleet; true when it succeeded and the run may go on. */
export async function executeStep(
  ctx: StepContext,
  run: RunRow,
  step: StepRow,
  by: Actor,
): Promise<boolean> {
  const { db } = ctx;
  const startedMs = ctx.clock.now().getTime();
  const claimed = db.transaction(() => {
    const fresh = findStep(db, run.id, step.idx);
    if (!fresh || !['pending', 'approved'].includes(fresh.status)) return false;
    updateStep(db, run.id, step.idx, {
      status: 'running',
      actor: by.username,
      started_at: startedMs,
    });
    return true;
  })();
  if (!claimed) return false;
  ctx.onChanged(run.incident_id);
  let result: ActionResult | null = null;
  let failure: string | null = null;
  try {
    result = await ctx.runAction(
      {
        hostId: step.host_id ?? 0,
        action: step.action!,
        params: JSON.parse(step.params) as ActionRequest['params'],
      },
      by,
    );
    if (result.status !== 'ok')
      failure = `${result.status}: ${result.reason ?? `exit code ${result.exitCode}`}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const nowMs = ctx.clock.now().getTime();
  const gate =
    step.health_gate && !failure
      ? (JSON.parse(step.health_gate) as { withinMinutes: number })
      : null;
  db.transaction(() => {
    updateStep(db, run.id, step.idx, {
      status: failure ? 'failed' : 'succeeded',
      output: result?.output ?? null,
      reason: failure,
      command_id: result?.commandId ?? null,
      finished_at: nowMs,
      ...(gate
        ? { gate_status: 'watching', gate_until: nowMs + gate.withinMinutes * MINUTE_MS }
        : {}),
    });
    if (failure) finishRun(db, run.id, 'failed', `${stepName(step)} failed: ${failure}`, nowMs);
    recordRun({
      db,
      run,
      step,
      by,
      action: 'runbook.step.result',
      outcome: failure ? 'failure' : 'success',
      text: failure
        ? `${stepName(step)} failed on ${step.host}: ${failure}`
        : `${stepName(step)} ran ${step.action} on ${step.host}${gate ? `; its health gate watches the SLI for ${gate.withinMinutes} min` : ''}.`,
      details: {
        status: result?.status ?? 'error',
        exitCode: result?.exitCode ?? null,
        commandId: result?.commandId ?? null,
        output: result?.output ?? '',
        ...(failure ? { reason: failure } : {}),
      },
      atMs: nowMs,
    });
  })();
  ctx.onChanged(run.incident_id);
  return !failure && !gate;
}
