// Operators, roles, sessions and inactivity locking, through the same pipeline the shells use.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { clientOf, setUpSite, type TestSite } from '../../helpers/console.ts';

let site: TestSite;
beforeEach(async () => {
  site = await setUpSite();
});
afterEach(() => site.cleanup());

it('setup records itself in the audit log and the admin can sign in', async () => {
  const { entries } = await site.admin.must('audit.list', {});
  const oldestFirst = [...entries].reverse();
  expect(oldestFirst[0]).toMatchObject({
    action: 'setup.create',
    actor: 'system',
    outcome: 'success',
  });
  // The console loads its built-in runbooks as the site is set up, then the admin signs in.
  const afterSetup = oldestFirst.slice(1).map((e) => `${e.actor} ${e.action}`);
  const signIn = afterSetup.indexOf('admin auth.signIn');
  expect(signIn).toBeGreaterThanOrEqual(0);
  expect(new Set(afterSetup.slice(0, signIn))).toEqual(
    new Set(signIn > 0 ? ['system:builtin-runbooks runbook.import'] : []),
  );
});

it('a failed sign-in is refused with one message and audited', async () => {
  const stranger = clientOf(site.app, 'stranger');
  const wrongPassword = await stranger.call('auth.signIn', {
    username: 'admin',
    password: 'nope-nope-nope',
  });
  const unknownUser = await stranger.call('auth.signIn', {
    username: 'mallory',
    password: 'nope-nope-nope',
  });
  expect(wrongPassword).toEqual(unknownUser);
  expect(wrongPassword).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  const failures = await site.admin.must('audit.list', {
    action: 'auth.signIn',
    outcome: 'failure',
  });
  expect(failures.entries.map((e) => e.actor).sort()).toEqual(['admin', 'mallory']);
});

it('a viewer cannot create operators, and a disabled operator is signed out', async () => {
  const viewer = await site.operatorWithRole('viewer', 'vera');
  const refused = await viewer.call('operators.create', {
    username: 'eve',
    displayName: 'Eve',
    role: 'admin',
    password: 'eve-password-1',
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  await site.admin.must('operators.setDisabled', { username: 'vera', disabled: true });
  expect(await viewer.call('overview.get', {})).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHENTICATED' },
  });
  const again = clientOf(site.app, 'vera-again');
  expect(
    await again.call('auth.signIn', { username: 'vera', password: 'vera-password-1' }),
  ).toMatchObject({ ok: false });
});

it('a role change takes effect on the next call', async () => {
  const ops = await site.operatorWithRole('operator', 'omar');
  expect((await ops.call('audit.list', {})).ok).toBe(false);
  await site.admin.must('operators.setRole', { username: 'omar', role: 'auditor' });
  expect((await ops.call('audit.list', {})).ok).toBe(true);
  const log = await site.admin.must('audit.list', { action: 'operators.setRole' });
  expect(log.entries[0]?.details).toEqual({ from: 'operator', to: 'auditor' });
});

it('the last admin cannot be demoted or disabled', async () => {
  const demote = await site.admin.call('operators.setRole', { username: 'admin', role: 'viewer' });
  expect(demote).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  const disable = await site.admin.call('operators.setDisabled', {
    username: 'admin',
    disabled: true,
  });
  expect(disable).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
});

it('a session locks after the configured inactivity and needs the password again', async () => {
  await site.admin.must('settings.update', { lockAfterMinutes: 5 });
  site.clock.advance(5 * MINUTE_MS + 1);
  expect(await site.admin.call('overview.get', {})).toMatchObject({
    ok: false,
    error: { code: 'SESSION_LOCKED' },
  });
  expect((await site.admin.must('auth.whoami', {})).locked).toBe(true);
  expect(await site.admin.call('auth.unlock', { password: 'wrong-password' })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_CREDENTIALS' },
  });
  await site.admin.must('auth.unlock', { password: 'admin-password-1' });
  expect((await site.admin.call('overview.get', {})).ok).toBe(true);
  const actions = (await site.admin.must('audit.list', { limit: 10 })).entries.map(
    (e) => `${e.action}:${e.outcome}`,
  );
  expect(actions).toEqual(
    expect.arrayContaining(['auth.lock:success', 'auth.unlock:failure', 'auth.unlock:success']),
  );
});

it('an admin revokes another session; the revoked client must sign in again', async () => {
  const viewer = await site.operatorWithRole('viewer', 'vera');
  const sessions = await site.admin.must('sessions.list', {});
  const vera = sessions.find((s) => s.username === 'vera');
  expect(vera).toBeDefined();
  await site.admin.must('sessions.revoke', { id: vera!.id });
  expect(await viewer.call('overview.get', {})).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHENTICATED' },
  });
});

it('settings changes are validated and audited with what changed', async () => {
  const bad = await site.admin.call('settings.update', { timeZone: 'Mars/Olympus_Mons' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  const updated = await site.admin.must('settings.update', {
    siteName: 'Dubai DC2',
    timeZone: 'Asia/Riyadh',
  });
  expect(updated).toMatchObject({ siteName: 'Dubai DC2', timeZone: 'Asia/Riyadh' });
  const entry = (await site.admin.must('audit.list', { action: 'settings.update' })).entries[0];
  expect(entry?.details).toEqual({
    siteName: { from: 'Abu Dhabi DC1', to: 'Dubai DC2' },
    timeZone: { from: 'Asia/Dubai', to: 'Asia/Riyadh' },
  });
});

it('a restarted console is locked until the passphrase is given; wrong ones are audited at unlock', async () => {
  const app = await site.reopen();
  const client = clientOf(app, 'after-restart');
  expect((await client.must('app.status', {})).state).toBe('locked');
  expect(
    await client.call('auth.signIn', { username: 'admin', password: 'admin-password-1' }),
  ).toMatchObject({ ok: false, error: { code: 'STORE_LOCKED' } });
  expect(await client.call('store.unlock', { passphrase: 'not the passphrase' })).toMatchObject({
    ok: false,
    error: { code: 'WRONG_KEY' },
  });
  await client.must('store.unlock', { passphrase: 'correct horse battery staple' });
  await client.must('auth.signIn', { username: 'admin', password: 'admin-password-1' });
  const unlocks = (await client.must('audit.list', { action: 'store.unlock' })).entries.map(
    (e) => e.outcome,
  );
  expect(unlocks).toEqual(['success', 'failure']);
});

it('an XSS string in a display name is stored and returned as plain text', async () => {
  const xss = '<img src=x onerror=alert(1)>';
  const created = await site.admin.must('operators.create', {
    username: 'xss',
    displayName: xss,
    role: 'viewer',
    password: 'xss-password-1',
  });
  expect(created.displayName).toBe(xss);
});
