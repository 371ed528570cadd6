// One pipeline for alerts from every source: dedupe by fingerprint, silence, suppress flapping,
// group into incidents (opening, joining or reopening one), resolve. One transaction per batch; the
// incident side effects (audit, timeline) commit with it, and subscribers hear after the commit.
import {
  categoryFor,
  groupKeyFor,
  priorityFor,
  routingLabels,
  suggestPriority,
  type IncomingAlert,
} from '../../shared/domain/incidents/index.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { appendAudit } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import type { WritableDb } from '../store/types.ts';
import {
  countResolvedSince,
  findOpenAlert,
  firingAlertsOf,
  insertAlert,
  resolveAlert,
  touchAlert,
} from './alertRepository.ts';
import type { IncidentChanges } from './changes.ts';
import {
  addTimelineEntry,
  findOpenByGroup,
  findRecentlyResolved,
  getIncident,
  insertIncident,
  updateIncident,
} from './incidentRepository.ts';
import { markSuspectVersions } from './modelSuspects.ts';
import { serviceContext, type SloSummaries } from './serviceContext.ts';
import { matchingSilence } from './silenceRepository.ts';

export const SYSTEM_ACTOR = { username: 'system:incidents', role: 'system' } as const;

export interface PipelineConfig {
  /** An alert that resolved this many times within the window is flapping: suppressed, not paged. */
  flapCount: number;
  flapWindowMs: number;
  /** A recurrence within this long of an incident's resolution reopens it instead of opening another. */
  reopenWindowMs: number;
  /** Resolve an incident once every alert in it has resolved. */
  isAutoResolve: boolean;
  /**
   * The console is a drill's workspace: every incident is a drill incident (marked DRILL in views and
   * pages, never counted in MTTx), whatever its alerts' labels say.
   */
  isDrillWorkspace: boolean;
}

export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = {
  flapCount: 3,
  flapWindowMs: 30 * MINUTE_MS,
  reopenWindowMs: 60 * MINUTE_MS,
  isAutoResolve: true,
  isDrillWorkspace: false,
};

export interface ReceiveResult {
  alertIds: number[];
  incidentIds: number[];
  /** Incidents this batch opened (escalation starts paging them). */
  openedIncidentIds: number[];
}

export interface AlertPipelineOptions {
  store: () => WritableDb;
  clock: Clock;
  changes: IncidentChanges;
  sloSummaries: SloSummaries;
  config?: Partial<PipelineConfig>;
}

export class AlertPipeline {
  readonly config: PipelineConfig;

  constructor(private readonly options: AlertPipelineOptions) {
    this.config = { ...DEFAULT_PIPELINE_CONFIG, ...options.config };
  }

  receive(alerts: readonly IncomingAlert[]): ReceiveResult {
    const result: ReceiveResult = { alertIds: [], incidentIds: [], openedIncidentIds: [] };
    if (alerts.length === 0) return result;
    const db = this.options.store();
    const now = this.options.clock.now();
    const nowMs = now.getTime();
    db.transaction(() => {
      for (const alert of alerts) {
        const touched =
          alert.status === 'resolved'
            ? this.resolve(db, alert, nowMs)
            : this.fire(db, alert, now, result);
        if (!touched) continue;
        result.alertIds.push(touched.alertId);
        if (touched.incidentId !== null && !result.incidentIds.includes(touched.incidentId))
          result.incidentIds.push(touched.incidentId);
      }
    })();
    if (result.alertIds.length > 0) this.options.changes.note(result.incidentIds, true);
    return result;
  }

  private resolve(db: WritableDb, alert: IncomingAlert, nowMs: number) {
    const open = findOpenAlert(db, alert.fingerprint);
    if (!open) return null; // a redelivered resolution: nothing left to do
    const endedMs = Math.min(alert.endsAtMs ?? nowMs, nowMs);
    resolveAlert(db, open.id, endedMs, nowMs);
    if (open.incident_id !== null) {
      addTimelineEntry(db, open.incident_id, {
        atMs: nowMs,
        kind: 'alert',
        actor: null,
        text: `Alert resolved: ${open.summary}`,
        details: {
          alertId: open.id,
          fingerprint: open.fingerprint,
          source: open.source,
          state: 'resolved',
        },
      });
      this.resolveIfQuiet(db, open.incident_id, nowMs);
    }
    return { alertId: open.id, incidentId: open.incident_id };
  }

  private resolveIfQuiet(db: WritableDb, incidentId: number, nowMs: number): void {
    if (!this.config.isAutoResolve || firingAlertsOf(db, incidentId) > 0) return;
    const incident = getIncident(db, incidentId);
    if (!incident || !['new', 'in_progress', 'on_hold'].includes(incident.state)) return;
    const holdMs =
      incident.hold_ms + (incident.hold_since === null ? 0 : nowMs - incident.hold_since);
    updateIncident(
      db,
      incidentId,
      {
        state: 'resolved',
        resolved_at: nowMs,
        resolve_elapsed_ms: Math.max(0, nowMs - incident.opened_at - holdMs),
        // Nobody acknowledged it: the response clock stops where the incident ended.
        respond_elapsed_ms:
          incident.respond_elapsed_ms ?? Math.max(0, nowMs - incident.opened_at - holdMs),
        hold_ms: holdMs,
        hold_since: null,
      },
      nowMs,
    );
    addTimelineEntry(db, incidentId, {
      atMs: nowMs,
      kind: 'state',
      actor: SYSTEM_ACTOR.username,
      text: `Resolved: every alert in the incident has resolved (was ${incident.state}).`,
      details: { from: incident.state, to: 'resolved', isAutomatic: true },
    });
    appendAudit(
      db,
      {
        actor: SYSTEM_ACTOR.username,
        role: SYSTEM_ACTOR.role,
        action: 'incident.transition',
        target: `incident:${incidentId}`,
        outcome: 'success',
        details: { from: incident.state, to: 'resolved', reason: 'all alerts resolved' },
      },
      new Date(nowMs),
    );
  }

