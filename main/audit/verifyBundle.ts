// Offline verification of an exported bundle: no store, no private key, only the files in the folder.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import { AuditEntrySchema } from '../../shared/ipc/contract.ts';
import { BUNDLE_FILES, CheckpointFileSchema } from './bundleFormat.ts';
import { loadPrevious, PreviousInvalid, type PreviousCheckpoint } from './bundlePrevious.ts';
import {
  loadBundleWitnesses,
  witnessesProblem,
  type TreeMark,
  type WitnessSeen,
} from './bundleWitnesses.ts';
import { consistencyProof, memoryRangeRoot, verifyConsistency } from './consistency.ts';
import { canonicalEntryBody, canonicalJson, GENESIS_HASH, sha256 } from './entryHash.ts';
import { MerkleAccumulator } from './merkle.ts';
import { checkpointSignatureValid, keyFingerprint } from './signing.ts';

export type BundleOptions = {
  /** The console key fingerprint the site published: a bundle signed by any other key fails. */
  expectedFingerprint?: string;
  /** An earlier bundle folder or checkpoint file: this bundle must extend it without rewriting it. */
  previous?: string;
  /** Witness key fingerprints whose cosignature the bundle must carry. */
  expectedWitnesses?: readonly string[];
};

export type BundleReport = {
  ok: boolean;
  count: number;
  headHash: string;
  rootHash: string;
  keyFingerprint: string;
  reason: string | null;
  /** Witnesses whose cosignatures verified, each with the size it cosigned. */
  witnesses: WitnessSeen[];
  /** The previous checkpoint this bundle was shown to extend, with the RFC 9162 proof's length. */
  previous: { treeSize: number; signedAt: string; proofLength: number } | null;
};

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
  if (!result.success)
    throw new BundleInvalid(`${BUNDLE_FILES.checkpoint} is not a Mirqab checkpoint file`);
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

/** A fingerprint as people paste it: any case, with or without colons or spaces. */
function normalFingerprint(text: string): string {
  return text.toLowerCase().replace(/[\s:]/g, '');
}

function readPrevious(path: string): PreviousCheckpoint {
  try {
    return loadPrevious(path);
  } catch (err) {
    if (err instanceof PreviousInvalid) throw new BundleInvalid(err.message);
    throw err;
  }
}

// Reads the earlier bundle's entry hashes alongside this one's, to name the first entry that changed.
function* previousHashes(logPath: string | null): Generator<string | null> {
  if (!logPath) return;
  try {
    for (const line of readLines(logPath))
      yield (JSON.parse(line) as { hash?: string }).hash ?? null;
  } catch {
    // reason: an unreadable old log only costs the detail; the root comparison still decides
  }
}

/** Why this bundle does not extend the previous checkpoint without rewriting it, or null. */
function previousProblem(
  prev: PreviousCheckpoint,
  bundle: {
    publicKey: KeyObject;
    keyFingerprint: string;
    count: number;
    rootHash: string;
    marks: ReadonlyMap<number, TreeMark>;
    leaves: Buffer[] | null;
    firstChanged: number | null;
  },
  report: BundleReport,
): string | null {
  const p = prev.checkpoint;
  const what = `the previous checkpoint (entries 1 to ${p.treeSize}, signed at ${p.signedAt})`;
  if (p.keyFingerprint !== bundle.keyFingerprint)
    return `${what} was signed by key ${p.keyFingerprint}, this bundle by key ${bundle.keyFingerprint}: the log was re-signed under another key`;
  const key = prev.publicKey ?? bundle.publicKey;
  if (
    !checkpointSignatureValid(key, p, p.signature) ||
    !checkpointSignatureValid(bundle.publicKey, p, p.signature)
  )
    return `the signature on ${what} does not verify under this bundle's key`;
  if (p.treeSize > bundle.count)
    return `${what} covers more than the ${bundle.count} entries in this bundle: entries were removed`;
  const mark = p.treeSize === 0 ? null : bundle.marks.get(p.treeSize);
  if (p.treeSize > 0 && (!mark || mark.root !== p.rootHash || mark.headHash !== p.headHash)) {
    const entry =
      bundle.firstChanged === null
        ? ''
        : ` (entry ${bundle.firstChanged} is the first that differs)`;
    return `entries 1 to ${p.treeSize} no longer match ${what}${entry}: the history was rewritten`;
  }
  // RFC 9162 proof from the old tree to the new one, built from this bundle's entries and checked like a witness checks one.
  const proof = consistencyProof(p.treeSize, bundle.count, memoryRangeRoot(bundle.leaves ?? []));
  if (
    !verifyConsistency(
      p.treeSize,
      bundle.count,
      p.treeSize === 0 ? new MerkleAccumulator().root().toString('hex') : p.rootHash,
      bundle.rootHash,
      proof,
    )
  ) {
    return `this bundle is not consistent with ${what}`;
  }
  report.previous = { treeSize: p.treeSize, signedAt: p.signedAt, proofLength: proof.length };
  return null;
}

