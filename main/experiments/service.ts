// Model A/B experiments on the site's own routing. A plan (service, versions, split, metrics,
// guardrails, minimum sample from a power calculation, duration) starts by running set_traffic_split
// on every host serving the model, through the fleet's action path (declared, typed, audited).
// Each evaluation reads the arms' counts from the hosts and analyses them; a guardrail breach or a
// sample ratio mismatch stops the experiment, sends all traffic back to control, raises an alert and
// is audited. A person records the decision (ship / keep control / continue) with a reason; shipping
// opens a governed change record.
import { analyseExperiment } from '../../shared/domain/experiments/analysis.ts';
import { sampleSizePerArm } from '../../shared/domain/experiments/power.ts';
import type { IncomingAlert } from '../../shared/domain/incidents/alerts.ts';
import type { SloSpec } from '../../shared/domain/slo/spec.ts';
import type { ActionResult } from '../../shared/ipc/contract.ts';
import type {
  Experiment,
  ExperimentDecisionKind,
  ExperimentPlan,
} from '../../shared/ipc/experimentSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import type { LiveValue } from '../fleet/liveValues.ts';
import type { ActionActor, ActionRequest } from '../fleet/runAction.ts';
import type { Logger } from '../log.ts';
import { currentVersions } from '../models/index.ts';
import type { WritableDb } from '../store/types.ts';
import { readArms } from './armReadings.ts';
import { breachReason, srmReason, stopAlert } from './stopAlerts.ts';
import { defaultGuardrails } from './guardrails.ts';
import {
  findExperiment,
  insertExperiment,
  listExperiments,
  markEnded,
  markStarted,
  putAnalysis,
  putDecision,
  runningExperiments,
} from './repository.ts';

/** The console acting on its own: a guardrail or SRM stop. */
export const EXPERIMENTS_SYSTEM_ACTOR: ActionActor = {
  username: 'system:experiments',
  role: 'system',
};
const SPLIT_ACTION = 'set_traffic_split';

/** What shipping a variant asks the governance layer for: a change record, four eyes. */
export interface ShipRequest {
  experiment: Experiment;
  reason: string;
}

export interface ExperimentServiceOptions {
  store: () => WritableDb;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  runAction: (request: ActionRequest, by: ActionActor) => Promise<ActionResult>;
  liveValues: (hostId: number) => LiveValue[];
  /** The service's SLOs, which become its default guardrails. */
  slos: () => readonly { name: string; spec: SloSpec | null }[];
  /** The alert pipeline (the same intake every source feeds). */
  alerts: { receive(alerts: readonly IncomingAlert[]): unknown };
  /** Opens the governed change record for a shipped variant; returns its id. */
  proposeShip?: (request: ShipRequest, by: ActionActor) => number;
}

export class ExperimentService {
  /** Experiments being started, evaluated or stopped now: one action round at a time each. */
  private readonly busy = new Set<number>();

  constructor(private readonly options: ExperimentServiceOptions) {}

  list(): Experiment[] {
    return listExperiments(this.options.store());
  }

  get(id: number): Experiment {
    const found = findExperiment(this.options.store(), id);
    if (!found) throw new DomainError('NOT_FOUND', `There is no experiment ${id}.`);
    return found;
  }

  sampleSize(plan: Parameters<typeof sampleSizePerArm>[0]): number {
    try {
      return sampleSizePerArm(plan);
    } catch (error) {
      throw new DomainError('BAD_REQUEST', error instanceof Error ? error.message : String(error));
    }
  }

  create(plan: ExperimentPlan, by: ActionActor): Experiment {
    const db = this.options.store();
    const now = this.options.clock.now();
    const guardrails = plan.guardrails ?? defaultGuardrails(plan.model, this.options.slos());
    const minSampleSize = this.sampleSize({ primaryMetric: plan.primaryMetric, ...plan.power });
    const id = db.transaction(() => {
      const created = insertExperiment(
        db,
        { ...plan, guardrails, minSampleSize },
        by.username,
        now.getTime(),
      );
      auditBy(
        db,
        by,
        {
          action: 'experiment.create',
          target: `experiment:${created}`,
          outcome: 'success',
          details: { ...plan, guardrails, minSampleSize },
        },
        now,
      );
      return created;
    })();
    this.changed(id);
    return this.get(id);
  }

