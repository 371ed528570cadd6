// The pairing code an agent prints at `mirqab-agent init` and an operator pastes into the console:
// the SHA-256 fingerprint of the agent's TLS certificate (the console pins it) and a one-time
// secret (the agent pins the first console that presents it).
const CODE = /^mq1\.([0-9a-f]{64})\.([0-9a-f]{32})$/;

export interface PairingCode {
  /** SHA-256 of the agent certificate's DER, lower-case hex. */
  fingerprint: string;
  /** 128-bit one-time secret, lower-case hex. */
  secret: string;
}

export function formatPairingCode(code: PairingCode): string {
  return `mq1.${code.fingerprint}.${code.secret}`;
}

export type PairingParse = { ok: true; code: PairingCode } | { ok: false; reason: string };

export function parsePairingCode(text: string): PairingParse {
  const match = CODE.exec(text.trim().toLowerCase().replace(/\s+/g, ''));
  if (!match) {
    return {
      ok: false,
      reason: 'a pairing code looks like mq1.<64 hex>.<32 hex>, as `mirqab-agent init` prints it',
    };
  }
  return { ok: true, code: { fingerprint: match[1]!, secret: match[2]! } };
}
