// Signed Merkle checkpoints over the audit chain.
import type { Checkpoint } from '../../shared/ipc/contract.ts';
import { all, prepareCached, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { AuditError } from './errors.ts';
import { LogShorterError, storedEntryHash, storedRangeRoot } from './consistency.ts';
import { auditHead } from './log.ts';
import { MerkleAccumulator } from './merkle.ts';
import {
  ensureSigningKey,
  loadSigningKey,
  signCheckpointFields,
  type SigningKey,
} from './signing.ts';
import { listWitnesses, witnessProblems } from './witnesses.ts';

type CheckpointRow = {
  tree_size: number;
  root_hash: string;
  head_hash: string;
  signed_at: string;
  signature: string;
  key_fingerprint: string;
};

function rowToCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    treeSize: row.tree_size,
    rootHash: row.root_hash,
    headHash: row.head_hash,
    signedAt: row.signed_at,
    signature: row.signature,
    keyFingerprint: row.key_fingerprint,
  };
}

export function listCheckpoints(db: ReadableDb): Checkpoint[] {
  return all<CheckpointRow>(db, sql`SELECT * FROM audit_checkpoints ORDER BY tree_size`).map(
    rowToCheckpoint,
  );
}

export function latestCheckpoint(db: ReadableDb): Checkpoint | null {
  const rows = all<CheckpointRow>(
    db,
    sql`SELECT * FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1`,
  );
  return rows[0] ? rowToCheckpoint(rows[0]) : null;
}

// Root over the stored entry hashes of entries 1..treeSize.
export function storedRoot(db: ReadableDb, treeSize: number): string {
  const acc = new MerkleAccumulator();
  const stmt = prepareCached(db, 'SELECT hash FROM audit_log WHERE seq <= ? ORDER BY seq').pluck(
    true,
  );
  try {
    for (const hash of stmt.iterate(treeSize)) acc.addLeaf(Buffer.from(hash as string, 'hex'));
  } finally {
    stmt.pluck(false);
  }
  return acc.root().toString('hex');
}

export function signCheckpoint(
  db: WritableDb,
  key: SigningKey,
  fields: { treeSize: number; rootHash: string; headHash: string },
  now: Date,
): Checkpoint {
  const signedAt = now.toISOString();
  const checkpoint: Checkpoint = {
    ...fields,
    signedAt,
    signature: signCheckpointFields(key, { ...fields, signedAt }),
    keyFingerprint: key.fingerprint,
  };
  run(
    db,
    sql`INSERT INTO audit_checkpoints (tree_size, root_hash, head_hash, signed_at, signature, key_fingerprint)
        VALUES (${checkpoint.treeSize}, ${checkpoint.rootHash}, ${checkpoint.headHash}, ${signedAt}, ${checkpoint.signature}, ${checkpoint.keyFingerprint})`,
  );
  return checkpoint;
}

function describe(cp: Checkpoint): string {
  return `the checkpoint signed at ${cp.signedAt} for entries 1 to ${cp.treeSize}`;
}

/**
 * Why the log as stored may not be signed over, or null: it must be no shorter than and consistent
 * with the latest checkpoint (RFC 9162: its first treeSize entries give the same root and head), and
 * agree with every witness on record. `knownRoot` comes from a verification that already walked it.
 */
function refusal(
  db: WritableDb,
  key: SigningKey,
  head: { seq: number; hash: string },
  latest: Checkpoint | null,
  knownRoot?: string,
): AuditError | null {
  if (latest && latest.treeSize > head.seq) {
    return new AuditError(
      'LOG_SHORTENED',
      `The audit log ends at entry ${head.seq}, but ${describe(latest)} covers more: entries were removed. Run a verification.`,
    );
  }
  const rangeRoot = storedRangeRoot(db);
  try {
    if (
      latest &&
      knownRoot === undefined &&
      (rangeRoot(0, latest.treeSize) !== latest.rootHash ||
        (latest.treeSize > 0 && storedEntryHash(db, latest.treeSize) !== latest.headHash))
    ) {
      return new AuditError(
        'CHAIN_MISMATCH',
        `The audit log is not consistent with ${describe(latest)}: it was rewritten. Run a verification.`,
      );
    }
    const [problem] = witnessProblems(listWitnesses(db), key, head.seq, rangeRoot, (size) =>
      storedEntryHash(db, size),
    );
    if (problem)
      return new AuditError(
        problem.reason.startsWith('the log ends') ? 'LOG_SHORTENED' : 'WITNESS_CONTRADICTS',
        `Refusing to sign a checkpoint: ${problem.reason}.`,
      );
  } catch (error) {
    if (!(error instanceof LogShorterError)) throw error;
    return new AuditError(
      'LOG_SHORTENED',
      `Refusing to sign a checkpoint: ${error.message}; entries were removed. Run a verification.`,
    );
  }
  return null;
}

/**
 * Signs the current head, only after checking it extends the latest checkpoint and contradicts no
 * witness; if nothing was appended since the last checkpoint, that one still stands.
 */
export function createCheckpoint(db: WritableDb, now: Date, knownRoot?: string): Checkpoint {
  ensureSigningKey(db);
  const key = loadSigningKey(db) as SigningKey;
  return db.transaction(() => {
    const head = auditHead(db);
    const latest = latestCheckpoint(db);
    if (latest && latest.treeSize === head.seq) {
      if (latest.headHash === head.hash) return latest;
      throw new AuditError(
        'CHAIN_MISMATCH',
        'The audit log no longer matches its last checkpoint; run a verification.',
      );
    }
    const refused = refusal(db, key, head, latest, knownRoot);
    if (refused) throw refused;
    const rootHash = knownRoot ?? storedRangeRoot(db)(0, head.seq);
    return signCheckpoint(db, key, { treeSize: head.seq, rootHash, headHash: head.hash }, now);
  })();
}
