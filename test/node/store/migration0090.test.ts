import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, get, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0090', () => {
  it('adds the notification channels, contacts and outbox (STRICT) and keeps operators and incidents', () => {
    const db = newEncryptedDb(tempDir());
    // The step before this one, whatever its number.
    migrate(db, { to: 89 });
    const before = schemaVersion(db);
    expect(before).toBeLessThan(90);
    run(
      db,
      sql`INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('amal', 'Amal', 'operator', 'h', '2026-01-01T00:00:00.000Z')`,
    );
    run(
      db,
      sql`INSERT INTO incidents (id, title, state, impact, urgency, priority, category, group_key, detected_at, opened_at, updated_at)
          VALUES (7, 'GPU node down', 'new', 'high', 'high', 'P1', 'infrastructure', 'g', 1, 1, 1)`,
    );
    migrate(db, { to: 90 });
    expect(schemaVersion(db)).toBe(90);
    expect(get(db, sql`SELECT username FROM operators`)).toEqual({ username: 'amal' });
    expect(get(db, sql`SELECT title FROM incidents WHERE id = 7`)).toEqual({
      title: 'GPU node down',
    });

    const strict = (db.pragma('table_list') as { name: string; strict: number }[])
      .filter((t) => t.name.startsWith('notify_') && t.strict === 1)
      .map((t) => t.name)
      .sort();
    expect(strict).toEqual([
      'notify_attempts',
      'notify_channels',
      'notify_contacts',
      'notify_deliveries',
    ]);

    // A contact belongs to an existing operator; a channel is one the console knows.
    run(
      db,
      sql`INSERT INTO notify_contacts (username, email, updated_at, updated_by) VALUES ('amal', 'amal@dc1.example', 1, 'admin')`,
    );
    expect(() =>
      run(
        db,
        sql`INSERT INTO notify_contacts (username, email, updated_at, updated_by) VALUES ('ghost', 'g@x.example', 1, 'admin')`,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      run(
        db,
        sql`INSERT INTO notify_channels (channel, config, updated_at, updated_by) VALUES ('sms', '{}', 1, 'admin')`,
      ),
    ).toThrow(/CHECK/);

    // A delivery for an incident, and one for nobody's incident (a test message).
    const deliver = (incidentId: number | null, state: string) =>
      run(
        db,
        sql`INSERT INTO notify_deliveries (incident_id, channel, subject, body, state, max_attempts, next_attempt_at, created_at)
            VALUES (${incidentId}, 'smtp', 's', 'b', ${state}, 8, 1, 1)`,
      );
    deliver(7, 'pending');
    deliver(null, 'sent');
    expect(() => deliver(8, 'pending')).toThrow(/FOREIGN KEY/);
    expect(() => deliver(7, 'lost')).toThrow(/CHECK/);
    expect(() =>
      run(db, sql`INSERT INTO notify_attempts (delivery_id, at, outcome) VALUES (1, 1, 'maybe')`),
    ).toThrow(/CHECK/);
    expect(
      all(db, sql`SELECT incident_id, state, attempts FROM notify_deliveries ORDER BY id`),
    ).toEqual([
      { incident_id: 7, state: 'pending', attempts: 0 },
      { incident_id: null, state: 'sent', attempts: 0 },
    ]);
    db.close();
  });

  it("finds the due deliveries through the outbox's partial index", () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 90 });
    const plan = all<{ detail: string }>(
      db,
      sql`EXPLAIN QUERY PLAN SELECT * FROM notify_deliveries WHERE state = 'pending' AND next_attempt_at <= ${5}
          ORDER BY next_attempt_at, id LIMIT 20`,
    ).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/notify_deliveries_due/);
    db.close();
  });
});
