// Opens a store file with the raw key and nothing else, as the sqlcipher tool or an attacker would.
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WritableDb } from '../../../main/store/db.ts';

export function openRaw(
  path: string,
  keyHex: string,
  options: Database.Options = {},
): Database.Database {
  const db = new Database(path, options);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
  return db;
}

// A fresh encrypted file with no schema, for migration tests.
export function newEncryptedDb(dir: string): WritableDb {
  const db = openRaw(join(dir, 'migrate.db'), randomBytes(32).toString('hex'));
  db.pragma('foreign_keys = ON');
  return db as WritableDb;
}

// Hashes every file in the directory, so a test can prove nothing on disk changed.
export function fingerprintDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (existsSync(path)) out[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}
