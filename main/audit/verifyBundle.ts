// Offline verification of an exported bundle: no store, no private key, only the files in the folder.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import { AuditEntrySchema, CheckpointSchema } from '../../shared/ipc/contract.ts';
import { canonicalEntryBody, canonicalJson, GENESIS_HASH, sha256 } from './entryHash.ts';
import { BUNDLE_FILES, BUNDLE_FORMAT } from './exportBundle.ts';
import { MerkleAccumulator } from './merkle.ts';
import { checkpointSignatureValid, keyFingerprint } from './signing.ts';

export type BundleReport = {
  ok: boolean;
  count: number;
  headHash: string;
  rootHash: string;
  keyFingerprint: string;
  reason: string | null;
};

const CheckpointFileSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  siteName: z.string(),
  treeSize: z.number().int().nonnegative(),
  checkpoint: CheckpointSchema,
});

class BundleInvalid extends Error {}

function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      rest += decoder.write(buffer.subarray(0, n));
      let start = 0;
      for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
        yield rest.slice(start, end);
        start = end + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
}

function readText(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new BundleInvalid(`${file} is missing or unreadable`);
  }
}

function loadCheckpoint(dir: string): z.infer<typeof CheckpointFileSchema> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(dir, BUNDLE_FILES.checkpoint));
  } catch (err) {
    if (err instanceof BundleInvalid) throw err;
    throw new BundleInvalid(`${BUNDLE_FILES.checkpoint} is not valid JSON`);
  }
  const result = CheckpointFileSchema.safeParse(parsed);
  if (!result.success) throw new BundleInvalid(`${BUNDLE_FILES.checkpoint} is not a Mirqab checkpoint file`);
  if (result.data.treeSize !== result.data.checkpoint.treeSize) {
    throw new BundleInvalid(`${BUNDLE_FILES.checkpoint} was edited: its two entry counts disagree`);
  }
  return result.data;
}

function loadPublicKey(dir: string): KeyObject {
  try {
    const key = createPublicKey(readText(dir, BUNDLE_FILES.publicKey));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return key;
  } catch (err) {
    if (err instanceof BundleInvalid) throw err;
    throw new BundleInvalid(`${BUNDLE_FILES.publicKey} is not an Ed25519 public key`);
  }
}

function parseLine(line: string, lineNo: number): z.infer<typeof AuditEntrySchema> {
  const where = `${BUNDLE_FILES.log} line ${lineNo}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BundleInvalid(`${where} is not valid JSON`);
  }
  const result = AuditEntrySchema.safeParse(value);
  if (!result.success) throw new BundleInvalid(`${where} is not an audit entry`);
  return result.data;
}

export function verifyAuditBundle(dir: string, options: { expectedFingerprint?: string } = {}): BundleReport {
  const report: BundleReport = { ok: false, count: 0, headHash: GENESIS_HASH, rootHash: '', keyFingerprint: '', reason: null };
  try {
    const { checkpoint } = loadCheckpoint(dir);
    const publicKey = loadPublicKey(dir);
    report.keyFingerprint = keyFingerprint(publicKey);
    if (report.keyFingerprint !== checkpoint.keyFingerprint) {
      throw new BundleInvalid(`${BUNDLE_FILES.publicKey} is not the key that signed ${BUNDLE_FILES.checkpoint} (fingerprints differ)`);
    }
    if (options.expectedFingerprint && options.expectedFingerprint !== report.keyFingerprint) {
      throw new BundleInvalid(`the bundle was signed by key ${report.keyFingerprint}, not the expected ${options.expectedFingerprint}`);
    }
    if (!checkpointSignatureValid(publicKey, checkpoint, checkpoint.signature)) {
      throw new BundleInvalid(`the signature in ${BUNDLE_FILES.checkpoint} does not verify with ${BUNDLE_FILES.publicKey}: the checkpoint or signature was edited`);
    }
    readText(dir, BUNDLE_FILES.log);
    const acc = new MerkleAccumulator();
    let lineNo = 0;
    for (const line of readLines(join(dir, BUNDLE_FILES.log))) {
      lineNo += 1;
      const entry = parseLine(line, lineNo);
      const where = `${BUNDLE_FILES.log} line ${lineNo}`;
      if (entry.seq !== lineNo) {
        const what = entry.seq > lineNo ? `entry ${lineNo} is missing or out of order` : 'lines are out of order';
        throw new BundleInvalid(`${where} holds entry ${entry.seq}: ${what}`);
      }
      const { hash, ...body } = entry;
      const digest = sha256(canonicalEntryBody(body));
      if (digest.toString('hex') !== hash) throw new BundleInvalid(`${where} (entry ${entry.seq}) was altered: its hash does not match its contents`);
      if (entry.prevHash !== report.headHash) {
        throw new BundleInvalid(`${where} (entry ${entry.seq}) does not follow entry ${entry.seq - 1}: lines were removed or reordered`);
      }
      if (canonicalJson(entry) !== line) throw new BundleInvalid(`${where} (entry ${entry.seq}) was edited: it is not in canonical form`);
      acc.addLeaf(digest);
      report.headHash = hash;
      report.count = lineNo;
    }
    report.rootHash = acc.root().toString('hex');
    if (report.count !== checkpoint.treeSize) {
      throw new BundleInvalid(`${BUNDLE_FILES.log} has ${report.count} entries but ${BUNDLE_FILES.checkpoint} covers ${checkpoint.treeSize}: lines were removed or added`);
    }
    if (report.headHash !== checkpoint.headHash || report.rootHash !== checkpoint.rootHash) {
      throw new BundleInvalid(`${BUNDLE_FILES.log} does not match the signed checkpoint: the log was rewritten`);
    }
    report.ok = true;
  } catch (err) {
    // Whatever is wrong with the files becomes a reason, never a crash.
    report.reason = err instanceof BundleInvalid ? err.message : `the bundle could not be read: ${String(err)}`;
  }
  return report;
}
