import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, get, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0080', () => {
  it('adds schedules, overrides, escalation policies and escalation progress, keeping the incidents of schema 70', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 70 });
    run(
      db,
      sql`INSERT INTO incidents (id, title, state, impact, urgency, priority, category, group_key, detected_at, opened_at, updated_at)
          VALUES (1, 'Fraud scoring p99 over 300 ms', 'new', 'high', 'high', 'P1', 'inference_anomaly', 'g1', 1, 1, 1)`,
    );
    migrate(db, { to: 80 });
    expect(schemaVersion(db)).toBe(80);
    expect(get(db, sql`SELECT title, priority FROM incidents`)).toEqual({
      title: 'Fraud scoring p99 over 300 ms',
      priority: 'P1',
    });
    const strict = (db.pragma('table_list') as { name: string; strict: number }[])
      .filter((t) => t.strict === 1)
      .map((t) => t.name);
    expect(strict).toEqual(
      expect.arrayContaining([
        'oncall_schedules',
        'oncall_overrides',
        'escalation_policies',
        'incident_escalations',
      ]),
    );

    run(
      db,
      sql`INSERT INTO oncall_schedules (id, name, layers, created_by, created_at, updated_by, updated_at)
          VALUES (1, 'Platform L1', '[]', 'amal', 1, 'amal', 1)`,
    );
    const override = (start: number, end: number) =>
      run(
        db,
        sql`INSERT INTO oncall_overrides (schedule_id, username, starts_at, ends_at, created_by, created_at)
            VALUES (1, 'bilal', ${start}, ${end}, 'amal', 1)`,
      );
    override(10, 20);
    // An override that ends before it starts is refused by the table as well as the service.
    expect(() => override(20, 10)).toThrow(/CHECK/);

    const policy = (name: string, isDefault: number) =>
      run(
        db,
        sql`INSERT INTO escalation_policies (name, is_default, priorities, tiers, created_by, created_at, updated_by, updated_at)
            VALUES (${name}, ${isDefault}, '["P1"]', '[]', 'amal', 1, 'amal', 1)`,
      );
    policy('Default', 1);
    policy('GPU', 0);
    expect(() => policy('Second default', 1)).toThrow(/UNIQUE/);

    run(
      db,
      sql`INSERT INTO incident_escalations (incident_id, policy_id, priority, next_at, started_at, updated_at)
          VALUES (1, 1, 'P1', 900000, 1, 1)`,
    );
    expect(() =>
      run(
        db,
        sql`INSERT INTO incident_escalations (incident_id, priority, started_at, updated_at) VALUES (99, 'P1', 1, 1)`,
      ),
    ).toThrow(/FOREIGN KEY/);
    // Deleting a schedule takes its overrides with it.
    run(db, sql`DELETE FROM oncall_schedules WHERE id = 1`);
    expect(all(db, sql`SELECT id FROM oncall_overrides`)).toEqual([]);

    const plan = all<{ detail: string }>(
      db,
      sql`EXPLAIN QUERY PLAN SELECT incident_id FROM incident_escalations WHERE next_at IS NOT NULL AND next_at <= ${5}`,
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/incident_escalations_due/);
    db.close();
  });
});
