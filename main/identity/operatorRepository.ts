// Operators: people who sign in to the console, each with one role.
import type { Operator } from '../../shared/ipc/contract.ts';
import { RoleSchema } from '../../shared/ipc/contract.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/db.ts';

interface OperatorRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  must_change_password: number;
}

export interface OperatorWithSecret extends Operator {
  passwordHash: string;
  /** An admin set a temporary password: the operator must choose their own before anything else. */
  mustChangePassword: boolean;
}

function rowToOperator(row: OperatorRow): OperatorWithSecret {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: RoleSchema.parse(row.role),
    disabled: row.disabled !== 0,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password !== 0,
  };
}

export function withoutSecret(operator: OperatorWithSecret): Operator {
  const { passwordHash: _secret, mustChangePassword: _flag, ...rest } = operator;
  return rest;
}

export function listOperators(db: ReadableDb): Operator[] {
  return all<OperatorRow>(db, sql`SELECT * FROM operators ORDER BY username`).map((row) =>
    withoutSecret(rowToOperator(row)),
  );
}

export function findOperatorByUsername(
  db: ReadableDb,
  username: string,
): OperatorWithSecret | null {
  const row = get<OperatorRow>(db, sql`SELECT * FROM operators WHERE username = ${username}`);
  return row ? rowToOperator(row) : null;
}

export function findOperatorById(db: ReadableDb, id: number): OperatorWithSecret | null {
  const row = get<OperatorRow>(db, sql`SELECT * FROM operators WHERE id = ${id}`);
  return row ? rowToOperator(row) : null;
}

export function insertOperator(
  db: WritableDb,
  operator: { username: string; displayName: string; role: Role; passwordHash: string },
  now: Date,
): Operator {
  const result = run(
    db,
    sql`INSERT INTO operators (username, display_name, role, password_hash, disabled, created_at)
        VALUES (${operator.username}, ${operator.displayName}, ${operator.role},
                ${operator.passwordHash}, 0, ${now.toISOString()})`,
  );
  const created = findOperatorById(db, Number(result.lastInsertRowid));
  if (!created) throw new Error('operator vanished after insert');
  return withoutSecret(created);
}

export function updateOperatorRole(db: WritableDb, id: number, role: Role): void {
  run(db, sql`UPDATE operators SET role = ${role} WHERE id = ${id}`);
}

export function updateOperatorDisabled(db: WritableDb, id: number, disabled: boolean): void {
  run(db, sql`UPDATE operators SET disabled = ${disabled ? 1 : 0} WHERE id = ${id}`);
}

/** A rehash keeps the flag; an own change clears it; an admin's reset sets it. */
export function updateOperatorPassword(
  db: WritableDb,
  id: number,
  passwordHash: string,
  mustChange?: boolean,
): void {
  if (mustChange === undefined)
    run(db, sql`UPDATE operators SET password_hash = ${passwordHash} WHERE id = ${id}`);
  else
    run(
      db,
      sql`UPDATE operators SET password_hash = ${passwordHash},
            must_change_password = ${mustChange ? 1 : 0} WHERE id = ${id}`,
    );
}

export function countActiveAdmins(db: ReadableDb): number {
  const row = get<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM operators WHERE role = 'admin' AND disabled = 0`,
  );
  return row?.n ?? 0;
}

export function countOperators(db: ReadableDb): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM operators`)?.n ?? 0;
}
