// keyring.json: the store key wrapped under the operator passphrase, plus an optional OS-protected copy.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  deriveScrypt,
  describeCost,
  SCRYPT_COST,
  scryptCostProblem,
  type ScryptCost,
} from './scrypt.ts';
import { StoreError } from './types.ts';

export const KEYRING_FILE = 'keyring.json';
// AAD binds the ciphertext to its purpose, so a blob wrapped for something else never unwraps as a store key.
const WRAP_AAD = Buffer.from('mirqab/store-key/v1', 'utf8');

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const KeyringSchema = z.object({
  version: z.literal(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: b64,
  }),
  wrappedKey: z.object({ alg: z.literal('aes-256-gcm'), iv: b64, tag: b64, ciphertext: b64 }),
  protectedKey: z.string().nullable(),
});
export type Keyring = z.infer<typeof KeyringSchema>;

function deriveKek(passphrase: string, kdf: Keyring['kdf']): Promise<Buffer> {
  return deriveScrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, kdf);
}

export function keyringCost(keyring: Keyring): ScryptCost {
  return { N: keyring.kdf.N, r: keyring.kdf.r, p: keyring.kdf.p };
}

export async function wrapKey(
  key: Buffer,
  passphrase: string,
  protectedKey: string | null,
  cost: ScryptCost = SCRYPT_COST,
): Promise<Keyring> {
  const kdf = {
    name: 'scrypt' as const,
    N: cost.N,
    r: cost.r,
    p: cost.p,
    salt: randomBytes(16).toString('base64'),
  };
  const kek = await deriveKek(passphrase, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(WRAP_AAD);
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    version: 1,
    kdf,
    wrappedKey: {
      alg: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    },
    protectedKey,
  };
}

export async function unwrapKey(keyring: Keyring, passphrase: string): Promise<Buffer> {
  const kek = await deriveKek(passphrase, keyring.kdf);
  const { iv, tag, ciphertext } = keyring.wrappedKey;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64'));
    decipher.setAAD(WRAP_AAD);
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const key = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64')),
      decipher.final(),
    ]);
    if (key.length !== 32) throw new Error('unwrapped key has the wrong length');
    return key;
  } catch (cause) {
    throw new StoreError('WRONG_PASSPHRASE', 'The passphrase is not correct for this store.', {
      cause,
    });
  }
}

export function keyringExists(dataDir: string): boolean {
  return existsSync(join(dataDir, KEYRING_FILE));
}

export function readKeyring(dataDir: string): Keyring {
  const path = join(dataDir, KEYRING_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new StoreError('NOT_INITIALISED', `No Mirqab store is set up in ${dataDir}.`, { cause });
  }
  let keyring: Keyring;
  try {
    keyring = KeyringSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw new StoreError(
      'CORRUPT',
      `${path} is damaged and cannot be read; use the recovery key.`,
      { cause },
    );
  }
  // A tampered cost could make scrypt allocate gigabytes or run for hours, or make the wrap trivially weak.
  const problem = scryptCostProblem(keyring.kdf);
  if (problem) {
    throw new StoreError(
      'CORRUPT',
      `${path} asks for scrypt ${describeCost(keyring.kdf)}, which Mirqab refuses (${problem}); the file may have been altered: use the recovery key.`,
    );
  }
  return keyring;
}

// Temp file + fsync + rename, so a crash leaves either the old keyring or the new one, never half of one.
export function writeKeyring(dataDir: string, keyring: Keyring): void {
  const path = join(dataDir, KEYRING_FILE);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(keyring, null, 2)}\n`);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(temp, path);
  fsyncDir(dataDir);
}

function fsyncDir(dir: string): void {
  // Directory fsync makes the rename durable; Windows cannot open directories, which is harmless there.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // reason: best effort on platforms without directory fsync
  }
}
