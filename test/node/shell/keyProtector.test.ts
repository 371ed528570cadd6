import { describe, expect, it } from 'vitest';
import { createKeyProtector, type SafeStorageLike } from '../../../main/shell/keyProtector.ts';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** A reversible stand-in for the OS keychain (XOR with a fixed byte, clearly not real crypto). */
function fakeSafeStorage(available: boolean, backend: Backend): SafeStorageLike {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: (text) => Promise.resolve(flip(Buffer.from(text, 'utf8'))),
    decryptStringAsync: (sealed) =>
      Promise.resolve({ result: flip(sealed).toString('utf8'), shouldReEncrypt: false }),
  };
}

describe('protecting the store key with the OS keychain', () => {
  it('round-trips a 256-bit key on a real keychain', async () => {
    const protector = createKeyProtector(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37) & 0xff));
    expect(await protector.isAvailable()).toBe(true);
    const blob = await protector.protect(key);
    expect(blob).not.toContain(key.toString('base64'));
    expect((await protector.unprotect(blob)).equals(key)).toBe(true);
  });

  it.each<Backend>(['basic_text', 'unknown'])(
    'reports unavailable on Linux %s',
    async (backend) => {
      const protector = createKeyProtector(fakeSafeStorage(true, backend), 'linux');
      expect(await protector.isAvailable()).toBe(false);
      await expect(protector.protect(Buffer.alloc(32))).rejects.toThrow(/keychain/);
    },
  );

  it('reports unavailable when the OS has no encryption', async () => {
    expect(
      await createKeyProtector(fakeSafeStorage(false, 'kwallet6'), 'linux').isAvailable(),
    ).toBe(false);
    expect(await createKeyProtector(fakeSafeStorage(false, 'unknown'), 'win32').isAvailable()).toBe(
      false,
    );
  });

  it('ignores the Linux backend name on Windows and macOS', async () => {
    expect(await createKeyProtector(fakeSafeStorage(true, 'unknown'), 'darwin').isAvailable()).toBe(
      true,
    );
  });
});
