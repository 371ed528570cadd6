// Full verification of the audit chain and its signed checkpoints inside the store.
import type { Checkpoint, VerifyReport } from '../../shared/ipc/contract.ts';
import { prepareCached } from '../store/sql.ts';
import type { WritableDb } from '../store/types.ts';
import { createCheckpoint, listCheckpoints } from './checkpoint.ts';
import { canonicalEntryFromRow, GENESIS_HASH, sha256 } from './entryHash.ts';
import { AUDIT_COLUMNS, countAudit } from './log.ts';
import { MerkleAccumulator } from './merkle.ts';
import { checkpointSignatureValid, loadSigningKey } from './signing.ts';

type Problem = { seq: number; reason: string };
type RawRow = [number, string, string, string, string, string, string, string, string, string];

const WALK_QUERY = `SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY seq`;

function chainProblem(row: RawRow, expectedSeq: number, prevHash: string, computed: string): Problem | null {
  const [seq, , , , , , , , storedPrev, storedHash] = row;
  if (seq !== expectedSeq) {
    const span = seq - 1 === expectedSeq ? `entry ${expectedSeq}` : `entries ${expectedSeq} to ${seq - 1}`;
    return { seq: expectedSeq, reason: `${span} ${seq - 1 === expectedSeq ? 'was' : 'were'} removed: the log jumps from entry ${expectedSeq - 1} to entry ${seq}` };
  }
  const altered = computed !== storedHash;
  const unlinked = storedPrev !== prevHash;
  if (altered && unlinked) {
    return { seq, reason: `entry ${seq} was altered or moved out of order: neither its hash nor its link to entry ${seq - 1} matches` };
  }
  if (altered) return { seq, reason: `entry ${seq} was altered: its hash does not match its contents` };
  if (unlinked) {
    return { seq, reason: `entry ${seq} does not follow entry ${seq - 1}: entries were removed, reordered or rewritten before it` };
  }
  return null;
}

function checkpointProblem(cp: Checkpoint, key: ReturnType<typeof loadSigningKey>): Problem | null {
  const where = `the checkpoint signed at ${cp.signedAt} for entries 1 to ${cp.treeSize}`;
  if (!key) return { seq: cp.treeSize, reason: `${where} cannot be checked: this console's signing key is missing` };
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

export function verifyAuditLog(db: WritableDb, now: Date): VerifyReport {
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
    while (cpIndex < checkpoints.length && (checkpoints[cpIndex] as Checkpoint).treeSize <= acc.size) {
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
      const digest = sha256(canonicalEntryFromRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]));
      const computed = digest.toString('hex');
      const problem = chainProblem(row, expectedSeq, prevHash, computed);
      if (problem) {
        problems.unshift(problem);
        chainBroken = true;
        break;
      }
      acc.addLeaf(digest);
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

  const firstBad = problems.reduce<Problem | null>((first, p) => (first === null || p.seq < first.seq ? p : first), null);
  const ok = firstBad === null;
  const checkpoint = ok
    ? createCheckpoint(db, now, acc.root().toString('hex'))
    : (checkpoints.filter((cp) => !problems.some((p) => p.seq <= cp.treeSize)).at(-1) ?? null);
  return {
    ok,
    count: countAudit(db),
    headHash: prevHash,
    firstBad,
    checkpoint,
    checkedAt: now.toISOString(),
  };
}
