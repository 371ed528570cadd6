// A real encrypted store with some audit history, plus a raw connection for tampering outside the API.
import type Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { appendAudit, type AuditEvent } from '../../../main/audit/index.ts';
import { createStore, type WritableDb } from '../../../main/store/db.ts';
import { LEGACY_SCRYPT_COST } from '../../../main/store/scrypt.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { openRaw } from '../store/rawDb.ts';

export const T0 = Date.parse('2025-03-01T08:00:00.000Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000);

export function event(i: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    actor: i % 3 === 0 ? 'fatima' : 'omar',
    role: i % 3 === 0 ? 'admin' : 'operator',
    action: i % 2 === 0 ? 'incident.acknowledge' : 'auth.login',
    target: `incident/${i}`,
    outcome: i % 5 === 0 ? 'denied' : 'success',
    details: { n: i, note: `step ${i}`, nested: { ok: true, list: [1, 'two'] } },
    ...overrides,
  };
}

export async function auditStore(entries = 0): Promise<{
  dataDir: string;
  db: WritableDb;
  key: Buffer;
  raw: () => Database.Database;
}> {
  const dataDir = join(tempDir(), 'data');
  const { db, recoveryKey } = await createStore({
    dataDir,
    passphrase: 'pass phrase',
    cost: LEGACY_SCRYPT_COST,
  }); // the cheapest accepted: these tests are not about it
  for (let i = 1; i <= entries; i += 1) appendAudit(db, event(i), at(i));
  return {
    dataDir,
    db,
    key: Buffer.from(recoveryKey, 'hex'),
    raw: () => openRaw(join(dataDir, 'mirqab.db'), recoveryKey),
  };
}

// What an attacker holding the key can do: drop the guard triggers and run any SQL.
export function tamper(rawDb: Database.Database, statements: string): void {
  rawDb.exec(
    'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;',
  );
  rawDb.exec(
    'DROP TRIGGER IF EXISTS audit_checkpoints_no_update; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;',
  );
  rawDb.exec(statements);
  rawDb.close();
}
