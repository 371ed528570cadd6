// The agent as a witness of its console's audit log (C2SP tlog-witness style). It keeps, beside its
// identity and outside the console's store, the newest checkpoint it cosigned; it cosigns a new one
// only if the console's key signed it and an RFC 9162 consistency proof links it to what it holds,
// and refuses a smaller, forked or re-keyed one. The first console key it sees is pinned (over the
// pinned mutual-TLS session); unpairing does not forget it, so a revoke cannot wipe the evidence.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameOf } from '../shared/agent-protocol/index.ts';
import {
  checkpointText,
  cosignatureText,
  WitnessStateSchema,
  type WitnessRefusal,
  type WitnessState,
} from '../shared/agent-protocol/witness.ts';
import { verifyConsistency } from '../shared/domain/merkleConsistency.ts';
import { writePrivateFile } from './privateFile.ts';

export const WITNESS_FILES = { key: 'witness-key.pem', state: 'witness.json' } as const;

export type WitnessOutcome =
  | { ok: true; state: WitnessState }
  | { ok: false; code: WitnessRefusal; reason: string; state: WitnessState | null };

export interface Witness {
  /** SHA-256 of the witness public key (SPKI DER), hex: what an auditor passes to --expect-witness. */
  readonly keyFingerprint: string;
  /** The checkpoint this agent holds and its cosignature, or null before its first. */
  held(): WitnessState | null;
  /** Checks a checkpoint the console shows and cosigns it, or says why not. */
  present(frame: FrameOf<'checkpoint'>): WitnessOutcome;
}

const EMPTY_ROOT = createHash('sha256').digest('hex');

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hashChildren(left: string, right: string): string {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(Buffer.from(left, 'hex'))
    .update(Buffer.from(right, 'hex'))
    .digest('hex');
}

function loadOrCreateKey(dir: string): { privateKey: KeyObject; publicDer: Buffer } {
  const path = join(dir, WITNESS_FILES.key);
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    writePrivateFile(path, pem);
  }
  const privateKey = createPrivateKey(pem);
  return {
    privateKey,
    publicDer: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }),
  };
}

/** What the agent holds on disk, or null; a corrupt file is an error, never silently a fresh start. */
export function readWitnessState(dir: string): WitnessState | null {
  let text: string;
  try {
    text = readFileSync(join(dir, WITNESS_FILES.state), 'utf8');
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = WitnessStateSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `${join(dir, WITNESS_FILES.state)} is corrupt; keep it for inspection and move it aside to witness afresh.`,
    );
  return parsed.data;
}

/** The witness key's fingerprint, creating the key on first use. */
export function witnessKeyFingerprint(dir: string): string {
  return sha256Hex(loadOrCreateKey(dir).publicDer);
}

/** Forgets the held checkpoint (a deliberate act on the host, e.g. before pairing with a new site). */
export function forgetWitnessState(dir: string): boolean {
  const had = readWitnessState(dir) !== null;
  rmSync(join(dir, WITNESS_FILES.state), { force: true });
  return had;
}

function consoleKey(base64: string): { key: KeyObject; fingerprint: string } | null {
  try {
    const der = Buffer.from(base64, 'base64');
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? { key, fingerprint: sha256Hex(der) } : null;
  } catch {
    // reason: anything that does not parse is simply not a key
    return null;
  }
}

export function openWitness(dir: string, now: () => number = Date.now): Witness {
  const { privateKey, publicDer } = loadOrCreateKey(dir);
  const witnessKey = publicDer.toString('base64');
  let state = readWitnessState(dir);
  const refuse = (code: WitnessRefusal, reason: string): WitnessOutcome => ({
    ok: false,
    code,
    reason,
    state,
  });

  const check = (frame: FrameOf<'checkpoint'>): WitnessOutcome | null => {
    const c = frame.checkpoint;
    const key = consoleKey(frame.consoleKey);
    if (!key || key.fingerprint !== c.keyFingerprint)
      return refuse('bad_signature', 'the checkpoint names a key other than the one sent with it');
    if (state && state.consoleKey !== frame.consoleKey) {
      return refuse(
        'key_changed',
        `signed by console key ${c.keyFingerprint}, but this witness holds a checkpoint of key ${state.checkpoint.keyFingerprint}: the log was re-signed under another key`,
      );
    }
    let signatureValid = false;
    try {
      signatureValid = verify(
        null,
        Buffer.from(checkpointText(c), 'utf8'),
        key.key,
        Buffer.from(c.signature, 'base64'),
      );
    } catch {
      // reason: a malformed signature is simply not valid
    }
    if (!signatureValid)
      return refuse('bad_signature', 'the console key does not verify the checkpoint signature');
    if (!state) return null;
    const h = state.checkpoint;
    if (c.treeSize < h.treeSize)
      return refuse(
        'rollback',
        `the checkpoint covers ${c.treeSize} entries, but this witness cosigned ${h.treeSize} at ${state.cosignature.cosignedAt}: entries were removed`,
      );
    if (frame.fromSize !== h.treeSize)
      return refuse(
        'fork',
        `the proof starts at ${frame.fromSize} entries, but this witness holds ${h.treeSize}`,
      );
    if (
      !verifyConsistency(
        h.treeSize,
        c.treeSize,
        h.treeSize === 0 ? EMPTY_ROOT : h.rootHash,
        c.rootHash,
        frame.proof,
        hashChildren,
      )
    ) {
      return refuse(
        'fork',
        `the checkpoint over ${c.treeSize} entries does not extend the one over ${h.treeSize} this witness cosigned: the log was rewritten`,
      );
    }
    return null;
  };

  return {
    keyFingerprint: sha256Hex(publicDer),
    held: () => state,
    present(frame) {
      const refused = check(frame);
      if (refused) return refused;
      const c = frame.checkpoint;
      if (
        state &&
        c.treeSize === state.checkpoint.treeSize &&
        c.rootHash === state.checkpoint.rootHash
      )
        return { ok: true, state };
      const cosignedAt = new Date(now()).toISOString();
      const signature = sign(
        null,
        Buffer.from(cosignatureText(c, cosignedAt), 'utf8'),
        privateKey,
      ).toString('base64');
      const next: WitnessState = {
        checkpoint: c,
        consoleKey: frame.consoleKey,
        cosignature: { witnessKey, cosignedAt, signature },
      };
      try {
        writePrivateFile(join(dir, WITNESS_FILES.state), `${JSON.stringify(next, null, 2)}\n`);
      } catch (error) {
        return refuse('storage', `could not keep the checkpoint: ${String(error)}`);
      }
      state = next;
      return { ok: true, state };
    },
  };
}
