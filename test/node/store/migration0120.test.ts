import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, get, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0120', () => {
  it('adds runbook versions, rules, runs and their steps (STRICT), keeping the incidents already there', () => {
    const db = newEncryptedDb(tempDir());
    // The step before this one, whatever its number.
    migrate(db, { to: 119 });
    expect(schemaVersion(db)).toBeLessThan(120);
    run(
      db,
      sql`INSERT INTO incidents (id, title, state, impact, urgency, priority, category, group_key, detected_at, opened_at, updated_at)
          VALUES (7, 'llama accuracy drop', 'new', 'high', 'high', 'P1', 'model_accuracy', 'g', 1, 1, 1)`,
    );
    migrate(db, { to: 120 });
    expect(schemaVersion(db)).toBe(120);
    expect(get(db, sql`SELECT title FROM incidents WHERE id = 7`)).toEqual({
      title: 'llama accuracy drop',
    });
    const tables = ['runbooks', 'runbook_rules', 'runbook_runs', 'runbook_run_steps'];
    const strict = (db.pragma('table_list') as { name: string; strict: number }[])
      .filter((t) => tables.includes(t.name) && t.strict === 1)
      .map((t) => t.name)
      .sort();
    expect(strict).toEqual([...tables].sort());

    // Every version is kept, once.
    const version = (v: number) =>
      run(
        db,
        sql`INSERT INTO runbooks (name, version, title, source, imported_at, imported_by)
            VALUES ('rollback', ${v}, 't', 'yaml', 1, 'amal')`,
      );
    version(1);
    version(2);
    expect(() => version(2)).toThrow(/UNIQUE/);
    expect(() => version(0)).toThrow(/CHECK/);

    // A run belongs to an incident; its steps take only the statuses the engine knows.
    run(
      db,
      sql`INSERT INTO runbook_runs (id, incident_id, runbook_id, state, requested_by, requested_role, trigger, plan_digest, started_at)
          VALUES (1, 7, 1, 'running', 'amal', 'operator', 'operator', 'd', 1)`,
    );
    const step = (idx: number, status: string) =>
      run(
        db,
        sql`INSERT INTO runbook_run_steps (run_id, idx, step_id, type, title, is_destructive, status)
            VALUES (1, ${idx}, ${`s${idx}`}, 'action', 't', 1, ${status})`,
      );
    step(0, 'awaiting_approval');
    expect(() => step(1, 'exploded')).toThrow(/CHECK/);
    expect(() =>
      run(
        db,
        sql`INSERT INTO runbook_runs (incident_id, runbook_id, state, requested_by, requested_role, trigger, plan_digest, started_at)
            VALUES (99, 1, 'running', 'amal', 'operator', 'operator', 'd', 1)`,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(all(db, sql`SELECT step_id, status FROM runbook_run_steps`)).toEqual([
      { step_id: 's0', status: 'awaiting_approval' },
    ]);
    db.close();
  });
});
