// A fake set of incidents, alerts and counts for the DOM tests, shaped as shared/ipc/incidentSchemas.ts says.
import type { Level } from '../../shared/domain/incidents/index.ts';
import { priorityFor } from '../../shared/domain/incidents/priority.ts';
import type {
  IncidentCounts,
  IncidentDetail,
  IncidentSummary,
  PipelineAlert,
  TimelineEntry,
} from '../../shared/ipc/contract.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';

const BASE = Date.parse('2025-03-04T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A running clock due `leftMinutes` from the real now (the queue counts from Date.now()). */
export const runningClock = (targetMinutes: number, leftMinutes: number) => ({
  status: 'running' as const,
  elapsedMs: (targetMinutes - leftMinutes) * MINUTE_MS,
  targetMs: targetMinutes * MINUTE_MS,
  dueAt: iso(Date.now() + leftMinutes * MINUTE_MS),
});

export function incident(
  id: number,
  patch: Partial<IncidentSummary> & { impact?: Level; urgency?: Level } = {},
): IncidentSummary {
  const impact = patch.impact ?? 'medium';
  const urgency = patch.urgency ?? 'medium';
  return {
    id,
    title: `Incident ${id}`,
    state: 'new',
    priority: priorityFor(impact, urgency),
    impact,
    urgency,
    category: 'other',
    service: 'fraud-scorer',
    cluster: 'gpu-a',
    isMajor: false,
    isDrill: false,
    detectedAt: iso(BASE + id * MINUTE_MS),
    openedAt: iso(BASE + id * MINUTE_MS),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: iso(BASE + id * MINUTE_MS),
    alertCount: 1,
    firingAlertCount: 1,
    commander: null,
    respond: runningClock(240, 200),
    resolve: runningClock(1440, 1400),
    ...patch,
  };
}

export function alert(id: number, patch: Partial<PipelineAlert> = {}): PipelineAlert {
  return {
    id,
    fingerprint: `fp${id}`,
    source: 'alertmanager',
    rule: 'HighLatencyP99',
    severity: 'critical',
    state: 'firing',
    summary: 'p99 latency above 300 ms',
    labels: { alertname: 'HighLatencyP99', service: 'fraud-scorer' },
    service: 'fraud-scorer',
    cluster: 'gpu-a',
    incidentId: 1,
    silenceId: null,
    isFlapping: false,
    sourceRef: null,
    startedAt: iso(BASE),
    receivedAt: iso(BASE),
    lastSeenAt: iso(BASE),
    resolvedAt: null,
    verdict: null,
    verdictBy: null,
    ...patch,
  };
}

export function entry(id: number, patch: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    id,
    at: iso(BASE + id * MINUTE_MS),
    kind: 'note',
    actor: 'operator',
    text: `Entry ${id}`,
    details: {},
    ...patch,
  };
}

export function detail(
  summary: IncidentSummary,
  patch: Partial<IncidentDetail> = {},
): IncidentDetail {
  return {
    ...summary,
    timeline: [entry(1, { kind: 'opened', actor: null, text: 'Opened from an alert' })],
    alerts: [alert(1, { incidentId: summary.id })],
    roles: [],
    team: [],
    slos: [],
    suggestion: {
      impact: 'high',
      urgency: 'medium',
      reasons: ['2 firing critical alerts on fraud-scorer'],
    },
    ...patch,
  };
}

export function countsOf(rows: readonly IncidentSummary[], firingAlerts = 0): IncidentCounts {
  const open = rows.filter((r) => ['new', 'in_progress', 'on_hold'].includes(r.state));
  const byPriority = { P1: 0, P2: 0, P3: 0, P4: 0, P5: 0 };
  for (const r of open) byPriority[r.priority] += 1;
  return { open: open.length, byPriority, firingAlerts };
}
