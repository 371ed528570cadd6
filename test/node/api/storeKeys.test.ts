// Key management through the API: passphrase change re-wraps the key; rotation rekeys the store
// and shows a new recovery key; both are audited and survive a restart.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { clientOf, PASSPHRASE, setUpSite, type TestSite } from '../../helpers/console.ts';

let site: TestSite;
beforeEach(async () => {
  site = await setUpSite();
});
afterEach(() => site.cleanup());

it('changing the passphrase needs the current one, and the new one unlocks after a restart', async () => {
  const wrong = await site.admin.call('store.changePassphrase', {
    current: 'not the passphrase',
    next: 'a brand new passphrase',
  });
  expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_KEY' } });
  await site.admin.must('store.changePassphrase', {
    current: PASSPHRASE,
    next: 'a brand new passphrase',
  });

  const app = await site.reopen();
  const client = clientOf(app);
  expect(await client.call('store.unlock', { passphrase: PASSPHRASE })).toMatchObject({
    ok: false,
    error: { code: 'WRONG_KEY' },
  });
  await client.must('store.unlock', { passphrase: 'a brand new passphrase' });
  await client.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
  const outcomes = (
    await client.must('audit.list', { action: 'store.changePassphrase' })
  ).entries.map((e) => e.outcome);
  expect(outcomes).toEqual(['success', 'failure']);
});

it('rotating the key gives a new recovery key; the old one no longer opens the store', async () => {
  const { recoveryKey } = await site.admin.must('store.rotateKey', { passphrase: PASSPHRASE });
  expect(recoveryKey).toMatch(/^[0-9a-f]{64}$/);
  expect(recoveryKey).not.toBe(site.recoveryKey);
  await site.admin.must('operators.list', {}); // the console keeps working on the rekeyed store

  const app = await site.reopen();
  const client = clientOf(app);
  expect(await client.call('store.unlock', { recoveryKey: site.recoveryKey })).toMatchObject({
    ok: false,
    error: { code: 'WRONG_KEY' },
  });
  await client.must('store.unlock', { recoveryKey });
  await client.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
  const verified = await client.must('audit.verify', {});
  expect(verified.ok).toBe(true);
  expect((await client.must('audit.list', { action: 'store.rotateKey' })).entries[0]?.outcome).toBe(
    'success',
  );
});

it('a viewer cannot rotate the key', async () => {
  const viewer = await site.operatorWithRole('viewer');
  expect(await viewer.call('store.rotateKey', { passphrase: PASSPHRASE })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
});
