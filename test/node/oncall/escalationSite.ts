// On-call schedules, escalation policies and the escalator over a real encrypted store at the latest
// schema, on a clock the test moves; pages are recorded where delivery would take them.
import { onTestFinished } from 'vitest';
import type { Priority } from '../../../shared/domain/incidents/index.ts';
import type { PolicySpecInput, ScheduleSpecInput } from '../../../shared/domain/oncall/index.ts';
import {
  PolicySpecSchema,
  ScheduleSpecSchema,
  WEEKDAYS,
} from '../../../shared/domain/oncall/index.ts';
import { listAudit, type AuditEntry } from '../../../main/audit/index.ts';
import { EventBus } from '../../../main/core/events.ts';
import type { Actor } from '../../../main/identity/index.ts';
import { insertOperator } from '../../../main/identity/operatorRepository.ts';
import { Escalator } from '../../../main/incidents/escalation/escalator.ts';
import { EscalationPolicyService } from '../../../main/incidents/escalation/policyService.ts';
import { OnCallService } from '../../../main/incidents/oncall/service.ts';
import type { Page } from '../../../main/incidents/paging.ts';
import { silentLogger } from '../../../main/log.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import { all, get, run, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { TestClock } from '../../helpers/console.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';

export const MINUTE = 60_000;
export const COMMANDER: Actor = {
  operatorId: 1,
  username: 'omar',
  role: 'incident_commander',
  sessionId: 'test',
};
export const PEOPLE = ['omar', 'amal', 'bilal', 'chen', 'dana', 'lead'] as const;

export interface EscalationSite {
  db: WritableDb;
  clock: TestClock;
  events: EventBus;
  oncall: OnCallService;
  policies: EscalationPolicyService;
  escalator: Escalator;
  pages: Page[];
  nowMs(): number;
  /** Moves the clock and lets the escalator look. */
  advance(minutes: number): ReturnType<Escalator['tick']>;
  schedule(spec: ScheduleSpecInput): number;
  policy(spec: PolicySpecInput): number;
  /** Opens an incident as the pipeline would, at the clock's time. */
  open(
    priority: Priority,
    fields?: { category?: string; service?: string; title?: string },
  ): number;
  acknowledge(incidentId: number, username: string): void;
  timeline(incidentId: number): { kind: string; text: string; details: Record<string, unknown> }[];
  audit(action: string): AuditEntry[];
}

export function setUpEscalation(): EscalationSite {
  const db = newEncryptedDb(tempDir());
  migrate(db);
  onTestFinished(() => {
    db.close();
  });
  // Thursday 26 November 2026, 10:00 in Dubai.
  const clock = new TestClock(new Date('2026-11-26T06:00:00.000Z'));
  const events = new EventBus();
  for (const username of PEOPLE) {
    insertOperator(
      db,
      { username, displayName: username.toUpperCase(), role: 'operator', passwordHash: 'x' },
      clock.now(),
    );
  }
  const deps = { store: () => db, events, clock, timeZone: () => 'Asia/Dubai' };
  const pages: Page[] = [];
  const escalator = new Escalator({
    ...deps,
    logger: silentLogger,
    pager: { page: (page) => pages.push(page) },
  });
  const oncall = new OnCallService(deps);
  const policies = new EscalationPolicyService(deps);
  const nowMs = () => clock.now().getTime();
  return {
    db,
    clock,
    events,
    oncall,
    policies,
    escalator,
    pages,
    nowMs,
    advance(minutes) {
      clock.advance(minutes * MINUTE);
      return escalator.tick(nowMs());
    },
    schedule: (spec) => oncall.save(undefined, ScheduleSpecSchema.parse(spec), COMMANDER).id,
    policy: (spec) => policies.save(undefined, PolicySpecSchema.parse(spec), COMMANDER).id,
    open(priority, fields = {}) {
      const at = nowMs();
      const result = run(
        db,
        sql`INSERT INTO incidents (title, state, impact, urgency, priority, category, service, group_key, detected_at, opened_at, updated_at)
            VALUES (${fields.title ?? 'Fraud scoring p99 over 300 ms'}, 'new', 'high', 'high', ${priority},
                    ${fields.category ?? 'inference_anomaly'}, ${fields.service ?? null}, ${`g${at}-${Math.random()}`}, ${at}, ${at}, ${at})`,
      );
      return Number(result.lastInsertRowid);
    },
    acknowledge(incidentId, username) {
      const row = get<{ opened_at: number }>(
        db,
        sql`SELECT opened_at FROM incidents WHERE id = ${incidentId}`,
      )!;
      run(
        db,
        sql`UPDATE incidents SET state = 'in_progress', acknowledged_at = ${nowMs()}, acknowledged_by = ${username},
            respond_elapsed_ms = ${nowMs() - row.opened_at} WHERE id = ${incidentId}`,
      );
    },
    timeline: (incidentId) =>
      all<{ kind: string; text: string; details: string }>(
        db,
        sql`SELECT kind, text, details FROM incident_timeline WHERE incident_id = ${incidentId} ORDER BY at, id`,
      ).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
    audit: (action) => listAudit(db, { action, limit: 1000 }).entries.reverse(),
  };
}

/** A weekly rotation over every day, handing off on Mondays at 09:00 Dubai; the first participant has this week. */
export const everyDay = (participants: string[], name = 'Weekly') => ({
  name,
  participants,
  turn: { unit: 'week' as const, count: 1 },
  handoffTime: '09:00',
  startDate: '2026-11-23',
  days: [...WEEKDAYS],
});
