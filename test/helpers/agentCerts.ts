// Console-side client certificates for agent tests, made exactly as the agent makes its own
// (self-signed ECDSA P-256), plus an expired one for refusal tests.
import { createSelfSignedCertificate, type KeyAndCertificate } from '../../agent/certificate.ts';

export type { KeyAndCertificate };

const DAY_MS = 24 * 60 * 60 * 1000;

export function makeConsoleCert(commonName = 'mirqab-console-test'): Promise<KeyAndCertificate> {
  return createSelfSignedCertificate({ commonName });
}

export function makeExpiredConsoleCert(
  commonName = 'mirqab-console-expired',
): Promise<KeyAndCertificate> {
  const now = Date.now();
  return createSelfSignedCertificate({
    commonName,
    notBefore: new Date(now - 30 * DAY_MS),
    notAfter: new Date(now - DAY_MS),
  });
}
