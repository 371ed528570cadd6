// Wraps the store key with the OS keychain through Electron safeStorage's async API (the sync
// API is deprecated in 45 and removed in 46). Never Linux's 'basic_text' fallback, which uses a
// hard-coded password: then we report "unavailable" and the root asks for the passphrase instead.
import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../core/keyProtection.ts';

export type SafeStorageLike = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

const WEAK_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export function createKeyProtector(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): KeyProtector {
  const isAvailable = async () => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    if (platform === 'linux' && WEAK_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend())) {
      return false;
    }
    return true;
  };

  const requireAvailable = async () => {
    if (!(await isAvailable())) {
      throw new Error('The OS keychain cannot protect the store key here.');
    }
  };

  return {
    isAvailable,
    async protect(key) {
      await requireAvailable();
      // reason: safeStorage encrypts strings; base64 keeps the key's bytes exact.
      const sealed = await safeStorage.encryptStringAsync(key.toString('base64'));
      return sealed.toString('base64');
    },
    async unprotect(blob) {
      await requireAvailable();
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'));
      return Buffer.from(result, 'base64');
    },
  };
}
