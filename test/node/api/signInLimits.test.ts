// Password guessing through the real API pipeline: sign-in and session unlock are held back per
// account and per client after a few failures, with explained, audited refusals; waits double but
// never pass 15 minutes, the owner's own desk is not held by guesses made elsewhere, and an admin
// can clear a lockout.
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  clientOf,
  setUpSite,
  type Client,
  type TestSite,
} from '../../helpers/console.ts';

let site: TestSite;
beforeEach(async () => {
  site = await setUpSite();
});
afterEach(() => site.cleanup());

const SECOND = 1000;
const MINUTE = 60 * SECOND;

async function failSignIns(client: Client, username: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i += 1)
    results.push(await client.call('auth.signIn', { username, password: `wrong-guess-${i}` }));
  return results;
}

it('after five wrong passwords the right one is refused, explained and audited, until the wait passes', async () => {
  const attacker = clientOf(site.app, 'browser 203.0.113.7');
  const failures = await failSignIns(attacker, 'admin', 5);
  expect(failures.map((r) => !r.ok && r.error.code)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
  // The failure that starts the wait says so (06:00:00Z is 10:00 in Dubai).
  expect(failures[4]).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining('after 10:00:30 (Asia/Dubai)') as string },
  });

  for (let i = 0; i < 3; i += 1) {
    const refused = await attacker.call('auth.signIn', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'TOO_MANY_ATTEMPTS',
        message:
          'Too many failed attempts for this account; try again after 10:00:30 (Asia/Dubai), or ask an admin to clear the lockout.',
        retryAt: '2026-11-26T06:00:30.000Z',
      },
    });
  }
  // Only the first refusal of a wait is itemised, so a flood of refusals cannot flood the audit log.
  const denied = (await site.admin.must('audit.list', { action: 'auth.signIn', outcome: 'denied' }))
    .entries;
  expect(denied).toHaveLength(1);
  expect(denied[0]).toMatchObject({
    actor: 'admin',
    target: 'operator:admin',
    details: {
      client: 'browser 203.0.113.7',
      reason: 'too many failed attempts',
      heldBy: 'account:admin',
      retryAt: '2026-11-26T06:00:30.000Z',
    },
  });
  const lastFailure = (
    await site.admin.must('audit.list', { action: 'auth.signIn', outcome: 'failure', limit: 1 })
  ).entries[0];
  expect(lastFailure?.details).toMatchObject({
    waitsUntil: { account: '2026-11-26T06:00:30.000Z' },
    failures: { account: 5 },
  });

  site.clock.advance(29 * SECOND);
  expect(
    await attacker.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD }),
  ).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
  site.clock.advance(1 * SECOND);
  await attacker.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
});

it('each further failure doubles the wait, which never passes 15 minutes and always ends', async () => {
  const attacker = clientOf(site.app, 'browser 203.0.113.7');
  await failSignIns(attacker, 'admin', 5);
  const waits: number[] = [];
  for (let round = 0; round < 8; round += 1) {
    const refused = await attacker.call('auth.signIn', {
      username: 'admin',
      password: 'still-guessing',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    const lockouts = await site.admin.must('operators.lockouts', {});
    const held = lockouts.find((l) => l.scope === 'account' && l.id === 'admin');
    expect(held).toBeDefined();
    const wait = Date.parse(held!.lockedUntil) - site.clock.now().getTime();
    waits.push(wait);
    site.clock.advance(wait);
    expect(
      await attacker.call('auth.signIn', { username: 'admin', password: 'still-guessing' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  }
  expect(waits).toEqual([
    30 * SECOND,
    1 * MINUTE,
    2 * MINUTE,
    4 * MINUTE,
    8 * MINUTE,
    15 * MINUTE,
    15 * MINUTE,
    15 * MINUTE,
  ]);
  site.clock.advance(15 * MINUTE);
  await attacker.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
});

it('an admin at their usual desk is not held by guesses made from elsewhere; a new place is', async () => {
  await failSignIns(clientOf(site.app, 'browser 203.0.113.7'), 'admin', 6);
  // 'admin' is the client label the admin signed in from at setup (like the desktop window).
  const stranger = clientOf(site.app, 'browser 198.51.100.9');
  expect(
    await stranger.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD }),
  ).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
  const desk = clientOf(site.app, 'admin');
  const info = await desk.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  expect(info.operator.username).toBe('admin');
});

it('one client guessing across many accounts is held back, other clients are not', async () => {
  const spray = clientOf(site.app, 'browser 203.0.113.50');
  for (let i = 0; i < 20; i += 1) {
    expect(
      await spray.call('auth.signIn', { username: `user${i}`, password: 'Summer2026!' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  }
  const refused = await spray.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'TOO_MANY_ATTEMPTS',
      message: expect.stringMatching(
        /^Too many failed attempts from this client; try again after 10:00:30/,
      ) as string,
    },
  });
  await clientOf(site.app, 'browser 192.0.2.1').must('auth.signIn', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
});

it('concurrent guesses cannot slip past the count: past the free ones, one is checked at a time', async () => {
  const attacker = clientOf(site.app, 'browser 203.0.113.7');
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      attacker.call('auth.signIn', { username: 'admin', password: `burst-${i}` }),
    ),
  );
  const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
  expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
  expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);
  expect(
    await attacker.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD }),
  ).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
});