  private fire(db: WritableDb, alert: IncomingAlert, now: Date, result: ReceiveResult) {
    const nowMs = now.getTime();
    const open = findOpenAlert(db, alert.fingerprint);
    if (open) {
      // Redelivery, or the source re-stating a condition that still holds.
      touchAlert(db, open.id, alert.summary, nowMs);
      return null;
    }
    const labels = routingLabels(alert);
    const silenceId = matchingSilence(db, labels, nowMs);
    const isFlapping =
      countResolvedSince(db, alert.fingerprint, nowMs - this.config.flapWindowMs) >=
      this.config.flapCount;
    const isDrill = this.config.isDrillWorkspace || labels.drill !== undefined;
    const groupKey = groupKeyFor(labels, alert.rule);
    let incidentId: number | null = null;
    if (silenceId === null && !isFlapping) {
      incidentId = this.incidentFor(db, alert, labels, groupKey, isDrill, now, result);
    } else {
      // A suppressed alert still shows on the incident it would have joined, without paging anyone.
      incidentId = findOpenByGroup(db, groupKey, isDrill)?.id ?? null;
    }
    const alertId = insertAlert(db, {
      alert,
      state: silenceId === null && !isFlapping ? 'firing' : 'suppressed',
      labels,
      incidentId,
      silenceId,
      isFlapping,
      nowMs,
    });
    if (incidentId !== null) {
      const why = silenceId !== null ? ' (silenced)' : isFlapping ? ' (flapping: suppressed)' : '';
      addTimelineEntry(db, incidentId, {
        atMs: nowMs,
        kind: 'alert',
        actor: null,
        text: `Alert firing${why}: ${alert.summary}`,
        details: {
          alertId,
          fingerprint: alert.fingerprint,
          source: alert.source,
          rule: alert.rule,
          severity: alert.severity,
          state: silenceId === null && !isFlapping ? 'firing' : 'suppressed',
        },
      });
    }
    return { alertId, incidentId };
  }

  private incidentFor(
    db: WritableDb,
    alert: IncomingAlert,
    labels: Record<string, string>,
    groupKey: string,
    isDrill: boolean,
    now: Date,
    result: ReceiveResult,
  ): number {
    const nowMs = now.getTime();
    const joined = findOpenByGroup(db, groupKey, isDrill);
    if (joined) {
      if (alert.startsAtMs < joined.detected_at)
        updateIncident(db, joined.id, { detected_at: alert.startsAtMs }, nowMs);
      return joined.id;
    }
    const recurred = findRecentlyResolved(
      db,
      groupKey,
      nowMs - this.config.reopenWindowMs,
      isDrill,
    );
    if (recurred) {
      updateIncident(
        db,
        recurred.id,
        { state: 'in_progress', resolved_at: null, resolve_elapsed_ms: null, resolve_warned: 0 },
        nowMs,
      );
      addTimelineEntry(db, recurred.id, {
        atMs: nowMs,
        kind: 'state',
        actor: SYSTEM_ACTOR.username,
        text: `Reopened: the problem came back (${alert.summary}).`,
        details: { from: 'resolved', to: 'in_progress', isAutomatic: true },
      });
      appendAudit(
        db,
        {
          actor: SYSTEM_ACTOR.username,
          role: SYSTEM_ACTOR.role,
          action: 'incident.transition',
          target: `incident:${recurred.id}`,
          outcome: 'success',
          details: {
            from: 'resolved',
            to: 'in_progress',
            reason: 'alert recurred',
            fingerprint: alert.fingerprint,
          },
        },
        now,
      );
      return recurred.id;
    }
    const service = labels.service ?? labels.model ?? null;
    const context = serviceContext(db, this.options.sloSummaries(), service);
    const suggestion = suggestPriority({
      severity: alert.severity,
      slas: context.slas,
      timeToExhaustionMinutes: context.timeToExhaustionMinutes,
      breadth: 1,
    });
    const priority = priorityFor(suggestion.impact, suggestion.urgency);
    const id = insertIncident(db, {
      title: alert.summary.slice(0, 200) || alert.rule,
      impact: suggestion.impact,
      urgency: suggestion.urgency,
      priority,
      category: categoryFor(alert.source, alert.rule, labels),
      service,
      cluster: labels.cluster ?? null,
      groupKey,
      detectedAtMs: Math.min(alert.startsAtMs, nowMs),
      openedAtMs: nowMs,
      isDrill,
    });
    addTimelineEntry(db, id, {
      atMs: nowMs,
      kind: 'opened',
      actor: SYSTEM_ACTOR.username,
      text: `Opened as ${priority} from the ${alert.source} alert ${alert.rule}.`,
      details: {
        priority,
        impact: suggestion.impact,
        urgency: suggestion.urgency,
        reasons: suggestion.reasons,
      },
    });
    appendAudit(
      db,
      {
        actor: SYSTEM_ACTOR.username,
        role: SYSTEM_ACTOR.role,
        action: 'incident.open',
        target: `incident:${id}`,
        outcome: 'success',
        details: {
          priority,
          source: alert.source,
          rule: alert.rule,
          fingerprint: alert.fingerprint,
          groupKey,
        },
      },
      now,
    );
    markSuspectVersions(db, {
      incidentId: id,
      labels,
      startedAtMs: alert.startsAtMs,
      now,
      by: SYSTEM_ACTOR,
    });
    result.openedIncidentIds.push(id);
    return id;
  }
}
