// What an attacker holding the store key (or a bundle) can do beyond dropping the guard triggers:
// rewrite history with every hash recomputed, and re-sign a bundle under a key of their own.
import type Database from 'better-sqlite3-multiple-ciphers';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonicalEntryBody,
  type EntryBody,
  canonicalEntryFromRow,
  canonicalJson,
  GENESIS_HASH,
  sha256,
  sha256Hex,
} from '../../../main/audit/entryHash.ts';
import type { AuditRow } from '../../../main/audit/log.ts';
import { merkleRoot } from '../../../main/audit/merkle.ts';
import {
  keyFingerprint,
  signCheckpointFields,
  type SigningKey,
} from '../../../main/audit/signing.ts';

export type Row = AuditRow;

/** Replaces the audit log with `edit(rows)`, renumbered and re-chained so the hash chain holds again. */
export function rewriteLog(raw: Database.Database, edit: (rows: Row[]) => Row[]): void {
  raw.exec(
    'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;',
  );
  const rows = edit(raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[]);
  let prev = GENESIS_HASH;
  const chained = rows.map((row, i) => {
    const seq = i + 1;
    const hash = sha256Hex(
      canonicalEntryFromRow(
        seq,
        row.ts,
        row.actor,
        row.role,
        row.action,
        row.target,
        row.outcome,
        row.details,
        prev,
      ),
    );
    const out = { ...row, seq, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
  raw.transaction(() => {
    raw.exec('DELETE FROM audit_log');
    const insert = raw.prepare(
      'INSERT INTO audit_log (seq, ts, actor, role, action, target, outcome, details, prev_hash, hash) VALUES (@seq, @ts, @actor, @role, @action, @target, @outcome, @details, @prev_hash, @hash)',
    );
    for (const row of chained) insert.run(row);
  })();
}

export function dropCheckpoints(raw: Database.Database, where = '1 = 1'): void {
  raw.exec(
    'DROP TRIGGER IF EXISTS audit_checkpoints_no_update; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;',
  );
  raw.exec(`DELETE FROM audit_checkpoints WHERE ${where}`);
}

/** Throws the console's signing key away, so the next checkpoint is signed under a fresh one. */
export function replaceSigningKey(raw: Database.Database): void {
  raw.exec(`DELETE FROM secrets WHERE name = 'audit.checkpoint-signing-key.ed25519'`);
}

type Entry = EntryBody & { hash: string };

/** Edits a bundle's entries, re-chains them, and signs a new checkpoint with a key of the forger's own. */
export function forgeBundle(
  dir: string,
  edit: (entries: Entry[]) => Entry[],
): { fingerprint: string } {
  const lines = readFileSync(join(dir, 'audit-log.jsonl'), 'utf8').trimEnd().split('\n');
  const entries = edit(lines.map((l) => JSON.parse(l) as Entry));
  let prevHash = GENESIS_HASH;
  const leaves: Buffer[] = [];
  const out = entries.map((e, i) => {
    const body = {
      seq: i + 1,
      ts: e.ts,
      actor: e.actor,
      role: e.role,
      action: e.action,
      target: e.target,
      outcome: e.outcome,
      details: e.details,
      prevHash,
    };
    const digest = sha256(canonicalEntryBody(body));
    leaves.push(digest);
    prevHash = digest.toString('hex');
    return canonicalJson({ ...body, hash: prevHash });
  });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key: SigningKey = { privateKey, publicKey, fingerprint: keyFingerprint(publicKey) };
  const fields = {
    treeSize: out.length,
    rootHash: merkleRoot(leaves).toString('hex'),
    headHash: prevHash,
    signedAt: new Date().toISOString(),
  };
  const checkpoint = {
    ...fields,
    signature: signCheckpointFields(key, fields),
    keyFingerprint: key.fingerprint,
  };
  const file = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  writeFileSync(join(dir, 'audit-log.jsonl'), `${out.join('\n')}\n`);
  writeFileSync(
    join(dir, 'checkpoint.json'),
    JSON.stringify({ ...file, treeSize: out.length, checkpoint }, null, 2),
  );
  writeFileSync(
    join(dir, 'public-key.pem'),
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  // A forger cannot make the witnesses' signatures, so the forged bundle carries none.
  rmSync(join(dir, 'witnesses.json'), { force: true });
  return { fingerprint: key.fingerprint };
}
