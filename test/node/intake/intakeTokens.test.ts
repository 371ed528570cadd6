// Intake tokens through the console's API: an admin creates one and sees it once, only its hash is
// kept, revoking is final, every change is audited, and deliveries wait while the store is locked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashIntakeToken } from '../../../main/incidents/intake/tokens.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { setUpSite, type TestSite } from '../../helpers/console.ts';
import { openRaw } from '../store/rawDb.ts';
import { join } from 'node:path';
import { send, serve } from './intakeHttp.ts';

let site: TestSite;

beforeAll(async () => {
  site = await setUpSite();
});
afterAll(() => site.cleanup());

describe('creating a token', () => {
  it('shows the token once, recognisably prefixed, and keeps only its SHA-256', async () => {
    const { token, info } = await site.admin.must('intake.createToken', { name: 'dc1 primary' });
    expect(token).toMatch(/^mqi_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({
      name: 'dc1 primary',
      createdBy: 'admin',
      createdAt: site.clock.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    const listed = await site.admin.must('intake.listTokens', {});
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain(hashIntakeToken(token));

    const raw = openRaw(join(site.dataDir, 'mirqab.db'), site.recoveryKey, { readonly: true });
    try {
      const rows = raw.prepare('SELECT name, token_hash FROM intake_tokens').all();
      expect(rows).toEqual([{ name: 'dc1 primary', token_hash: hashIntakeToken(token) }]);
      const audit = raw.prepare("SELECT details FROM audit_log WHERE action LIKE 'intake.%'").all();
      expect(JSON.stringify(audit)).not.toContain(token);
    } finally {
      raw.close();
    }
  });

  it('gives every token a different secret and refuses a name already used', async () => {
    const a = await site.admin.must('intake.createToken', { name: 'dc2' });
    const b = await site.admin.must('intake.createToken', { name: 'dc3' });
    expect(a.token).not.toBe(b.token);
    const again = await site.admin.call('intake.createToken', { name: 'dc2' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const bad = await site.admin.call('intake.createToken', { name: '../etc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('is for admins only', async () => {
    const commander = await site.operatorWithRole('incident_commander');
    for (const call of [
      commander.call('intake.listTokens', {}),
      commander.call('intake.createToken', { name: 'mine' }),
      commander.call('intake.revokeToken', { id: 1 }),
    ])
      expect(await call).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('revoking a token', () => {
  it('is final, refused a second time, and both steps are in the audit trail', async () => {
    const { info } = await site.admin.must('intake.createToken', { name: 'old-dc' });
    await site.admin.must('intake.revokeToken', { id: info.id });
    const listed = (await site.admin.must('intake.listTokens', {})).find((t) => t.id === info.id);
    expect(listed).toMatchObject({ revokedAt: site.clock.now().toISOString(), revokedBy: 'admin' });
    expect(await site.admin.call('intake.revokeToken', { id: info.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await site.admin.call('intake.revokeToken', { id: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const { entries } = await site.admin.must('audit.list', { text: 'intake-token:old-dc' });
    expect(entries.map((e) => [e.action, e.actor, e.outcome]).reverse()).toEqual([
      ['intake.token.create', 'admin', 'success'],
      ['intake.token.revoke', 'admin', 'success'],
    ]);
  });

  it('lists live tokens first', async () => {
    const names = (await site.admin.must('intake.listTokens', {})).map((t) => t.name);
    expect(names.at(-1)).toBe('old-dc');
  });
});

describe('while the store is locked', () => {
  it('answers deliveries with 503 and Retry-After, so Alertmanager tries again later', async () => {
    const { token } = await site.admin.must('intake.createToken', { name: 'before-restart' });
    const locked = await site.reopen();
    const served = await serve(locked);
    try {
      const reply = await send(served.origin, {
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: readFixture('alertmanager', 'single-firing.json'),
      });
      expect(reply.status).toBe(503);
      expect(reply.headers['retry-after']).toBe('60');
      expect(reply.json.error).toMatch(/locked/);
    } finally {
      await served.close();
    }
  });
});
