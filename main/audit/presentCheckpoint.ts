// What the console shows a witness: its newest checkpoint with an RFC 9162 consistency proof from the
// checkpoint the witness holds. Where the log cannot extend what the witness holds (it is shorter,
// rewritten or under another key), the console says so itself and still shows the checkpoint, so the
// witness refuses it on its side too.
import type { WitnessRefusal, WitnessState } from '../../shared/agent-protocol/witness.ts';
import type { Checkpoint } from '../../shared/ipc/contract.ts';
import type { WritableDb } from '../store/types.ts';
import { latestCheckpoint } from './checkpoint.ts';
import { consistencyProof, LogShorterError, storedRangeRoot } from './consistency.ts';
import { loadSigningKey, publicKeyBase64 } from './signing.ts';

export type WitnessPresentation = {
  /** What to send, or null when the witness already holds the latest checkpoint (or there is none). */
  frame: {
    type: 'checkpoint';
    checkpoint: Checkpoint;
    consoleKey: string;
    fromSize: number;
    proof: string[];
  } | null;
  /** Why the witness will refuse, when the console can already tell. */
  contradiction: { code: WitnessRefusal; reason: string } | null;
};

function contradiction(
  held: WitnessState,
  latest: Checkpoint,
  keyFingerprint: string,
  root: () => string,
): WitnessPresentation['contradiction'] {
  const h = held.checkpoint;
  const holds = `the witness holds a checkpoint over ${h.treeSize} entries signed at ${h.signedAt}`;
  if (h.keyFingerprint !== keyFingerprint)
    return {
      code: 'key_changed',
      reason: `${holds} under key ${h.keyFingerprint}, not this console's key ${keyFingerprint}`,
    };
  if (h.treeSize > latest.treeSize)
    return {
      code: 'rollback',
      reason: `${holds}, but this console's newest checkpoint covers only ${latest.treeSize}`,
    };
  try {
    if (root() !== h.rootHash)
      return {
        code: 'fork',
        reason: `${holds}, and entries 1 to ${h.treeSize} here no longer match it`,
      };
  } catch (error) {
    if (!(error instanceof LogShorterError)) throw error;
    return { code: 'rollback', reason: `${holds}, but ${error.message}` };
  }
  return null;
}

export function checkpointForWitness(
  db: WritableDb,
  held: WitnessState | null,
): WitnessPresentation {
  const key = loadSigningKey(db);
  const latest = latestCheckpoint(db);
  if (!key || !latest) return { frame: null, contradiction: null };
  const base = {
    type: 'checkpoint' as const,
    checkpoint: latest,
    consoleKey: publicKeyBase64(key),
  };
  if (!held) return { frame: { ...base, fromSize: 0, proof: [] }, contradiction: null };
  const h = held.checkpoint;
  const rangeRoot = storedRangeRoot(db);
  const found = contradiction(held, latest, key.fingerprint, () => rangeRoot(0, h.treeSize));
  if (found)
    return {
      frame: { ...base, fromSize: Math.min(h.treeSize, latest.treeSize), proof: [] },
      contradiction: found,
    };
  if (h.treeSize === latest.treeSize) return { frame: null, contradiction: null };
  return {
    frame: {
      ...base,
      fromSize: h.treeSize,
      proof: consistencyProof(h.treeSize, latest.treeSize, rangeRoot),
    },
    contradiction: null,
  };
}
