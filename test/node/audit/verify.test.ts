import { describe, expect, it } from 'vitest';
import { CheckpointSchema, VerifyReportSchema } from '../../../shared/ipc/contract.ts';
import { openWitness } from '../../../agent/witness.ts';
import {
  appendAudit,
  auditHead,
  checkpointForWitness,
  createCheckpoint,
  recordWitnessState,
  verifyAuditLog,
} from '../../../main/audit/index.ts';
import { listCheckpoints, storedRoot } from '../../../main/audit/checkpoint.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { closeStore } from '../../../main/store/db.ts';
import { at, auditStore, event, tamper } from './auditStore.ts';

describe('audit verification', () => {
  it('passes an intact log and signs a fresh checkpoint over its head', async () => {
    const { db } = await auditStore(25);
    const report = verifyAuditLog(db, at(100));
    expect(VerifyReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      ok: true,
      count: 25,
      firstBad: null,
      headHash: auditHead(db).hash,
      checkedAt: at(100).toISOString(),
    });
    expect(report.checkpoint).toMatchObject({
      treeSize: 25,
      headHash: auditHead(db).hash,
      signedAt: at(100).toISOString(),
    });
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
    tamper(
      raw(),
      `UPDATE audit_log SET outcome = 'success' WHERE seq = 15; UPDATE audit_log SET target = 'x' WHERE seq = 12;`,
    );
    const report = verifyAuditLog(db, at(100));
    expect(report.ok).toBe(false);
    expect(report.firstBad).toEqual({
      seq: 12,
      reason: 'entry 12 was altered: its hash does not match its contents',
    });
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
    const cols = [
      'ts',
      'actor',
      'role',
      'action',
      'target',
      'outcome',
      'details',
      'prev_hash',
      'hash',
    ];
    const set = (from: string) =>
      cols.map((c) => `${c} = (SELECT ${c} FROM audit_log WHERE seq = ${from})`).join(', ');
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
    expect(firstBad?.reason).toMatch(
      /the log ends at entry 9, but the checkpoint .* covers 12 entries/,
    );
    closeStore(db);
  });

  it('reports a forged checkpoint signature', async () => {
    const { db, raw } = await auditStore(8);
    const checkpoint = createCheckpoint(db, at(50));
    const forged = Buffer.from(checkpoint.signature, 'base64');
    forged[0] = (forged[0] ?? 0) ^ 0xff;
    tamper(
      raw(),
      `UPDATE audit_checkpoints SET signature = '${forged.toString('base64')}' WHERE tree_size = 8`,
    );
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
    expect(verifyAuditLog(db, at(100)).firstBad?.reason).toMatch(
      /names a signing key that is not this console's/,
    );
    closeStore(db);
  });
});

