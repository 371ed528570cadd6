// The incidents table and what hangs off it: timeline, roles, team, per-priority targets.
import {
  OPEN_STATES,
  PRIORITIES,
  type IncidentCategory,
  type IncidentRole,
  type IncidentState,
  type Level,
  type Priority,
  type TeamFunction,
  type Targets,
} from '../../shared/domain/incidents/index.ts';
import type {
  IncidentCounts,
  TimelineEntry,
  TimelineKind,
} from '../../shared/ipc/incidentSchemas.ts';
import { all, get, run, sql, sqlId, sqlJoin, type SqlFragment } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { iso, type IncidentListRow, type IncidentRow } from './incidentRows.ts';

export interface NewIncident {
  title: string;
  impact: Level;
  urgency: Level;
  priority: Priority;
  category: IncidentCategory;
  service: string | null;
  cluster: string | null;
  groupKey: string;
  detectedAtMs: number;
  openedAtMs: number;
  isDrill?: boolean;
}

export function insertIncident(db: WritableDb, i: NewIncident): number {
  return Number(
    run(
      db,
      sql`INSERT INTO incidents (title, state, impact, urgency, priority, category, service, cluster, group_key,
          is_drill, detected_at, opened_at, updated_at)
        VALUES (${i.title}, 'new', ${i.impact}, ${i.urgency}, ${i.priority}, ${i.category}, ${i.service}, ${i.cluster},
          ${i.groupKey}, ${i.isDrill ? 1 : 0}, ${i.detectedAtMs}, ${i.openedAtMs}, ${i.openedAtMs})`,
    ).lastInsertRowid,
  );
}

export function getIncident(db: ReadableDb, id: number): IncidentRow | undefined {
  return get<IncidentRow>(db, sql`SELECT * FROM incidents WHERE id = ${id}`);
}

/** Columns a service may change; updated_at is set with them. */
export type IncidentPatch = Partial<
  Pick<
    IncidentRow,
    | 'title'
    | 'state'
    | 'impact'
    | 'urgency'
    | 'priority'
    | 'category'
    | 'is_major'
    | 'acknowledged_at'
    | 'acknowledged_by'
    | 'respond_elapsed_ms'
    | 'resolved_at'
    | 'resolve_elapsed_ms'
    | 'respond_warned'
    | 'resolve_warned'
    | 'closed_at'
    | 'hold_ms'
    | 'hold_since'
    | 'detected_at'
  >
>;

const PATCHABLE = new Set<string>([
  'title',
  'state',
  'impact',
  'urgency',
  'priority',
  'category',
  'is_major',
  'acknowledged_at',
  'acknowledged_by',
  'respond_elapsed_ms',
  'resolved_at',
  'resolve_elapsed_ms',
  'respond_warned',
  'resolve_warned',
  'closed_at',
  'hold_ms',
  'hold_since',
  'detected_at',
]);

export function updateIncident(
  db: WritableDb,
  id: number,
  patch: IncidentPatch,
  nowMs: number,
): void {
  const sets: SqlFragment[] = [sql`updated_at = ${nowMs}`];
  for (const [column, value] of Object.entries(patch)) {
    if (!PATCHABLE.has(column)) throw new Error(`Not an incident column: ${column}`);
    sets.push(sql`${sqlId(column)} = ${value}`);
  }
  run(db, sql`UPDATE incidents SET ${sqlJoin(sets)} WHERE id = ${id}`);
}

const openStates = sqlJoin(OPEN_STATES.map((s) => sql`${s}`));

/** The open incident alerts of this group join, if any (newest first). */
export function findOpenByGroup(db: ReadableDb, groupKey: string, isDrill: boolean) {
  return get<IncidentRow>(
    db,
    sql`SELECT * FROM incidents WHERE group_key = ${groupKey} AND state IN (${openStates})
        AND is_drill = ${isDrill ? 1 : 0} ORDER BY id DESC LIMIT 1`,
  );
}

