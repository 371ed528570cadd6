// Full verification of the audit chain and its signed checkpoints inside the store.
// Long logs are checked in aligned blocks on this thread and one worker thread at once (parallelWalk);
// only a clean result is taken from that, and anything irregular reruns the sequential walk, whose report
// names the first bad entry.
import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import type { Checkpoint, VerifyReport } from '../../shared/ipc/contract.ts';
import { get, prepareCached, sql } from '../store/sql.ts';
import type { WritableDb } from '../store/types.ts';
import { attestationProblem } from './attestations.ts';
import { createCheckpoint, listCheckpoints } from './checkpoint.ts';
import { storedEntryHash, storedRangeRoot } from './consistency.ts';
import { canonicalEntryFromRow, GENESIS_HASH } from './entryHash.ts';
import { auditHead, AUDIT_COLUMNS, countAudit } from './log.ts';
import { MerkleAccumulator, rootFromBlocks } from './merkle.ts';
import { checkpointSignatureValid, loadSigningKey } from './signing.ts';
import {
  ANSWERED,
  NEXT,
  verifyChunk,
  type ChunkResult,
  type VerifyWorkerData,
} from './verifyChunk.ts';
import { listWitnesses, witnessProblems } from './witnesses.ts';

export type VerifyOptions = {
  // The store key, so a worker thread can open its own connection; without it verification stays on this thread.
  key?: Buffer;
  // Force block-wise verification on or off; by default it is used from PARALLEL_MIN_ENTRIES entries up.
  parallel?: boolean;
  // Entries per block, a power of two.
  chunkSize?: number;
};

const PARALLEL_MIN_ENTRIES = 100_000;
const DEFAULT_CHUNK_SIZE = 1 << 15;
// A worker that answers nothing for this long is left behind and its blocks are checked here.
const WORKER_STALL_MS = 30_000;

type Problem = { seq: number; reason: string };
type RawRow = [number, string, string, string, string, string, string, string, string, string];

const WALK_QUERY = `SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY seq`;

function chainProblem(
  row: RawRow,
  expectedSeq: number,
  prevHash: string,
  computed: string,
): Problem | null {
  const [seq, , , , , , , , storedPrev, storedHash] = row;
  if (seq !== expectedSeq) {
    const span =
      seq - 1 === expectedSeq ? `entry ${expectedSeq}` : `entries ${expectedSeq} to ${seq - 1}`;
    return {
      seq: expectedSeq,
      reason: `${span} ${seq - 1 === expectedSeq ? 'was' : 'were'} removed: the log jumps from entry ${expectedSeq - 1} to entry ${seq}`,
    };
  }
  const altered = computed !== storedHash;
  const unlinked = storedPrev !== prevHash;
  if (altered && unlinked) {
    return {
      seq,
      reason: `entry ${seq} was altered or moved out of order: neither its hash nor its link to entry ${seq - 1} matches`,
    };
  }
  if (altered)
    return { seq, reason: `entry ${seq} was altered: its hash does not match its contents` };
  if (unlinked) {
    return {
      seq,
      reason: `entry ${seq} does not follow entry ${seq - 1}: entries were removed, reordered or rewritten before it`,
    };
  }
  return null;
}

function checkpointProblem(cp: Checkpoint, key: ReturnType<typeof loadSigningKey>): Problem | null {
  const where = `the checkpoint signed at ${cp.signedAt} for entries 1 to ${cp.treeSize}`;
  if (!key)
    return {
      seq: cp.treeSize,
      reason: `${where} cannot be checked: this console's signing key is missing`,
    };
  if (cp.keyFingerprint !== key.fingerprint) {
    return { seq: cp.treeSize, reason: `${where} names a signing key that is not this console's` };
  }
  if (!checkpointSignatureValid(key.publicKey, cp, cp.signature)) {
    return { seq: cp.treeSize, reason: `${where} has a forged or altered signature` };
  }
  return null;
}

