// Health gates: after a gated rollback (or deploy) succeeds, the model's SLI on that host is watched
// from the agent's own readings taken after the action finished — accuracy as reported, the error
// ratio from the request and error counters between two readings. Recovered within the bound: the
// gate passes and the run goes on. Not recovered: the run fails and the incident escalates, saying why.
import { MIN_REQUESTS_FOR_ERROR_RATIO } from '../../shared/domain/alertRules/index.ts';
import { increaseOf } from '../../shared/domain/metrics/histogram.ts';
import type { HealthGate } from '../../shared/domain/runbooks/schema.ts';
import type { Clock } from '../core/clock.ts';
import type { LiveValue } from '../fleet/liveValues.ts';
import type { Pager } from '../incidents/paging.ts';
import type { WritableDb } from '../store/types.ts';
import { escalateIncident } from './gateEscalation.ts';
import { findRun, finishRun, updateStep, watchingGates, type StepRow } from './runRepository.ts';
import { AUTOMATION_ACTOR, recordRun, stepName } from './runRecords.ts';
import type { RunbookRuns } from './runs.ts';

export interface HealthGatesOptions {
  store: () => WritableDb;
  clock: Clock;
  /** The newest reading of every series of a host (the fleet's live values). */
  readings: (hostId: number) => readonly LiveValue[];
  runs: RunbookRuns;
  pager: Pager;
  timeZone: () => string;
  onChanged: (incidentId: number) => void;
}

interface Counters {
  requests: number;
  errors: number;
  tsMs: number;
}

export interface SliReading {
  accuracy: number | null;
  errorRatio: number | null;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** Whether the reading meets the gate, and what is still wrong when it does not. */
export function judge(
  gate: HealthGate,
  sli: SliReading,
): { isHealthy: boolean; shortfalls: string[] } {
  const shortfalls: string[] = [];
  if (gate.accuracyAtLeast !== undefined) {
    if (sli.accuracy === null) shortfalls.push('no accuracy reading yet');
    else if (sli.accuracy < gate.accuracyAtLeast)
      shortfalls.push(`accuracy ${pct(sli.accuracy)}, needs at least ${pct(gate.accuracyAtLeast)}`);
  }
  if (gate.errorRatioAtMost !== undefined) {
    if (sli.errorRatio === null) shortfalls.push('no error ratio yet');
    else if (sli.errorRatio > gate.errorRatioAtMost)
      shortfalls.push(
        `error ratio ${pct(sli.errorRatio)}, needs at most ${pct(gate.errorRatioAtMost)}`,
      );
  }
  return { isHealthy: shortfalls.length === 0, shortfalls };
}

export class HealthGates {
  /** The first counter reading after each gated step finished: the baseline of its error ratio. */
  private readonly baselines = new Map<string, Counters>();
  private readonly latest = new Map<string, SliReading>();
  private isTicking = false;

  constructor(private readonly options: HealthGatesOptions) {}

  /** Reads the SLI a step's gate watches: readings of its model on its host since it finished. */
  private read(step: StepRow): SliReading {
    const key = `${step.run_id}:${step.idx}`;
    const model = (JSON.parse(step.params) as { model?: unknown }).model;
    const since = step.finished_at ?? 0;
    const mine = this.options
      .readings(step.host_id ?? 0)
      .filter((v) => (v.labels.model ?? v.labels.model_name) === model && v.tsMs > since);
    const newest = (metric: string) =>
      mine.filter((v) => v.metric === metric).sort((a, b) => b.tsMs - a.tsMs)[0];
    const accuracy = newest('model_accuracy_ratio')?.value ?? null;
    const requests = newest('requests_total');
    const errors = newest('errors_total');
    let errorRatio = this.latest.get(key)?.errorRatio ?? null;
    if (requests && errors && requests.tsMs === errors.tsMs) {
      const base = this.baselines.get(key);
      const now = { requests: requests.value, errors: errors.value, tsMs: requests.tsMs };
      if (!base) this.baselines.set(key, now);
      else if (now.tsMs > base.tsMs) {
        const served = increaseOf(now.requests, base.requests);
        const failed = increaseOf(now.errors, base.errors);
        // Too few requests make a ratio that is mostly noise: wait for more.
        if (served !== null && failed !== null && served >= MIN_REQUESTS_FOR_ERROR_RATIO) {
          errorRatio = Math.min(1, failed / served);
          this.baselines.set(key, now);
        }
      }
    }
    const sli = { accuracy, errorRatio };
    this.latest.set(key, sli);
    return sli;
  }

