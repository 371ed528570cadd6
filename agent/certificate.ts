// Self-signed ECDSA P-256 certificates for mutual TLS. Both ends pin each other's certificate by
// its SHA-256 fingerprint, so no CA is involved: the fingerprint is the identity.
import { createHash, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type * as X509Module from '@peculiar/x509';
import { DAY_MS } from '../shared/domain/time.ts';

type X509 = typeof X509Module;
let x509Module: Promise<X509> | undefined;

/**
 * @peculiar/x509 is loaded when a certificate is first made (`mirqab-agent init`, pairing tests):
 * a running agent only reads its certificate, so it carries neither the library nor its
 * dependencies (a few MB of memory on every host).
 */
function loadX509(): Promise<X509> {
  x509Module ??= (async () => {
    await import('reflect-metadata'); // @peculiar/x509's DI container (tsyringe) needs it loaded first
    const imported = await import('@peculiar/x509');
    // Bundled as CommonJS (the console's main build), the package's exports sit under `default`.
    const module = imported as X509 & { default?: X509 };
    const x509 = module.cryptoProvider ? module : module.default!;
    // reason: @peculiar/x509 types WebCrypto with DOM names, which tsconfig.node.json leaves out.
    x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
    return x509;
  })();
  return x509Module;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface CertificateRequest {
  commonName: string;
  /** Extra subject alternative names: host names or IP addresses. localhost and 127.0.0.1 are always included. */
  altNames?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

export interface KeyAndCertificate {
  /** PKCS#8 PEM. */
  keyPem: string;
  certPem: string;
  /** SHA-256 of the certificate's DER, lower-case hex. */
  fingerprint: string;
}

export async function createSelfSignedCertificate(
  request: CertificateRequest,
): Promise<KeyAndCertificate> {
  const x509 = await loadX509();
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const names = new Set(['localhost', '127.0.0.1', ...(request.altNames ?? [])]);
  const notBefore = request.notBefore ?? new Date(Date.now() - DAY_MS);
  // 10 years: the pin, not the expiry, is what keeps trust; renewal means re-pairing.
  const notAfter = request.notAfter ?? new Date(notBefore.getTime() + 3650 * DAY_MS);
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f; // a positive INTEGER, as RFC 5280 requires
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: `CN=${request.commonName.replace(/[,=+<>#;"\\]/g, '_')}`,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    // reason: the library's CryptoKeyPair is the DOM type; Node's WebCrypto pair is the same object.
    keys: keys as never,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension(
        [...names].map((value) => ({
          type: isIP(value) ? ('ip' as const) : ('dns' as const),
          value,
        })),
      ),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END PRIVATE KEY-----\n`;
  const certPem = cert.toString('pem');
  return {
    keyPem,
    certPem: certPem.endsWith('\n') ? certPem : `${certPem}\n`,
    fingerprint: fingerprintOfPem(certPem),
  };
}

export function fingerprintOfDer(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

export function fingerprintOfPem(certPem: string): string {
  return fingerprintOfDer(new X509Certificate(certPem).raw);
}
