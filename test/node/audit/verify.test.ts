import { describe, expect, it } from 'vitest';
import { CheckpointSchema, VerifyReportSchema } from '../../../shared/ipc/contract.ts';
import { appendAudit, auditHead, createCheckpoint, verifyAuditLog } from '../../../main/audit/index.ts';
import { closeStore } from '../../../main/store/db.ts';
import { at, auditStore, event, tamper } from './auditStore.ts';

describe('audit verification', () => {
  it('passes an intact log and signs a fresh checkpoint over its head', async () => {
    const { db } = await auditStore(25);
    const report = verifyAuditLog(db, at(100));
    expect(VerifyReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({ ok: true, count: 25, firstBad: null, headHash: auditHead(db).hash, checkedAt: at(100).toISOString() });
    expect(report.checkpoint).toMatchObject({ treeSize: 25, headHash: auditHead(db).hash, signedAt: at(100).toISOString() });
    // The head has not moved, so verifying again keeps the same checkpoint.
    expect(verifyAuditLog(db, at(101)).checkpoint).toEqual(report.checkpoint);
    appendAudit(db, event(26), at(102));
    expect(verifyAuditLog(db, at(103)).checkpoint?.treeSize).toBe(26);
    closeStore(db);
  });

  it('passes an empty log', async () => {
    const { db } = await auditStore(0);
    expect(verifyAuditLog(db, at(1))).toMatchObject({ ok: true, count: 0, firstBad: null });
    closeStore(db);
  });

  it('checkpoints only when the head moves', async () => {
    const { db } = await auditStore(5);
    const first = createCheckpoint(db, at(10));
    expect(CheckpointSchema.parse(first)).toEqual(first);
    expect(createCheckpoint(db, at(11))).toEqual(first);
    appendAudit(db, event(6), at(12));
    expect(createCheckpoint(db, at(13)).treeSize).toBe(6);
    closeStore(db);
  });

  it('names the first altered entry when a row is edited behind the triggers', async () => {
    const { db, raw } = await auditStore(20);
    tamper(raw(), `UPDATE audit_log SET outcome = 'success' WHERE seq = 15; UPDATE audit_log SET target = 'x' WHERE seq = 12;`);
    const report = verifyAuditLog(db, at(100));
    expect(report.ok).toBe(false);
    expect(report.firstBad).toEqual({ seq: 12, reason: 'entry 12 was altered: its hash does not match its contents' });
    closeStore(db);
  });

  it('names a deleted entry', async () => {
    const { db, raw } = await auditStore(20);
    tamper(raw(), 'DELETE FROM audit_log WHERE seq = 7');
    expect(verifyAuditLog(db, at(100)).firstBad).toEqual({
      seq: 7,
      reason: 'entry 7 was removed: the log jumps from entry 6 to entry 8',
    });
    closeStore(db);
  });

  it('names entries whose contents were swapped', async () => {
    const { db, raw } = await auditStore(20);
    const cols = ['ts', 'actor', 'role', 'action', 'target', 'outcome', 'details', 'prev_hash', 'hash'];
    const set = (from: string) => cols.map((c) => `${c} = (SELECT ${c} FROM audit_log WHERE seq = ${from})`).join(', ');
    tamper(
      raw(),
      `CREATE TEMP TABLE keep AS SELECT * FROM audit_log WHERE seq = 9;
       UPDATE audit_log SET ${set('10')} WHERE seq = 9;
       UPDATE audit_log SET ${cols.map((c) => `${c} = (SELECT ${c} FROM keep)`).join(', ')} WHERE seq = 10;`,
    );
    const { firstBad } = verifyAuditLog(db, at(100));
    expect(firstBad?.seq).toBe(9);
    expect(firstBad?.reason).toMatch(/entry 9 was altered or moved out of order/);
    closeStore(db);
  });

  it('catches a log rewritten with recomputed hashes by its signed checkpoint', async () => {
    const { db, raw } = await auditStore(10);
    createCheckpoint(db, at(50));
    // Re-append a forged history from entry 4 on through the API, after cutting the real tail.
    tamper(raw(), 'DELETE FROM audit_log WHERE seq >= 4');
    for (let i = 4; i <= 10; i += 1) appendAudit(db, event(i, { outcome: 'success' }), at(i));
    const { ok, firstBad } = verifyAuditLog(db, at(100));
    expect(ok).toBe(false);
    expect(firstBad).toEqual({
      seq: 10,
      reason: `entries 1 to 10 no longer match the checkpoint signed at ${at(50).toISOString()}: the log was rewritten`,
    });
    closeStore(db);
  });

  it('reports a truncated tail that a checkpoint had covered', async () => {
    const { db, raw } = await auditStore(12);
    createCheckpoint(db, at(50));
    tamper(raw(), 'DELETE FROM audit_log WHERE seq > 9');
    const { firstBad } = verifyAuditLog(db, at(100));
    expect(firstBad?.seq).toBe(10);
    expect(firstBad?.reason).toMatch(/the log ends at entry 9, but the checkpoint .* covers 12 entries/);
    closeStore(db);
  });

  it('reports a forged checkpoint signature', async () => {
    const { db, raw } = await auditStore(8);
    const checkpoint = createCheckpoint(db, at(50));
    const forged = Buffer.from(checkpoint.signature, 'base64');
    forged[0] = (forged[0] ?? 0) ^ 0xff;
    tamper(raw(), `UPDATE audit_checkpoints SET signature = '${forged.toString('base64')}' WHERE tree_size = 8`);
    const report = verifyAuditLog(db, at(100));
    expect(report.ok).toBe(false);
    expect(report.firstBad).toEqual({
      seq: 8,
      reason: `the checkpoint signed at ${at(50).toISOString()} for entries 1 to 8 has a forged or altered signature`,
    });
    expect(report.checkpoint).toBeNull();
    closeStore(db);
  });

  it('reports a checkpoint signed by some other key', async () => {
    const { db, raw } = await auditStore(4);
    createCheckpoint(db, at(50));
    tamper(raw(), `UPDATE audit_checkpoints SET key_fingerprint = '${'f'.repeat(64)}'`);
    expect(verifyAuditLog(db, at(100)).firstBad?.reason).toMatch(/names a signing key that is not this console's/);
    closeStore(db);
  });
});