function mismatchProblem(cp: Checkpoint, rootHash: string, headHash: string): Problem | null {
  if (cp.rootHash === rootHash && cp.headHash === headHash) return null;
  return {
    seq: cp.treeSize,
    reason: `entries 1 to ${cp.treeSize} no longer match the checkpoint signed at ${cp.signedAt}: the log was rewritten`,
  };
}

export function verifyAuditLog(
  db: WritableDb,
  now: Date,
  options: VerifyOptions = {},
): VerifyReport {
  const report = verifyInBlocks(db, now, options) ?? verifySequentially(db, now);
  const witnesses = listWitnesses(db).map((w) => ({
    witnessId: w.witnessId,
    name: w.name,
    keyFingerprint: w.keyFingerprint,
    treeSize: w.checkpoint.treeSize,
    cosignedAt: w.cosignedAt,
  }));
  return { ...report, witnesses };
}

/**
 * What the chain walk cannot see on its own, for a log whose entries 1..logSize were just found
 * intact: checkpoints that verifications and exports recorded but the store lost, and witnesses that
 * cosigned more entries, other entries, or under another key than the store now holds.
 */
function evidenceProblems(
  db: WritableDb,
  checkpoints: Checkpoint[],
  key: ReturnType<typeof loadSigningKey>,
  logSize: number,
): Problem[] {
  const problems: Problem[] = [];
  const attested = attestationProblem(db, checkpoints);
  if (attested) problems.push(attested);
  // The walk has just matched every stored checkpoint's root against the entries, so a witness of one of
  // those needs no second pass; any other size is read uncached, as the rows are now.
  const fresh = storedRangeRoot(db, { isCached: false });
  const walked = new Map(checkpoints.map((cp) => [cp.treeSize, cp.rootHash]));
  const rangeRoot = (start: number, end: number) =>
    (start === 0 ? walked.get(end) : undefined) ?? fresh(start, end);
  problems.push(
    ...witnessProblems(listWitnesses(db), key, logSize, rangeRoot, (size) =>
      storedEntryHash(db, size),
    ),
  );
  return problems;
}

function verifySequentially(db: WritableDb, now: Date): VerifyReport {
  const key = loadSigningKey(db);
  const checkpoints = listCheckpoints(db);
  const problems: Problem[] = [];
  for (const cp of checkpoints) {
    const p = checkpointProblem(cp, key);
    if (p) problems.push(p);
  }
  const acc = new MerkleAccumulator();
  let cpIndex = 0;
  const matchCheckpoints = (headHash: string): void => {
    while (
      cpIndex < checkpoints.length &&
      (checkpoints[cpIndex] as Checkpoint).treeSize <= acc.size
    ) {
      const cp = checkpoints[cpIndex] as Checkpoint;
      if (cp.treeSize === acc.size) {
        const p = mismatchProblem(cp, acc.root().toString('hex'), headHash);
        if (p) problems.push(p);
      }
      cpIndex += 1;
    }
  };

  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let chainBroken = false;
  matchCheckpoints(prevHash);
  // Raw arrays from one streaming statement keep a million-entry walk allocation-light.
  const stmt = prepareCached(db, WALK_QUERY).raw(true);
  try {
    for (const raw of stmt.iterate()) {
      const row = raw as RawRow;
      const computed = hash(
        'sha256',
        canonicalEntryFromRow(
          row[0],
          row[1],
          row[2],
          row[3],
          row[4],
          row[5],
          row[6],
          row[7],
          row[8],
        ),
        'hex',
      );
      const problem = chainProblem(row, expectedSeq, prevHash, computed);
      if (problem) {
        problems.unshift(problem);
        chainBroken = true;
        break;
      }
      acc.addLeafHex(computed);
      prevHash = computed;
      expectedSeq += 1;
      matchCheckpoints(prevHash);
    }
  } finally {
    stmt.raw(false);
  }

  const lastSeq = expectedSeq - 1;
  const beyond = checkpoints.filter((cp) => cp.treeSize > lastSeq).at(-1);
  if (!chainBroken && beyond) {
    problems.push({
      seq: lastSeq + 1,
      reason: `the log ends at entry ${lastSeq}, but the checkpoint signed at ${beyond.signedAt} covers ${beyond.treeSize} entries: the newest entries were removed`,
    });
  }
  if (!chainBroken) problems.push(...evidenceProblems(db, checkpoints, key, lastSeq));

  const firstBad = problems.reduce<Problem | null>(
    (first, p) => (first === null || p.seq < first.seq ? p : first),
    null,
  );
  const ok = firstBad === null;
  const checkpoint = ok
    ? createCheckpoint(db, now, acc.root().toString('hex'))
    : (checkpoints.filter((cp) => !problems.some((p) => p.seq <= cp.treeSize)).at(-1) ?? null);
  return {
    ok,
    // An unbroken walk read exactly the rows 1..lastSeq, so there is nothing left to count.
    count: chainBroken ? countAudit(db) : lastSeq,
    headHash: prevHash,
    firstBad,
    checkpoint,
    checkedAt: now.toISOString(),
  };
}