it('an admin sees the lockout and clears it, audited; a viewer may see but not clear', async () => {
  await site.operatorWithRole('operator', 'omar');
  const viewer = await site.operatorWithRole('viewer', 'vera');
  const attacker = clientOf(site.app, 'browser 203.0.113.7');
  await failSignIns(attacker, 'Omar', 5);
  const omarElsewhere = clientOf(site.app, 'omar laptop');
  expect(
    await omarElsewhere.call('auth.signIn', { username: 'omar', password: 'omar-password-1' }),
  ).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });

  expect(await site.admin.must('operators.lockouts', {})).toEqual([
    { scope: 'account', id: 'omar', failures: 5, lockedUntil: '2026-11-26T06:00:30.000Z' },
  ]);
  expect(
    await viewer.call('operators.clearLockout', { scope: 'account', id: 'omar' }),
  ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await site.admin.must('operators.clearLockout', { scope: 'account', id: 'omar' });
  expect(await site.admin.must('operators.lockouts', {})).toEqual([]);
  expect(
    await site.admin.call('operators.clearLockout', { scope: 'account', id: 'omar' }),
  ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

  await omarElsewhere.must('auth.signIn', { username: 'omar', password: 'omar-password-1' });
  const cleared = (
    await site.admin.must('audit.list', { action: 'operators.clearLockout', outcome: 'success' })
  ).entries;
  expect(cleared).toHaveLength(1);
  expect(cleared[0]).toMatchObject({
    actor: 'admin',
    target: 'account:omar',
    outcome: 'success',
    details: { failures: 5, lockedUntil: '2026-11-26T06:00:30.000Z' },
  });
});

it('a locked session cannot be guessed open either: the unlock is held back the same way', async () => {
  await site.admin.must('settings.update', { lockAfterMinutes: 5 });
  site.clock.advance(5 * MINUTE + 1);
  expect(await site.admin.call('overview.get', {})).toMatchObject({
    ok: false,
    error: { code: 'SESSION_LOCKED' },
  });
  for (let i = 0; i < 5; i += 1) {
    expect(await site.admin.call('auth.unlock', { password: `wrong-${i}` })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
  }
  const refused = await site.admin.call('auth.unlock', { password: ADMIN_PASSWORD });
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'TOO_MANY_ATTEMPTS',
      message: expect.stringMatching(
        /^Too many failed attempts for this account; try again after 10:05:30 \(Asia\/Dubai\)/,
      ) as string,
    },
  });
  site.clock.advance(30 * SECOND);
  await site.admin.must('auth.unlock', { password: ADMIN_PASSWORD });
  expect((await site.admin.call('overview.get', {})).ok).toBe(true);
  const denied = (await site.admin.must('audit.list', { action: 'auth.unlock', outcome: 'denied' }))
    .entries;
  expect(denied[0]?.details).toMatchObject({
    reason: 'too many failed attempts',
    heldBy: 'account:admin',
    retryAt: '2026-11-26T06:05:30.001Z',
  });
});

it('guessing the current password through a password change counts too', async () => {
  const omar = await site.operatorWithRole('operator', 'omar');
  for (let i = 0; i < 5; i += 1) {
    expect(
      await omar.call('auth.changePassword', { current: `wrong-${i}`, next: 'a-new-password-1' }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_CURRENT_PASSWORD' } });
  }
  expect(
    await omar.call('auth.changePassword', {
      current: 'omar-password-1',
      next: 'a-new-password-1',
    }),
  ).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
});