/** A resolved incident of this group, resolved since `sinceMs`: a recurrence reopens it. */
export function findRecentlyResolved(
  db: ReadableDb,
  groupKey: string,
  sinceMs: number,
  isDrill: boolean,
) {
  return get<IncidentRow>(
    db,
    sql`SELECT * FROM incidents WHERE group_key = ${groupKey} AND state = 'resolved'
        AND resolved_at >= ${sinceMs} AND is_drill = ${isDrill ? 1 : 0} ORDER BY resolved_at DESC LIMIT 1`,
  );
}

const LIST_COLUMNS = sql`i.*,
  (SELECT COUNT(*) FROM pipeline_alerts a WHERE a.incident_id = i.id) AS alert_count,
  (SELECT COUNT(*) FROM pipeline_alerts a WHERE a.incident_id = i.id AND a.state = 'firing') AS firing_count,
  (SELECT username FROM incident_roles r WHERE r.incident_id = i.id AND r.role = 'commander') AS commander`;

export function listIncidentRows(
  db: ReadableDb,
  filter: { states?: readonly IncidentState[]; ids?: readonly number[]; limit: number },
): IncidentListRow[] {
  const conditions: SqlFragment[] = [sql`1 = 1`];
  if (filter.states && filter.states.length > 0)
    conditions.push(sql`i.state IN (${sqlJoin(filter.states.map((s) => sql`${s}`))})`);
  if (filter.ids) conditions.push(sql`i.id IN (${sqlJoin(filter.ids.map((id) => sql`${id}`))})`);
  return all<IncidentListRow>(
    db,
    sql`SELECT ${LIST_COLUMNS} FROM incidents i WHERE ${sqlJoin(conditions, ' AND ')}
        ORDER BY i.id DESC LIMIT ${filter.limit}`,
  );
}

export function countIncidents(
  db: ReadableDb,
  filter: { states?: readonly IncidentState[] },
): number {
  const where =
    filter.states && filter.states.length > 0
      ? sql`WHERE state IN (${sqlJoin(filter.states.map((s) => sql`${s}`))})`
      : sql``;
  return get<{ n: number }>(db, sql`SELECT COUNT(*) AS n FROM incidents ${where}`)?.n ?? 0;
}

export function incidentCounts(db: ReadableDb): IncidentCounts {
  const byPriority = { P1: 0, P2: 0, P3: 0, P4: 0, P5: 0 };
  for (const row of all<{ priority: Priority; n: number }>(
    db,
    sql`SELECT priority, COUNT(*) AS n FROM incidents WHERE state IN (${openStates}) AND is_drill = 0 GROUP BY priority`,
  ))
    byPriority[row.priority] = row.n;
  const firing =
    get<{ n: number }>(db, sql`SELECT COUNT(*) AS n FROM pipeline_alerts WHERE state = 'firing'`)
      ?.n ?? 0;
  return {
    open: Object.values(byPriority).reduce((a, b) => a + b, 0),
    byPriority,
    firingAlerts: firing,
  };
}

// ── Timeline ──────────────────────────────────────────────────────────────────────────────────

export interface NewTimelineEntry {
  atMs: number;
  kind: TimelineKind;
  actor: string | null;
  text: string;
  details?: Record<string, unknown>;
}

export function addTimelineEntry(db: WritableDb, incidentId: number, e: NewTimelineEntry): void {
  run(
    db,
    sql`INSERT INTO incident_timeline (incident_id, at, kind, actor, text, details)
      VALUES (${incidentId}, ${e.atMs}, ${e.kind}, ${e.actor}, ${e.text}, ${JSON.stringify(e.details ?? {})})`,
  );
}

