// The site's incident history for the incident benches: 90 days of incidents and their alerts,
// written straight into a closed store through the repositories the pipeline, the escalator and
// responders write with, from a seeded generator (the same history every run).
import { insertAlert, resolveAlert, setVerdict } from '../../main/incidents/alertRepository.ts';
import {
  addTimelineEntry,
  insertIncident,
  setRole,
  updateIncident,
  type IncidentPatch,
} from '../../main/incidents/incidentRepository.ts';
import { SYSTEM_ACTOR } from '../../main/incidents/pipeline.ts';
import { closeStore, openStore, parseRecoveryKey } from '../../main/store/db.ts';
import { run, sql } from '../../main/store/sql.ts';
import {
  AT_RISK_SHARE,
  DEFAULT_TARGETS,
  categoryFor,
  groupKeyFor,
  labelsFingerprint,
  routingLabels,
  type IncidentState,
  type IncomingAlert,
  type Priority,
} from '../../shared/domain/incidents/index.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import type { BenchConsole } from './console.ts';
import {
  alertCounts,
  type AlertKind,
  CELLS,
  CLUSTERS,
  COMMANDERS,
  DAYS,
  INCIDENTS,
  KINDS,
  PEOPLE,
  PRIORITY_WEIGHTS,
  seeded,
  SERVICES,
  SEVERITY,
} from './incidentCatalogue.ts';

// ── The site's incident history ───────────────────────────────────────────────────────────────

export interface Written {
  incidents: number;
  alerts: number;
  timeline: number;
  open: number;
  states: Map<IncidentState, number>;
  maxAlerts: number;
}

