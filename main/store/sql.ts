// SQL is written only through this tagged template, so every value is bound and never spliced.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ReadableDb, WritableDb } from './types.ts';

const SQL = Symbol('sql');

export type SqlFragment = {
  readonly [SQL]: true;
  readonly query: string;
  readonly params: unknown[];
};

function fragment(query: string, params: unknown[]): SqlFragment {
  return { [SQL]: true, query, params };
}

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && SQL in value;
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let query = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      query += value.query;
      params.push(...value.params);
    } else {
      query += '?';
      params.push(value);
    }
    query += strings[i + 1] ?? '';
  });
  return fragment(query, params);
}

export function sqlJoin(fragments: readonly SqlFragment[], separator: string = ', '): SqlFragment {
  return fragment(
    fragments.map((f) => f.query).join(separator),
    fragments.flatMap((f) => f.params),
  );
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function sqlId(name: string): SqlFragment {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a safe SQL identifier: ${JSON.stringify(name)}`);
  return fragment(`"${name}"`, []);
}

// Escapes LIKE wildcards so user text matches literally; pair with ESCAPE '\'.
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Prepared statements are cached per connection, so a hot query is compiled once.
const cache = new WeakMap<object, Map<string, Database.Statement<unknown[], unknown>>>();

export function prepareCached(
  db: ReadableDb,
  query: string,
): Database.Statement<unknown[], unknown> {
  let byQuery = cache.get(db);
  if (!byQuery) {
    byQuery = new Map();
    cache.set(db, byQuery);
  }
  let stmt = byQuery.get(query);
  if (!stmt) {
    stmt = db.prepare<unknown[], unknown>(query);
    byQuery.set(query, stmt);
  }
  return stmt;
}

export function all<T>(db: ReadableDb, q: SqlFragment): T[] {
  return prepareCached(db, q.query).all(...q.params) as T[];
}

export function get<T>(db: ReadableDb, q: SqlFragment): T | undefined {
  return prepareCached(db, q.query).get(...q.params) as T | undefined;
}

export function run(
  db: WritableDb,
  q: SqlFragment,
): { changes: number; lastInsertRowid: number | bigint } {
  return prepareCached(db, q.query).run(...q.params);
}