describe('block-wise (parallel) audit verification', () => {
  const blockwise = (key: Buffer) => ({ key, parallel: true, chunkSize: 4 });

  it('agrees with the sequential walk on an intact log, across earlier checkpoints', async () => {
    const { db, key } = await auditStore(9);
    createCheckpoint(db, at(30));
    for (let i = 10; i <= 16; i += 1) appendAudit(db, event(i), at(i));
    createCheckpoint(db, at(31));
    for (let i = 17; i <= 23; i += 1) appendAudit(db, event(i), at(i));
    const report = verifyAuditLog(db, at(100), blockwise(key));
    expect(report).toMatchObject({
      ok: true,
      count: 23,
      firstBad: null,
      headHash: auditHead(db).hash,
    });
    expect(report.checkpoint?.rootHash).toBe(storedRoot(db, 23));
    expect(verifyAuditLog(db, at(101), { parallel: false })).toEqual({
      ...report,
      checkedAt: at(101).toISOString(),
    });
    for (let i = 24; i <= 32; i += 1) appendAudit(db, event(i), at(i));
    // A whole number of blocks, and blocks of other sizes.
    for (const chunkSize of [1, 2, 8, 16, 32, 64]) {
      expect(verifyAuditLog(db, at(102), { key, parallel: true, chunkSize })).toMatchObject({
        ok: true,
        count: 32,
      });
    }
    expect(verifyAuditLog(db, at(103), blockwise(key)).checkpoint?.rootHash).toBe(
      storedRoot(db, 32),
    );
    expect(() => verifyAuditLog(db, at(104), { parallel: true, chunkSize: 6 })).toThrow(RangeError);
    closeStore(db);
  });

  it('works without the key, on this thread alone', async () => {
    const { db } = await auditStore(13);
    expect(verifyAuditLog(db, at(100), { parallel: true, chunkSize: 4 })).toMatchObject({
      ok: true,
      count: 13,
    });
    closeStore(db);
  });

  const cases: {
    name: string;
    entries: number;
    before?: 'checkpoint';
    sql: string;
    expected: RegExp;
  }[] = [
    {
      name: 'an altered row',
      entries: 20,
      sql: "UPDATE audit_log SET outcome = 'success' WHERE seq = 15; UPDATE audit_log SET target = 'x' WHERE seq = 12;",
      expected: /^entry 12 was altered: its hash/,
    },
    {
      name: 'an altered prev_hash alone',
      entries: 20,
      sql: `UPDATE audit_log SET prev_hash = '${'1'.repeat(64)}' WHERE seq = 6`,
      expected: /^entry 6 was altered or moved out of order/,
    },
    {
      name: 'a removed row',
      entries: 20,
      sql: 'DELETE FROM audit_log WHERE seq = 7',
      expected: /^entry 7 was removed/,
    },
    {
      name: 'a removed first row',
      entries: 20,
      sql: 'DELETE FROM audit_log WHERE seq = 1',
      expected: /^entry 1 was removed/,
    },
    {
      name: 'a removed whole block',
      entries: 20,
      sql: 'DELETE FROM audit_log WHERE seq BETWEEN 5 AND 8',
      expected: /^entries 5 to 8 were removed/,
    },
    {
      name: 'a row added below 1',
      entries: 12,
      sql: 'INSERT INTO audit_log SELECT 0, ts, actor, role, action, target, outcome, details, prev_hash, hash FROM audit_log WHERE seq = 1',
      expected: /entr/,
    },
    {
      name: 'swapped rows',
      entries: 20,
      sql: 'UPDATE audit_log SET seq = -9 WHERE seq = 9; UPDATE audit_log SET seq = 9 WHERE seq = 10; UPDATE audit_log SET seq = 10 WHERE seq = -9;',
      expected: /^entry 9 was altered or moved out of order/,
    },
    {
      name: 'a truncated tail',
      entries: 12,
      before: 'checkpoint',
      sql: 'DELETE FROM audit_log WHERE seq > 9',
      expected: /^the log ends at entry 9, but the checkpoint .* covers 12 entries/,
    },
    {
      name: 'a forged checkpoint',
      entries: 8,
      before: 'checkpoint',
      sql: "UPDATE audit_checkpoints SET signature = 'AAAA' WHERE tree_size = 8",
      expected: /has a forged or altered signature/,
    },
    {
      name: 'a rewritten checkpoint root',
      entries: 8,
      before: 'checkpoint',
      sql: `UPDATE audit_checkpoints SET root_hash = '${'2'.repeat(64)}'`,
      expected: /^the checkpoint .* has a forged or altered signature/,
    },
  ];
  for (const c of cases) {
    it(`reports ${c.name} exactly as the sequential walk does`, async () => {
      const { db, key, raw } = await auditStore(c.entries);
      if (c.before === 'checkpoint') createCheckpoint(db, at(50));
      tamper(raw(), c.sql);
      const parallel = verifyAuditLog(db, at(100), blockwise(key));
      expect(parallel.ok).toBe(false);
      expect(parallel.firstBad?.reason).toMatch(c.expected);
      expect(parallel).toEqual(verifyAuditLog(db, at(100), { parallel: false }));
      closeStore(db);
    });
  }

  it('catches a log rewritten with recomputed hashes by its signed checkpoint', async () => {
    const { db, key, raw } = await auditStore(10);
    createCheckpoint(db, at(50));
    tamper(raw(), 'DELETE FROM audit_log WHERE seq >= 4');
    for (let i = 4; i <= 10; i += 1) appendAudit(db, event(i, { outcome: 'success' }), at(i));
    const { ok, firstBad } = verifyAuditLog(db, at(100), blockwise(key));
    expect(ok).toBe(false);
    expect(firstBad?.seq).toBe(10);
    expect(firstBad?.reason).toMatch(/no longer match the checkpoint/);
    closeStore(db);
  });
});

