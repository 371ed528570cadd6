import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { get, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('migration 0130', () => {
  it('adds postmortems (one per incident), reviews, revisions, action items and the requirement policy, keeping the incidents already there', () => {
    const db = newEncryptedDb(tempDir());
    // The step before this one, whatever its number.
    migrate(db, { to: 129 });
    expect(schemaVersion(db)).toBeLessThan(130);
    run(
      db,
      sql`INSERT INTO incidents (id, title, state, impact, urgency, priority, category, group_key, detected_at, opened_at, updated_at)
          VALUES (7, 'Fraud model accuracy drop', 'resolved', 'high', 'high', 'P1', 'model_accuracy', 'g', 1, 1, 1)`,
    );
    migrate(db, { to: 130 });
    expect(schemaVersion(db)).toBe(130);
    expect(get(db, sql`SELECT title FROM incidents WHERE id = 7`)).toEqual({
      title: 'Fraud model accuracy drop',
    });

    const tables = [
      'postmortems',
      'postmortem_reviewers',
      'postmortem_comments',
      'postmortem_revisions',
      'postmortem_action_items',
      'postmortem_policy',
    ];
    const strict = (db.pragma('table_list') as { name: string; strict: number }[])
      .filter((t) => tables.includes(t.name) && t.strict === 1)
      .map((t) => t.name)
      .sort();
    expect(strict).toEqual([...tables].sort());

    const postmortem = () =>
      run(
        db,
        sql`INSERT INTO postmortems (incident_id, title, state, author, sections, created_at, updated_at)
            VALUES (7, 'Postmortem', 'draft', 'amal', '{}', 1, 1)`,
      );
    postmortem();
    expect(postmortem).toThrow(/UNIQUE/);
    expect(() =>
      run(
        db,
        sql`INSERT INTO postmortem_action_items (postmortem_id, title, owner, status, created_by, created_at, updated_at)
            VALUES (1, 'Add a canary', 'omar', 'maybe', 'amal', 1, 1)`,
      ),
    ).toThrow(/CHECK/);
    // The site's threshold starts at 20 % of an error budget, and there is only ever one policy.
    expect(get(db, sql`SELECT budget_threshold_percent AS p FROM postmortem_policy`)).toEqual({
      p: 20,
    });
    expect(() =>
      run(db, sql`INSERT INTO postmortem_policy (id, budget_threshold_percent) VALUES (2, 10)`),
    ).toThrow(/CHECK/);
  });
});
