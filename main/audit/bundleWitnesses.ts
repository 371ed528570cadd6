// The witnesses' cosignatures a bundle carries, checked offline: each must verify under the witness's
// own key, vouch for a checkpoint of this bundle's console key, and match the bundle's entries.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { BUNDLE_FILES, WitnessesFileSchema, type BundleWitness } from './bundleFormat.ts';
import { checkpointSignatureValid } from './signing.ts';
import { recordValid } from './witnesses.ts';

export type WitnessSeen = {
  name: string;
  keyFingerprint: string;
  treeSize: number;
  cosignedAt: string;
};
export type TreeMark = { root: string; headHash: string };

/** The bundle's cosignatures; a bundle from before witnesses has none. Throws a reason on a malformed file. */
export function loadBundleWitnesses(dir: string): BundleWitness[] {
  let text: string;
  try {
    text = readFileSync(join(dir, BUNDLE_FILES.witnesses), 'utf8');
  } catch {
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${BUNDLE_FILES.witnesses} is not valid JSON`);
  }
  const parsed = WitnessesFileSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${BUNDLE_FILES.witnesses} is not a Mirqab witnesses file`);
  return parsed.data.witnesses;
}

/** Returns why the cosignatures do not hold, or null; `marks` gives the bundle's root and head at each cosigned size. */
export function witnessesProblem(
  witnesses: readonly BundleWitness[],
  bundle: {
    publicKey: KeyObject;
    keyFingerprint: string;
    count: number;
    marks: ReadonlyMap<number, TreeMark>;
  },
  expected: readonly string[],
  seen: WitnessSeen[],
): string | null {
  for (const w of witnesses) {
    const c = w.checkpoint;
    const who = `witness ${w.name} (key ${w.keyFingerprint})`;
    if (!recordValid(w))
      return `the cosignature of ${who} in ${BUNDLE_FILES.witnesses} does not verify under its own key: it was edited`;
    if (c.keyFingerprint !== bundle.keyFingerprint) {
      return `${who} cosigned a checkpoint of console key ${c.keyFingerprint}, not this bundle's key ${bundle.keyFingerprint}: the log was re-signed under another key`;
    }
    if (!checkpointSignatureValid(bundle.publicKey, c, c.signature))
      return `the checkpoint ${who} cosigned does not carry a valid signature of this bundle's key`;
    if (c.treeSize > bundle.count)
      return `${who} cosigned ${c.treeSize} entries, but the bundle holds ${bundle.count}: entries were removed`;
    const mark = c.treeSize === 0 ? null : bundle.marks.get(c.treeSize);
    if (c.treeSize > 0 && (!mark || mark.root !== c.rootHash || mark.headHash !== c.headHash)) {
      return `entries 1 to ${c.treeSize} do not match the checkpoint ${who} cosigned at ${w.cosignedAt}: the log was rewritten`;
    }
    seen.push({
      name: w.name,
      keyFingerprint: w.keyFingerprint,
      treeSize: c.treeSize,
      cosignedAt: w.cosignedAt,
    });
  }
  for (const fingerprint of expected) {
    if (!seen.some((s) => s.keyFingerprint === fingerprint))
      return `the bundle carries no cosignature from the expected witness ${fingerprint}`;
  }
  return null;
}
