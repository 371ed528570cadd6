// The console's record of its witnesses: each paired agent's pinned Ed25519 witness key and the newest
// checkpoint it cosigned. A witness's word is stored only if its cosignature verifies under that key,
// and every record is checked against the log before the console signs or reports the log as intact.
import { verify, type KeyObject } from 'node:crypto';
import { cosignatureText, type WitnessState } from '../../shared/agent-protocol/witness.ts';
import type { Checkpoint } from '../../shared/ipc/contract.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import type { RangeRoot } from './consistency.ts';
import { AuditError } from './errors.ts';
import {
  checkpointSignatureValid,
  ed25519KeyFromBase64,
  keyFingerprint,
  type SigningKey,
} from './signing.ts';

export type WitnessRecord = {
  witnessId: string;
  name: string;
  /** Ed25519 SPKI DER, base64. */
  publicKey: string;
  keyFingerprint: string;
  firstSeenAt: string;
  checkpoint: Checkpoint;
  cosignedAt: string;
  cosignature: string;
  updatedAt: string;
};

type WitnessRow = {
  witness_id: string;
  name: string;
  public_key: string;
  key_fingerprint: string;
  first_seen_at: string;
  tree_size: number;
  root_hash: string;
  head_hash: string;
  signed_at: string;
  console_signature: string;
  console_key_fingerprint: string;
  cosigned_at: string;
  cosignature: string;
  updated_at: string;
};

function rowToRecord(row: WitnessRow): WitnessRecord {
  return {
    witnessId: row.witness_id,
    name: row.name,
    publicKey: row.public_key,
    keyFingerprint: row.key_fingerprint,
    firstSeenAt: row.first_seen_at,
    checkpoint: {
      treeSize: row.tree_size,
      rootHash: row.root_hash,
      headHash: row.head_hash,
      signedAt: row.signed_at,
      signature: row.console_signature,
      keyFingerprint: row.console_key_fingerprint,
    },
    cosignedAt: row.cosigned_at,
    cosignature: row.cosignature,
    updatedAt: row.updated_at,
  };
}

export function listWitnesses(db: ReadableDb): WitnessRecord[] {
  return all<WitnessRow>(db, sql`SELECT * FROM audit_witnesses ORDER BY name, witness_id`).map(
    rowToRecord,
  );
}

export function findWitness(db: ReadableDb, witnessId: string): WitnessRecord | null {
  const row = get<WitnessRow>(
    db,
    sql`SELECT * FROM audit_witnesses WHERE witness_id = ${witnessId}`,
  );
  return row ? rowToRecord(row) : null;
}

export function cosignatureValid(
  witnessKey: KeyObject,
  checkpoint: Checkpoint,
  cosignedAt: string,
  cosignature: string,
): boolean {
  try {
    return verify(
      null,
      Buffer.from(cosignatureText(checkpoint, cosignedAt), 'utf8'),
      witnessKey,
      Buffer.from(cosignature, 'base64'),
    );
  } catch {
    // reason: a malformed signature is simply not valid
    return false;
  }
}

/** Whether a record's cosignature verifies under its own key and that key is the one it names. */
export function recordValid(
  record: Pick<
    WitnessRecord,
    'publicKey' | 'keyFingerprint' | 'checkpoint' | 'cosignedAt' | 'cosignature'
  >,
): boolean {
  const key = ed25519KeyFromBase64(record.publicKey);
  return (
    key !== null &&
    keyFingerprint(key) === record.keyFingerprint &&
    cosignatureValid(key, record.checkpoint, record.cosignedAt, record.cosignature)
  );
}

export type RecordOutcome = 'stored' | 'unchanged' | 'older';

/**
 * Keeps what a witness says it holds. The first key an agent presents over its pinned session is
 * pinned; a cosignature under any other key, or one that does not verify, is refused. A smaller
 * checkpoint than the one on record never replaces it (a witness whose state was reset says less).
 */