type BlockPlan = {
  head: number;
  chunkSize: number;
  blocks: number;
  marks: Record<number, number[]>;
};

// Returns null wherever the sequential walk must decide (and word) the outcome.
function verifyInBlocks(db: WritableDb, now: Date, options: VerifyOptions): VerifyReport | null {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || (chunkSize & (chunkSize - 1)) !== 0) {
    throw new RangeError('chunkSize must be a power of two.');
  }
  if (options.parallel === false || db.inTransaction) return null;
  const head = auditHead(db).seq;
  if (head === 0 || (options.parallel !== true && head < PARALLEL_MIN_ENTRIES)) return null;
  // With seq an integer key, rows 1..head each present and none below 1 means exactly head rows.
  if (get<{ m: number }>(db, sql`SELECT min(seq) AS m FROM audit_log`)?.m !== 1) return null;

  const key = loadSigningKey(db);
  const checkpoints = listCheckpoints(db);
  if (checkpoints.some((cp) => cp.treeSize > head || checkpointProblem(cp, key) !== null))
    return null;
  const plan: BlockPlan = { head, chunkSize, blocks: Math.ceil(head / chunkSize), marks: {} };
  for (const cp of checkpoints) {
    if (cp.treeSize === 0) {
      if (mismatchProblem(cp, new MerkleAccumulator().root().toString('hex'), GENESIS_HASH))
        return null;
      continue;
    }
    const block = Math.floor((cp.treeSize - 1) / chunkSize);
    const local = cp.treeSize - block * chunkSize;
    const marks = (plan.marks[block] ??= []);
    if (!marks.includes(local)) marks.push(local);
  }
  for (const marks of Object.values(plan.marks)) marks.sort((a, b) => a - b);

  const results = parallelWalk(db, plan, options.key);
  if (!results) return null;
  const roots: string[] = [];
  let prevHash = GENESIS_HASH;
  for (const r of results) {
    if (r.firstPrev !== prevHash) return null;
    roots.push(r.root);
    prevHash = r.lastHash;
  }
  for (const cp of checkpoints) {
    if (cp.treeSize === 0) continue;
    const block = Math.floor((cp.treeSize - 1) / chunkSize);
    const mark = results[block]?.marks.find((m) => m.size === cp.treeSize - block * chunkSize);
    if (!mark) return null;
    const root = Buffer.from(rootFromBlocks(roots.slice(0, block), mark.root), 'latin1').toString(
      'hex',
    );
    if (mismatchProblem(cp, root, mark.headHash)) return null;
  }
  if (evidenceProblems(db, checkpoints, key, head).length > 0) return null;
  const last = roots.length - 1;
  const full = head % chunkSize === 0;
  const rootHash = Buffer.from(
    rootFromBlocks(full ? roots : roots.slice(0, last), full ? undefined : roots[last]),
    'latin1',
  ).toString('hex');
  return {
    ok: true,
    count: head,
    headHash: prevHash,
    firstBad: null,
    checkpoint: createCheckpoint(db, now, rootHash),
    checkedAt: now.toISOString(),
  };
}

