// What operators do with on-call schedules: read who is on call and the calendar, edit rotations,
// add and remove overrides. Every change is audited in its transaction and announced.
import {
  nextOnCall,
  scheduleIdsOf,
  shiftsBetween,
  whoIsOnCall,
  type ScheduleSpec,
} from '../../../shared/domain/oncall/index.ts';
import { DAY_MS } from '../../../shared/domain/time.ts';
import type {
  OnCallPerson,
  OnCallSchedule,
  OnCallShift,
  OnCallShifts,
  OnCallWho,
} from '../../../shared/ipc/contract.ts';
import { auditBy } from '../../audit/index.ts';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../identity/index.ts';
import type { ReadableDb } from '../../store/db.ts';
import { listPolicies } from '../escalation/policyRepository.ts';
import { assertOperators, listPeople, type OnCallDeps } from './people.ts';
import {
  deleteOverride,
  deleteSchedule,
  findOverride,
  findSchedule,
  findScheduleIdByName,
  insertOverride,
  insertSchedule,
  listOverrides,
  listSchedules,
  rotaOf,
  updateSchedule,
  type StoredOverride,
  type StoredSchedule,
} from './scheduleRepository.ts';

const iso = (ms: number) => new Date(ms).toISOString();
/** The schedule list shows overrides that ended within the last week, and every later one. */
const RECENT_OVERRIDES_MS = 7 * DAY_MS;
export const MAX_SHIFT_RANGE_DAYS = 62;
export const MAX_OVERRIDE_DAYS = 90;

const overrideView = (o: StoredOverride) => ({
  id: o.id,
  scheduleId: o.scheduleId,
  username: o.username,
  startsAt: iso(o.startMs),
  endsAt: iso(o.endMs),
  reason: o.reason,
  createdBy: o.createdBy,
  createdAt: iso(o.createdAtMs),
});

const shiftView = (s: ReturnType<typeof shiftsBetween>[number]): OnCallShift => ({
  username: s.username,
  startsAt: iso(s.startMs),
  endsAt: iso(s.endMs),
  source: s.source,
  layer: s.layer,
  overrideId: s.overrideId,
});

function mustFind(db: ReadableDb, id: number): StoredSchedule {
  const schedule = findSchedule(db, id);
  if (!schedule) throw new DomainError('NOT_FOUND', `There is no on-call schedule #${id}.`);
  return schedule;
}

export class OnCallService {
  constructor(private readonly deps: OnCallDeps) {}

  private get db() {
    return this.deps.store();
  }

  private nowMs(): number {
    return this.deps.clock.now().getTime();
  }

  private view(db: ReadableDb, schedule: StoredSchedule): OnCallSchedule {
    const usedBy = listPolicies(db)
      .filter((p) => scheduleIdsOf(p).includes(schedule.id))
      .map((p) => ({ id: p.id, name: p.name }));
    return {
      id: schedule.id,
      name: schedule.name,
      description: schedule.description,
      layers: schedule.layers,
      overrides: listOverrides(db, {
        scheduleId: schedule.id,
        endsAfterMs: this.nowMs() - RECENT_OVERRIDES_MS,
      }).map(overrideView),
      usedBy,
      updatedBy: schedule.updatedBy,
      updatedAt: iso(schedule.updatedAtMs),
    };
  }

  people(): OnCallPerson[] {
    return listPeople(this.db);
  }

  list(): OnCallSchedule[] {
    const db = this.db;
    return listSchedules(db).map((s) => this.view(db, s));
  }

  save(id: number | undefined, spec: ScheduleSpec, actor: Actor): OnCallSchedule {
    const db = this.db;
    const nowMs = this.nowMs();
    const saved = db.transaction(() => {
      const before = id === undefined ? null : mustFind(db, id);
      const sameName = findScheduleIdByName(db, spec.name);
      if (sameName !== null && sameName !== id)
        throw new DomainError(
          'CONFLICT',
          `An on-call schedule named "${spec.name}" already exists.`,
        );
      spec.layers.forEach((layer, i) =>
        assertOperators(
          db,
          layer.participants,
          `Rotation ${i + 1}${layer.name ? ` (${layer.name})` : ''}`,
        ),
      );
      const savedId = before ? before.id : insertSchedule(db, spec, actor.username, nowMs);
      if (before) updateSchedule(db, before.id, spec, actor.username, nowMs);
      auditBy(
        db,
        actor,
        {
          action: before ? 'oncall.schedule.update' : 'oncall.schedule.create',
          target: `oncall-schedule:${savedId}`,
          outcome: 'success',
          details: {
            spec,
            ...(before && before.name !== spec.name ? { renamedFrom: before.name } : {}),
          },
        },
        new Date(nowMs),
      );
      return this.view(db, mustFind(db, savedId));
    })();
    this.deps.events.emit('oncall.changed', {});
    return saved;
  }

