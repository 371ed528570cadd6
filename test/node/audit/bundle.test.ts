import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWitness } from '../../../agent/witness.ts';
import {
  appendAudit,
  checkpointForWitness,
  createCheckpoint,
  exportAuditBundle,
  recordWitnessState,
  verifyAuditBundle,
} from '../../../main/audit/index.ts';
import { closeStore } from '../../../main/store/db.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { at, auditStore, event } from './auditStore.ts';

async function exportedBundle(entries = 12) {
  const { db } = await auditStore(entries);
  const dir = join(tempDir(), 'bundle');
  const result = exportAuditBundle(db, dir, { siteName: 'Dubai DC1', now: at(500) });
  closeStore(db);
  return { dir, result };
}

const logPath = (dir: string) => join(dir, 'audit-log.jsonl');
const lines = (dir: string) => readFileSync(logPath(dir), 'utf8').trimEnd().split('\n');
const writeLines = (dir: string, list: string[]) =>
  writeFileSync(logPath(dir), `${list.join('\n')}\n`);

describe('the audit bundle', () => {
  it('exports the log, a signed checkpoint, the public key and a summary that verify offline', async () => {
    const { dir, result } = await exportedBundle();
    expect(readdirSync(dir).sort()).toEqual([
      'SUMMARY.txt',
      'audit-log.jsonl',
      'checkpoint.json',
      'public-key.pem',
      'witnesses.json',
    ]);
    expect(result).toMatchObject({ directory: dir, entries: 12, checkpoint: { treeSize: 12 } });
    expect(lines(dir)).toHaveLength(12);

    const summary = readFileSync(join(dir, 'SUMMARY.txt'), 'utf8');
    expect(summary).toContain('Site:             Dubai DC1');
    expect(summary).toContain('Entries:          12');
    expect(summary).toContain(
      `Period covered:   ${at(1).toISOString()} to ${at(12).toISOString()}`,
    );
    expect(summary).toMatch(/incident\.acknowledge\s+6/);
    expect(summary).toMatch(/denied\s+2/);
    expect(summary).toContain(result.checkpoint.keyFingerprint);
    expect(summary).toContain('mirqab audit verify-bundle DIR --expect-fingerprint F');
    expect(summary).toContain('Witnesses:        none');

    expect(verifyAuditBundle(dir)).toEqual({
      ok: true,
      count: 12,
      headHash: result.checkpoint.headHash,
      rootHash: result.checkpoint.rootHash,
      keyFingerprint: result.checkpoint.keyFingerprint,
      reason: null,
      witnesses: [],
      previous: null,
    });
    expect(
      verifyAuditBundle(dir, { expectedFingerprint: result.checkpoint.keyFingerprint }).ok,
    ).toBe(true);
    expect(verifyAuditBundle(dir, { expectedFingerprint: 'a'.repeat(64) }).reason).toMatch(
      /not the expected/,
    );
  });

  it('refuses to export into a folder that already has files', async () => {
    const { db } = await auditStore(1);
    const dir = tempDir();
    writeFileSync(join(dir, 'other.txt'), 'x');
    expect(() => exportAuditBundle(db, dir, { siteName: 'x', now: at(9) })).toThrow(/is not empty/);
    closeStore(db);
  });

  it('fails when a line was edited, naming the file and entry', async () => {
    const { dir } = await exportedBundle();
    const list = lines(dir);
    list[4] = (list[4] as string).replace('"outcome":"denied"', '"outcome":"success"');
    writeLines(dir, list);
    expect(verifyAuditBundle(dir)).toMatchObject({
      ok: false,
      count: 4,
      reason: 'audit-log.jsonl line 5 (entry 5) was altered: its hash does not match its contents',
    });
  });

  it('fails when a line was removed or the tail was cut', async () => {
    const { dir } = await exportedBundle();
    const list = lines(dir);
    writeLines(dir, [...list.slice(0, 6), ...list.slice(7)]);
    expect(verifyAuditBundle(dir).reason).toBe(
      'audit-log.jsonl line 7 holds entry 8: entry 7 is missing or out of order',
    );
    writeLines(dir, list.slice(0, 11));
    expect(verifyAuditBundle(dir).reason).toMatch(/has 11 entries but checkpoint.json covers 12/);
  });

  it('fails when lines were reordered', async () => {
    const { dir } = await exportedBundle();
    const list = lines(dir);
    writeLines(dir, [...list.slice(0, 2), list[3] as string, list[2] as string, ...list.slice(4)]);
    expect(verifyAuditBundle(dir).reason).toBe(
      'audit-log.jsonl line 3 holds entry 4: entry 3 is missing or out of order',
    );
  });

  it('fails when the checkpoint or its signature was edited', async () => {
    const { dir } = await exportedBundle();
    const path = join(dir, 'checkpoint.json');
    const original = readFileSync(path, 'utf8');
    const file = JSON.parse(original) as { checkpoint: { signature: string; rootHash: string } };
    const sig = Buffer.from(file.checkpoint.signature, 'base64');
    sig[10] = (sig[10] ?? 0) ^ 1;
    writeFileSync(
      path,
      JSON.stringify({
        ...file,
        checkpoint: { ...file.checkpoint, signature: sig.toString('base64') },
      }),
    );
    expect(verifyAuditBundle(dir).reason).toMatch(
      /signature in checkpoint.json does not verify with public-key.pem/,
    );
    writeFileSync(
      path,
      JSON.stringify({ ...file, checkpoint: { ...file.checkpoint, rootHash: 'a'.repeat(64) } }),
    );
    expect(verifyAuditBundle(dir).reason).toMatch(/signature in checkpoint.json does not verify/);
  });

  it('fails when the public key was swapped for another', async () => {
    const { dir } = await exportedBundle();
    const other = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    writeFileSync(join(dir, 'public-key.pem'), other);
    expect(verifyAuditBundle(dir).reason).toBe(
      'public-key.pem is not the key that signed checkpoint.json (fingerprints differ)',
    );
  });

  it('explains malformed or missing files instead of crashing', async () => {
    const { dir } = await exportedBundle(3);
    const list = lines(dir);
    writeLines(dir, [list[0] as string, '{not json', list[2] as string]);
    expect(verifyAuditBundle(dir).reason).toBe('audit-log.jsonl line 2 is not valid JSON');
    writeLines(dir, [list[0] as string, '{"seq":2}']);
    expect(verifyAuditBundle(dir).reason).toBe('audit-log.jsonl line 2 is not an audit entry');
    writeFileSync(join(dir, 'public-key.pem'), 'garbage');
    expect(verifyAuditBundle(dir).reason).toBe('public-key.pem is not an Ed25519 public key');
    writeFileSync(join(dir, 'checkpoint.json'), '[]');
    expect(verifyAuditBundle(dir).reason).toBe('checkpoint.json is not a Mirqab checkpoint file');
    const empty = join(tempDir(), 'nothing');
    mkdirSync(empty);
    expect(verifyAuditBundle(empty)).toMatchObject({
      ok: false,
      reason: 'checkpoint.json is missing or unreadable',
    });
  });
});

