// The agent's identity on disk: its key and self-signed certificate (the console pins the
// certificate's fingerprint), a random agent id, the one-time pairing secret while unpaired, and
// the pinned console fingerprint once paired. Directory 0700, files 0600: the key never leaves.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { formatPairingCode } from '../shared/agent-protocol/pairing.ts';
import { createSelfSignedCertificate, fingerprintOfPem } from './certificate.ts';
import { writePrivateFile } from './privateFile.ts';

const FILES = {
  key: 'agent-key.pem',
  cert: 'agent-cert.pem',
  meta: 'agent.json',
  secret: 'pairing-secret',
  pin: 'paired-console.json',
} as const;

const MetaSchema = z.object({
  agentId: z.string().min(1),
  name: z.string(),
  createdAtMs: z.number(),
});
const PinSchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  consoleName: z.string(),
  pairedAtMs: z.number(),
});
export type ConsolePin = z.infer<typeof PinSchema>;

export interface AgentIdentity {
  dir: string;
  agentId: string;
  name: string;
  keyPem: string;
  certPem: string;
  /** SHA-256 of the agent certificate's DER, lower-case hex: what the console pins. */
  fingerprint: string;
}

export interface InitOptions {
  name?: string;
  /** Extra host names or IP addresses for the certificate, besides localhost and 127.0.0.1. */
  altNames?: string[];
}

export interface InitResult {
  identity: AgentIdentity;
  pairingCode: string;
}

export class IdentityError extends Error {
  constructor(
    readonly code: 'exists' | 'missing' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

function newSecret(): string {
  return randomBytes(16).toString('hex');
}

export async function initAgent(dir: string, options: InitOptions = {}): Promise<InitResult> {
  if (existsSync(join(dir, FILES.key)) || existsSync(join(dir, FILES.meta))) {
    throw new IdentityError(
      'exists',
      `${dir} already holds an agent identity; refusing to overwrite it (use a new --dir, or unpair to pair again).`,
    );
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const agentId = `agt_${randomUUID().replace(/-/g, '')}`;
  const name = options.name ?? hostname();
  const { keyPem, certPem, fingerprint } = await createSelfSignedCertificate({
    commonName: agentId,
    altNames: options.altNames ?? [],
  });
  const secret = newSecret();
  writePrivateFile(join(dir, FILES.key), keyPem);
  writePrivateFile(join(dir, FILES.cert), certPem);
  writePrivateFile(join(dir, FILES.secret), `${secret}\n`);
  writePrivateFile(
    join(dir, FILES.meta),
    `${JSON.stringify({ agentId, name, createdAtMs: Date.now() }, null, 2)}\n`,
  );
  return {
    identity: { dir, agentId, name, keyPem, certPem, fingerprint },
    pairingCode: formatPairingCode({ fingerprint, secret }),
  };
}

export function loadIdentity(dir: string): AgentIdentity {
  const read = (file: string) => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch {
      throw new IdentityError(
        'missing',
        `no agent identity in ${dir} (${file} is missing); run \`mirqab-agent init --dir ${dir}\` first.`,
      );
    }
  };
  const meta = MetaSchema.safeParse(parseJson(read(FILES.meta)));
  if (!meta.success)
    throw new IdentityError(
      'corrupt',
      `${join(dir, FILES.meta)} is not a valid agent identity file.`,
    );
  const keyPem = read(FILES.key);
  const certPem = read(FILES.cert);
  return {
    dir,
    agentId: meta.data.agentId,
    name: meta.data.name,
    keyPem,
    certPem,
    fingerprint: fingerprintOfPem(certPem),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The pinned console, or null while unpaired. Read on every connection so an unpair takes effect at once. */
export function readPin(dir: string): ConsolePin | null {
  let text: string;
  try {
    text = readFileSync(join(dir, FILES.pin), 'utf8');
  } catch {
    return null;
  }
  const pin = PinSchema.safeParse(parseJson(text));
  if (!pin.success)
    throw new IdentityError(
      'corrupt',
      `${join(dir, FILES.pin)} is corrupt; run \`mirqab-agent unpair\` and pair again.`,
    );
  return pin.data;
}

/** The one-time pairing secret, or null once it has been used. */
export function readPairingSecret(dir: string): string | null {
  try {
    const secret = readFileSync(join(dir, FILES.secret), 'utf8').trim();
    return /^[0-9a-f]{32}$/.test(secret) ? secret : null;
  } catch {
    return null;
  }
}

/** Pins the console and burns the secret, so the same code can never pair a second console. */
export function pinConsole(dir: string, fingerprint: string, consoleName: string): ConsolePin {
  const pin: ConsolePin = { fingerprint, consoleName, pairedAtMs: Date.now() };
  writePrivateFile(join(dir, FILES.pin), `${JSON.stringify(pin, null, 2)}\n`);
  rmSync(join(dir, FILES.secret), { force: true });
  return pin;
}

/**
 * Revokes the pinned console and issues a fresh one-time secret. Returns the new pairing code.
 * A running agent refuses the old console from its next connection on.
 */
export function unpair(dir: string): string {
  const identity = loadIdentity(dir);
  rmSync(join(dir, FILES.pin), { force: true });
  const secret = newSecret();
  writePrivateFile(join(dir, FILES.secret), `${secret}\n`);
  return formatPairingCode({ fingerprint: identity.fingerprint, secret });
}

/**
 * Unpairs only if `fingerprint` is still the pinned console, so a stale session of a console that
 * was replaced in the meantime cannot unpair its successor. Returns the pin it forgot, or null.
 */
export function forgetConsole(dir: string, fingerprint: string): ConsolePin | null {
  const pin = readPin(dir);
  if (!pin || pin.fingerprint !== fingerprint) return null;
  unpair(dir);
  return pin;
}

/** The pairing code again, for an operator who lost it; null when already paired. */
export function currentPairingCode(dir: string): string | null {
  const secret = readPairingSecret(dir);
  if (!secret || readPin(dir)) return null;
  return formatPairingCode({ fingerprint: loadIdentity(dir).fingerprint, secret });
}
