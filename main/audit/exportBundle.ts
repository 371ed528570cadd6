// Writes an audit bundle that anyone can verify offline with no key and no database.
import { closeSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Checkpoint } from '../../shared/ipc/contract.ts';
import { all, prepareCached, sql } from '../store/sql.ts';
import type { WritableDb } from '../store/types.ts';
import { createCheckpoint } from './checkpoint.ts';
import { canonicalJson } from './entryHash.ts';
import { AuditError } from './errors.ts';
import { AUDIT_COLUMNS, rowToAuditEntry, type AuditRow } from './log.ts';
import { publicKeyPem } from './signing.ts';
import { BUNDLE_FILES, BUNDLE_FORMAT, witnessesFile, type BundleWitness } from './bundleFormat.ts';
import { listWitnesses, recordValid, type WitnessRecord } from './witnesses.ts';

/** The cosignatures a bundle carries: each witness's newest one within the exported entries. */
function bundleWitnesses(db: WritableDb, checkpoint: Checkpoint): BundleWitness[] {
  const within = (w: WitnessRecord) =>
    w.checkpoint.treeSize <= checkpoint.treeSize &&
    w.checkpoint.keyFingerprint === checkpoint.keyFingerprint &&
    recordValid(w);
  return listWitnesses(db)
    .filter(within)
    .map((w) => ({
      witnessId: w.witnessId,
      name: w.name,
      publicKey: w.publicKey,
      keyFingerprint: w.keyFingerprint,
      checkpoint: w.checkpoint,
      cosignedAt: w.cosignedAt,
      cosignature: w.cosignature,
    }));
}

function prepareOutDir(outDir: string): string {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (readdirSync(dir).length > 0) {
    throw new AuditError(
      'EXPORT_DIR_NOT_EMPTY',
      `${dir} is not empty; choose an empty or new folder for the export.`,
    );
  }
  return dir;
}

// Streams entries in 1 MiB writes so a million-entry log never sits in memory as one string.
function writeLog(db: WritableDb, path: string, treeSize: number): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    let chunk = '';
    const stmt = prepareCached(
      db,
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq <= ? ORDER BY seq`,
    );
    for (const row of stmt.iterate(treeSize)) {
      chunk += `${canonicalJson(rowToAuditEntry(row as AuditRow))}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

function summaryText(db: WritableDb, siteName: string, checkpoint: Checkpoint, now: Date): string {
  const n = checkpoint.treeSize;
  const period = all<{ first: string | null; last: string | null }>(
    db,
    sql`SELECT min(ts) AS first, max(ts) AS last FROM audit_log WHERE seq <= ${n}`,
  )[0];
  const byAction = all<{ k: string; n: number }>(
    db,
    sql`SELECT action AS k, count(*) AS n FROM audit_log WHERE seq <= ${n} GROUP BY action ORDER BY n DESC, action`,
  );
  const byOutcome = all<{ k: string; n: number }>(
    db,
    sql`SELECT outcome AS k, count(*) AS n FROM audit_log WHERE seq <= ${n} GROUP BY outcome ORDER BY n DESC, outcome`,
  );
  const list = (rows: { k: string; n: number }[]) => rows.map((r) => `  ${r.k.padEnd(32)} ${r.n}`);
  return [
    'Mirqab audit log export',
    '',
    `Site:             ${siteName}`,
    `Exported at:      ${now.toISOString()}`,
    `Period covered:   ${period?.first ?? '-'} to ${period?.last ?? '-'} (UTC)`,
    `Entries:          ${n}`,
    '',
    'Entries by action:',
    ...list(byAction),
    '',
    'Entries by outcome:',
    ...list(byOutcome),
    '',
    `Head hash:        ${checkpoint.headHash}`,
    `Merkle root:      ${checkpoint.rootHash}  (RFC 9162, over the entry hashes)`,
    `Signed at:        ${checkpoint.signedAt}`,
    `Key fingerprint:  ${checkpoint.keyFingerprint}  (SHA-256 of public-key.pem, DER)`,
    `Witnesses:        ${witnessLine(db, checkpoint)}`,
    '',
    'To verify this bundle offline (no key or database needed):',
    '  mirqab audit verify-bundle DIR --expect-fingerprint F [--previous OLDER_BUNDLE_OR_CHECKPOINT]',
    "with F the key fingerprint the site published (also on the console's Audit screen), and the",
    'previous bundle or checkpoint you hold, so a rewritten or shortened history cannot pass.',
    '',
  ].join('\n');
}

function witnessLine(db: WritableDb, checkpoint: Checkpoint): string {
  const witnesses = bundleWitnesses(db, checkpoint);
  if (witnesses.length === 0) return 'none (no paired agent has cosigned a checkpoint yet)';
  return witnesses.map((w) => `${w.name} (${w.checkpoint.treeSize} entries)`).join(', ');
}

export function exportAuditBundle(
  db: WritableDb,
  outDir: string,
  options: { siteName: string; now: Date },
): { directory: string; files: string[]; entries: number; checkpoint: Checkpoint } {
  const directory = prepareOutDir(outDir);
  const checkpoint = createCheckpoint(db, options.now);
  // A read transaction pins one snapshot, so the file, counts and checkpoint describe the same log.
  db.transaction(() => {
    writeLog(db, join(directory, BUNDLE_FILES.log), checkpoint.treeSize);
    const checkpointFile = {
      format: BUNDLE_FORMAT,
      siteName: options.siteName,
      treeSize: checkpoint.treeSize,
      checkpoint,
    };
    writeFileSync(
      join(directory, BUNDLE_FILES.checkpoint),
      `${JSON.stringify(checkpointFile, null, 2)}\n`,
      { mode: 0o600 },
    );
    writeFileSync(join(directory, BUNDLE_FILES.publicKey), publicKeyPem(db), { mode: 0o600 });
    writeFileSync(
      join(directory, BUNDLE_FILES.witnesses),
      `${JSON.stringify(witnessesFile(bundleWitnesses(db, checkpoint)), null, 2)}\n`,
      { mode: 0o600 },
    );
    writeFileSync(
      join(directory, BUNDLE_FILES.summary),
      summaryText(db, options.siteName, checkpoint, options.now),
      {
        mode: 0o600,
      },
    );
  })();
  return {
    directory,
    files: Object.values(BUNDLE_FILES).map((f) => join(directory, f)),
    entries: checkpoint.treeSize,
    checkpoint,
  };
}
