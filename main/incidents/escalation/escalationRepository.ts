// What the escalator reads and writes: open incidents with their escalation progress, the progress
// rows, and the timeline entries it adds.
import type { Priority } from '../../../shared/domain/incidents/index.ts';
import { all, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/db.ts';
import { addTimelineEntry } from '../incidentRepository.ts';

export interface OpenIncident {
  id: number;
  title: string;
  priority: Priority;
  category: string;
  service: string | null;
  openedAtMs: number;
  acknowledgedAtMs: number | null;
  acknowledgedBy: string | null;
  respondElapsedMs: number | null;
  holdMs: number;
  holdSinceMs: number | null;
  isRespondWarned: boolean;
  isResolveWarned: boolean;
  /** Null until the escalator first looks at the incident. */
  escalation: EscalationProgress | null;
}

export interface EscalationProgress {
  policyId: number | null;
  /** The priority the policy was chosen for; a change of priority chooses again. */
  priority: Priority;
  /** The next step to page. */
  tier: number;
  repeat: number;
  /** When the next step is due; null once the chain has ended (or no policy applies). */
  nextAtMs: number | null;
  /** The tier paged last (the "current" tier), null before the first page. */
  pagedTier: number | null;
}

interface OpenRow {
  id: number;
  title: string;
  priority: Priority;
  category: string;
  service: string | null;
  opened_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  respond_elapsed_ms: number | null;
  hold_ms: number;
  hold_since: number | null;
  respond_warned: number;
  resolve_warned: number;
  e_policy_id: number | null;
  e_priority: Priority | null;
  e_tier: number | null;
  e_repeat: number | null;
  e_next_at: number | null;
  e_paged_tier: number | null;
}

/** Incidents still being worked (New, In Progress, On Hold), oldest first. */
export function openIncidents(db: ReadableDb): OpenIncident[] {
  const rows = all<OpenRow>(
    db,
    sql`SELECT i.id, i.title, i.priority, i.category, i.service, i.opened_at, i.acknowledged_at,
          i.acknowledged_by, i.respond_elapsed_ms, i.hold_ms, i.hold_since, i.respond_warned,
          i.resolve_warned, e.policy_id AS e_policy_id, e.priority AS e_priority, e.tier AS e_tier,
          e.repeat AS e_repeat, e.next_at AS e_next_at, e.paged_tier AS e_paged_tier
        FROM incidents i LEFT JOIN incident_escalations e ON e.incident_id = i.id
        WHERE i.state IN ('new', 'in_progress', 'on_hold')
        ORDER BY i.opened_at, i.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    priority: r.priority,
    category: r.category,
    service: r.service,
    openedAtMs: r.opened_at,
    acknowledgedAtMs: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    respondElapsedMs: r.respond_elapsed_ms,
    holdMs: r.hold_ms,
    holdSinceMs: r.hold_since,
    isRespondWarned: r.respond_warned === 1,
    isResolveWarned: r.resolve_warned === 1,
    escalation:
      r.e_priority === null
        ? null
        : {
            policyId: r.e_policy_id,
            priority: r.e_priority,
            tier: r.e_tier ?? 0,
            repeat: r.e_repeat ?? 0,
            nextAtMs: r.e_next_at,
            pagedTier: r.e_paged_tier,
          },
  }));
}

export function saveProgress(
  db: WritableDb,
  incidentId: number,
  progress: EscalationProgress,
  nowMs: number,
): void {
  run(
    db,
    sql`INSERT INTO incident_escalations (incident_id, policy_id, priority, tier, repeat, next_at, paged_tier, started_at, updated_at)
        VALUES (${incidentId}, ${progress.policyId}, ${progress.priority}, ${progress.tier}, ${progress.repeat},
                ${progress.nextAtMs}, ${progress.pagedTier}, ${nowMs}, ${nowMs})
        ON CONFLICT (incident_id) DO UPDATE SET policy_id = excluded.policy_id, priority = excluded.priority,
          tier = excluded.tier, repeat = excluded.repeat, next_at = excluded.next_at,
          paged_tier = excluded.paged_tier, updated_at = excluded.updated_at`,
  );
}

/** An escalation entry on the incident's timeline (written by the escalator, so no actor). */
export function addEscalationEntry(
  db: WritableDb,
  entry: { incidentId: number; atMs: number; text: string; details: Record<string, unknown> },
): void {
  addTimelineEntry(db, entry.incidentId, {
    atMs: entry.atMs,
    kind: 'escalation',
    actor: null,
    text: entry.text,
    details: entry.details,
  });
}

export function markWarned(db: WritableDb, incidentId: number, clock: 'respond' | 'resolve'): void {
  if (clock === 'respond')
    run(db, sql`UPDATE incidents SET respond_warned = 1 WHERE id = ${incidentId}`);
  else run(db, sql`UPDATE incidents SET resolve_warned = 1 WHERE id = ${incidentId}`);
}
