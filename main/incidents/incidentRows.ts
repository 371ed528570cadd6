// Incident rows and their mapping to the contract's shapes (target clocks computed at read time).
import {
  clockView,
  type ClockInput,
  type IncidentCategory,
  type IncidentState,
  type Level,
  type Priority,
  type Targets,
} from '../../shared/domain/incidents/index.ts';
import type { IncidentSummary } from '../../shared/ipc/incidentSchemas.ts';

export type IncidentRow = {
  id: number;
  title: string;
  state: IncidentState;
  impact: Level;
  urgency: Level;
  priority: Priority;
  category: IncidentCategory;
  service: string | null;
  cluster: string | null;
  group_key: string;
  is_major: number;
  is_drill: number;
  detected_at: number;
  opened_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  respond_elapsed_ms: number | null;
  resolved_at: number | null;
  resolve_elapsed_ms: number | null;
  respond_warned: number;
  resolve_warned: number;
  closed_at: number | null;
  hold_ms: number;
  hold_since: number | null;
  updated_at: number;
};

/** The summary query adds these to each row. */
export type IncidentListRow = IncidentRow & {
  alert_count: number;
  firing_count: number;
  commander: string | null;
};

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function clockOf(row: IncidentRow): ClockInput {
  return { openedAtMs: row.opened_at, holdMs: row.hold_ms, holdSinceMs: row.hold_since };
}

function clock(view: ReturnType<typeof clockView>) {
  return {
    status: view.status,
    elapsedMs: view.elapsedMs,
    targetMs: view.targetMs,
    dueAt: view.dueAtMs === null ? null : iso(view.dueAtMs),
  };
}

export function rowToSummary(
  row: IncidentListRow,
  targets: Targets,
  nowMs: number,
): IncidentSummary {
  const target = targets[row.priority];
  // Canceled and closed incidents no longer run clocks: freeze them where they stopped.
  const isStopped = row.state === 'canceled' || row.state === 'closed';
  const stopAt = row.closed_at ?? row.updated_at;
  const respondStop =
    row.respond_elapsed_ms ?? (isStopped ? stopAt - row.opened_at - row.hold_ms : null);
  const resolveStop =
    row.resolve_elapsed_ms ?? (isStopped ? stopAt - row.opened_at - row.hold_ms : null);
  return {
    id: row.id,
    title: row.title,
    state: row.state,
    priority: row.priority,
    impact: row.impact,
    urgency: row.urgency,
    category: row.category,
    service: row.service,
    cluster: row.cluster,
    isMajor: row.is_major === 1,
    isDrill: row.is_drill === 1,
    detectedAt: iso(row.detected_at),
    openedAt: iso(row.opened_at),
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    resolvedAt: isoOrNull(row.resolved_at),
    closedAt: isoOrNull(row.closed_at),
    updatedAt: iso(row.updated_at),
    alertCount: row.alert_count,
    firingAlertCount: row.firing_count,
    commander: row.commander,
    respond: clock(clockView(clockOf(row), target.respondMinutes, respondStop, nowMs)),
    resolve: clock(clockView(clockOf(row), target.resolveMinutes, resolveStop, nowMs)),
  };
}