/** 90 days of incidents and their alerts, written as the pipeline, the escalator and responders write them. */
export function writeIncidentHistory(c: BenchConsole): Written {
  const db = openStore(c.dataDir, parseRecoveryKey(c.recoveryKey));
  const r = seeded(20_260_101);
  const nowMs = Date.now();
  const startMs = nowMs - DAYS * DAY_MS;
  const counts = alertCounts(r);
  const written: Written = {
    incidents: 0,
    alerts: 0,
    timeline: 0,
    open: 0,
    states: new Map(),
    maxAlerts: Math.max(...counts),
  };
  const openFingerprints = new Set<string>();
  const openGroups = new Set<string>();
  const timeline = (id: number, entry: Parameters<typeof addTimelineEntry>[2]) => {
    addTimelineEntry(db, id, entry);
    written.timeline++;
  };
  const escalation = (id: number, priority: Priority, atMs: number) => {
    // The escalator's first look: no escalation policy on this site, so nobody is paged.
    run(
      db,
      sql`INSERT INTO incident_escalations (incident_id, policy_id, priority, tier, repeat, next_at, paged_tier, started_at, updated_at)
          VALUES (${id}, NULL, ${priority}, 0, 0, NULL, NULL, ${atMs}, ${atMs})`,
    );
    timeline(id, {
      atMs,
      kind: 'escalation',
      actor: null,
      text: `No escalation policy applies to ${priority} incidents like this one; nobody is paged.`,
      details: { policyId: null, policy: null },
    });
  };

  db.transaction(() => {
    for (let i = 0; i < INCIDENTS; i++) {
      const openedAt = Math.floor(startMs + ((i + r.next()) / INCIDENTS) * DAYS * DAY_MS);
      const ageMs = nowMs - openedAt;
      const priority = r.weighted(PRIORITY_WEIGHTS);
      const [impact, urgency] = r.pick(CELLS[priority]);
      const target = DEFAULT_TARGETS[priority];
      const kind = r.weighted(KINDS.map((k) => [k, k.weight] as const));
      const cluster = r.pick(CLUSTERS);
      const service = kind.scope === 'service' ? r.pick(SERVICES) : null;
      const hostOf = () => `${cluster}-node-${String(r.int(48)).padStart(2, '0')}`;
      const labelsOf = (k: AlertKind): Record<string, string> => {
        const labels: Record<string, string> = {
          alertname: k.rule,
          severity: r.pick(SEVERITY[priority]),
          cluster,
        };
        if (service) labels.service = service;
        if (k.scope !== 'cluster') labels.host = hostOf();
        if (k.scope === 'host') labels.gpu = String(r.int(8));
        return labels;
      };

      // The lifecycle: most of the history is resolved and closed; the last days still have open work.
      let state: IncidentState;
      if (ageMs < 3 * DAY_MS)
        state =
          r.next() < 0.75 ? r.pick(['new', 'in_progress', 'in_progress', 'on_hold']) : 'resolved';
      else if (ageMs < 20 * DAY_MS && r.next() < 0.02) state = 'on_hold';
      else if (ageMs < 7 * DAY_MS)
        state = r.weighted([
          ['resolved', 80],
          ['closed', 15],
          ['canceled', 5],
        ]);
      else
        state = r.weighted([
          ['closed', 90],
          ['resolved', 7],
          ['canceled', 3],
        ]);
      const isOpen = state === 'new' || state === 'in_progress' || state === 'on_hold';
      const isAcknowledged = state !== 'new' && !(state === 'canceled' && r.next() < 0.5);
      const respondMs = Math.floor(
        target.respondMinutes * MINUTE_MS * (0.05 + r.next() * r.next() * 1.6),
      );
      const resolveMs = Math.max(
        respondMs + 5 * MINUTE_MS,
        Math.floor(target.resolveMinutes * MINUTE_MS * (0.05 + r.next() * r.next() * 1.5)),
      );
      const ackAt = isAcknowledged ? Math.min(openedAt + respondMs, nowMs - MINUTE_MS) : null;
      const resolvedAt = isOpen ? null : Math.min(openedAt + resolveMs, nowMs - MINUTE_MS);
      const closedAt =
        state === 'closed'
          ? Math.min(resolvedAt! + Math.floor(HOUR_MS * (1 + r.next() * 71)), nowMs - 1)
          : state === 'canceled'
            ? resolvedAt
            : null;
      const holdSince =
        state === 'on_hold'
          ? Math.floor((ackAt ?? openedAt) + (nowMs - (ackAt ?? openedAt)) * r.next())
          : null;

      // The first alert opens the incident, as the pipeline opens one.
      const first = labelsOf(kind);
      const firstSummary = kind.summary(first, r);
      let groupKey = groupKeyFor(first, kind.rule);
      if (isOpen && openGroups.has(groupKey)) {
        // Two open incidents never share a group: this site groups the rest by host with a label.
        first.incident_group = `${kind.rule}-${first.host ?? cluster}-${i}`;
        groupKey = groupKeyFor(first, kind.rule);
      }
      if (isOpen) openGroups.add(groupKey);
      const detectedAt = openedAt - r.int(5 * MINUTE_MS);
      const id = insertIncident(db, {
        title: firstSummary.slice(0, 200),
        impact,
        urgency,
        priority,
        category: categoryFor(kind.source, kind.rule, first),
        service,
        cluster,
        groupKey,
        detectedAtMs: detectedAt,
        openedAtMs: openedAt,
      });
      timeline(id, {
        atMs: openedAt,
        kind: 'opened',
        actor: SYSTEM_ACTOR.username,
        text: `Opened as ${priority} from the ${kind.source} alert ${kind.rule}.`,
        details: {
          priority,
          impact,
          urgency,
          reasons: [`Impact ${impact}.`, `Urgency ${urgency}.`],
        },
      });
      escalation(id, priority, openedAt);

      // Its alerts: the first, then more of the same and related ones while it is open.
      const n = counts[i]!;
      const lastAt = resolvedAt ?? nowMs - MINUTE_MS;
      const related = KINDS.filter((k) => k.scope === kind.scope);
      const firingFrom = isOpen ? (state === 'on_hold' ? n - 1 : Math.floor(n / 2)) : n;
      for (let k = 0; k < n; k++) {
        const alertKind = k === 0 ? kind : r.next() < 0.6 ? kind : r.pick(related);
        const labels = k === 0 ? first : labelsOf(alertKind);
        if (first.incident_group) labels.incident_group = first.incident_group;
        const receivedAt =
          k === 0
            ? openedAt
            : Math.floor(openedAt + (lastAt - openedAt) * (k / n) * (0.5 + r.next() * 0.5));
        const isResolved = k < firingFrom;
        // One open alert per fingerprint: a second alert on the same labels is another replica.
        let fingerprint = labelsFingerprint(labels);
        for (let replica = 1; openFingerprints.has(fingerprint); replica++) {
          labels.replica = String(replica);
          fingerprint = labelsFingerprint(labels);
        }
        const isFlapping = r.next() < 0.03;
        const summary = k === 0 ? firstSummary : alertKind.summary(labels, r);
        const alert: IncomingAlert = {
          source: alertKind.source,
          fingerprint,
          status: 'firing',
          rule: alertKind.rule,
          severity: (labels.severity ?? 'warning') as IncomingAlert['severity'],
          summary,
          labels,
          startsAtMs: receivedAt - r.int(3 * MINUTE_MS),
          ...(alertKind.source === 'alertmanager'
            ? {
                sourceRef: `http://prometheus.${cluster}.local:9090/graph?g0.expr=${alertKind.rule}`,
              }
            : alertKind.source === 'slo'
              ? { sourceRef: `slo-alert:${i}-${k}` }
              : {}),
        };
        const routed = routingLabels(alert);
        const alertState = isFlapping ? 'suppressed' : 'firing';
        const alertId = insertAlert(db, {
          alert,
          state: alertState,
          labels: routed,
          incidentId: id,
          silenceId: null,
          isFlapping,
          nowMs: receivedAt,
        });
        written.alerts++;
        timeline(id, {
          atMs: receivedAt,
          kind: 'alert',
          actor: null,
          text: `Alert firing${isFlapping ? ' (flapping: suppressed)' : ''}: ${summary}`,
          details: {
            alertId,
            fingerprint,
            source: alert.source,
            rule: alert.rule,
            severity: alert.severity,
            state: alertState,
          },
        });
        if (isResolved) {
          const endAt = Math.min(
            lastAt,
            Math.floor(receivedAt + (lastAt - receivedAt) * (0.2 + r.next() * 0.8)),
          );
          resolveAlert(db, alertId, endAt, endAt);
          timeline(id, {
            atMs: endAt,
            kind: 'alert',
            actor: null,
            text: `Alert resolved: ${summary}`,
            details: { alertId, fingerprint, source: alert.source, state: 'resolved' },
          });
          if (!isOpen && r.next() < 0.3)
            setVerdict(db, alertId, r.next() < 0.8 ? 'useful' : 'noise', r.pick(PEOPLE));
        } else {
          openFingerprints.add(fingerprint);
        }
      }

      // Responders: acknowledgement, a commander on the serious ones, hold, resolution, closure.
      const patch: IncidentPatch = {};
      let patchAt = openedAt;
      const ackBy = r.pick(PEOPLE);
      if (ackAt !== null) {
        Object.assign(patch, {
          acknowledged_at: ackAt,
          acknowledged_by: ackBy,
          respond_elapsed_ms: ackAt - openedAt,
        });
        timeline(id, {
          atMs: ackAt,
          kind: 'acknowledged',
          actor: ackBy,
          text: `Acknowledged by ${ackBy}; escalation stops.`,
        });
        patchAt = ackAt;
      }
      const respondUsed = (ackAt ?? resolvedAt ?? nowMs) - openedAt;
      if (respondUsed >= target.respondMinutes * MINUTE_MS * AT_RISK_SHARE) {
        patch.respond_warned = 1;
        timeline(id, {
          atMs: openedAt + Math.ceil(target.respondMinutes * MINUTE_MS * AT_RISK_SHARE),
          kind: 'escalation',
          actor: null,
          text: `Response target at risk: ${Math.floor(target.respondMinutes * AT_RISK_SHARE)} of ${target.respondMinutes} min used; nobody to warn.`,
          details: { warning: 'respond', status: 'at_risk' },
        });
      }
      if ((resolvedAt ?? nowMs) - openedAt >= target.resolveMinutes * MINUTE_MS * AT_RISK_SHARE) {
        patch.resolve_warned = 1;
        timeline(id, {
          atMs: openedAt + Math.ceil(target.resolveMinutes * MINUTE_MS * AT_RISK_SHARE),
          kind: 'escalation',
          actor: null,
          text: `Resolution target at risk: ${Math.floor(target.resolveMinutes * AT_RISK_SHARE)} of ${target.resolveMinutes} min used; nobody to warn.`,
          details: { warning: 'resolve', status: 'at_risk' },
        });
      }
      if ((priority === 'P1' || priority === 'P2') && ackAt !== null) {
        const commander = r.pick(COMMANDERS);
        setRole(db, id, 'commander', commander, ackAt);
        timeline(id, {
          atMs: ackAt,
          kind: 'role',
          actor: ackBy,
          text: `${commander} is incident commander.`,
          details: { role: 'commander', from: null, to: commander },
        });
        if (priority === 'P1' && r.next() < 0.3) patch.is_major = 1;
      }
      const from = ackAt === null ? 'new' : 'in_progress';
      if (state === 'on_hold') {
        Object.assign(patch, { state, hold_since: holdSince });
        timeline(id, {
          atMs: holdSince!,
          kind: 'state',
          actor: ackBy,
          text: `Moved to on_hold (was in_progress): waiting on a vendor RMA.`,
          details: { from: 'in_progress', to: 'on_hold' },
        });
        patchAt = holdSince!;
      } else if (state === 'in_progress' || (state === 'new' && ackAt !== null)) {
        patch.state = 'in_progress';
      }
      if (state === 'resolved' || state === 'closed') {
        const isAutomatic = r.next() < 0.7;
        Object.assign(patch, {
          state: 'resolved',
          resolved_at: resolvedAt,
          resolve_elapsed_ms: resolvedAt! - openedAt,
          respond_elapsed_ms: ackAt === null ? resolvedAt! - openedAt : ackAt - openedAt,
        });
        timeline(id, {
          atMs: resolvedAt!,
          kind: 'state',
          actor: isAutomatic ? SYSTEM_ACTOR.username : ackBy,
          text: isAutomatic
            ? `Resolved: every alert in the incident has resolved (was ${from}).`
            : `Moved to resolved (was ${from}): ${r.pick(['rolled back the release', 'drained and rebooted the node', 'scaled out the replicas', 'retrained on fresh data', 'replaced the GPU'])}.`,
          details: isAutomatic
            ? { from, to: 'resolved', isAutomatic: true }
            : { from, to: 'resolved' },
        });
        patchAt = resolvedAt!;
      }
      if (state === 'closed' || state === 'canceled') {
        const was = state === 'closed' ? 'resolved' : from;
        Object.assign(patch, { state, closed_at: closedAt });
        timeline(id, {
          atMs: closedAt!,
          kind: 'state',
          actor: ackBy,
          text:
            state === 'closed'
              ? `Moved to closed (was ${was}).`
              : `Moved to canceled (was ${was}): a duplicate of an earlier incident.`,
          details: { from: was, to: state },
        });
        patchAt = closedAt!;
      }
      if (Object.keys(patch).length > 0) updateIncident(db, id, patch, patchAt);
      written.incidents++;
      if (isOpen) written.open++;
      written.states.set(state, (written.states.get(state) ?? 0) + 1);
    }
  })();
  closeStore(db);
  return written;
}