type Helper = { worker: Worker; port: MessagePort };

// The worker entry exists beside this module when running from source (tsx, vitest); a bundle that
// lacks it simply checks every block on this thread.
function startHelper(
  db: WritableDb,
  plan: BlockPlan,
  key: Buffer | undefined,
  control: SharedArrayBuffer,
): Helper | null {
  if (!key || db.memory || plan.blocks < 2) return null;
  let entry: URL;
  try {
    entry = new URL('./verifyWorker.mjs', import.meta.url);
    if (
      !existsSync(fileURLToPath(entry)) ||
      !existsSync(fileURLToPath(new URL('./verifyWorker.ts', import.meta.url)))
    )
      return null;
  } catch {
    // reason: no file-based module URL (bundled); stay on this thread
    return null;
  }
  const { port1, port2 } = new MessageChannel();
  const workerData: VerifyWorkerData = {
    path: db.name,
    key: Uint8Array.from(key),
    control,
    port: port2,
    chunkSize: plan.chunkSize,
    head: plan.head,
    marks: plan.marks,
  };
  try {
    const worker = new Worker(entry, { workerData, transferList: [port2], execArgv: [] });
    worker.unref();
    // reason: a worker that fails claims no blocks, so this thread checks them all
    worker.on('error', () => undefined);
    return { worker, port: port1 };
  } catch {
    // reason: as above
    port1.close();
    return null;
  }
}

// Both threads claim blocks from a shared counter, so a slow-starting worker (or none) costs nothing.
// This thread blocks while it waits, as the synchronous API has always done.
function parallelWalk(
  db: WritableDb,
  plan: BlockPlan,
  key: Buffer | undefined,
): ChunkResult[] | null {
  const shared = new SharedArrayBuffer(8);
  const control = new Int32Array(shared);
  const helper = startHelper(db, plan, key, shared);
  const results: (ChunkResult | undefined)[] = new Array<ChunkResult | undefined>(plan.blocks);
  const check = (index: number): ChunkResult => {
    const from = index * plan.chunkSize + 1;
    return verifyChunk(
      db,
      index,
      from,
      Math.min(plan.head, from + plan.chunkSize - 1),
      plan.marks[index] ?? [],
    );
  };
  try {
    for (;;) {
      const index = Atomics.add(control, NEXT, 1);
      if (index >= plan.blocks) break;
      const r = check(index);
      if (!r.clean) return null;
      results[index] = r;
    }
    let missing = 0;
    for (let i = 0; i < plan.blocks; i += 1) if (!results[i]) missing += 1;
    let lastProgress = performance.now();
    while (missing > 0 && helper) {
      const answered = Atomics.load(control, ANSWERED);
      for (
        let msg = receiveMessageOnPort(helper.port);
        msg;
        msg = receiveMessageOnPort(helper.port)
      ) {
        const m = msg.message as ChunkResult | { index: number; failed: true };
        const r = 'failed' in m ? check(m.index) : m;
        if (!r.clean) return null;
        if (!results[r.index]) missing -= 1;
        results[r.index] = r;
        lastProgress = performance.now();
      }
      if (missing === 0) break;
      if (performance.now() - lastProgress > WORKER_STALL_MS) break;
      Atomics.wait(control, ANSWERED, answered, 1000);
    }
    for (let i = 0; i < plan.blocks; i += 1) {
      if (results[i]) continue;
      const r = check(i);
      if (!r.clean) return null;
      results[i] = r;
    }
    return results as ChunkResult[];
  } finally {
    Atomics.store(control, NEXT, plan.blocks);
    if (helper) {
      helper.port.close();
      void helper.worker.terminate();
    }
  }
}
