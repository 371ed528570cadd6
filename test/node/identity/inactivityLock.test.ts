// An inactivity lock is one audited, announced step, whoever notices it first: a call, a pushed event, the sweep.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { EventName } from '../../../shared/ipc/contract.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { createConsole } from '../../../main/index.ts';
import { silentLogger } from '../../../main/log.ts';
import {
  ADMIN_PASSWORD,
  clientOf,
  PASSPHRASE,
  setUpSite,
  TEST_KDF,
  type Client,
  type TestSite,
} from '../../helpers/console.ts';

let site: TestSite;
beforeEach(async () => {
  site = await setUpSite();
});
afterEach(() => site.cleanup());

/** What a shell would deliver to this client: every event canReceive() lets through, in order. */
function deliveredTo(client: Client): { event: EventName; payload: unknown }[] {
  const delivered: { event: EventName; payload: unknown }[] = [];
  site.app.onEvent((event, payload, audience) => {
    if (site.app.canReceive(client.ctx.sessionToken, audience)) delivered.push({ event, payload });
  });
  return delivered;
}

it('an idle session first noticed by a pushed event is locked, audited and told, once', async () => {
  await site.admin.must('settings.update', { lockAfterMinutes: 5 });
  await site.admin.must('operators.create', {
    username: 'aisha',
    displayName: 'Aisha',
    role: 'auditor',
    password: 'aisha-password-1',
  });
  const toAdmin = deliveredTo(site.admin);
  site.clock.advance(5 * MINUTE_MS + 1);

  // Someone else signs in: the sessions.changed push is the first thing to find the admin idle.
  const auditor = clientOf(site.app, 'aisha');
  await auditor.must('auth.signIn', { username: 'aisha', password: 'aisha-password-1' });

  expect(toAdmin).toContainEqual({ event: 'session.locked', payload: { reason: 'inactivity' } });
  expect(toAdmin.map((d) => d.event)).not.toContain('sessions.changed');
  const locks = await auditor.must('audit.list', { action: 'auth.lock' });
  expect(locks.entries).toHaveLength(1);
  expect(locks.entries[0]).toMatchObject({
    actor: 'admin',
    outcome: 'success',
    details: { reason: 'inactivity' },
  });

  // The admin's next call finds the session already locked: no second entry, no second notice.
  expect(await site.admin.call('overview.get', {})).toMatchObject({
    ok: false,
    error: { code: 'SESSION_LOCKED' },
  });
  expect((await auditor.must('audit.list', { action: 'auth.lock' })).entries).toHaveLength(1);
  expect(toAdmin.filter((d) => d.event === 'session.locked')).toHaveLength(1);
});

it('an idle session first noticed by its own call is audited and told the same way', async () => {
  await site.admin.must('settings.update', { lockAfterMinutes: 5 });
  const toAdmin = deliveredTo(site.admin);
  site.clock.advance(5 * MINUTE_MS + 1);
  expect(await site.admin.call('overview.get', {})).toMatchObject({
    ok: false,
    error: { code: 'SESSION_LOCKED' },
  });
  expect(toAdmin).toContainEqual({ event: 'session.locked', payload: { reason: 'inactivity' } });
  await site.admin.must('auth.unlock', { password: 'admin-password-1' });
  const locks = await site.admin.must('audit.list', { action: 'auth.lock' });
  expect(locks.entries.map((e) => e.details)).toEqual([{ reason: 'inactivity' }]);
});

it('an idle session nobody calls from and no event reaches is locked by the sweep, audited and told', async () => {
  await site.admin.must('settings.update', { lockAfterMinutes: 5 });
  await site.admin.must('auth.signOut', {}); // so the only live session is the one below
  site.app.close();
  const app = await createConsole({
    dataDir: site.dataDir,
    shell: 'browser',
    version: 'test',
    clock: site.clock,
    logger: silentLogger,
    passphrase: PASSPHRASE,
    kdf: TEST_KDF,
    idleSweepMs: 20,
  });
  try {
    const admin = clientOf(app, 'admin');
    await admin.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    const told = new Promise<unknown>((resolve) => {
      app.onEvent((event, payload, audience) => {
        if (event === 'session.locked' && app.canReceive(admin.ctx.sessionToken, audience))
          resolve(payload);
      });
    });
    site.clock.advance(5 * MINUTE_MS + 1);
    expect(await told).toEqual({ reason: 'inactivity' });
    expect((await admin.must('auth.whoami', {})).locked).toBe(true);
    await admin.must('auth.unlock', { password: ADMIN_PASSWORD });
    const locks = await admin.must('audit.list', { action: 'auth.lock' });
    expect(locks.entries.map((e) => [e.actor, e.details])).toEqual([
      ['admin', { reason: 'inactivity' }],
    ]);
  } finally {
    app.close();
  }
});
