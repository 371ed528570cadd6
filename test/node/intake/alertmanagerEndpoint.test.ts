// POST /intake/alertmanager on the console's web host, over a real socket: what Alertmanager gets
// back for each kind of request, and that only a good delivery with a live token changes anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INTAKE_BYTES } from '../../../main/host/intakeRoute.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { ADMIN_PASSWORD, setUpSite, type TestSite } from '../../helpers/console.ts';
import { send, serve, streamUntilAnswered, type ServedConsole } from './intakeHttp.ts';

let site: TestSite;
let served: ServedConsole;
let token: string;
let revokedToken: string;

const firing = readFixture('alertmanager', 'group-firing.json');
const resolved = readFixture('alertmanager', 'group-resolved.json');
const json = { 'Content-Type': 'application/json' };
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const deliver = (body: string | Buffer, headers: Record<string, string> = {}) =>
  send(served.origin, { headers: { ...json, ...bearer(token), ...headers }, body });

/** What a refused request must leave as it was: the alert stream, the audit trail, the tokens. */
async function snapshot() {
  const [alerts, audit, tokens] = await Promise.all([
    site.admin.must('alertStream.list', {}),
    site.admin.must('audit.list', {}),
    site.admin.must('intake.listTokens', {}),
  ]);
  return { alerts, auditTotal: audit.total, tokens };
}

beforeAll(async () => {
  site = await setUpSite();
  // The recorded deliveries are from 2026-12-07; the console's clock is moved past them.
  site.clock.advance(Date.parse('2026-12-07T07:00:00.000Z') - site.clock.now().getTime());
  await site.admin.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  served = await serve(site.app);
  token = (await site.admin.must('intake.createToken', { name: 'dc1-alertmanager' })).token;
  const old = await site.admin.must('intake.createToken', { name: 'retired-alertmanager' });
  revokedToken = old.token;
  await site.admin.must('intake.revokeToken', { id: old.info.id });
});
afterAll(async () => {
  await served.close();
  site.cleanup();
});

describe('requests Alertmanager gets a 4xx for, which change nothing', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    before = await snapshot();
  });
  afterAll(async () => {
    expect(await snapshot()).toEqual(before);
  });

  it('401 with a Bearer challenge without a token, with an unknown one, or with a revoked one', async () => {
    const unknown = `mqi_${'A'.repeat(43)}`;
    for (const headers of [
      {},
      { Authorization: token },
      { Authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` },
      bearer(unknown),
      bearer(`${token}x`),
      bearer(revokedToken),
    ]) {
      const reply = await send(served.origin, { headers: { ...json, ...headers }, body: firing });
      expect(reply.status, JSON.stringify(headers)).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Bearer realm="mirqab-intake"');
      expect(reply.json.error).toMatch(/Authorization: Bearer/);
    }
  });

  it('405 for anything but POST, naming the method it takes', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'HEAD']) {
      const reply = await send(served.origin, { method, headers: bearer(token) });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow).toBe('POST');
    }
  });

  it('415 for a body that is not declared JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      const reply = await deliver(firing, { 'Content-Type': type });
      expect(reply.status, type).toBe(415);
      expect(reply.json.error).toMatch(/application\/json/);
    }
    const untyped = await send(served.origin, { headers: bearer(token), body: firing });
    expect(untyped.status).toBe(415);
  });

  it('413 for a body over 1 MiB, declared or streamed, without reading it all', async () => {
    const declared = await send(served.origin, {
      headers: { ...json, ...bearer(token), 'Content-Length': String(MAX_INTAKE_BYTES + 1) },
    });
    expect(declared.status).toBe(413);

    const streamed = await streamUntilAnswered(
      served.origin,
      { ...json, ...bearer(token), 'Transfer-Encoding': 'chunked' },
      64 * 1024,
      64 * MAX_INTAKE_BYTES,
    );
    expect(streamed.status).toBe(413);
    expect(streamed.json.error).toMatch(/max_alerts/);
    expect(streamed.written).toBeLessThan(16 * MAX_INTAKE_BYTES);
  });

  it('400 with the reason for a body that is not JSON or not a version 4 payload', async () => {
    const broken = await deliver(firing.slice(0, 200));
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatch(/not JSON/);

    const v3 = await deliver(firing.replace('"version":"4"', '"version":"3"'));
    expect(v3.status).toBe(400);
    expect(v3.json.error).toMatch(/version "3" is not supported/);

    const noStatus = await deliver(
      firing.replace('"alerts":[{"status":"firing"', '"alerts":[{"status":"pending"'),
    );
    expect(noStatus.status).toBe(400);
    expect(noStatus.json.error).toMatch(/^Not a valid Alertmanager payload: alerts\.0\.status/);
  });
});

describe('a good delivery', () => {
  it('opens an incident for firing alerts, is idempotent on redelivery, and resolves them', async () => {
    const first = await deliver(firing);
    expect(first).toMatchObject({ status: 200, json: { accepted: 2 } });
    const open = await site.admin.must('alertStream.list', { sources: ['alertmanager'] });
    expect(open.map((a) => [a.rule, a.state, a.fingerprint]).sort()).toEqual([
      ['TritonHighLatency', 'firing', '5e86f90646584693'],
      ['TritonHighLatency', 'firing', '9bd95ede0631acda'],
    ]);
    const incidentIds = new Set(open.map((a) => a.incidentId));
    expect(incidentIds.size).toBe(1);
    expect([...incidentIds][0]).not.toBeNull();

    expect((await deliver(firing)).status).toBe(200);
    const again = await site.admin.must('alertStream.list', { sources: ['alertmanager'] });
    expect(again.map((a) => a.id).sort()).toEqual(open.map((a) => a.id).sort());

    expect(await deliver(resolved)).toMatchObject({ status: 200, json: { accepted: 2 } });
    const after = await site.admin.must('alertStream.list', { sources: ['alertmanager'] });
    expect(after.map((a) => a.state)).toEqual(['resolved', 'resolved']);
    expect(after.map((a) => a.resolvedAt).sort()).toEqual([
      '2026-12-07T06:35:21.558Z',
      '2026-12-07T06:35:21.558Z',
    ]);
  });

  it('is audited with counts only, as the token that delivered it, and marks the token used', async () => {
    const { entries } = await site.admin.must('audit.list', { action: 'intake.alertmanager' });
    expect(entries.length).toBe(3);
    expect(entries[0]).toMatchObject({
      actor: 'intake:dc1-alertmanager',
      role: 'intake',
      target: 'intake-token:dc1-alertmanager',
      details: { alerts: 2, firing: 0, resolved: 2, truncated: 0 },
    });
    expect(JSON.stringify(entries)).not.toContain('fraud-scoring');
    const tokens = await site.admin.must('intake.listTokens', {});
    expect(tokens.find((t) => t.name === 'dc1-alertmanager')?.lastUsedAt).toBe(
      site.clock.now().toISOString(),
    );
  });

  it('is taken whatever name Alertmanager uses for the console, though browser pages are not', async () => {
    const byDnsName = await deliver(readFixture('alertmanager', 'single-firing.json'), {
      Host: `mirqab.dc1.example:${served.origin.port}`,
    });
    expect(byDnsName).toMatchObject({ status: 200, json: { accepted: 1 } });
    const page = await send(new URL('/', served.origin), {
      method: 'GET',
      headers: { Host: `mirqab.dc1.example:${served.origin.port}` },
    });
    expect(page.status).toBe(421);
  });
});
