// The agent as a witness of the console's audit log, fed by the console's own presentation code:
// it cosigns only checkpoints that extend what it holds, keeps that on disk, and refuses a rollback,
// a fork, another console key or a bad signature with the reason.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWitness, readWitnessState } from '../../../agent/witness.ts';
import type { FrameOf } from '../../../shared/agent-protocol/index.ts';
import {
  appendAudit,
  checkpointForWitness,
  createCheckpoint,
  recordWitnessState,
  verifyAuditLog,
} from '../../../main/audit/index.ts';
import {
  loadSigningKey,
  signCheckpointFields,
  type SigningKey,
} from '../../../main/audit/signing.ts';
import { closeStore } from '../../../main/store/db.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { at, auditStore, event, tamper } from '../audit/auditStore.ts';

type CheckpointFrame = FrameOf<'checkpoint'>;

function frameFor(
  db: Parameters<typeof checkpointForWitness>[0],
  held: ReturnType<ReturnType<typeof openWitness>['held']>,
): CheckpointFrame {
  const { frame } = checkpointForWitness(db, held);
  if (!frame) throw new Error('nothing to present');
  return frame;
}

describe('an agent witnessing the console audit log', () => {
  it('cosigns a first checkpoint, then only ones a consistency proof links to it, and keeps the newest on disk', async () => {
    const { db } = await auditStore(10);
    const dir = tempDir();
    const witness = openWitness(dir, () => at(60).getTime());
    expect(witness.held()).toBeNull();

    createCheckpoint(db, at(20));
    const first = witness.present(frameFor(db, null));
    expect(first).toMatchObject({
      ok: true,
      state: { checkpoint: { treeSize: 10 }, cosignature: { cosignedAt: at(60).toISOString() } },
    });
    for (let i = 11; i <= 37; i += 1) appendAudit(db, event(i), at(i));
    createCheckpoint(db, at(40));
    const next = frameFor(db, witness.held());
    expect(next).toMatchObject({ fromSize: 10, checkpoint: { treeSize: 37 } });
    expect(next.proof.length).toBeGreaterThan(0);
    expect(witness.present(next)).toMatchObject({
      ok: true,
      state: { checkpoint: { treeSize: 37 } },
    });
    // Already held: nothing to show.
    expect(checkpointForWitness(db, witness.held()).frame).toBeNull();

    // What it holds survives a restart, in its own folder.
    expect(existsSync(join(dir, 'witness.json'))).toBe(true);
    expect(readWitnessState(dir)).toEqual(witness.held());
    expect(openWitness(dir).held()).toEqual(witness.held());

    // The console keeps the cosignature, checks it, and the log still verifies against it.
    expect(
      recordWitnessState(db, { id: 'agt_1', name: 'gpu-node-01' }, witness.held()!, at(61)),
    ).toBe('stored');
    expect(verifyAuditLog(db, at(62))).toMatchObject({
      ok: true,
      witnesses: [
        {
          witnessId: 'agt_1',
          name: 'gpu-node-01',
          treeSize: 37,
          keyFingerprint: witness.keyFingerprint,
        },
      ],
    });
    closeStore(db);
  });

  it('refuses a smaller checkpoint, a fork under the same key, another console key and a bad signature, and keeps what it held', async () => {
    const { db } = await auditStore(12);
    const witness = openWitness(tempDir());
    createCheckpoint(db, at(20));
    const cp12 = frameFor(db, null);
    expect(witness.present(cp12).ok).toBe(true);
    const held = witness.held();

    // A checkpoint of fewer entries: the newest were cut.
    const shorter: CheckpointFrame = { ...cp12, checkpoint: { ...cp12.checkpoint, treeSize: 11 } };
    expect(witness.present(shorter)).toMatchObject({ ok: false, code: 'bad_signature' });
    const key = loadSigningKey(db) as SigningKey;
    const sign = (fields: {
      treeSize: number;
      rootHash: string;
      headHash: string;
      signedAt: string;
    }) => ({
      ...fields,
      signature: signCheckpointFields(key, fields),
      keyFingerprint: key.fingerprint,
    });
    const rolledBack = {
      ...cp12,
      checkpoint: sign({
        treeSize: 11,
        rootHash: 'a'.repeat(64),
        headHash: 'b'.repeat(64),
        signedAt: at(30).toISOString(),
      }),
      fromSize: 11,
    };
    expect(witness.present(rolledBack)).toMatchObject({
      ok: false,
      code: 'rollback',
      reason: expect.stringMatching(/covers 11 entries, but this witness cosigned 12/) as unknown,
      state: held,
    });

    // A longer checkpoint of the same key over a rewritten history: no proof can link it.
    const forked = {
      ...cp12,
      checkpoint: sign({
        treeSize: 20,
        rootHash: 'c'.repeat(64),
        headHash: 'd'.repeat(64),
        signedAt: at(31).toISOString(),
      }),
      fromSize: 12,
      proof: ['e'.repeat(64)],
    };
    expect(witness.present(forked)).toMatchObject({ ok: false, code: 'fork' });
    const sameSizeOtherRoot = {
      ...cp12,
      checkpoint: sign({
        treeSize: 12,
        rootHash: 'c'.repeat(64),
        headHash: 'd'.repeat(64),
        signedAt: at(32).toISOString(),
      }),
      fromSize: 12,
    };
    expect(witness.present(sameSizeOtherRoot)).toMatchObject({ ok: false, code: 'fork' });

    // The same log re-signed under a fresh key.
    const other = await auditStore(12);
    createCheckpoint(other.db, at(20));
    expect(witness.present(frameFor(other.db, null))).toMatchObject({
      ok: false,
      code: 'key_changed',
    });
    closeStore(other.db);

    // A signature that does not verify.
    const sig = Buffer.from(cp12.checkpoint.signature, 'base64');
    sig[3] = (sig[3] ?? 0) ^ 1;
    expect(
      witness.present({
        ...cp12,
        checkpoint: { ...cp12.checkpoint, signature: sig.toString('base64') },
      }),
    ).toMatchObject({ ok: false, code: 'bad_signature' });

    expect(witness.held()).toEqual(held);
    closeStore(db);
  });

  it('lets the console say in advance that a witness holds more entries, other entries or another key than its log', async () => {
    const { db, raw } = await auditStore(15);
    createCheckpoint(db, at(20));
    const witness = openWitness(tempDir());
    expect(witness.present(frameFor(db, null)).ok).toBe(true);
    const other = await auditStore(15);
    createCheckpoint(other.db, at(20));
    expect(checkpointForWitness(other.db, witness.held()).contradiction).toMatchObject({
      code: 'key_changed',
    });
    closeStore(other.db);

    tamper(
      raw(),
      'DELETE FROM audit_log WHERE seq > 12; DELETE FROM audit_checkpoints WHERE tree_size > 12;',
    );
    createCheckpoint(db, at(30));
    const cut = checkpointForWitness(db, witness.held());
    expect(cut.contradiction).toMatchObject({
      code: 'rollback',
      reason: expect.stringMatching(
        /holds a checkpoint over 15 entries.*covers only 12/,
      ) as unknown,
    });
    // The checkpoint is still shown, so the witness refuses it on its side too.
    expect(witness.present(cut.frame!)).toMatchObject({ ok: false, code: 'rollback' });
    closeStore(db);
  });
});

describe('a witness whose record is damaged', () => {
  it('refuses to start afresh silently: the damaged file is named, and kept', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'witness.json'), '{"checkpoint": 12');
    expect(() => openWitness(dir)).toThrow(/witness.json is corrupt; keep it for inspection/);
    expect(readFileSync(join(dir, 'witness.json'), 'utf8')).toBe('{"checkpoint": 12');
  });
});
