// The encrypted store: one SQLCipher-v4 compatible file, its key wrapped in keyring.json.
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  KEYRING_FILE,
  keyringCost,
  keyringExists,
  readKeyring,
  unwrapKey,
  wrapKey,
  writeKeyring,
} from './keyring.ts';
import { LATEST_SCHEMA_VERSION, migrate } from './migrations/index.ts';
import { isWeakerThan, SCRYPT_COST, type ScryptCost } from './scrypt.ts';
import { StoreError, type ReadableDb, type WritableDb } from './types.ts';

export { StoreError, type ReadableDb, type StoreErrorCode, type WritableDb } from './types.ts';

export const DB_FILE = 'mirqab.db';
const SIDE_FILES = ['-wal', '-shm', '-journal'];

function dbPath(dataDir: string): string {
  return join(dataDir, DB_FILE);
}

function keyHex(key: Buffer): string {
  if (key.length !== 32) throw new StoreError('WRONG_KEY', 'A store key is exactly 32 bytes.');
  return key.toString('hex');
}

// These three pragmas alone open the file, so the sqlcipher tool can read a copy with the recovery key.
function applyKey(db: Database.Database, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex(key)}'"`);
}

function sqliteCode(err: unknown): string | undefined {
  return err instanceof Database.SqliteError ? err.code : undefined;
}

function checkKey(db: Database.Database): number {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db.pragma('user_version', { simple: true }) as number;
  } catch (cause) {
    const code = sqliteCode(cause);
    if (code === 'SQLITE_NOTADB') {
      throw new StoreError(
        'WRONG_KEY',
        'This key does not open the store (wrong recovery key, or the file is damaged).',
        { cause },
      );
    }
    if (code?.startsWith('SQLITE_CORRUPT')) {
      throw new StoreError('CORRUPT', 'The store file is damaged; restore it from a backup.', {
        cause,
      });
    }
    throw cause;
  }
}

function assertKnownSchema(version: number): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'NEWER_SCHEMA',
      `This store was written by a newer version of Mirqab (schema ${version}, this build knows ${LATEST_SCHEMA_VERSION}); upgrade Mirqab to open it.`,
    );
  }
}

/** Decrypted pages kept in memory: telemetry ingest touches one page per series per batch. */
const CACHE_KIB = 64 * 1024;
/** Checkpoint the WAL every ~40 MiB rather than 4 MiB, so hot pages are encrypted and written back less often. */
const WAL_CHECKPOINT_PAGES = 10_000;

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = ${-CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
}

export function storeExists(dataDir: string): boolean {
  return keyringExists(dataDir) || existsSync(dbPath(dataDir));
}

/**
 * Keeps the data folder private to this account: a folder others may read or enter is tightened to
 * 0700 (returning the mode it had), one owned by another account is refused. Nothing to do on Windows.
 */
export function secureDataDir(dataDir: string): { tightenedFrom: number | null } {
  if (process.platform === 'win32' || !existsSync(dataDir)) return { tightenedFrom: null };
  const stat = statSync(dataDir);
  if (!stat.isDirectory()) throw new StoreError('UNSAFE_FOLDER', `${dataDir} is not a folder.`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new StoreError(
      'UNSAFE_FOLDER',
      `The data folder ${dataDir} belongs to another account (uid ${stat.uid}, this is uid ${uid}); Mirqab keeps its store only in a folder it owns.`,
    );
  }
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) === 0) return { tightenedFrom: null };
  chmodSync(dataDir, 0o700);
  return { tightenedFrom: mode };
}

export async function createStore(options: {
  dataDir: string;
  passphrase: string;
  /** scrypt cost of the new keyring; tests that are not about the cost pass a cheaper one. */
  cost?: ScryptCost;
}): Promise<{ db: WritableDb; recoveryKey: string }> {
  const { dataDir, passphrase } = options;
  if (storeExists(dataDir)) {
    throw new StoreError(
      'ALREADY_INITIALISED',
      `A Mirqab store already exists in ${dataDir}; open it instead.`,
    );
  }
  // mkdir's mode applies only to a folder it creates; an existing one is tightened here.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  secureDataDir(dataDir);
  const key = randomBytes(32);
  const keyring = await wrapKey(key, passphrase, null, options.cost);
  const path = dbPath(dataDir);
  // Creating the empty file first fixes its mode at 0600 (SQLite copies it to -wal/-shm) and refuses a race.
  closeSync(openSync(path, 'wx', 0o600));
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    applyKey(db, key);
    configure(db);
    migrate(db as WritableDb);
    writeKeyring(dataDir, keyring);
    return { db: db as WritableDb, recoveryKey: key.toString('hex') };
  } catch (err) {
    db?.close();
    for (const suffix of ['', ...SIDE_FILES]) rmSync(path + suffix, { force: true });
    throw err;
  }
}

