// The ways an administrator holding the store key could shorten or rewrite the audit trail, each
// tried against a real encrypted store and judged by the real `mirqab` command line. The witnessed
// variants (a paired agent holding what it cosigned) are in test/node/integration/auditWitness.test.ts.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setUpSite, type TestSite } from '../../helpers/console.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { openRaw } from '../store/rawDb.ts';
import { tamper } from './auditStore.ts';
import { dropCheckpoints, forgeBundle, replaceSigningKey, rewriteLog } from './forge.ts';
import { mirqab } from './mirqabCli.ts';

const sites: TestSite[] = [];
afterEach(() => {
  for (const s of sites.splice(0)) s.cleanup();
});

async function site(): Promise<TestSite> {
  const s = await setUpSite();
  sites.push(s);
  return s;
}

const raw = (s: TestSite) => openRaw(join(s.dataDir, 'mirqab.db'), s.recoveryKey);
function query<T>(s: TestSite, text: string): T[] {
  const db = raw(s);
  try {
    return db.prepare(text).all() as T[];
  } finally {
    db.close();
  }
}
const maxCheckpoint = (s: TestSite) =>
  query<{ n: number | null }>(s, 'SELECT max(tree_size) AS n FROM audit_checkpoints')[0]?.n ?? null;
const lastSeq = (s: TestSite, action: string) =>
  query<{ seq: number }>(s, `SELECT max(seq) AS seq FROM audit_log WHERE action = '${action}'`)[0]
    ?.seq ?? 0;