export function listTimeline(db: ReadableDb, incidentId: number): TimelineEntry[] {
  return all<{
    id: number;
    at: number;
    kind: TimelineKind;
    actor: string | null;
    text: string;
    details: string;
  }>(
    db,
    sql`SELECT id, at, kind, actor, text, details FROM incident_timeline WHERE incident_id = ${incidentId}
        ORDER BY at, id`,
  ).map((r) => ({
    id: r.id,
    at: iso(r.at),
    kind: r.kind,
    actor: r.actor,
    text: r.text,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

// ── Roles and team ────────────────────────────────────────────────────────────────────────────

export function listRoles(db: ReadableDb, incidentId: number) {
  return all<{ role: IncidentRole; username: string; assigned_at: number }>(
    db,
    sql`SELECT role, username, assigned_at FROM incident_roles WHERE incident_id = ${incidentId} ORDER BY role`,
  ).map((r) => ({ role: r.role, username: r.username, assignedAt: iso(r.assigned_at) }));
}

export function setRole(
  db: WritableDb,
  incidentId: number,
  role: IncidentRole,
  username: string,
  nowMs: number,
) {
  run(
    db,
    sql`INSERT INTO incident_roles (incident_id, role, username, assigned_at) VALUES (${incidentId}, ${role}, ${username}, ${nowMs})
      ON CONFLICT (incident_id, role) DO UPDATE SET username = excluded.username, assigned_at = excluded.assigned_at`,
  );
}

export function listTeam(db: ReadableDb, incidentId: number) {
  return all<{ username: string; function: TeamFunction; added_at: number }>(
    db,
    sql`SELECT username, function, added_at FROM incident_team WHERE incident_id = ${incidentId} ORDER BY added_at, username`,
  ).map((r) => ({ username: r.username, function: r.function, addedAt: iso(r.added_at) }));
}

export function setTeamMember(
  db: WritableDb,
  incidentId: number,
  username: string,
  fn: TeamFunction | null,
  nowMs: number,
): void {
  if (fn === null) {
    run(
      db,
      sql`DELETE FROM incident_team WHERE incident_id = ${incidentId} AND username = ${username}`,
    );
    return;
  }
  run(
    db,
    sql`INSERT INTO incident_team (incident_id, username, function, added_at) VALUES (${incidentId}, ${username}, ${fn}, ${nowMs})
      ON CONFLICT (incident_id, username) DO UPDATE SET function = excluded.function`,
  );
}

// ── Targets ───────────────────────────────────────────────────────────────────────────────────

export function readTargets(db: ReadableDb): Targets {
  const rows = all<{ priority: Priority; respond_minutes: number; resolve_minutes: number }>(
    db,
    sql`SELECT priority, respond_minutes, resolve_minutes FROM incident_targets`,
  );
  return Object.fromEntries(
    PRIORITIES.map((p) => {
      const r = rows.find((row) => row.priority === p);
      return [
        p,
        { respondMinutes: r?.respond_minutes ?? 60, resolveMinutes: r?.resolve_minutes ?? 1440 },
      ];
    }),
  ) as Targets;
}

export function writeTargets(db: WritableDb, targets: Targets): void {
  for (const p of PRIORITIES) {
    run(
      db,
      sql`INSERT INTO incident_targets (priority, respond_minutes, resolve_minutes)
        VALUES (${p}, ${targets[p].respondMinutes}, ${targets[p].resolveMinutes})
        ON CONFLICT (priority) DO UPDATE SET respond_minutes = excluded.respond_minutes, resolve_minutes = excluded.resolve_minutes`,
    );
  }
}

/** Real incidents on these services open at any time in [fromMs, toMs), oldest first (for SLA reports). */
export function incidentsForServices(
  db: ReadableDb,
  services: readonly string[],
  fromMs: number,
  toMs: number,
) {
  if (services.length === 0) return [];
  return all<IncidentRow>(
    db,
    sql`SELECT * FROM incidents WHERE is_drill = 0 AND state <> 'canceled'
        AND service IN (${sqlJoin(services.map((s) => sql`${s}`))})
        AND opened_at < ${toMs} AND (resolved_at IS NULL OR resolved_at >= ${fromMs})
        ORDER BY opened_at, id`,
  ).map((r) => ({
    id: r.id,
    title: r.title,
    priority: r.priority,
    state: r.state,
    category: r.category,
    service: r.service,
    openedAt: iso(r.opened_at),
    resolvedAt: r.resolved_at === null ? null : iso(r.resolved_at),
  }));
}