export function verifyAuditBundle(dir: string, options: BundleOptions = {}): BundleReport {
  const report: BundleReport = {
    ok: false,
    count: 0,
    headHash: GENESIS_HASH,
    rootHash: '',
    keyFingerprint: '',
    reason: null,
    witnesses: [],
    previous: null,
  };
  try {
    const { checkpoint } = loadCheckpoint(dir);
    const publicKey = loadPublicKey(dir);
    report.keyFingerprint = keyFingerprint(publicKey);
    if (report.keyFingerprint !== checkpoint.keyFingerprint) {
      throw new BundleInvalid(
        `${BUNDLE_FILES.publicKey} is not the key that signed ${BUNDLE_FILES.checkpoint} (fingerprints differ)`,
      );
    }
    if (
      options.expectedFingerprint &&
      normalFingerprint(options.expectedFingerprint) !== report.keyFingerprint
    ) {
      throw new BundleInvalid(
        `the bundle was signed by key ${report.keyFingerprint}, not the expected ${normalFingerprint(options.expectedFingerprint)}`,
      );
    }
    if (!checkpointSignatureValid(publicKey, checkpoint, checkpoint.signature)) {
      throw new BundleInvalid(
        `the signature in ${BUNDLE_FILES.checkpoint} does not verify with ${BUNDLE_FILES.publicKey}: the checkpoint or signature was edited`,
      );
    }
    const previous = options.previous ? readPrevious(options.previous) : null;
    let witnesses;
    try {
      witnesses = loadBundleWitnesses(dir);
    } catch (err) {
      throw new BundleInvalid((err as Error).message);
    }
    const wanted = new Set<number>([
      ...witnesses.map((w) => w.checkpoint.treeSize),
      ...(previous ? [previous.checkpoint.treeSize] : []),
    ]);
    const marks = new Map<number, TreeMark>();
    const leaves: Buffer[] | null = previous ? [] : null;
    const oldHashes = previousHashes(previous?.logPath ?? null);
    let firstChanged: number | null = null;
    readText(dir, BUNDLE_FILES.log);
    const acc = new MerkleAccumulator();
    let lineNo = 0;
    for (const line of readLines(join(dir, BUNDLE_FILES.log))) {
      lineNo += 1;
      const entry = parseLine(line, lineNo);
      const where = `${BUNDLE_FILES.log} line ${lineNo}`;
      if (entry.seq !== lineNo) {
        const what =
          entry.seq > lineNo
            ? `entry ${lineNo} is missing or out of order`
            : 'lines are out of order';
        throw new BundleInvalid(`${where} holds entry ${entry.seq}: ${what}`);
      }
      const { hash, ...body } = entry;
      const digest = sha256(canonicalEntryBody(body));
      if (digest.toString('hex') !== hash)
        throw new BundleInvalid(
          `${where} (entry ${entry.seq}) was altered: its hash does not match its contents`,
        );
      if (entry.prevHash !== report.headHash) {
        throw new BundleInvalid(
          `${where} (entry ${entry.seq}) does not follow entry ${entry.seq - 1}: lines were removed or reordered`,
        );
      }
      if (canonicalJson(entry) !== line)
        throw new BundleInvalid(
          `${where} (entry ${entry.seq}) was edited: it is not in canonical form`,
        );
      acc.addLeaf(digest);
      leaves?.push(digest);
      const old = oldHashes.next();
      if (firstChanged === null && !old.done && old.value !== hash) firstChanged = entry.seq;
      report.headHash = hash;
      report.count = lineNo;
      if (wanted.has(lineNo))
        marks.set(lineNo, { root: acc.root().toString('hex'), headHash: hash });
    }
    report.rootHash = acc.root().toString('hex');
    if (report.count !== checkpoint.treeSize) {
      throw new BundleInvalid(
        `${BUNDLE_FILES.log} has ${report.count} entries but ${BUNDLE_FILES.checkpoint} covers ${checkpoint.treeSize}: lines were removed or added`,
      );
    }
    if (report.headHash !== checkpoint.headHash || report.rootHash !== checkpoint.rootHash) {
      throw new BundleInvalid(
        `${BUNDLE_FILES.log} does not match the signed checkpoint: the log was rewritten`,
      );
    }
    const bundle = {
      publicKey,
      keyFingerprint: report.keyFingerprint,
      count: report.count,
      rootHash: report.rootHash,
      marks,
      leaves,
      firstChanged,
    };
    const previousFails = previous ? previousProblem(previous, bundle, report) : null;
    if (previousFails) throw new BundleInvalid(previousFails);
    const witnessFails = witnessesProblem(
      witnesses,
      bundle,
      (options.expectedWitnesses ?? []).map(normalFingerprint),
      report.witnesses,
    );
    if (witnessFails) throw new BundleInvalid(witnessFails);
    report.ok = true;
  } catch (err) {
    // Whatever is wrong with the files becomes a reason, never a crash.
    report.reason =
      err instanceof BundleInvalid ? err.message : `the bundle could not be read: ${String(err)}`;
  }
  return report;
}
