// The alert sources besides SLOs and Alertmanager: GPU health and Xid errors, host and agent state,
// telemetry gaps and failing scrapes, operators' threshold rules, and model-quality anomalies. Every
// tick evaluates them all against the fleet's latest readings; what started to hold is sent to the
// pipeline as firing, what stopped as resolved. The alerts sent as firing are kept in the store, so
// after a restart those whose condition cleared meanwhile are still resolved.
import type { IncomingAlert } from '../../../shared/domain/incidents/index.ts';
import type { Clock } from '../../core/clock.ts';
import type { FleetService } from '../../fleet/service.ts';
import type { Logger } from '../../log.ts';
import type { WritableDb } from '../../store/types.ts';
import { deleteActiveAlert, loadActiveAlerts, saveActiveAlert } from './activeAlerts.ts';
import { AgentEventAlerts } from './agentEventAlerts.ts';
import {
  DEFAULT_ALERT_SOURCES_CONFIG,
  type AlertSourcesConfig,
  type Evaluation,
  type SourceEvaluator,
} from './evaluation.ts';
import { fleetView } from './fleetView.ts';
import { GpuAlerts } from './gpuAlerts.ts';
import { HostAlerts } from './hostAlerts.ts';
import { ModelQualityAlerts } from './modelQualityAlerts.ts';
import { ThresholdAlerts } from './thresholdAlerts.ts';

export type { AlertSourcesConfig } from './evaluation.ts';
export { AlertRuleService } from './ruleService.ts';

/** Where alerts go: the incident pipeline (dedupe, silences, flapping, grouping). */
export interface AlertReceiver {
  receive(alerts: readonly IncomingAlert[]): unknown;
}

export interface AlertSourcesOptions {
  store: () => WritableDb;
  clock: Clock;
  logger: Logger;
  /** Read only: hosts, their connection state and latest readings. */
  fleet: FleetService;
  pipeline: AlertReceiver;
  config?: Partial<AlertSourcesConfig>;
}

/** State tied to one open store: evaluators remember per-series conditions of that store's fleet. */
interface Session {
  db: WritableDb;
  startedAtMs: number;
  evaluators: SourceEvaluator[];
  /** Sent as firing and not yet resolved, by fingerprint. */
  active: Map<string, IncomingAlert>;
  /** Open before this start and not yet confirmed by an evaluation. */
  restored: Set<string>;
}

export class AlertSources {
  readonly config: AlertSourcesConfig;
  private session: Session | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: AlertSourcesOptions) {
    this.config = { ...DEFAULT_ALERT_SOURCES_CONFIG, ...options.config };
  }

  start(): void {
    if (this.timer) return;
    const run = () => {
      try {
        this.options.store();
      } catch {
        return; // the store is locked: nothing to evaluate
      }
      try {
        this.tick(this.options.clock.now().getTime());
      } catch (error) {
        this.options.logger.error('alert sources: evaluation failed', { error: String(error) });
      }
    };
    this.timer = setInterval(run, this.config.evaluateEveryMs);
    this.timer.unref();
    run();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.session = null;
  }

  /** Evaluates every source once at `nowMs`; returns what was sent to the pipeline. */
  tick(nowMs: number): IncomingAlert[] {
    const session = this.sessionFor(this.options.store(), nowMs);
    const { db, active, restored } = session;
    const evaluation: Evaluation = {
      db,
      nowMs,
      config: this.config,
      hosts: fleetView(db, this.options.fleet),
      activeSince: (fingerprint) => active.get(fingerprint)?.startsAtMs,
    };
    const holding = new Map<string, IncomingAlert>();
    for (const evaluator of session.evaluators)
      for (const alert of evaluator.evaluate(evaluation)) holding.set(alert.fingerprint, alert);

    const outgoing: IncomingAlert[] = [];
    for (const [fingerprint, alert] of holding) {
      restored.delete(fingerprint);
      const known = active.get(fingerprint);
      // Re-stated only when new or its severity moved: a summary's changing figure is not news.
      if (!known || known.severity !== alert.severity)
        outgoing.push(known ? { ...alert, startsAtMs: known.startsAtMs } : alert);
    }
    const isGrace = nowMs - session.startedAtMs < this.config.startGraceMs;
    for (const [fingerprint, known] of active) {
      if (holding.has(fingerprint) || (isGrace && restored.has(fingerprint))) continue;
      outgoing.push({ ...known, status: 'resolved', endsAtMs: nowMs });
    }
    if (outgoing.length === 0) return outgoing;
    // The pipeline's changes and our record of what it was told commit together.
    db.transaction(() => {
      this.options.pipeline.receive(outgoing);
      for (const alert of outgoing)
        if (alert.status === 'firing') saveActiveAlert(db, alert, nowMs);
        else deleteActiveAlert(db, alert.fingerprint);
    })();
    for (const alert of outgoing) {
      if (alert.status === 'firing') active.set(alert.fingerprint, alert);
      else {
        active.delete(alert.fingerprint);
        restored.delete(alert.fingerprint);
      }
    }
    return outgoing;
  }

  private sessionFor(db: WritableDb, nowMs: number): Session {
    if (this.session?.db === db) return this.session;
    const active = new Map(loadActiveAlerts(db).map((a) => [a.fingerprint, a]));
    this.session = {
      db,
      startedAtMs: nowMs,
      evaluators: [
        new HostAlerts(),
        new GpuAlerts(),
        new AgentEventAlerts(),
        new ThresholdAlerts(),
        new ModelQualityAlerts(),
      ],
      active,
      restored: new Set(active.keys()),
    };
    return this.session;
  }
}
