import { describe, expect, it } from 'vitest';
import { all, get, likeContains, run, sql, sqlId, sqlJoin } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from './rawDb.ts';

describe('sql tagged template', () => {
  it('binds every value as a parameter, never splicing it into the text', () => {
    const name = "Robert'); DROP TABLE operators;--";
    const q = sql`SELECT * FROM operators WHERE username = ${name} AND id > ${3}`;
    expect(q.query).toBe('SELECT * FROM operators WHERE username = ? AND id > ?');
    expect(q.params).toEqual([name, 3]);
  });

  it('nests fragments and joins them with their parameters in order', () => {
    const conditions = [
      sql`a = ${1}`,
      sql`b = ${'two'}`,
      sql`c IN (${sqlJoin([sql`${3}`, sql`${4}`])})`,
    ];
    const q = sql`SELECT 1 FROM t WHERE ${sqlJoin(conditions, ' AND ')} LIMIT ${10}`;
    expect(q.query).toBe('SELECT 1 FROM t WHERE a = ? AND b = ? AND c IN (?, ?) LIMIT ?');
    expect(q.params).toEqual([1, 'two', 3, 4, 10]);
  });

  it('accepts only plain identifiers through sqlId', () => {
    expect(sqlId('audit_log').query).toBe('"audit_log"');
    for (const bad of ['1abc', 'a b', 'a"b', 'x;--', ''])
      expect(() => sqlId(bad)).toThrow(/safe SQL identifier/);
  });

  it('escapes LIKE wildcards so operator text matches literally', () => {
    expect(likeContains('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });

  it('runs queries against a real encrypted database and reuses prepared statements', () => {
    const db = newEncryptedDb(tempDir());
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT');
    for (const name of ['alpha', 'beta', '100%'])
      run(db, sql`INSERT INTO t (name) VALUES (${name})`);
    expect(
      all<{ name: string }>(db, sql`SELECT name FROM t ORDER BY id`).map((r) => r.name),
    ).toEqual(['alpha', 'beta', '100%']);
    expect(
      get<{ n: number }>(
        db,
        sql`SELECT count(*) AS n FROM t WHERE name LIKE ${likeContains('%')} ESCAPE '\\'`,
      )?.n,
    ).toBe(1);
    expect(get(db, sql`SELECT * FROM t WHERE id = ${99}`)).toBeUndefined();
    db.close();
  });
});