describe('bundles and the witnesses', () => {
  async function witnessedBundle() {
    const { db, raw } = await auditStore(9);
    createCheckpoint(db, at(20));
    const witness = openWitness(tempDir(), () => at(21).getTime());
    const { frame } = checkpointForWitness(db, null);
    const outcome = witness.present(frame!);
    if (!outcome.ok) throw new Error(outcome.reason);
    recordWitnessState(db, { id: 'agt_1', name: 'gpu-node-01' }, outcome.state, at(22));
    const dir = join(tempDir(), 'bundle');
    const result = exportAuditBundle(db, dir, { siteName: 'Dubai DC1', now: at(30) });
    return { db, raw, dir, result, witness };
  }

  it('carries each witness cosignature, checked offline, and can require a given witness', async () => {
    const { db, dir, witness } = await witnessedBundle();
    closeStore(db);
    expect(readFileSync(join(dir, 'SUMMARY.txt'), 'utf8')).toContain(
      'Witnesses:        gpu-node-01 (9 entries)',
    );
    const report = verifyAuditBundle(dir, { expectedWitnesses: [witness.keyFingerprint] });
    expect(report).toMatchObject({
      ok: true,
      witnesses: [
        {
          name: 'gpu-node-01',
          keyFingerprint: witness.keyFingerprint,
          treeSize: 9,
          cosignedAt: at(21).toISOString(),
        },
      ],
    });
    expect(verifyAuditBundle(dir, { expectedWitnesses: ['b'.repeat(64)] }).reason).toBe(
      `the bundle carries no cosignature from the expected witness ${'b'.repeat(64)}`,
    );

    const path = join(dir, 'witnesses.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as {
      witnesses: { checkpoint: { treeSize: number } }[];
    };
    file.witnesses[0]!.checkpoint.treeSize = 8;
    writeFileSync(path, JSON.stringify(file));
    expect(verifyAuditBundle(dir).reason).toMatch(
      /^the cosignature of witness gpu-node-01 \(key [0-9a-f]{64}\) in witnesses.json does not verify under its own key: it was edited$/,
    );
  });

  it('takes the previous checkpoint from an SLA report, a bare checkpoint or a witness, and refuses what is not one', async () => {
    const { db, dir, result, witness } = await witnessedBundle();
    appendAudit(db, event(10), at(40));
    const later = join(tempDir(), 'later');
    exportAuditBundle(db, later, { siteName: 'Dubai DC1', now: at(41) });
    closeStore(db);
    const files = tempDir();
    const report = join(files, 'sla-gold-2026-10.checkpoint.json');
    writeFileSync(
      report,
      JSON.stringify({
        format: 'mirqab-report-checkpoint/v1',
        siteName: 'Dubai DC1',
        report: 'sla-gold-2026-10',
        checkpoint: result.checkpoint,
      }),
    );
    const bare = join(files, 'bare.json');
    writeFileSync(bare, JSON.stringify(result.checkpoint));
    const held = join(files, 'witness.json');
    writeFileSync(
      held,
      JSON.stringify({ witnessKeyFingerprint: witness.keyFingerprint, ...witness.held() }),
    );
    for (const previous of [report, bare, held, dir]) {
      expect(verifyAuditBundle(later, { previous }), previous).toMatchObject({
        ok: true,
        count: 10,
        previous: { treeSize: expect.any(Number) as unknown },
      });
    }
    const junk = join(files, 'junk.json');
    writeFileSync(junk, '{"checkpoint": null}');
    expect(verifyAuditBundle(later, { previous: junk }).reason).toBe(
      `${junk} holds no signed checkpoint`,
    );
    expect(verifyAuditBundle(later, { previous: join(files, 'missing.json') }).reason).toMatch(
      /does not exist/,
    );
  });
});
