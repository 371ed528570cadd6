// Working an incident: declare, acknowledge, move through the lifecycle, set priority with a reason,
// hand off roles, add notes. Each change is validated, timestamped, put on the timeline and audited
// in one transaction; subscribers hear after the commit.
import {
  checkTransition,
  priorityFor,
  suggestPriority,
  type IncidentCategory,
  type IncidentRole,
  type IncidentState,
  type Level,
  type TeamFunction,
  type Targets,
} from '../../shared/domain/incidents/index.ts';
import type { ChannelOutput, ChannelParsedInput } from '../../shared/ipc/contract.ts';
import type { IncidentDetail, IncidentSummary } from '../../shared/ipc/incidentSchemas.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import { findOperatorByUsername } from '../identity/operatorRepository.ts';
import type { WritableDb } from '../store/types.ts';
import { listAlertRows, rowToAlert } from './alertRepository.ts';
import type { IncidentChanges } from './changes.ts';
import {
  addTimelineEntry,
  countIncidents,
  getIncident,
  incidentCounts,
  insertIncident,
  listIncidentRows,
  listRoles,
  listTeam,
  listTimeline,
  readTargets,
  setRole,
  setTeamMember,
  updateIncident,
  writeTargets,
  type IncidentPatch,
} from './incidentRepository.ts';
import { rowToSummary, type IncidentRow } from './incidentRows.ts';
import { serviceContext, type SloSummaries } from './serviceContext.ts';
import { incidentStats } from './stats.ts';

export type Actor = { username: string; role: string };

export interface IncidentServiceOptions {
  store: () => WritableDb;
  clock: Clock;
  changes: IncidentChanges;
  sloSummaries: SloSummaries;
  timeZone: () => string;
}

const ROLE_NAMES: Record<IncidentRole, string> = {
  commander: 'incident commander',
  scribe: 'scribe',
  communications: 'communications lead',
};

export class IncidentService {
  constructor(private readonly options: IncidentServiceOptions) {}

  private get db() {
    return this.options.store();
  }

  private nowMs() {
    return this.options.clock.now().getTime();
  }

  list(input: ChannelParsedInput<'incidents.list'>): ChannelOutput<'incidents.list'> {
    const db = this.db;
    const targets = readTargets(db);
    const nowMs = this.nowMs();
    const rows = listIncidentRows(db, { states: input.states, limit: input.limit });
    return {
      items: rows.map((r) => rowToSummary(r, targets, nowMs)),
      total: countIncidents(db, { states: input.states }),
    };
  }

  summaries(ids: readonly number[]): IncidentSummary[] {
    if (ids.length === 0) return [];
    const db = this.db;
    const targets = readTargets(db);
    const nowMs = this.nowMs();
    return listIncidentRows(db, { ids, limit: ids.length }).map((r) =>
      rowToSummary(r, targets, nowMs),
    );
  }

  counts() {
    return incidentCounts(this.db);
  }

  detail(id: number): IncidentDetail {
    const db = this.db;
    const [summary] = this.summaries([id]);
    const row = getIncident(db, id);
    if (!summary || !row) throw new DomainError('NOT_FOUND', `There is no incident ${id}.`);
    const alerts = listAlertRows(db, { incidentId: id, limit: 1000 }).map(rowToAlert);
    const context = serviceContext(db, this.options.sloSummaries(), row.service);
    const worst = alerts.some((a) => a.severity === 'critical')
      ? 'critical'
      : alerts.some((a) => a.severity === 'warning')
        ? 'warning'
        : 'info';
    const breadth = new Set(alerts.map((a) => a.labels.host ?? a.service ?? a.fingerprint)).size;
    return {
      ...summary,
      timeline: listTimeline(db, id),
      alerts,
      roles: listRoles(db, id),
      team: listTeam(db, id),
      slos: context.slos,
      suggestion: suggestPriority({
        severity: alerts.length === 0 ? 'warning' : worst,
        slas: context.slas,
        timeToExhaustionMinutes: context.timeToExhaustionMinutes,
        breadth: Math.max(1, breadth),
      }),
    };
  }

  /** Runs a change on one incident in a transaction, then tells subscribers and returns the detail. */
  private change(id: number, work: (db: WritableDb, row: IncidentRow, nowMs: number) => void) {
    const db = this.db;
    const nowMs = this.nowMs();
    db.transaction(() => {
      const row = getIncident(db, id);
      if (!row) throw new DomainError('NOT_FOUND', `There is no incident ${id}.`);
      work(db, row, nowMs);
    })();
    this.options.changes.note([id], false);
    return this.detail(id);
  }

