// The console signs checkpoints without being asked: after a sensitive entry at once, otherwise once
// the log has grown and the interval has passed; it refuses a log shorter than its checkpoints, once.
import { describe, expect, it } from 'vitest';
import {
  appendAudit,
  CheckpointSchedule,
  createCheckpoint,
  type Checkpoint,
} from '../../../main/audit/index.ts';
import { closeStore } from '../../../main/store/db.ts';
import { all, sql } from '../../../main/store/sql.ts';
import type { Logger } from '../../../main/log.ts';
import { at, auditStore, event, tamper } from './auditStore.ts';

function recorder(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => {}, warn: () => {}, error: (message) => void errors.push(message) };
}

describe('scheduled audit checkpoints', () => {
  it('sign after a sensitive entry at once, and after routine entries only once the interval has passed', async () => {
    const { db } = await auditStore(4);
    let minutes = 10;
    const announced: Checkpoint[] = [];
    const schedule = new CheckpointSchedule({
      store: () => db,
      now: () => at(minutes),
      logger: recorder(),
      everyMs: 5 * 60_000,
      onCheckpoint: (cp) => announced.push(cp),
    });
    // No checkpoint yet and a log that has entries: the first one is due.
    expect(schedule.tick()).toMatchObject({ treeSize: 4, signedAt: at(10).toISOString() });
    expect(schedule.tick()).toBeNull();

    appendAudit(db, event(5), at(11));
    minutes = 14;
    expect(schedule.tick()).toBeNull(); // routine, and only four minutes on
    appendAudit(db, event(6, { action: 'operators.setRole' }), at(14));
    expect(schedule.tick()).toMatchObject({ treeSize: 6 }); // sensitive: at once

    appendAudit(db, event(7), at(15));
    minutes = 18;
    expect(schedule.tick()).toBeNull();
    minutes = 19;
    expect(schedule.tick()).toMatchObject({ treeSize: 7, signedAt: at(19).toISOString() });

    // A checkpoint signed elsewhere (a verification, an export) is announced to the witnesses too.
    appendAudit(db, event(8), at(20));
    const elsewhere = createCheckpoint(db, at(20));
    expect(schedule.tick()).toBeNull();
    expect(announced.map((cp) => cp.treeSize)).toEqual([4, 6, 7, 8]);
    expect(announced.at(-1)).toEqual(elsewhere);
    closeStore(db);
  });

  it('measures the interval by its own clock, so a checkpoint stamped by a machine whose clock runs ahead does not stop the schedule', async () => {
    const { db } = await auditStore(3);
    createCheckpoint(db, at(600)); // signed "ten hours from now"
    appendAudit(db, event(4), at(1));
    let minutes = 1;
    const schedule = new CheckpointSchedule({
      store: () => db,
      now: () => at(minutes),
      logger: recorder(),
      everyMs: 5 * 60_000,
    });
    expect(schedule.tick()).toBeNull();
    minutes = 7;
    expect(schedule.tick()).toMatchObject({ treeSize: 4 });
    closeStore(db);
  });

  it('refuses to sign over a log shorter than its checkpoints, and says so once rather than on every tick', async () => {
    const { db, raw } = await auditStore(9);
    createCheckpoint(db, at(10));
    tamper(raw(), 'DELETE FROM audit_log WHERE seq > 6');
    const logger = recorder();
    const schedule = new CheckpointSchedule({
      store: () => db,
      now: () => at(30),
      logger,
      everyMs: 60_000,
    });
    for (let i = 0; i < 3; i += 1) expect(schedule.tick()).toBeNull();
    expect(logger.errors).toEqual(['audit: refused to sign a scheduled checkpoint']);
    const refusals = all<{ details: string }>(
      db,
      sql`SELECT details FROM audit_log WHERE action = 'audit.checkpointRefused'`,
    );
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]!.details)).toMatchObject({
      code: 'LOG_SHORTENED',
      reason: expect.stringMatching(
        /ends at entry 6, but the checkpoint signed at .* covers more: entries were removed/,
      ) as unknown,
    });
    expect(all(db, sql`SELECT tree_size FROM audit_checkpoints`)).toEqual([{ tree_size: 9 }]);
    closeStore(db);
  });
});
