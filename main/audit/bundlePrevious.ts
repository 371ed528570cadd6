// The checkpoint an auditor already holds — an earlier bundle, its checkpoint.json, the checkpoint file
// beside an SLA report, or what a witness printed (`mirqab-agent witness`) — to hold a newer bundle to.
import { readFileSync, statSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { CheckpointSchema, type Checkpoint } from '../../shared/ipc/contract.ts';
import { BUNDLE_FILES } from './bundleFormat.ts';

export type PreviousCheckpoint = {
  checkpoint: Checkpoint;
  /** The earlier bundle's public key, when the previous is a bundle folder. */
  publicKey: KeyObject | null;
  /** The earlier bundle's log, to name the first entry that differs. */
  logPath: string | null;
};

export class PreviousInvalid extends Error {}

const HoldsCheckpoint = z.object({ checkpoint: CheckpointSchema });

function parseCheckpointJson(text: string, where: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PreviousInvalid(`${where} is not valid JSON`);
  }
  const wrapped = HoldsCheckpoint.safeParse(value);
  if (wrapped.success) return wrapped.data.checkpoint;
  const bare = CheckpointSchema.safeParse(value);
  if (bare.success) return bare.data;
  throw new PreviousInvalid(`${where} holds no signed checkpoint`);
}

export function loadPrevious(path: string): PreviousCheckpoint {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new PreviousInvalid(`the previous bundle or checkpoint ${path} does not exist`);
  }
  const file = isDir ? join(path, BUNDLE_FILES.checkpoint) : path;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PreviousInvalid(`${file} is missing or unreadable`);
  }
  const checkpoint = parseCheckpointJson(text, file);
  if (!isDir) return { checkpoint, publicKey: null, logPath: null };
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(readFileSync(join(path, BUNDLE_FILES.publicKey), 'utf8'));
  } catch {
    throw new PreviousInvalid(
      `the previous bundle's ${BUNDLE_FILES.publicKey} is missing or not a public key`,
    );
  }
  return { checkpoint, publicKey, logPath: join(path, BUNDLE_FILES.log) };
}