  declare(input: ChannelParsedInput<'incidents.declare'>, by: Actor): IncidentDetail {
    const db = this.db;
    const now = this.options.clock.now();
    const nowMs = now.getTime();
    const priority = priorityFor(input.impact, input.urgency);
    const id = db.transaction(() => {
      const created = insertIncident(db, {
        title: input.title,
        impact: input.impact,
        urgency: input.urgency,
        priority,
        category: input.category,
        service: input.service ?? null,
        cluster: null,
        // A declared incident is its own group: alerts do not join it by accident.
        groupKey: `declared:${nowMs}:${by.username}`,
        detectedAtMs: nowMs,
        openedAtMs: nowMs,
      });
      addTimelineEntry(db, created, {
        atMs: nowMs,
        kind: 'opened',
        actor: by.username,
        text: `Declared as ${priority} by ${by.username}.`,
        details: { priority, impact: input.impact, urgency: input.urgency },
      });
      if (input.note)
        addTimelineEntry(db, created, {
          atMs: nowMs,
          kind: 'note',
          actor: by.username,
          text: input.note,
        });
      auditBy(
        db,
        by,
        {
          action: 'incident.declare',
          target: `incident:${created}`,
          outcome: 'success',
          details: { priority, category: input.category, service: input.service ?? null },
        },
        now,
      );
      return created;
    })();
    this.options.changes.note([id], false);
    return this.detail(id);
  }

  acknowledge(id: number, by: Actor): IncidentDetail {
    return this.change(id, (db, row, nowMs) => {
      if (row.acknowledged_at !== null) return; // a second click, or two responders at once
      if (row.state !== 'new' && row.state !== 'in_progress' && row.state !== 'on_hold')
        throw new DomainError(
          'CONFLICT',
          `Incident ${id} is ${row.state}; there is nothing to acknowledge.`,
        );
      this.acknowledgeIn(db, row, by, nowMs);
    });
  }

  private acknowledgeIn(db: WritableDb, row: IncidentRow, by: Actor, nowMs: number): void {
    const holding = row.hold_since === null ? 0 : nowMs - row.hold_since;
    const patch: IncidentPatch = {
      acknowledged_at: nowMs,
      acknowledged_by: by.username,
      respond_elapsed_ms: Math.max(0, nowMs - row.opened_at - row.hold_ms - holding),
    };
    if (row.state === 'new') patch.state = 'in_progress';
    updateIncident(db, row.id, patch, nowMs);
    addTimelineEntry(db, row.id, {
      atMs: nowMs,
      kind: 'acknowledged',
      actor: by.username,
      text: `Acknowledged by ${by.username}; escalation stops.`,
    });
    auditBy(
      db,
      by,
      {
        action: 'incident.acknowledge',
        target: `incident:${row.id}`,
        outcome: 'success',
        details: {},
      },
      new Date(nowMs),
    );
  }

  transition(id: number, to: IncidentState, note: string | undefined, by: Actor): IncidentDetail {
    return this.change(id, (db, row, nowMs) => {
      const check = checkTransition(row.state, to);
      if (!check.ok) throw new DomainError('CONFLICT', check.message);
      if (to === 'in_progress' && row.acknowledged_at === null)
        this.acknowledgeIn(db, row, by, nowMs);
      const patch: IncidentPatch = { state: to };
      const holdMs = row.hold_ms + (row.hold_since === null ? 0 : nowMs - row.hold_since);
      if (row.state === 'on_hold') Object.assign(patch, { hold_ms: holdMs, hold_since: null });
      if (to === 'on_hold') patch.hold_since = nowMs;
      if (to === 'resolved') {
        const elapsed = Math.max(0, nowMs - row.opened_at - holdMs);
        // Resolved before anyone acknowledged: the response clock stops here too.
        Object.assign(patch, {
          resolved_at: nowMs,
          resolve_elapsed_ms: elapsed,
          ...(row.respond_elapsed_ms === null && row.acknowledged_at === null
            ? { respond_elapsed_ms: elapsed }
            : {}),
        });
      }
      if (row.state === 'resolved' && to === 'in_progress')
        Object.assign(patch, { resolved_at: null, resolve_elapsed_ms: null, resolve_warned: 0 });
      // Closed and canceled are final: their clocks stop at this moment, whatever is edited later.
      if (to === 'closed' || to === 'canceled') patch.closed_at = nowMs;
      updateIncident(db, id, patch, nowMs);
      const verb = row.state === 'resolved' && to === 'in_progress' ? 'Reopened' : `Moved to ${to}`;
      addTimelineEntry(db, id, {
        atMs: nowMs,
        kind: 'state',
        actor: by.username,
        text: `${verb} (was ${row.state})${note ? `: ${note}` : '.'}`,
        details: { from: row.state, to },
      });
      auditBy(
        db,
        by,
        {
          action: 'incident.transition',
          target: `incident:${id}`,
          outcome: 'success',
          details: { from: row.state, to },
        },
        new Date(nowMs),
      );
    });
  }

