// Guessing the site passphrase while the store is locked: after five wrong ones each further try
// waits (the recovery key is never held back by them), concurrent tries are refused at once rather
// than queued, and what the store cannot yet audit is kept in bounded memory until it opens.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Site } from '../../../main/core/site.ts';
import { listAudit } from '../../../main/audit/index.ts';
import { closeStore, openStore, parseRecoveryKey } from '../../../main/store/db.ts';
import {
  clientOf,
  PASSPHRASE,
  setUpSite,
  TestClock,
  type TestSite,
} from '../../helpers/console.ts';

let site: TestSite;
beforeEach(async () => {
  site = await setUpSite();
});
afterEach(() => site.cleanup());

it('after five wrong passphrases the right one waits, explained, and every try is audited at unlock', async () => {
  const app = await site.reopen();
  const desk = clientOf(app, 'desk');
  for (let i = 0; i < 5; i += 1) {
    expect(await desk.call('store.unlock', { passphrase: `guess number ${i}` })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_KEY' },
    });
  }
  const refusal = {
    ok: false,
    error: {
      code: 'TOO_MANY_ATTEMPTS',
      message:
        'Too many wrong passphrases; try again after 06:00:30 (UTC), or unlock with the recovery key.',
      retryAt: '2026-11-26T06:00:30.000Z',
    },
  };
  expect(await desk.call('store.unlock', { passphrase: PASSPHRASE })).toEqual(refusal);
  // A flood of further tries is refused without any scrypt work and without growing the audit backlog.
  for (let i = 0; i < 200; i += 1)
    expect(await desk.call('store.unlock', { passphrase: `flood ${i}` })).toEqual(refusal);

  site.clock.advance(30_000);
  await desk.must('store.unlock', { passphrase: PASSPHRASE });
  await desk.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
  const entries = (await desk.must('audit.list', { action: 'store.unlock' })).entries.reverse();
  expect(entries.map((e) => e.outcome)).toEqual([
    'failure',
    'failure',
    'failure',
    'failure',
    'failure',
    'denied',
    'success',
  ]);
  expect(entries[4]?.details).toMatchObject({
    with: 'passphrase',
    client: 'desk',
    waitsUntil: { store: '2026-11-26T06:00:30.000Z' },
  });
  expect(entries[5]?.details).toMatchObject({
    client: 'desk',
    reason: 'too many failed attempts',
    heldBy: 'store:passphrase',
    retryAt: '2026-11-26T06:00:30.000Z',
  });
});

it('the recovery key still opens the store while passphrase guesses are held back', async () => {
  const app = await site.reopen();
  const desk = clientOf(app, 'desk');
  for (let i = 0; i < 5; i += 1)
    await desk.call('store.unlock', { passphrase: `guess number ${i}` });
  expect(await desk.call('store.unlock', { passphrase: PASSPHRASE })).toMatchObject({
    ok: false,
    error: { code: 'TOO_MANY_ATTEMPTS' },
  });
  await clientOf(app, 'operator desk').must('store.unlock', { recoveryKey: site.recoveryKey });
  expect((await desk.must('app.status', {})).state).toBe('ready');
});

it('concurrent unlock attempts are refused at once instead of queueing', async () => {
  const app = await site.reopen();
  const attacker = clientOf(app, 'browser 203.0.113.7');
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      attacker.call('store.unlock', { passphrase: `parallel guess ${i}` }),
    ),
  );
  const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
  expect(codes.filter((c) => c === 'WRONG_KEY')).toHaveLength(1);
  expect(results.filter((r) => !r.ok && r.error.code === 'TOO_MANY_ATTEMPTS')).toHaveLength(9);
  expect(results.find((r) => !r.ok && r.error.code === 'TOO_MANY_ATTEMPTS')).toEqual({
    ok: false,
    error: {
      code: 'TOO_MANY_ATTEMPTS',
      message: 'Another unlock attempt is being checked; try again when it has finished.',
    },
  });
  await clientOf(app, 'desk').must('store.unlock', { passphrase: PASSPHRASE });
});

it('audit entries kept while locked are bounded: past a hundred they are counted into one summary', () => {
  site.app.close();
  const clock = new TestClock();
  const locked = new Site(site.dataDir, clock, undefined);
  for (let i = 0; i < 1000; i += 1) {
    locked.recordWhileLocked({
      actor: 'unknown',
      role: 'none',
      action: 'store.unlock',
      target: 'store',
      outcome: 'failure',
      details: { n: i },
    });
    clock.advance(1000);
  }
  const key = parseRecoveryKey(site.recoveryKey);
  locked.attach(openStore(site.dataDir, key), key);
  const entries = listAudit(locked.store(), { action: 'store.unlock', limit: 5000 }).entries;
  expect(entries).toHaveLength(101);
  expect(entries[0]).toMatchObject({
    outcome: 'failure',
    details: {
      count: 900,
      first: '2026-11-26T06:01:40.000Z',
      last: '2026-11-26T06:16:39.000Z',
      reason: expect.stringMatching(/not itemised/) as string,
    },
  });
  closeStore(locked.store());
});
