// The console site's TLS client identity (ECDSA P-256 key and self-signed certificate) that agents pin
// at pairing. Created once and kept in the encrypted store's `secrets` table.
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
// One certificate maker for both ends of the mutual-TLS pair.
import { createSelfSignedCertificate } from '../../agent/certificate.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import { get, run, sql } from '../store/sql.ts';
import type { WritableDb } from '../store/types.ts';

const KEY_SECRET = 'fleet.console-tls.key.pkcs8';
const CERT_SECRET = 'fleet.console-tls.cert.der';

export interface TlsIdentity {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the certificate's DER, lower-case hex: what the peer pins. */
  fingerprint: string;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export function identityFromDer(keyDer: Uint8Array, certDer: Uint8Array): TlsIdentity {
  return {
    certPem: pem('CERTIFICATE', certDer),
    keyPem: pem('PRIVATE KEY', keyDer),
    fingerprint: sha256Hex(certDer),
  };
}

/** A fresh self-signed ECDSA P-256 identity; also used by tests to stand up peers. */
export async function createSelfSignedIdentity(
  commonName: string,
  now = new Date(),
): Promise<{ keyDer: Buffer; certDer: Buffer; identity: TlsIdentity }> {
  const made = await createSelfSignedCertificate({
    commonName,
    notBefore: new Date(now.getTime() - DAY_MS),
  });
  const keyDer = createPrivateKey(made.keyPem).export({ type: 'pkcs8', format: 'der' });
  const certDer = Buffer.from(new X509Certificate(made.certPem).raw);
  return { keyDer, certDer, identity: identityFromDer(keyDer, certDer) };
}

function loadIdentity(db: WritableDb): TlsIdentity | null {
  const key = get<{ value: Buffer }>(db, sql`SELECT value FROM secrets WHERE name = ${KEY_SECRET}`);
  const cert = get<{ value: Buffer }>(
    db,
    sql`SELECT value FROM secrets WHERE name = ${CERT_SECRET}`,
  );
  return key && cert ? identityFromDer(key.value, cert.value) : null;
}

/**
 * Loads the console identity, creating it on first use. Safe to call concurrently. Returns null when
 * `stillWanted` says the caller gave up (the store may be closed) while the key was being generated.
 */
export async function ensureConsoleIdentity(
  db: WritableDb,
  siteName: string,
  stillWanted: () => boolean = () => true,
): Promise<TlsIdentity | null> {
  const existing = loadIdentity(db);
  if (existing) return existing;
  const created = await createSelfSignedIdentity(`Mirqab console ${siteName}`.trim());
  if (!stillWanted()) return null;
  // Two callers may race through the async key generation: the first insert wins and both read it back.
  db.transaction(() => {
    if (loadIdentity(db)) return;
    run(db, sql`INSERT INTO secrets (name, value) VALUES (${KEY_SECRET}, ${created.keyDer})`);
    run(db, sql`INSERT INTO secrets (name, value) VALUES (${CERT_SECRET}, ${created.certDer})`);
  })();
  return loadIdentity(db);
}