  remove(id: number, actor: Actor): void {
    const db = this.db;
    const nowMs = this.nowMs();
    db.transaction(() => {
      const schedule = mustFind(db, id);
      const users = listPolicies(db).filter((p) => scheduleIdsOf(p).includes(id));
      if (users.length > 0) {
        const names = users.map((p) => `"${p.name}"`).join(', ');
        throw new DomainError(
          'CONFLICT',
          `The schedule "${schedule.name}" is paged by the escalation ${users.length === 1 ? 'policy' : 'policies'} ${names}: take it out of their tiers first.`,
        );
      }
      deleteSchedule(db, id);
      auditBy(
        db,
        actor,
        {
          action: 'oncall.schedule.delete',
          target: `oncall-schedule:${id}`,
          outcome: 'success',
          details: { name: schedule.name, layers: schedule.layers },
        },
        new Date(nowMs),
      );
    })();
    this.deps.events.emit('oncall.changed', {});
  }

  addOverride(
    input: {
      scheduleId: number;
      username: string;
      startsAt: string;
      endsAt: string;
      reason: string;
    },
    actor: Actor,
  ): OnCallSchedule {
    const startMs = Date.parse(input.startsAt);
    const endMs = Date.parse(input.endsAt);
    if (endMs <= startMs) {
      throw new DomainError(
        'BAD_REQUEST',
        `An override must end after it starts: it starts at ${iso(startMs)} and ends at ${iso(endMs)}.`,
      );
    }
    if (endMs - startMs > MAX_OVERRIDE_DAYS * DAY_MS) {
      throw new DomainError(
        'BAD_REQUEST',
        `An override lasts at most ${MAX_OVERRIDE_DAYS} days; change the rotation for longer cover.`,
      );
    }
    const db = this.db;
    const nowMs = this.nowMs();
    const saved = db.transaction(() => {
      const schedule = mustFind(db, input.scheduleId);
      assertOperators(db, [input.username], 'Override');
      const overrideId = insertOverride(
        db,
        {
          scheduleId: schedule.id,
          username: input.username,
          startMs,
          endMs,
          reason: input.reason,
          createdBy: actor.username,
        },
        nowMs,
      );
      auditBy(
        db,
        actor,
        {
          action: 'oncall.override.add',
          target: `oncall-schedule:${schedule.id}`,
          outcome: 'success',
          details: {
            overrideId,
            schedule: schedule.name,
            username: input.username,
            startsAt: iso(startMs),
            endsAt: iso(endMs),
            reason: input.reason,
          },
        },
        new Date(nowMs),
      );
      return this.view(db, schedule);
    })();
    this.deps.events.emit('oncall.changed', {});
    return saved;
  }

  removeOverride(id: number, actor: Actor): OnCallSchedule {
    const db = this.db;
    const nowMs = this.nowMs();
    const saved = db.transaction(() => {
      const override = findOverride(db, id);
      if (!override) throw new DomainError('NOT_FOUND', `There is no override #${id}.`);
      const schedule = mustFind(db, override.scheduleId);
      deleteOverride(db, id);
      auditBy(
        db,
        actor,
        {
          action: 'oncall.override.remove',
          target: `oncall-schedule:${schedule.id}`,
          outcome: 'success',
          details: { ...overrideView(override), schedule: schedule.name },
        },
        new Date(nowMs),
      );
      return this.view(db, schedule);
    })();
    this.deps.events.emit('oncall.changed', {});
    return saved;
  }

  who(atMs: number = this.nowMs()): OnCallWho {
    return whoIsOnCallAt(this.db, atMs, this.deps.timeZone());
  }

  shifts(fromMs: number, toMs: number): OnCallShifts {
    if (toMs <= fromMs)
      throw new DomainError('BAD_REQUEST', 'The calendar range must end after it starts.');
    if (toMs - fromMs > MAX_SHIFT_RANGE_DAYS * DAY_MS)
      throw new DomainError(
        'BAD_REQUEST',
        `The calendar shows at most ${MAX_SHIFT_RANGE_DAYS} days at a time.`,
      );
    const db = this.db;
    const timeZone = this.deps.timeZone();
    return {
      from: iso(fromMs),
      to: iso(toMs),
      timeZone,
      schedules: listSchedules(db).map((s) => ({
        scheduleId: s.id,
        scheduleName: s.name,
        shifts: shiftsBetween(rotaOf(db, s, fromMs, toMs), fromMs, toMs, timeZone).map(shiftView),
      })),
    };
  }
}

/** Who is on call for every schedule at `atMs` (the console's page and `mirqab oncall who`). */
export function whoIsOnCallAt(db: ReadableDb, atMs: number, timeZone: string): OnCallWho {
  return {
    at: iso(atMs),
    timeZone,
    schedules: listSchedules(db).map((schedule) => {
      // Overrides far from the moment cannot change the answer; the look-around is at most a turn or five weeks.
      const rota = rotaOf(db, schedule, atMs - 400 * DAY_MS, atMs + 400 * DAY_MS);
      const now = whoIsOnCall(rota, atMs, timeZone);
      const next = now ? now.next : nextOnCall(rota, atMs, timeZone);
      return {
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        onCall: now && {
          username: now.username,
          source: now.source,
          layer: now.layer,
          overrideId: now.overrideId,
          since: now.sinceMs === null ? null : iso(now.sinceMs),
          until: now.untilMs === null ? null : iso(now.untilMs),
        },
        next: next ? { username: next.username, at: iso(next.startMs) } : null,
      };
    }),
  };
}