describe('audit verification against recorded evidence', () => {
  async function witnessed(entries: number) {
    const store = await auditStore(entries);
    createCheckpoint(store.db, at(50));
    const witness = openWitness(tempDir(), () => at(51).getTime());
    const outcome = witness.present(checkpointForWitness(store.db, null).frame!);
    if (!outcome.ok) throw new Error(outcome.reason);
    recordWitnessState(store.db, { id: 'agt_1', name: 'gpu-node-01' }, outcome.state, at(52));
    return { ...store, witness };
  }

  it('fails when the log is shorter than a witness cosigned, and signs nothing over it', async () => {
    const { db, raw } = await witnessed(10);
    tamper(
      raw(),
      'DELETE FROM audit_log WHERE seq > 7; DELETE FROM audit_checkpoints WHERE tree_size > 7;',
    );
    const report = verifyAuditLog(db, at(100));
    expect(report).toMatchObject({
      ok: false,
      firstBad: {
        seq: 8,
        reason: expect.stringMatching(
          /^the log ends at entry 7, but witness gpu-node-01 \(key [0-9a-f]{16}…\) cosigned entries 1 to 10 at .*: the newest entries were removed$/,
        ) as unknown,
      },
    });
    expect(report.witnesses).toEqual([
      expect.objectContaining({ name: 'gpu-node-01', treeSize: 10 }),
    ]);
    expect(() => createCheckpoint(db, at(101))).toThrow(
      /Refusing to sign a checkpoint: the log ends at entry 7, but witness gpu-node-01/,
    );
    expect(listCheckpoints(db)).toEqual([]);
    closeStore(db);
  });

  it('fails when a witness record was edited, or names a checkpoint the log no longer matches', async () => {
    const { db, raw } = await witnessed(10);
    tamper(raw(), `UPDATE audit_witnesses SET tree_size = 9`);
    expect(verifyAuditLog(db, at(100)).firstBad?.reason).toMatch(
      /^the record of what witness gpu-node-01 .* does not verify under the witness's key: it was edited$/,
    );
    closeStore(db);
  });

  it('treats a successful verification or export entry whose checkpoint is gone as tampering, whichever path wrote it', async () => {
    const { db, raw } = await auditStore(5);
    const report = verifyAuditLog(db, at(10));
    appendAudit(
      db,
      event(6, {
        action: 'audit.verify',
        details: {
          count: 5,
          headHash: report.headHash,
          firstBad: null,
          treeSize: 5,
          rootHash: report.checkpoint!.rootHash,
        },
      }),
      at(11),
    );
    appendAudit(
      db,
      event(7, {
        action: 'audit.export',
        outcome: 'success',
        details: { entries: 6, treeSize: 6, rootHash: 'f'.repeat(64) },
      }),
      at(12),
    );
    expect(verifyAuditLog(db, at(13)).firstBad).toEqual({
      seq: 7,
      reason:
        'entry 7 records an audit export of a checkpoint over 6 entries, but that checkpoint is gone: checkpoints were removed',
    });
    tamper(raw(), 'DELETE FROM audit_checkpoints');
    expect(verifyAuditLog(db, at(14)).firstBad).toEqual({
      seq: 6,
      reason:
        'entry 6 records a verification that signed a checkpoint over 5 entries, but that checkpoint is gone (the store holds no checkpoints at all): checkpoints were removed',
    });
    closeStore(db);
  });
});
