// Notification delivery over a real encrypted store at the latest schema: a site with operators and
// an open incident, the notifier, the outbox worker on a clock the test moves, and the event bus.
import { onTestFinished } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import { EventBus } from '../../../main/core/events.ts';
import type { Actor } from '../../../main/identity/index.ts';
import type { Page } from '../../../main/incidents/paging.ts';
import {
  createNotifications,
  type Notifications,
  type RetryPolicy,
} from '../../../main/incidents/notify/index.ts';
import { silentLogger } from '../../../main/log.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import { all, run, sql } from '../../../main/store/sql.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { TestClock } from '../../helpers/console.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';

export const ADMIN: Actor = { operatorId: 1, username: 'admin', role: 'admin', sessionId: 's1' };

export interface NotifyStore extends Notifications {
  db: WritableDb;
  clock: TestClock;
  events: EventBus;
  incidentId: number;
  /** Incidents whose timelines the notifier said it changed. */
  timelineChanges: number[][];
  page(overrides?: Partial<Page>): void;
  setEmail(username: string, email: string | null): void;
  useSmtp(
    port: number,
    extra?: { username?: string; password?: string; security?: 'starttls' | 'none' },
  ): void;
  useWebhook(url: string, secret?: { headerName: string; value: string }): void;
  timeline(): { kind: string; text: string; details: Record<string, unknown> }[];
  attempts(deliveryId: number): { at: number; outcome: string; error: string | null }[];
  /** Resolves with the next event of that name that passes the check. */
  nextEvent<E extends EventName>(
    name: E,
    check?: (payload: EventPayload<E>) => boolean,
  ): Promise<EventPayload<E>>;
}

export function setUpNotifyStore(retry: Partial<RetryPolicy> = {}): NotifyStore {
  const db = newEncryptedDb(tempDir());
  migrate(db);
  const clock = new TestClock();
  const events = new EventBus();
  const timelineChanges: number[][] = [];
  for (const [username, role] of [
    ['admin', 'admin'],
    ['amal', 'operator'],
    ['omar', 'incident_commander'],
  ] as const)
    run(
      db,
      sql`INSERT INTO operators (username, display_name, role, password_hash, created_at)
          VALUES (${username}, ${username.toUpperCase()}, ${role}, 'h', '2026-01-01T00:00:00.000Z')`,
    );
  const now = clock.now().getTime();
  const incidentId = Number(
    run(
      db,
      sql`INSERT INTO incidents (title, state, impact, urgency, priority, category, group_key, detected_at, opened_at, updated_at)
          VALUES ('llama-3-8b availability burning', 'new', 'high', 'high', 'P1', 'model_serving', 'g1', ${now}, ${now}, ${now})`,
    ).lastInsertRowid,
  );
  const notifications = createNotifications({
    store: () => db,
    clock,
    events,
    logger: silentLogger,
    siteName: () => 'Abu Dhabi DC1',
    timeZone: () => 'Asia/Dubai',
    retry,
    onTimelineChanged: (ids) => timelineChanges.push(ids),
  });
  onTestFinished(() => {
    notifications.worker.stop();
    db.close();
  });
  const channels = (
    smtp: Partial<Parameters<Notifications['service']['saveSettings']>[0]['smtp']>,
    webhook: Partial<Parameters<Notifications['service']['saveSettings']>[0]['webhook']>,
  ) => {
    const current = notifications.service.settings();
    notifications.service.saveSettings(
      {
        smtp: { ...current.smtp, ...smtp },
        webhook: { ...current.webhook, ...webhook },
      },
      ADMIN,
    );
  };
  return {
    ...notifications,
    db,
    clock,
    events,
    incidentId,
    timelineChanges,
    page(overrides = {}) {
      notifications.notifier.page({
        incidentId,
        title: 'llama-3-8b availability burning',
        priority: 'P1',
        usernames: ['amal', 'omar'],
        tier: 1,
        text: 'Availability SLO burning 14x its budget',
        atMs: clock.now().getTime(),
        ...overrides,
      });
    },
    setEmail(username, email) {
      notifications.service.setContact(username, email, ADMIN);
    },
    useSmtp(port, extra = {}) {
      channels(
        {
          enabled: true,
          host: '127.0.0.1',
          port,
          security: extra.security ?? 'none',
          verifyCertificate: false,
          username: extra.username ?? null,
          ...(extra.password ? { password: extra.password } : {}),
          from: 'mirqab@dc1.example',
        },
        {},
      );
    },
    useWebhook(url, secret) {
      channels(
        {},
        {
          enabled: true,
          url,
          headerName: secret?.headerName ?? null,
          ...(secret ? { secret: secret.value } : {}),
        },
      );
    },
    timeline() {
      return all<{ kind: string; text: string; details: string }>(
        db,
        sql`SELECT kind, text, details FROM incident_timeline WHERE incident_id = ${incidentId} ORDER BY id`,
      ).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
    },
    attempts(deliveryId) {
      return all(
        db,
        sql`SELECT at, outcome, error FROM notify_attempts WHERE delivery_id = ${deliveryId} ORDER BY id`,
      );
    },
    nextEvent<E extends EventName>(
      name: E,
      check: (payload: EventPayload<E>) => boolean = () => true,
    ): Promise<EventPayload<E>> {
      return new Promise((resolve) => {
        const stop = events.on((event: EventName, payload: unknown) => {
          if (event !== name || !check(payload as EventPayload<E>)) return;
          stop();
          resolve(payload as EventPayload<E>);
        });
      });
    },
  };
}