  /** Applies the split on every host that serves the model (each must run the control). */
  async start(id: number, by: ActionActor): Promise<Experiment> {
    const experiment = this.get(id);
    if (experiment.status !== 'draft')
      throw new DomainError(
        'CONFLICT',
        `Experiment ${id} is ${experiment.status}; only a draft starts.`,
      );
    const db = this.options.store();
    const serving = currentVersions(db, experiment.model);
    if (serving.length === 0)
      throw new DomainError('CONFLICT', `No host reports serving ${experiment.model}.`);
    const others = serving.filter((s) => s.version !== experiment.control);
    if (others.length > 0)
      throw new DomainError(
        'CONFLICT',
        `Every host must run the control ${experiment.control} first: ${others.map((o) => `${o.hostName} runs ${o.version}`).join(', ')}.`,
      );
    if (runningExperiments(db).some((e) => e.model === experiment.model))
      throw new DomainError('CONFLICT', `Another experiment is running on ${experiment.model}.`);
    return this.exclusive(id, async () => {
      const applied: typeof serving = [];
      try {
        for (const host of serving) {
          await this.split(host.hostId, experiment, experiment.variantPercent, by);
          applied.push(host);
        }
      } catch (error) {
        // All or nothing: hosts already split go back to control.
        for (const host of applied)
          await this.split(host.hostId, experiment, 0, by).catch(() => {});
        throw error;
      }
      const now = this.options.clock.now();
      db.transaction(() => {
        markStarted(
          db,
          id,
          serving.map((s) => s.hostName),
          by.username,
          now.getTime(),
        );
        auditBy(
          db,
          by,
          {
            action: 'experiment.start',
            target: `experiment:${id}`,
            outcome: 'success',
            details: {
              model: experiment.model,
              control: experiment.control,
              variant: experiment.variant,
              variantPercent: experiment.variantPercent,
              hosts: serving.map((s) => s.hostName),
            },
          },
          now,
        );
      })();
      this.changed(id);
      return this.get(id);
    });
  }

  /** A person stops it: traffic goes back to control on every host. */
  async stop(id: number, reason: string, by: ActionActor): Promise<Experiment> {
    const experiment = this.get(id);
    if (experiment.status !== 'running')
      throw new DomainError('CONFLICT', `Experiment ${id} is ${experiment.status}, not running.`);
    return this.exclusive(id, () => this.end(experiment, 'operator', reason, by, 'stopped'));
  }

  /**
   * Reads every running experiment's arms and analyses them; stops one whose guardrail is breached or
   * whose split does not match the plan (SRM). Called after new telemetry and on the console's tick.
   */
  async evaluate(): Promise<void> {
    for (const experiment of runningExperiments(this.options.store())) {
      if (this.busy.has(experiment.id)) continue;
      await this.exclusive(experiment.id, () => this.evaluateOne(experiment)).catch(
        (error: unknown) =>
          this.options.logger.error('experiments: evaluation failed', {
            experiment: experiment.id,
            error: String(error),
          }),
      );
    }
  }

  async decide(
    id: number,
    decision: ExperimentDecisionKind,
    reason: string,
    by: ActionActor,
  ): Promise<Experiment> {
    const experiment = this.get(id);
    if (experiment.status === 'draft')
      throw new DomainError(
        'CONFLICT',
        `Experiment ${id} has not started; there is nothing to decide.`,
      );
    if (experiment.decision && experiment.decision.kind !== 'continue')
      throw new DomainError(
        'CONFLICT',
        `Experiment ${id} was already decided: ${experiment.decision.kind}.`,
      );
    if (decision === 'ship') this.assertShippable(experiment);
    if (decision === 'continue' && experiment.status !== 'running')
      throw new DomainError(
        'CONFLICT',
        `Experiment ${id} is ${experiment.status}; it cannot continue.`,
      );
    return this.exclusive(id, async () => {
      const changeId =
        decision === 'ship' && this.options.proposeShip
          ? this.options.proposeShip({ experiment, reason }, by)
          : null;
      if (decision !== 'continue' && experiment.status === 'running')
        await this.end(experiment, null, null, by, 'completed');
      const db = this.options.store();
      const now = this.options.clock.now();
      db.transaction(() => {
        putDecision(db, id, { kind: decision, reason, by: by.username, changeId }, now.getTime());
        auditBy(
          db,
          by,
          {
            action: 'experiment.decide',
            target: `experiment:${id}`,
            outcome: 'success',
            details: { decision, reason, changeId, variant: experiment.variant },
          },
          now,
        );
      })();
      this.changed(id);
      return this.get(id);
    });
  }

