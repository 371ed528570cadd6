// The console's Ed25519 checkpoint key, kept in the encrypted `secrets` table.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { get, run, sql } from '../store/sql.ts';
import { checkpointText } from '../../shared/agent-protocol/witness.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { sha256Hex } from './entryHash.ts';

const SECRET_NAME = 'audit.checkpoint-signing-key.ed25519';

export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject; fingerprint: string };

export function ensureSigningKey(db: WritableDb): void {
  if (get(db, sql`SELECT 1 FROM secrets WHERE name = ${SECRET_NAME}`)) return;
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  run(db, sql`INSERT OR IGNORE INTO secrets (name, value) VALUES (${SECRET_NAME}, ${der})`);
}

export function loadSigningKey(db: ReadableDb): SigningKey | null {
  const row = get<{ value: Buffer }>(
    db,
    sql`SELECT value FROM secrets WHERE name = ${SECRET_NAME}`,
  );
  if (!row) return null;
  const privateKey = createPrivateKey({ key: row.value, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: keyFingerprint(publicKey) };
}

export function keyFingerprint(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
}

export function publicKeyPem(db: WritableDb): string {
  ensureSigningKey(db);
  const key = loadSigningKey(db) as SigningKey;
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** The public key as witnesses receive it: SPKI DER in base64. */
export function publicKeyBase64(key: SigningKey): string {
  return key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** An Ed25519 public key from SPKI DER in base64, or null if it is not one. */
export function ed25519KeyFromBase64(text: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    // reason: anything that does not parse is simply not a key
    return null;
  }
}

export type CheckpointFields = {
  treeSize: number;
  rootHash: string;
  headHash: string;
  signedAt: string;
};

// The same bytes the witnesses check (shared/agent-protocol/witness.ts).
export function checkpointMessage(c: CheckpointFields): Buffer {
  return Buffer.from(checkpointText(c), 'utf8');
}

export function signCheckpointFields(key: SigningKey, c: CheckpointFields): string {
  return sign(null, checkpointMessage(c), key.privateKey).toString('base64');
}

export function checkpointSignatureValid(
  publicKey: KeyObject,
  c: CheckpointFields,
  signature: string,
): boolean {
  try {
    return verify(null, checkpointMessage(c), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    // reason: a malformed signature is simply not valid
    return false;
  }
}
