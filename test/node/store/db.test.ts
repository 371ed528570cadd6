import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  changePassphrase,
  closeStore,
  createStore,
  getProtectedKey,
  openStore,
  parseRecoveryKey,
  rotateKey,
  setProtectedKey,
  storeExists,
  StoreError,
  unwrapKeyWithPassphrase,
} from '../../../main/store/db.ts';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index.ts';
import { get, run, sql } from '../../../main/store/sql.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { fingerprintDir, openRaw } from './rawDb.ts';

const PASS = 'correct horse battery staple';

async function expectStoreError(
  promise: Promise<unknown> | (() => unknown),
  code: StoreError['code'],
) {
  const err: unknown = await (
    typeof promise === 'function' ? Promise.resolve().then(promise) : promise
  ).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
  return err as StoreError;
}

async function newStore() {
  const dataDir = join(tempDir(), 'data');
  const { db, recoveryKey } = await createStore({ dataDir, passphrase: PASS });
  run(db, sql`INSERT INTO settings (key, value) VALUES (${'site.name'}, ${'"Dubai DC1"'})`);
  return { dataDir, db, recoveryKey };
}

const siteName = (db: Parameters<typeof get>[0]) =>
  get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${'site.name'}`)?.value;

describe('the encrypted store', () => {
  it('is created with a passphrase and reopens with it after a restart', async () => {
    const { dataDir, db, recoveryKey } = await newStore();
    expect(recoveryKey).toMatch(/^[0-9a-f]{64}$/);
    expect(storeExists(dataDir)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    closeStore(db);

    const reopened = openStore(dataDir, await unwrapKeyWithPassphrase(dataDir, PASS));
    expect(siteName(reopened)).toBe('"Dubai DC1"');
    closeStore(reopened);
  });

  it('keeps its files private to the operator account', async () => {
    if (process.platform === 'win32') return;
    const { dataDir, db } = await newStore();
    closeStore(db);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'mirqab.db')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keyring.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses to set up a second store over an existing one', async () => {
    const { dataDir, db } = await newStore();
    closeStore(db);
    const before = fingerprintDir(dataDir);
    await expectStoreError(createStore({ dataDir, passphrase: 'another' }), 'ALREADY_INITIALISED');
    expect(fingerprintDir(dataDir)).toEqual(before);
  });

  it('says the store is not set up when the data folder is empty', async () => {
    const dataDir = tempDir();
    expect(storeExists(dataDir)).toBe(false);
    await expectStoreError(unwrapKeyWithPassphrase(dataDir, PASS), 'NOT_INITIALISED');
    await expectStoreError(() => openStore(dataDir, Buffer.alloc(32)), 'NOT_INITIALISED');
  });

  it('rejects a wrong passphrase with a clear error and changes no byte on disk', async () => {
    const { dataDir, db } = await newStore();
    closeStore(db);
    const before = fingerprintDir(dataDir);
    const err = await expectStoreError(
      unwrapKeyWithPassphrase(dataDir, 'wrong passphrase'),
      'WRONG_PASSPHRASE',
    );
    expect(err.message).toMatch(/passphrase is not correct/);
    expect(fingerprintDir(dataDir)).toEqual(before);
  });

  it('rejects a wrong recovery key with a clear error, leaving no WAL or SHM file behind', async () => {
    const { dataDir, db } = await newStore();
    closeStore(db);
    const before = fingerprintDir(dataDir);
    expect(Object.keys(before).sort()).toEqual(['keyring.json', 'mirqab.db']);
    const wrong = parseRecoveryKey('ab'.repeat(32));
    const err = await expectStoreError(() => openStore(dataDir, wrong), 'WRONG_KEY');
    expect(err.message).toMatch(/does not open the store/);
    expect(fingerprintDir(dataDir)).toEqual(before);
    await expectStoreError(() => parseRecoveryKey('not a key'), 'WRONG_KEY');
  });

  it('opens with the recovery key alone, which is the raw SQLCipher key', async () => {
    const { dataDir, db, recoveryKey } = await newStore();
    closeStore(db);
    expect(readFileSync(join(dataDir, 'mirqab.db')).subarray(0, 16).toString('latin1')).not.toBe(
      'SQLite format 3\0',
    );

    const raw = openRaw(join(dataDir, 'mirqab.db'), recoveryKey, { readonly: true });
    expect(raw.prepare(`SELECT value FROM settings WHERE key = 'site.name'`).pluck().get()).toBe(
      '"Dubai DC1"',
    );
    raw.close();

    const formatted = recoveryKey
      .toUpperCase()
      .replace(/(.{8})/g, '$1-')
      .replace(/-$/, '');
    const reopened = openStore(dataDir, parseRecoveryKey(formatted));
    expect(siteName(reopened)).toBe('"Dubai DC1"');
    closeStore(reopened);
  });

  it('refuses a store written by a newer version of Mirqab, without touching it', async () => {
    const { dataDir, db, recoveryKey } = await newStore();
    closeStore(db);
    const raw = openRaw(join(dataDir, 'mirqab.db'), recoveryKey);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1000}`);
    raw.close();
    const before = fingerprintDir(dataDir);
    const err = await expectStoreError(
      () => openStore(dataDir, parseRecoveryKey(recoveryKey)),
      'NEWER_SCHEMA',
    );
    expect(err.message).toBe(
      `This store was written by a newer version of Mirqab (schema ${LATEST_SCHEMA_VERSION + 1000}, this build knows ${LATEST_SCHEMA_VERSION}); upgrade Mirqab to open it.`,
    );
    expect(fingerprintDir(dataDir)).toEqual(before);
  });

  it('reports a damaged keyring as corrupt, pointing to the recovery key', async () => {
    const { dataDir, db } = await newStore();
    closeStore(db);
    writeFileSync(join(dataDir, 'keyring.json'), '{"version": 1');
    const err = await expectStoreError(unwrapKeyWithPassphrase(dataDir, PASS), 'CORRUPT');
    expect(err.message).toMatch(/recovery key/);
  });

  it('changes the passphrase without changing the key or the OS-protected copy', async () => {
    const { dataDir, db, recoveryKey } = await newStore();
    closeStore(db);
    setProtectedKey(dataDir, 'os-protected-blob');
    await expectStoreError(
      changePassphrase(dataDir, 'wrong', 'new passphrase'),
      'WRONG_PASSPHRASE',
    );
    await changePassphrase(dataDir, PASS, 'new passphrase');
    await expectStoreError(unwrapKeyWithPassphrase(dataDir, PASS), 'WRONG_PASSPHRASE');
    const key = await unwrapKeyWithPassphrase(dataDir, 'new passphrase');
    expect(key.toString('hex')).toBe(recoveryKey);
    expect(getProtectedKey(dataDir)).toBe('os-protected-blob');
    const reopened = openStore(dataDir, key);
    expect(siteName(reopened)).toBe('"Dubai DC1"');
    closeStore(reopened);
  });

  it('stores and clears the OS-protected copy of the key', async () => {
    const { dataDir, db } = await newStore();
    closeStore(db);
    expect(getProtectedKey(dataDir)).toBeNull();
    setProtectedKey(dataDir, 'blob');
    expect(getProtectedKey(dataDir)).toBe('blob');
    setProtectedKey(dataDir, null);
    expect(getProtectedKey(dataDir)).toBeNull();
  });

  it('rotates the key under WAL: data survives, the old key fails, the new key and recovery key open it', async () => {
    const { dataDir, db, recoveryKey: oldKey } = await newStore();
    setProtectedKey(dataDir, 'old-protected-blob');
    // Rows that still sit in the WAL must be folded into the rekeyed file.
    for (let i = 0; i < 200; i += 1)
      run(db, sql`INSERT INTO settings (key, value) VALUES (${`k${i}`}, ${'1'})`);
    await expectStoreError(rotateKey(db, dataDir, 'wrong passphrase'), 'WRONG_PASSPHRASE');

    const rotated = await rotateKey(db, dataDir, PASS);
    expect(rotated.recoveryKey).not.toBe(oldKey);
    expect(rotated.db.pragma('journal_mode', { simple: true })).toBe('wal');
    run(rotated.db, sql`INSERT INTO settings (key, value) VALUES (${'after'}, ${'2'})`);
    expect(getProtectedKey(dataDir)).toBeNull();
    closeStore(rotated.db);

    await expectStoreError(() => openStore(dataDir, parseRecoveryKey(oldKey)), 'WRONG_KEY');
    const viaPassphrase = openStore(dataDir, await unwrapKeyWithPassphrase(dataDir, PASS));
    expect(get<{ n: number }>(viaPassphrase, sql`SELECT count(*) AS n FROM settings`)?.n).toBe(202);
    expect(viaPassphrase.pragma('journal_mode', { simple: true })).toBe('wal');
    closeStore(viaPassphrase);
    const viaRecovery = openStore(dataDir, parseRecoveryKey(rotated.recoveryKey));
    expect(siteName(viaRecovery)).toBe('"Dubai DC1"');
    closeStore(viaRecovery);
  });
});
