// The incident-response core over a real encrypted store at the latest schema: the alert pipeline,
// the incident service and the alert stream on a clock the test moves, sharing one event bus.
import { onTestFinished } from 'vitest';
import {
  labelsFingerprint,
  type IncomingAlert,
  type Level,
} from '../../../shared/domain/incidents/index.ts';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import type { SloSummary } from '../../../shared/ipc/sloSchemas.ts';
import type { AuditEntry } from '../../../main/audit/index.ts';
import { listAudit } from '../../../main/audit/index.ts';
import { DomainError } from '../../../main/core/errors.ts';
import { EventBus } from '../../../main/core/events.ts';
import { insertOperator } from '../../../main/identity/operatorRepository.ts';
import { AlertStreamService } from '../../../main/incidents/alertStreamService.ts';
import { IncidentChanges } from '../../../main/incidents/changes.ts';
import type { Actor } from '../../../main/incidents/incidentService.ts';
import { IncidentService } from '../../../main/incidents/incidentService.ts';
import { AlertPipeline, type PipelineConfig } from '../../../main/incidents/pipeline.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import { all, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { TestClock } from '../../helpers/console.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const COMMANDER: Actor = { username: 'omar', role: 'incident_commander' };
export const RESPONDER: Actor = { username: 'amal', role: 'operator' };

export interface IncidentSite {
  db: WritableDb;
  clock: TestClock;
  events: EventBus;
  changes: IncidentChanges;
  pipeline: AlertPipeline;
  incidents: IncidentService;
  stream: AlertStreamService;
  /** SLO summaries the pipeline and service see (what the SLO evaluator last reported). */
  sloSummaries: SloSummary[];
  nowMs(): number;
  /** Sends one alert through the pipeline as a source would deliver it. */
  send(alert: IncomingAlert): ReturnType<AlertPipeline['receive']>;
  /** The pipeline's row for an alert id, as the alert stream lists it. */
  alert(id: number): ReturnType<AlertStreamService['list']>[number];
  timeline(incidentId: number): { kind: string; actor: string | null; text: string }[];
  /** Audit entries with this action, oldest first. */
  audit(action: string): AuditEntry[];
  /** Resolves with the next event of that name that passes the check. */
  nextEvent<E extends EventName>(
    name: E,
    check?: (payload: EventPayload<E>) => boolean,
  ): Promise<EventPayload<E>>;
}

export function setUpIncidents(config: Partial<PipelineConfig> = {}): IncidentSite {
  const db = newEncryptedDb(tempDir());
  migrate(db);
  onTestFinished(() => {
    db.close();
  });
  const clock = new TestClock();
  const events = new EventBus();
  const sloSummaries: SloSummary[] = [];
  const changes = new IncidentChanges(events, () => db);
  const pipeline = new AlertPipeline({
    store: () => db,
    clock,
    changes,
    sloSummaries: () => sloSummaries,
    config,
  });
  const incidents = new IncidentService({
    store: () => db,
    clock,
    changes,
    sloSummaries: () => sloSummaries,
    timeZone: () => 'Asia/Dubai',
  });
  const stream = new AlertStreamService({ store: () => db, clock, changes, pipeline });
  for (const actor of [COMMANDER, RESPONDER])
    insertOperator(
      db,
      {
        username: actor.username,
        displayName: actor.username.toUpperCase(),
        role: actor.role === 'operator' ? 'operator' : 'incident_commander',
        passwordHash: 'not-used',
      },
      clock.now(),
    );
  return {
    db,
    clock,
    events,
    changes,
    pipeline,
    incidents,
    stream,
    sloSummaries,
    nowMs: () => clock.now().getTime(),
    send: (alert) => pipeline.receive([alert]),
    alert(id) {
      const found = stream.list({ limit: 100_000 }).find((a) => a.id === id);
      if (!found) throw new Error(`alert ${id} is not in the stream`);
      return found;
    },
    timeline: (incidentId) =>
      all<{ kind: string; actor: string | null; text: string }>(
        db,
        sql`SELECT kind, actor, text FROM incident_timeline WHERE incident_id = ${incidentId} ORDER BY at, id`,
      ),
    audit: (action) => listAudit(db, { action, limit: 1000 }).entries.reverse(),
    nextEvent<E extends EventName>(
      name: E,
      check: (payload: EventPayload<E>) => boolean = () => true,
    ): Promise<EventPayload<E>> {
      const wanted: EventName = name;
      return new Promise((resolve) => {
        const stop = events.on((event, payload) => {
          if (event !== wanted) return;
          const heard = payload as unknown as EventPayload<E>;
          if (!check(heard)) return;
          stop();
          resolve(heard);
        });
      });
    },
  };
}

/**
 * An alert as a source delivers it; its fingerprint follows its labels unless given, as
 * Alertmanager's does.
 */
export function firing(
  labels: Record<string, string>,
  overrides: Partial<IncomingAlert> = {},
): IncomingAlert {
  const rule = labels.alertname ?? 'GPUThermalThrottling';
  return {
    source: 'alertmanager',
    fingerprint: labelsFingerprint({ alertname: rule, ...labels }),
    status: 'firing',
    rule,
    severity: 'warning',
    summary: `${rule} on ${labels.service ?? labels.cluster ?? labels.host ?? 'the site'}`,
    labels: { alertname: rule, ...labels },
    startsAtMs: Date.parse('2026-11-26T05:58:00.000Z'),
    ...overrides,
  };
}

/** The resolution of an alert the source delivered before. */
export function resolved(alert: IncomingAlert, endsAtMs?: number): IncomingAlert {
  return { ...alert, status: 'resolved', ...(endsAtMs === undefined ? {} : { endsAtMs }) };
}

/** An SLO summary as the evaluator reports it, burning or not. */
export function sloSummary(
  name: string,
  model: string,
  timeToExhaustionMinutes: number | null,
): SloSummary {
  return {
    name,
    displayName: name,
    model,
    indicator: 'availability',
    objective: 0.999,
    window: '7d',
    budgetingMethod: 'Occurrences',
    status: timeToExhaustionMinutes === null ? 'ok' : 'at_risk',
    attainment: 0.9995,
    budgetRemaining: 0.4,
    burnRate: timeToExhaustionMinutes === null ? 0.5 : 14,
    timeToExhaustionMinutes,
    coverage: null,
    firingAlerts: 0,
    sparkline: [],
    error: null,
    evaluatedAt: null,
  };
}

/** The code and message of the DomainError `work` throws, so a test can read the refusal. */
export function refusal(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal, but it went through');
}

/** An incident an operator declares on llama-3-8b (P1 unless told otherwise). */
export function declareIncident(
  site: IncidentSite,
  impact: Level = 'high',
  urgency: Level = 'high',
) {
  return site.incidents.declare(
    {
      title: 'llama-3-8b answers slowly for the ministry portal',
      impact,
      urgency,
      category: 'inference_anomaly',
      service: 'llama-3-8b',
    },
    COMMANDER,
  );
}