async function exported(s: TestSite, name: string): Promise<{ dir: string; fingerprint: string }> {
  const dir = join(tempDir(), name);
  const result = await mirqab(['audit', 'export', '--data-dir', s.dataDir, '--out', dir]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const file = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as {
    checkpoint: { keyFingerprint: string };
  };
  return { dir, fingerprint: file.checkpoint.keyFingerprint };
}

// A thorough attacker also removes the entries that record verifications and exports, since each names a checkpoint.
const withoutAttestations = <T extends { action: string }>(rows: T[]): T[] =>
  rows.filter((r) => !['audit.verify', 'audit.export'].includes(r.action));

describe('attacks on the audit trail by someone holding the store key', () => {
  it('(a) cutting entries written since the last export fails verify: the console checkpointed them on its own, after a sensitive change and on its schedule', async () => {
    const s = await site();
    await exported(s, 'before');
    const exportSeq = lastSeq(s, 'audit.export');
    // Work on the console after the export: a sensitive change is checkpointed at once…
    await s.admin.must('operators.create', {
      username: 'noura',
      displayName: 'Noura',
      role: 'operator',
      password: 'noura-password-1',
    });
    expect(maxCheckpoint(s)).toBe(lastSeq(s, 'operators.create'));
    // …and routine entries once the schedule's interval has passed.
    s.clock.advance(6 * 60_000);
    await s.admin.must('auth.signOut', {});
    await s.admin.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
    const newest = query<{ n: number }>(s, 'SELECT max(seq) AS n FROM audit_log')[0]!.n;
    expect(maxCheckpoint(s)).toBeGreaterThan(lastSeq(s, 'operators.create'));
    s.app.close();

    tamper(raw(s), `DELETE FROM audit_log WHERE seq > ${exportSeq}`);
    const verified = await mirqab(['audit', 'verify', '--data-dir', s.dataDir]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(
      new RegExp(
        `^FAILED: the log ends at entry ${exportSeq}, but the checkpoint signed at .* covers \\d+ entries: the newest entries were removed`,
        'm',
      ),
    );
    expect(maxCheckpoint(s)).toBeLessThanOrEqual(newest);
  }, 120_000);

  it('(b) cutting the newest entries together with their checkpoints is caught by the bundle an auditor exported before the cut', async () => {
    const s = await site();
    s.app.close();
    for (let i = 0; i < 3; i += 1)
      expect((await mirqab(['audit', 'verify', '--data-dir', s.dataDir])).code).toBe(0);
    const before = await exported(s, 'before');
    const keep = lastSeq(s, 'audit.verify') - 4;
    tamper(raw(s), `DELETE FROM audit_log WHERE seq > ${keep}`);
    dropCheckpoints(raw(s), `tree_size > ${keep}`);
    expect((await mirqab(['audit', 'verify', '--data-dir', s.dataDir])).code).toBe(0); // no witness: the store alone cannot tell
    const after = await exported(s, 'after');

    const alone = await mirqab([
      'audit',
      'verify-bundle',
      after.dir,
      '--expect-fingerprint',
      before.fingerprint,
    ]);
    expect(alone.code).toBe(0);
    const held = await mirqab([
      'audit',
      'verify-bundle',
      after.dir,
      '--expect-fingerprint',
      before.fingerprint,
      '--previous',
      before.dir,
    ]);
    expect(held.code).toBe(1);
    expect(held.stdout).toMatch(
      /^FAILED: (the previous checkpoint \(entries 1 to \d+, .*\) covers more than the \d+ entries in this bundle: entries were removed|entries 1 to \d+ no longer match the previous checkpoint)/m,
    );
  }, 120_000);

  it('(c) a history re-signed under a fresh key fails verify-bundle against the published fingerprint and against the earlier bundle', async () => {
    const s = await site();
    s.app.close();
    const before = await exported(s, 'before');
    const db = raw(s);
    rewriteLog(db, (rows) =>
      withoutAttestations(rows.map((r) => (r.seq === 3 ? { ...r, actor: 'someone-else' } : r))),
    );
    dropCheckpoints(db);
    replaceSigningKey(db);
    db.close();
    expect((await mirqab(['audit', 'verify', '--data-dir', s.dataDir])).code).toBe(0); // re-signs under the new key; see the witnessed case
    const after = await exported(s, 'after');
    expect(after.fingerprint).not.toBe(before.fingerprint);

    const published = await mirqab([
      'audit',
      'verify-bundle',
      after.dir,
      '--expect-fingerprint',
      before.fingerprint,
    ]);
    expect(published.code).toBe(1);
    expect(published.stdout).toContain(
      `FAILED: the bundle was signed by key ${after.fingerprint}, not the expected ${before.fingerprint}`,
    );
    const previous = await mirqab(['audit', 'verify-bundle', after.dir, '--previous', before.dir]);
    expect(previous.code).toBe(1);
    expect(previous.stdout).toMatch(
      /^FAILED: the previous checkpoint \(entries 1 to \d+, signed at .*\) was signed by key [0-9a-f]{64}, this bundle by key [0-9a-f]{64}: the log was re-signed under another key/m,
    );
  }, 120_000);

  it('(d) a bundle forged under another key verifies on its own, and fails once the auditor names the published fingerprint', async () => {
    const s = await site();
    s.app.close();
    const real = await exported(s, 'real');
    const forged = join(tempDir(), 'forged');
    cpSync(real.dir, forged, { recursive: true });
    forgeBundle(forged, (entries) =>
      entries.map((e) => (e.seq === 2 ? { ...e, outcome: 'failure' } : e)),
    );

    const alone = await mirqab(['audit', 'verify-bundle', forged]);
    expect(alone.code).toBe(0);
    expect(alone.stderr).toMatch(
      /without --expect-fingerprint this shows only that the bundle is self-consistent/,
    );
    const named = await mirqab([
      'audit',
      'verify-bundle',
      forged,
      '--expect-fingerprint',
      real.fingerprint,
    ]);
    expect(named.code).toBe(1);
    expect(named.stdout).toMatch(
      new RegExp(
        `^FAILED: the bundle was signed by key [0-9a-f]{64}, not the expected ${real.fingerprint}`,
        'm',
      ),
    );
    // The real one passes, however the fingerprint was pasted.
    const pasted = real.fingerprint.toUpperCase().replace(/(..)(?!$)/g, '$1:');
    const genuine = await mirqab([
      'audit',
      'verify-bundle',
      real.dir,
      '--expect-fingerprint',
      pasted,
    ]);
    expect(genuine.code).toBe(0);
    expect(genuine.stderr).toBe('');
  }, 120_000);

  it('(e) --previous catches a history rewritten and re-signed under the same key between two exports, naming the first changed entry', async () => {
    const s = await site();
    s.app.close();
    const before = await exported(s, 'before');
    const db = raw(s);
    rewriteLog(db, (rows) =>
      withoutAttestations(rows.map((r) => (r.seq === 2 ? { ...r, outcome: 'denied' } : r))),
    );
    dropCheckpoints(db);
    db.close();
    expect((await mirqab(['audit', 'verify', '--data-dir', s.dataDir])).code).toBe(0);
    const after = await exported(s, 'after');
    expect(after.fingerprint).toBe(before.fingerprint);

    expect(
      (
        await mirqab([
          'audit',
          'verify-bundle',
          after.dir,
          '--expect-fingerprint',
          before.fingerprint,
        ])
      ).code,
    ).toBe(0);
    const bundle = await mirqab(['audit', 'verify-bundle', after.dir, '--previous', before.dir]);
    expect(bundle.code).toBe(1);
    expect(bundle.stdout).toMatch(
      /^FAILED: entries 1 to \d+ no longer match the previous checkpoint \(entries 1 to \d+, signed at .*\) \(entry 2 is the first that differs\): the history was rewritten/m,
    );
    const checkpointFile = await mirqab([
      'audit',
      'verify-bundle',
      after.dir,
      '--previous',
      join(before.dir, 'checkpoint.json'),
    ]);
    expect(checkpointFile.code).toBe(1);
    expect(checkpointFile.stdout).toMatch(
      /^FAILED: entries 1 to \d+ no longer match the previous checkpoint .*: the history was rewritten/m,
    );

    // An honest later export extends the earlier one, with the RFC 9162 proof checked.
    const honest = await site();
    honest.app.close();
    const first = await exported(honest, 'first');
    expect((await mirqab(['audit', 'verify', '--data-dir', honest.dataDir])).code).toBe(0);
    const second = await exported(honest, 'second');
    const extends_ = await mirqab([
      'audit',
      'verify-bundle',
      second.dir,
      '--expect-fingerprint',
      first.fingerprint,
      '--previous',
      first.dir,
    ]);
    expect(extends_.code).toBe(0);
    expect(extends_.stdout).toMatch(
      /^extends the previous checkpoint \(entries 1 to \d+, signed at .*\): RFC 9162 consistency proof of \d+ hashes verified$/m,
    );
  }, 120_000);

  it('(f) a log that records verifications but holds no checkpoints is reported as tampered, and verify signs nothing over it', async () => {
    const s = await site();
    s.app.close();
    expect((await mirqab(['audit', 'verify', '--data-dir', s.dataDir])).code).toBe(0);
    const verifySeq = lastSeq(s, 'audit.verify');
    dropCheckpoints(raw(s));
    const verified = await mirqab(['audit', 'verify', '--data-dir', s.dataDir]);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(
      new RegExp(
        `^FAILED: entry ${verifySeq} records a verification that signed a checkpoint over \\d+ entries, but that checkpoint is gone \\(the store holds no checkpoints at all\\): checkpoints were removed \\(first bad entry: seq ${verifySeq}\\)`,
        'm',
      ),
    );
    expect(maxCheckpoint(s)).toBeNull();
  }, 120_000);
});
