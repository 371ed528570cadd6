// Witnessing the console's audit log, in the style of C2SP tlog-witness: the console shows each
// paired agent its newest signed checkpoint with an RFC 9162 consistency proof from the checkpoint
// that agent already holds; the agent cosigns only a checkpoint that extends what it holds. What a
// witness holds lives on the agent's host, out of reach of anyone who only holds the console's store.
import { z } from 'zod';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const base64 = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/);
const instant = z.string().min(1).max(40);

/** A checkpoint as the console signs it: RFC 9162 root over entries 1..treeSize, Ed25519 signature. */
export const SignedCheckpointSchema = z.object({
  treeSize: z.number().int().nonnegative(),
  rootHash: hex64,
  headHash: hex64,
  signedAt: instant,
  signature: base64,
  /** SHA-256 of the console's public key (SPKI DER), hex. */
  keyFingerprint: hex64,
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpointSchema>;

/** A witness's signature over a console checkpoint and the time it signed. */
export const CosignatureSchema = z.object({
  /** The witness's Ed25519 public key, SPKI DER in base64. */
  witnessKey: base64,
  cosignedAt: instant,
  signature: base64,
});

/** What a witness holds: the newest checkpoint it cosigned, the console key it checked it with, and its cosignature. */
export const WitnessStateSchema = z.object({
  checkpoint: SignedCheckpointSchema,
  /** The console's Ed25519 public key, SPKI DER in base64 (its SHA-256 is checkpoint.keyFingerprint). */
  consoleKey: base64,
  cosignature: CosignatureSchema,
});
export type WitnessState = z.infer<typeof WitnessStateSchema>;

/**
 * Why a witness refused: rollback (smaller than what it holds), fork (same size or a proof that does
 * not link, i.e. history rewritten), key_changed (signed by another console key), bad_signature,
 * storage (it could not durably keep the new checkpoint, so it does not cosign it).
 */
export const WITNESS_REFUSALS = [
  'rollback',
  'fork',
  'key_changed',
  'bad_signature',
  'storage',
] as const;
export type WitnessRefusal = (typeof WITNESS_REFUSALS)[number];

export const WitnessFrames = {
  /** Console → agent: its newest checkpoint and a consistency proof from the agent's held size (fromSize). */
  checkpoint: z.object({
    type: z.literal('checkpoint'),
    checkpoint: SignedCheckpointSchema,
    consoleKey: base64,
    fromSize: z.number().int().nonnegative(),
    proof: z.array(hex64).max(128),
  }),
  /** Agent → console: cosigned (state is the new one) or refused (state is what the agent still holds). */
  witnessed: z.object({
    type: z.literal('witnessed'),
    ok: z.boolean(),
    code: z.enum(WITNESS_REFUSALS).optional(),
    reason: z.string().max(1000).optional(),
    state: WitnessStateSchema.nullable(),
  }),
};

const CHECKPOINT_DOMAIN = 'mirqab-audit-checkpoint/v1';
const COSIGNATURE_DOMAIN = 'mirqab-audit-cosignature/v1';

type CheckpointFields = Pick<SignedCheckpoint, 'treeSize' | 'rootHash' | 'headHash' | 'signedAt'>;

// Domain separation keeps a checkpoint signature from ever being valid for any other message.
export function checkpointText(c: CheckpointFields): string {
  return `${CHECKPOINT_DOMAIN}\n${c.treeSize}\n${c.rootHash}\n${c.headHash}\n${c.signedAt}`;
}

// Names the console key too, so a cosignature vouches for one log, never for a look-alike under another key.
export function cosignatureText(
  c: CheckpointFields & { keyFingerprint: string },
  cosignedAt: string,
): string {
  return `${COSIGNATURE_DOMAIN}\n${c.keyFingerprint}\n${c.treeSize}\n${c.rootHash}\n${c.headHash}\n${c.signedAt}\n${cosignedAt}`;
}