  private assertShippable(experiment: Experiment): void {
    const analysis = experiment.analysis;
    if (experiment.stopKind === 'guardrail' || experiment.stopKind === 'srm')
      throw new DomainError(
        'CONFLICT',
        `The variant cannot ship: the experiment was stopped. ${experiment.stopReason ?? ''}`.trim(),
      );
    if (analysis?.srm?.isMismatch)
      throw new DomainError(
        'CONFLICT',
        'The variant cannot ship: the traffic split does not match the plan (SRM).',
      );
    const units = Math.min(analysis?.units.control ?? 0, analysis?.units.variant ?? 0);
    if (units < experiment.minSampleSize)
      throw new DomainError(
        'CONFLICT',
        `The variant cannot ship yet: ${units} of the ${experiment.minSampleSize} units per arm the plan needs.`,
      );
  }

  private async evaluateOne(experiment: Experiment): Promise<void> {
    const db = this.options.store();
    const serving = currentVersions(db, experiment.model).filter((s) =>
      experiment.hosts.includes(s.hostName),
    );
    const arms = readArms(
      serving.map((s) => this.options.liveValues(s.hostId)),
      experiment,
      Date.parse(experiment.startedAt!),
    );
    if (arms.splitHosts === 0) return;
    const analysis = analyseExperiment({
      control: arms.control,
      variant: arms.variant,
      variantPercent: experiment.variantPercent,
      guardrails: experiment.guardrails,
      alpha: experiment.power.alpha,
      driftScore: arms.driftScore,
    });
    putAnalysis(db, experiment.id, analysis, this.options.clock.now().getTime());
    const breached = analysis.guardrails.filter((g) => g.isBreached);
    if (analysis.srm?.isMismatch) {
      await this.end(experiment, 'srm', srmReason(analysis), EXPERIMENTS_SYSTEM_ACTOR, 'stopped');
    } else if (breached.length > 0) {
      const reason = breachReason(breached);
      await this.end(experiment, 'guardrail', reason, EXPERIMENTS_SYSTEM_ACTOR, 'stopped');
    } else this.changed(experiment.id);
  }

  /** Ends the split on every host (all traffic on control), records why, alerts on an automatic stop. */
  private async end(
    experiment: Experiment,
    stopKind: Experiment['stopKind'],
    reason: string | null,
    by: ActionActor,
    status: 'stopped' | 'completed',
  ): Promise<Experiment> {
    const db = this.options.store();
    const failures: string[] = [];
    for (const host of currentVersions(db, experiment.model)) {
      if (!experiment.hosts.includes(host.hostName)) continue;
      try {
        await this.split(host.hostId, experiment, 0, by);
      } catch (error) {
        failures.push(
          `${host.hostName}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    const now = this.options.clock.now();
    const isRolledBack = failures.length === 0;
    db.transaction(() => {
      markEnded(db, experiment.id, {
        status,
        stopKind,
        stopReason: reason,
        isRolledBack,
        atMs: now.getTime(),
      });
      auditBy(
        db,
        by,
        {
          action: 'experiment.stop',
          target: `experiment:${experiment.id}`,
          outcome: isRolledBack ? 'success' : 'failure',
          details: {
            stopKind,
            reason,
            status,
            isRolledBack,
            failures,
            control: experiment.control,
          },
        },
        now,
      );
    })();
    if (stopKind === 'guardrail' || stopKind === 'srm')
      this.options.alerts.receive([stopAlert(experiment, stopKind, reason!, isRolledBack, now)]);
    this.changed(experiment.id);
    return this.get(experiment.id);
  }

  private async split(
    hostId: number,
    experiment: Experiment,
    variantPercent: number,
    by: ActionActor,
  ): Promise<void> {
    const result = await this.options.runAction(
      {
        hostId,
        action: SPLIT_ACTION,
        params: {
          model: experiment.model,
          control: experiment.control,
          variant: experiment.variant,
          variant_percent: variantPercent,
        },
      },
      by,
    );
    if (result.status !== 'ok')
      throw new DomainError(
        'CONFLICT',
        `${SPLIT_ACTION} ${result.status}: ${result.reason ?? result.output.trim()}`,
      );
  }

  private async exclusive<T>(id: number, work: () => Promise<T>): Promise<T> {
    if (this.busy.has(id))
      throw new DomainError('CONFLICT', `Experiment ${id} is changing now; try again in a moment.`);
    this.busy.add(id);
    try {
      return await work();
    } finally {
      this.busy.delete(id);
    }
  }

  private changed(id: number): void {
    this.options.events.emit('experiments.changed', { id });
  }
}
