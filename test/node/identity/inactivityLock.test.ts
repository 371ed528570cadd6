// An inactivity lock is one audited, announced step, whoever notices it first: a call, or a pushed event.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { EventName } from '../../../shared/ipc/contract.ts';
import { MINUTE_MS } from '../../../shared/domain/time.ts';
import { clientOf, setUpSite, type Client, type TestSite } from '../../helpers/console.ts';

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
  await site.admin.must('operators.create', { username: 'aisha', displayName: 'Aisha', role: 'auditor', password: 'aisha-password-1' });
  const toAdmin = deliveredTo(site.admin);
  site.clock.advance(5 * MINUTE_MS + 1);

  // Someone else signs in: the sessions.changed push is the first thing to find the admin idle.
  const auditor = clientOf(site.app, 'aisha');
  await auditor.must('auth.signIn', { username: 'aisha', password: 'aisha-password-1' });

  expect(toAdmin).toContainEqual({ event: 'session.locked', payload: { reason: 'inactivity' } });
  expect(toAdmin.map((d) => d.event)).not.toContain('sessions.changed');
  const locks = await auditor.must('audit.list', { action: 'auth.lock' });
  expect(locks.entries).toHaveLength(1);
  expect(locks.entries[0]).toMatchObject({ actor: 'admin', outcome: 'success', details: { reason: 'inactivity' } });

  // The admin's next call finds the session already locked: no second entry, no second notice.
  expect(await site.admin.call('overview.get', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  expect((await auditor.must('audit.list', { action: 'auth.lock' })).entries).toHaveLength(1);
  expect(toAdmin.filter((d) => d.event === 'session.locked')).toHaveLength(1);
});

it('an idle session first noticed by its own call is audited and told the same way', async () => {
  await site.admin.must('settings.update', { lockAfterMinutes: 5 });
  const toAdmin = deliveredTo(site.admin);
  site.clock.advance(5 * MINUTE_MS + 1);
  expect(await site.admin.call('overview.get', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  expect(toAdmin).toContainEqual({ event: 'session.locked', payload: { reason: 'inactivity' } });
  await site.admin.must('auth.unlock', { password: 'admin-password-1' });
  const locks = await site.admin.must('audit.list', { action: 'auth.lock' });
  expect(locks.entries.map((e) => e.details)).toEqual([{ reason: 'inactivity' }]);
});