export function recordWitnessState(
  db: WritableDb,
  witness: { id: string; name: string },
  state: WitnessState,
  now: Date,
): RecordOutcome {
  const key = ed25519KeyFromBase64(state.cosignature.witnessKey);
  if (!key)
    throw new AuditError(
      'WITNESS_INVALID',
      `witness ${witness.name} presented a key that is not Ed25519`,
    );
  const fingerprint = keyFingerprint(key);
  const incoming = {
    publicKey: state.cosignature.witnessKey,
    keyFingerprint: fingerprint,
    checkpoint: state.checkpoint,
    cosignedAt: state.cosignature.cosignedAt,
    cosignature: state.cosignature.signature,
  };
  if (!recordValid(incoming))
    throw new AuditError(
      'WITNESS_INVALID',
      `the cosignature from witness ${witness.name} does not verify under its own key`,
    );
  return db.transaction((): RecordOutcome => {
    const held = findWitness(db, witness.id);
    if (held && held.publicKey !== incoming.publicKey) {
      throw new AuditError(
        'WITNESS_INVALID',
        `witness ${witness.name} presented key ${fingerprint}, not the key ${held.keyFingerprint} it was first seen with`,
      );
    }
    if (held && recordValid(held)) {
      const same =
        held.checkpoint.treeSize === incoming.checkpoint.treeSize &&
        held.checkpoint.rootHash === incoming.checkpoint.rootHash &&
        held.cosignedAt === incoming.cosignedAt;
      if (same) return 'unchanged';
      if (incoming.checkpoint.treeSize < held.checkpoint.treeSize) return 'older';
    }
    const c = incoming.checkpoint;
    const at = now.toISOString();
    run(
      db,
      sql`INSERT INTO audit_witnesses (witness_id, name, public_key, key_fingerprint, first_seen_at, tree_size, root_hash, head_hash, signed_at,
        console_signature, console_key_fingerprint, cosigned_at, cosignature, updated_at)
      VALUES (${witness.id}, ${witness.name}, ${incoming.publicKey}, ${fingerprint}, ${at}, ${c.treeSize}, ${c.rootHash}, ${c.headHash}, ${c.signedAt},
        ${c.signature}, ${c.keyFingerprint}, ${incoming.cosignedAt}, ${incoming.cosignature}, ${at})
      ON CONFLICT (witness_id) DO UPDATE SET name = excluded.name, public_key = excluded.public_key, key_fingerprint = excluded.key_fingerprint,
        tree_size = excluded.tree_size, root_hash = excluded.root_hash, head_hash = excluded.head_hash, signed_at = excluded.signed_at,
        console_signature = excluded.console_signature, console_key_fingerprint = excluded.console_key_fingerprint,
        cosigned_at = excluded.cosigned_at, cosignature = excluded.cosignature, updated_at = excluded.updated_at`,
    );
    return 'stored';
  })();
}

export type WitnessProblem = { seq: number; reason: string };

/**
 * What the witnesses on record say against a log of `logSize` entries whose tree this process can
 * compute (`rangeRoot`, `headAt`): a cut, a rewrite, a re-signing under another key, or an edited record.
 */
export function witnessProblems(
  witnesses: readonly WitnessRecord[],
  key: SigningKey | null,
  logSize: number,
  rangeRoot: RangeRoot,
  headAt: (size: number) => string | null,
): WitnessProblem[] {
  const problems: WitnessProblem[] = [];
  for (const w of witnesses) {
    const c = w.checkpoint;
    const what = `witness ${w.name} (key ${w.keyFingerprint.slice(0, 16)}…) cosigned entries 1 to ${c.treeSize} at ${w.cosignedAt}`;
    if (!recordValid(w)) {
      problems.push({
        seq: c.treeSize,
        reason: `the record of what ${what} does not verify under the witness's key: it was edited`,
      });
    } else if (key && c.keyFingerprint !== key.fingerprint) {
      problems.push({
        seq: Math.min(c.treeSize, logSize + 1),
        reason: `${what} under console key ${c.keyFingerprint.slice(0, 16)}…, not this console's key ${key.fingerprint.slice(0, 16)}…: the history was re-signed under another key`,
      });
    } else if (key && !checkpointSignatureValid(key.publicKey, c, c.signature)) {
      problems.push({
        seq: c.treeSize,
        reason: `${what}, but that checkpoint's console signature does not verify: the record was edited`,
      });
    } else if (c.treeSize > logSize) {
      problems.push({
        seq: logSize + 1,
        reason: `the log ends at entry ${logSize}, but ${what}: the newest entries were removed`,
      });
    } else if (
      rangeRoot(0, c.treeSize) !== c.rootHash ||
      (c.treeSize > 0 && headAt(c.treeSize) !== c.headHash)
    ) {
      problems.push({
        seq: c.treeSize,
        reason: `entries 1 to ${c.treeSize} no longer match the checkpoint ${what}: the log was rewritten`,
      });
    }
  }
  return problems;
}