/**
 * The store key from the passphrase. A keyring wrapped at a weaker cost than `cost` (older Mirqab) is
 * re-wrapped at `cost` now that the passphrase is known to be right; the key itself does not change.
 */
export async function unwrapKeyWithPassphrase(
  dataDir: string,
  passphrase: string,
  options: { cost?: ScryptCost } = {},
): Promise<Buffer> {
  const keyring = readKeyring(dataDir);
  const key = await unwrapKey(keyring, passphrase);
  const target = options.cost ?? SCRYPT_COST;
  if (isWeakerThan(keyringCost(keyring), target)) {
    writeKeyring(dataDir, await wrapKey(key, passphrase, keyring.protectedKey, target));
  }
  return key;
}

// Accepts the recovery key as shown to the operator, tolerating spaces, dashes and upper case.
export function parseRecoveryKey(text: string): Buffer {
  const hex = text.replace(/[\s-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new StoreError('WRONG_KEY', 'A recovery key is 64 hexadecimal characters (0-9, a-f).');
  }
  return Buffer.from(hex, 'hex');
}

export function openStore(dataDir: string, key: Buffer): WritableDb {
  const path = dbPath(dataDir);
  if (!existsSync(path))
    throw new StoreError('NOT_INITIALISED', `No Mirqab store is set up in ${dataDir}.`);
  secureDataDir(dataDir);
  const db = new Database(path, { fileMustExist: true });
  try {
    applyKey(db, key);
    // Key and schema are checked before anything writes, and a reader's close removes the -wal/-shm it made,
    // so a refused open leaves the files byte-for-byte as they were.
    assertKnownSchema(checkKey(db));
    configure(db);
    migrate(db as WritableDb);
    chmodSync(path, 0o600);
    if (keyringExists(dataDir)) chmodSync(join(dataDir, KEYRING_FILE), 0o600);
    return db as WritableDb;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function closeStore(db: ReadableDb): void {
  if (db.open) db.close();
}

export function getProtectedKey(dataDir: string): string | null {
  return readKeyring(dataDir).protectedKey;
}

export function setProtectedKey(dataDir: string, blob: string | null): void {
  writeKeyring(dataDir, { ...readKeyring(dataDir), protectedKey: blob });
}

export async function changePassphrase(
  dataDir: string,
  current: string,
  next: string,
  options: { cost?: ScryptCost } = {},
): Promise<void> {
  const keyring = readKeyring(dataDir);
  const key = await unwrapKey(keyring, current);
  // The key itself is unchanged, so the OS-protected copy stays valid.
  writeKeyring(dataDir, await wrapKey(key, next, keyring.protectedKey, options.cost));
}

export async function rotateKey(
  db: WritableDb,
  dataDir: string,
  passphrase: string,
  options: { cost?: ScryptCost } = {},
): Promise<{ db: WritableDb; recoveryKey: string }> {
  await unwrapKey(readKeyring(dataDir), passphrase);
  if (db.inTransaction) throw new Error('rotateKey cannot run inside a transaction.');
  const newKey = randomBytes(32);
  // Wrap before rekeying, so the slow scrypt step cannot fail after the file already uses the new key.
  const keyring = await wrapKey(newKey, passphrase, null, options.cost);
  // SQLCipher cannot rekey a WAL database: fold the WAL in, rekey in rollback mode, then return to WAL.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    db.pragma(`rekey="x'${keyHex(newKey)}'"`);
  } finally {
    db.pragma('journal_mode = WAL');
  }
  writeKeyring(dataDir, keyring);
  return { db, recoveryKey: newKey.toString('hex') };
}