  /** Looks at every watching gate now: passes those that recovered, escalates those out of time. */
  async tick(): Promise<void> {
    if (this.isTicking) return;
    this.isTicking = true;
    try {
      const db = this.options.store();
      for (const step of watchingGates(db)) await this.look(db, step);
    } finally {
      this.isTicking = false;
    }
  }

  private async look(db: WritableDb, step: StepRow & { incident_id: number }): Promise<void> {
    const gate = JSON.parse(step.health_gate ?? '{}') as HealthGate;
    const sli = this.read(step);
    const verdict = judge(gate, sli);
    const nowMs = this.options.clock.now().getTime();
    const run = findRun(db, step.run_id);
    if (!run) return;
    const params = JSON.parse(step.params) as { model?: string; version?: string };
    const details = { gate, accuracy: sli.accuracy, errorRatio: sli.errorRatio };
    if (verdict.isHealthy) {
      db.transaction(() => {
        updateStep(db, step.run_id, step.idx, { gate_status: 'healthy' });
        recordRun({
          db,
          run,
          step,
          by: AUTOMATION_ACTOR,
          action: 'runbook.healthGate.pass',
          outcome: 'success',
          text: `Health gate of ${stepName(step)} passed: ${params.model} on ${step.host} recovered (${describe(sli)}).`,
          details,
          atMs: nowMs,
        });
      })();
      this.forget(step);
      this.options.onChanged(step.incident_id);
      await this.options.runs.advance(step.run_id);
      return;
    }
    if (nowMs < (step.gate_until ?? 0)) return;
    const verb = step.action === 'rollback_model' ? 'rolling' : 'deploying';
    const to = step.action === 'rollback_model' ? 'back to' : '';
    const minutes = gate.withinMinutes;
    const why = `SLI did not recover within ${minutes} min after ${verb} ${params.model} ${to ? `${to} ` : ''}${params.version} on ${step.host}: ${verdict.shortfalls.join('; ')}.`;
    db.transaction(() => {
      updateStep(db, step.run_id, step.idx, { gate_status: 'unhealthy', reason: why });
      finishRun(db, step.run_id, 'failed', why, nowMs);
      recordRun({
        db,
        run,
        step,
        by: AUTOMATION_ACTOR,
        action: 'runbook.healthGate.fail',
        outcome: 'failure',
        text: `Health gate of ${stepName(step)} failed. ${why}`,
        details,
        atMs: nowMs,
      });
      escalateIncident(db, this.options.pager, {
        incidentId: step.incident_id,
        why,
        details: { runId: step.run_id, step: step.idx + 1, ...details },
        nowMs,
        timeZone: this.options.timeZone(),
      });
    })();
    this.forget(step);
    this.options.onChanged(step.incident_id);
  }

  private forget(step: StepRow): void {
    this.baselines.delete(`${step.run_id}:${step.idx}`);
    this.latest.delete(`${step.run_id}:${step.idx}`);
  }
}

function describe(sli: SliReading): string {
  const parts: string[] = [];
  if (sli.accuracy !== null) parts.push(`accuracy ${pct(sli.accuracy)}`);
  if (sli.errorRatio !== null) parts.push(`error ratio ${pct(sli.errorRatio)}`);
  return parts.join(', ') || 'no readings';
}
