// How the store key and the data folder are protected: scrypt at N=2^17 for new keyrings, older
// N=2^15 keyrings still open and are re-wrapped on the next good passphrase, absurd KDF parameters
// are refused before scrypt runs, and the data folder is kept private to this account.
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  closeStore,
  createStore,
  openStore,
  parseRecoveryKey,
  secureDataDir,
  setProtectedKey,
  StoreError,
  unwrapKeyWithPassphrase,
} from '../../../main/store/db.ts';
import { readKeyring } from '../../../main/store/keyring.ts';
import { LEGACY_SCRYPT_COST, SCRYPT_COST } from '../../../main/store/scrypt.ts';
import { hashPassword, verifyPassword } from '../../../main/identity/passwords.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { fingerprintDir } from './rawDb.ts';

const PASS = 'correct horse battery staple';
const isPosix = process.platform !== 'win32';
const isRoot = process.getuid?.() === 0;

async function legacyStore() {
  const dataDir = join(tempDir(), 'data');
  const { db, recoveryKey } = await createStore({
    dataDir,
    passphrase: PASS,
    cost: LEGACY_SCRYPT_COST,
  });
  closeStore(db);
  return { dataDir, recoveryKey };
}

const keyringJson = (dataDir: string) =>
  JSON.parse(readFileSync(join(dataDir, 'keyring.json'), 'utf8')) as {
    kdf: Record<string, unknown>;
    protectedKey: string | null;
  };

describe('the keyring', () => {
  it('is wrapped at N=2^17, r=8, p=1 by default', async () => {
    const dataDir = join(tempDir(), 'data');
    const { db } = await createStore({ dataDir, passphrase: PASS });
    closeStore(db);
    expect(keyringJson(dataDir).kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('an older N=2^15 keyring still opens and is re-wrapped at N=2^17 on the next good passphrase', async () => {
    const { dataDir, recoveryKey } = await legacyStore();
    setProtectedKey(dataDir, 'os-protected-blob');
    const before = keyringJson(dataDir);
    expect(before.kdf).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });

    // A wrong passphrase changes nothing.
    const untouched = fingerprintDir(dataDir);
    await expect(unwrapKeyWithPassphrase(dataDir, 'not the passphrase')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect(fingerprintDir(dataDir)).toEqual(untouched);

    const key = await unwrapKeyWithPassphrase(dataDir, PASS);
    expect(key.toString('hex')).toBe(recoveryKey);
    const after = keyringJson(dataDir);
    expect(after.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.protectedKey).toBe('os-protected-blob');
    expect(statSync(join(dataDir, 'keyring.json')).mode & 0o777).toBe(0o600);
    // The upgraded keyring opens with the same passphrase, to the same key.
    expect((await unwrapKeyWithPassphrase(dataDir, PASS)).toString('hex')).toBe(recoveryKey);
    closeStore(openStore(dataDir, key));
  });

  const absurd: [string, Record<string, number>][] = [
    ['N=2^40 (petabytes)', { N: 2 ** 40 }],
    ['r=1e9', { r: 1e9 }],
    ['p=2^30', { p: 2 ** 30 }],
    ['a tiny N=16', { N: 16 }],
    ['an N that is not a power of two', { N: 3 * 2 ** 15 }],
    ['r=1 (too little memory per block)', { r: 1 }],
  ];
  for (const [name, kdf] of absurd) {
    it(`with ${name} is refused with a clear error before scrypt runs`, async () => {
      const { dataDir, recoveryKey } = await legacyStore();
      const keyring = keyringJson(dataDir);
      writeFileSync(
        join(dataDir, 'keyring.json'),
        JSON.stringify({ ...keyring, kdf: { ...keyring.kdf, ...kdf } }),
      );
      // Refused while reading the file, synchronously: no scrypt call, no allocation.
      expect(() => readKeyring(dataDir)).toThrow(
        /asks for scrypt .* which Mirqab refuses \(.+\); the file may have been altered: use the recovery key\./,
      );
      const refused = await unwrapKeyWithPassphrase(dataDir, PASS).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(StoreError);
      expect(refused).toMatchObject({ code: 'CORRUPT' });
      // The recovery key still opens the store.
      closeStore(openStore(dataDir, parseRecoveryKey(recoveryKey)));
    });
  }
});

describe('operator password records', () => {
  it('are hashed at N=2^17; an N=2^15 record still verifies and asks to be re-hashed', async () => {
    const modern = await hashPassword('a-password-1');
    expect(modern).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('a-password-1', modern)).toEqual({
      matches: true,
      needsRehash: false,
    });
    const legacy = await hashPassword('a-password-1', LEGACY_SCRYPT_COST);
    expect(legacy).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('a-password-1', legacy)).toEqual({
      matches: true,
      needsRehash: true,
    });
    expect(await verifyPassword('wrong-password', legacy)).toEqual({
      matches: false,
      needsRehash: false,
    });
  });

  it('with absurd parameters are refused before scrypt runs', async () => {
    const legacy = await hashPassword('a-password-1', LEGACY_SCRYPT_COST);
    const [, , r, p, salt, hash] = legacy.split('$');
    const tampered = ['scrypt', 2 ** 40, r, p, salt, hash].join('$');
    await expect(verifyPassword('a-password-1', tampered)).rejects.toThrow(
      /asks for scrypt N=2\^40, r=8, p=1, which Mirqab refuses/,
    );
  });
});

describe('the data folder', () => {
  it('an existing folder open to others (0755) is tightened to 0700 when the store opens', async () => {
    if (!isPosix) return;
    const { dataDir, recoveryKey } = await legacyStore();
    chmodSync(dataDir, 0o755);
    closeStore(openStore(dataDir, parseRecoveryKey(recoveryKey)));
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'keyring.json')).mode & 0o777).toBe(0o600);
  });

  it('an existing empty folder given to setup is tightened too', async () => {
    if (!isPosix) return;
    const dataDir = join(tempDir(), 'empty');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    closeStore((await createStore({ dataDir, passphrase: PASS, cost: LEGACY_SCRYPT_COST })).db);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('says what it tightened, and leaves a private folder alone', () => {
    if (!isPosix) return;
    const dataDir = tempDir();
    chmodSync(dataDir, 0o750);
    expect(secureDataDir(dataDir)).toEqual({ tightenedFrom: 0o750 });
    expect(secureDataDir(dataDir)).toEqual({ tightenedFrom: null });
  });

  it('a folder owned by another account is refused, unchanged', async () => {
    // reason: only root can hand a folder to another account; elsewhere there is nothing to set up.
    if (!isPosix || !isRoot) return;
    const { dataDir, recoveryKey } = await legacyStore();
    chownSync(dataDir, 65534, 65534);
    chmodSync(dataDir, 0o755);
    const refused = (() => {
      try {
        openStore(dataDir, parseRecoveryKey(recoveryKey));
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({
      code: 'UNSAFE_FOLDER',
      message: expect.stringMatching(
        /belongs to another account \(uid 65534, this is uid 0\)/,
      ) as string,
    });
    expect(statSync(dataDir).mode & 0o777).toBe(0o755);
  });
});
