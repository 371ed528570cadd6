import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { all, get, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0100', () => {
  it('adds threshold rules and the sources’ open alerts (STRICT), keeping the incidents already there', () => {
    const db = newEncryptedDb(tempDir());
    // The step before this one, whatever its number.
    migrate(db, { to: 99 });
    const before = schemaVersion(db);
    expect(before).toBeLessThan(100);
    run(
      db,
      sql`INSERT INTO incidents (id, title, state, impact, urgency, priority, category, group_key, detected_at, opened_at, updated_at)
          VALUES (7, 'GPU node down', 'new', 'high', 'high', 'P1', 'infrastructure', 'g', 1, 1, 1)`,
    );
    migrate(db, { to: 100 });
    expect(schemaVersion(db)).toBe(100);
    expect(get(db, sql`SELECT title FROM incidents WHERE id = 7`)).toEqual({
      title: 'GPU node down',
    });

    const strict = (db.pragma('table_list') as { name: string; strict: number }[])
      .filter((t) => ['alert_rules', 'alert_source_active'].includes(t.name) && t.strict === 1)
      .map((t) => t.name)
      .sort();
    expect(strict).toEqual(['alert_rules', 'alert_source_active']);

    // Rule names are unique: they are the alerts' names.
    const rule = (name: string) =>
      run(
        db,
        sql`INSERT INTO alert_rules (name, spec, created_at, updated_at, updated_by) VALUES (${name}, '{}', 1, 1, 'amal')`,
      );
    rule('GpuTooHot');
    expect(() => rule('GpuTooHot')).toThrow(/UNIQUE/);

    // Only the sources that keep state here may write it.
    const active = (fingerprint: string, source: string) =>
      run(
        db,
        sql`INSERT INTO alert_source_active (fingerprint, source, alert, started_at, sent_at) VALUES (${fingerprint}, ${source}, '{}', 1, 2)`,
      );
    active('a1', 'threshold');
    active('a2', 'agent');
    active('a3', 'model');
    expect(() => active('a4', 'alertmanager')).toThrow(/CHECK/);
    expect(() => active('a1', 'agent')).toThrow(/UNIQUE|PRIMARY/);
    expect(all(db, sql`SELECT fingerprint FROM alert_source_active ORDER BY fingerprint`)).toEqual([
      { fingerprint: 'a1' },
      { fingerprint: 'a2' },
      { fingerprint: 'a3' },
    ]);
    db.close();
  });
});