  setPriority(
    id: number,
    impact: Level,
    urgency: Level,
    reason: string,
    by: Actor,
  ): IncidentDetail {
    return this.change(id, (db, row, nowMs) => {
      const priority = priorityFor(impact, urgency);
      updateIncident(db, id, { impact, urgency, priority }, nowMs);
      addTimelineEntry(db, id, {
        atMs: nowMs,
        kind: 'priority',
        actor: by.username,
        text: `Priority ${row.priority} → ${priority} (impact ${impact}, urgency ${urgency}): ${reason}`,
        details: { from: row.priority, to: priority, impact, urgency, reason },
      });
      auditBy(
        db,
        by,
        {
          action: 'incident.priority',
          target: `incident:${id}`,
          outcome: 'success',
          details: { from: row.priority, to: priority, impact, urgency, reason },
        },
        new Date(nowMs),
      );
    });
  }

  update(
    id: number,
    patch: { title?: string; category?: IncidentCategory; isMajor?: boolean },
    by: Actor,
  ): IncidentDetail {
    return this.change(id, (db, row, nowMs) => {
      const changes: IncidentPatch = {};
      const said: string[] = [];
      if (patch.title !== undefined && patch.title !== row.title) {
        changes.title = patch.title;
        said.push(`title "${patch.title}"`);
      }
      if (patch.category !== undefined && patch.category !== row.category) {
        changes.category = patch.category;
        said.push(`category ${patch.category}`);
      }
      if (patch.isMajor !== undefined && patch.isMajor !== (row.is_major === 1)) {
        changes.is_major = patch.isMajor ? 1 : 0;
        said.push(patch.isMajor ? 'declared a major incident' : 'no longer a major incident');
      }
      if (said.length === 0) return;
      updateIncident(db, id, changes, nowMs);
      addTimelineEntry(db, id, {
        atMs: nowMs,
        kind: 'note',
        actor: by.username,
        text: `Changed: ${said.join('; ')}.`,
        details: { ...patch },
      });
      auditBy(
        db,
        by,
        {
          action: 'incident.update',
          target: `incident:${id}`,
          outcome: 'success',
          details: { ...patch },
        },
        new Date(nowMs),
      );
    });
  }

  addNote(id: number, text: string, by: Actor): IncidentDetail {
    return this.change(id, (db, _row, nowMs) => {
      addTimelineEntry(db, id, { atMs: nowMs, kind: 'note', actor: by.username, text });
      auditBy(
        db,
        by,
        {
          action: 'incident.note',
          target: `incident:${id}`,
          outcome: 'success',
          details: { length: text.length },
        },
        new Date(nowMs),
      );
    });
  }

  private requireOperator(db: WritableDb, username: string): void {
    const operator = findOperatorByUsername(db, username);
    if (!operator || operator.disabled)
      throw new DomainError('BAD_REQUEST', `There is no active operator named "${username}".`);
  }

  assignRole(id: number, role: IncidentRole, username: string, by: Actor): IncidentDetail {
    return this.change(id, (db, _row, nowMs) => {
      this.requireOperator(db, username);
      const previous = listRoles(db, id).find((r) => r.role === role)?.username ?? null;
      if (previous === username) return;
      setRole(db, id, role, username, nowMs);
      addTimelineEntry(db, id, {
        atMs: nowMs,
        kind: 'role',
        actor: by.username,
        text: previous
          ? `${ROLE_NAMES[role]} handed from ${previous} to ${username}.`
          : `${username} is ${ROLE_NAMES[role]}.`,
        details: { role, from: previous, to: username },
      });
      auditBy(
        db,
        by,
        {
          action: 'incident.role',
          target: `incident:${id}`,
          outcome: 'success',
          details: { role, from: previous, to: username },
        },
        new Date(nowMs),
      );
    });
  }

  setTeamMember(id: number, username: string, fn: TeamFunction | null, by: Actor): IncidentDetail {
    return this.change(id, (db, _row, nowMs) => {
      if (fn !== null) this.requireOperator(db, username);
      setTeamMember(db, id, username, fn, nowMs);
      addTimelineEntry(db, id, {
        atMs: nowMs,
        kind: 'team',
        actor: by.username,
        text:
          fn === null
            ? `${username} left the team.`
            : `${username} joined the team as ${fn.replace('_', ' ')}.`,
        details: { username, function: fn },
      });
      auditBy(
        db,
        by,
        {
          action: 'incident.team',
          target: `incident:${id}`,
          outcome: 'success',
          details: { username, function: fn },
        },
        new Date(nowMs),
      );
    });
  }

  stats(days: number) {
    return incidentStats(this.db, days, this.nowMs(), this.options.timeZone());
  }

  targets(): Targets {
    return readTargets(this.db);
  }

  setTargets(targets: Targets, by: Actor): Targets {
    const db = this.db;
    for (const [priority, t] of Object.entries(targets))
      if (t.respondMinutes > t.resolveMinutes)
        throw new DomainError(
          'BAD_REQUEST',
          `${priority}: the response target must not be longer than the resolution target.`,
        );
    db.transaction(() => {
      const before = readTargets(db);
      writeTargets(db, targets);
      auditBy(
        db,
        by,
        {
          action: 'incident.targets',
          target: 'incident-targets',
          outcome: 'success',
          details: { before, after: targets },
        },
        this.options.clock.now(),
      );
    })();
    this.options.changes.note([], false);
    return readTargets(db);
  }
}
