import { describe, expect, it } from 'vitest';
import { AuditEntrySchema } from '../../../shared/ipc/contract.ts';
import {
  appendAudit,
  auditHead,
  countAudit,
  GENESIS_HASH,
  listAudit,
  publicKeyPem,
} from '../../../main/audit/index.ts';
import { closeStore } from '../../../main/store/db.ts';
import { run, sql } from '../../../main/store/sql.ts';
import { at, auditStore, event } from './auditStore.ts';

describe('the audit log', () => {
  it('chains each entry to the one before, starting from the genesis hash', async () => {
    const { db } = await auditStore();
    expect(auditHead(db)).toEqual({ seq: 0, hash: GENESIS_HASH });
    const first = appendAudit(db, event(1), at(1));
    const second = appendAudit(db, event(2), at(2));
    expect(AuditEntrySchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({
      seq: 1,
      ts: '2025-03-01T08:01:00.000Z',
      prevHash: GENESIS_HASH,
      actor: 'omar',
      outcome: 'success',
    });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.prevHash).toBe(first.hash);
    expect(auditHead(db)).toEqual({ seq: 2, hash: second.hash });
    expect(countAudit(db)).toBe(2);
    closeStore(db);
  });

  it('commits an entry together with the change it records, or not at all', async () => {
    const { db } = await auditStore(1);
    expect(() =>
      db.transaction(() => {
        appendAudit(db, event(2, { action: 'settings.update' }), at(2));
        run(db, sql`INSERT INTO settings (key, value) VALUES ('a', '1')`);
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(countAudit(db)).toBe(1);
    db.transaction(() => {
      run(db, sql`INSERT INTO settings (key, value) VALUES ('a', '1')`);
      appendAudit(db, event(2, { action: 'settings.update' }), at(2));
    })();
    expect(countAudit(db)).toBe(2);
    closeStore(db);
  });

  it('refuses to edit or delete entries, even with SQL', async () => {
    const { db } = await auditStore(3);
    expect(() => run(db, sql`UPDATE audit_log SET outcome = 'success' WHERE seq = 2`)).toThrow(
      'audit log is append-only',
    );
    expect(() => run(db, sql`DELETE FROM audit_log WHERE seq = 3`)).toThrow(
      'audit log is append-only',
    );
    expect(countAudit(db)).toBe(3);
    closeStore(db);
  });

  it('rejects an event with an unknown outcome or non-object details', async () => {
    const { db } = await auditStore();
    expect(() => appendAudit(db, { ...event(1), outcome: 'maybe' as 'success' }, at(1))).toThrow(
      /outcome must be one of/,
    );
    expect(() =>
      appendAudit(db, { ...event(1), details: [1] as unknown as Record<string, unknown> }, at(1)),
    ).toThrow(/details must be an object/);
    expect(countAudit(db)).toBe(0);
    closeStore(db);
  });

  it('lists newest first, filters by action, actor, outcome and free text, and pages with beforeSeq', async () => {
    const { db } = await auditStore(30);
    appendAudit(
      db,
      event(31, {
        action: 'export.run',
        target: 'bundle 100%_done',
        details: { path: 'C:\\exports' },
      }),
      at(31),
    );

    const page = listAudit(db, { limit: 5 });
    expect(page.total).toBe(31);
    expect(page.entries.map((e) => e.seq)).toEqual([31, 30, 29, 28, 27]);
    const next = listAudit(db, { limit: 5, beforeSeq: 27 });
    expect(next.entries.map((e) => e.seq)).toEqual([26, 25, 24, 23, 22]);
    expect(next.total).toBe(31);

    const denied = listAudit(db, { outcome: 'denied', limit: 100 });
    expect(denied.entries.map((e) => e.seq)).toEqual([30, 25, 20, 15, 10, 5]);
    const fatimaAcks = listAudit(db, {
      actor: 'fatima',
      action: 'incident.acknowledge',
      limit: 100,
    });
    expect(fatimaAcks.entries.map((e) => e.seq)).toEqual([30, 24, 18, 12, 6]);
    expect(listAudit(db, { text: '100%_', limit: 10 }).entries.map((e) => e.seq)).toEqual([31]);
    expect(listAudit(db, { text: '%', limit: 10 }).total).toBe(1);
    expect(listAudit(db, { text: 'step 17"', limit: 10 }).entries.map((e) => e.seq)).toEqual([17]);
    expect(listAudit(db, { text: 'incident/1', limit: 100 }).total).toBe(11);
    expect(listAudit(db, { text: 'nobody', limit: 10 })).toEqual({ entries: [], total: 0 });
    expect(page.entries[0]?.details).toEqual({ path: 'C:\\exports' });
    closeStore(db);
  });

  it('keeps its Ed25519 signing key inside the encrypted store', async () => {
    const { db } = await auditStore();
    const pem = publicKeyPem(db);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(publicKeyPem(db)).toBe(pem);
    closeStore(db);
  });
});
