// Enrolment and refusal over real sockets: mutual TLS on 127.0.0.1 with real certificates.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpair } from '../../../agent/identity.ts';
import { makeConsoleCert, makeExpiredConsoleCert } from '../../helpers/agentCerts.ts';
import { connectConsole, connectOk } from './consoleClient.ts';
import { openSession, pair, startTestAgent } from './agentFixture.ts';

describe('pairing a console with an agent', () => {
  it('pairs with the right secret, pins the console, then accepts it on reconnect', async () => {
    const t = await startTestAgent();
    const consoleCert = await makeConsoleCert();
    const c = await connectOk(t.url, consoleCert);
    // The console checks the agent is the one in the pairing code before revealing the secret.
    expect(c.agentFingerprint).toBe(t.fingerprint);
    c.send({ type: 'pair', secret: t.secret, consoleName: 'Dubai site' });
    expect(await c.next('paired')).toEqual({ type: 'paired', agentId: t.agent.agentId });
    expect(await c.closed).toEqual({ code: 1000, reason: 'paired' });
    expect(existsSync(join(t.identityDir, 'paired-console.json'))).toBe(true);
    expect(existsSync(join(t.identityDir, 'pairing-secret'))).toBe(false);

    const session = await openSession(t, consoleCert);
    const hello = session.frames.find((f) => f.type === 'hello');
    expect(hello).toMatchObject({
      role: 'agent',
      id: t.agent.agentId,
      name: 'test-host',
      epoch: t.agent.epoch,
    });
  });

  it('refuses a wrong secret with an error frame and stays unpaired', async () => {
    const t = await startTestAgent();
    const consoleCert = await makeConsoleCert();
    const c = await connectOk(t.url, consoleCert);
    c.send({ type: 'pair', secret: '0'.repeat(32), consoleName: 'intruder' });
    expect(await c.next('error')).toMatchObject({ code: 'pairing_failed' });
    expect((await c.closed).code).toBe(1008);
    expect(existsSync(join(t.identityDir, 'paired-console.json'))).toBe(false);
    expect(t.logs.records.some((r) => r.message === 'pairing refused: wrong secret')).toBe(true);
    await pair(t, consoleCert);
  });

  it('refuses pairing attempts from a certificate that sent five wrong secrets within a minute', async () => {
    const t = await startTestAgent();
    const cert = await makeConsoleCert();
    for (let i = 0; i < 5; i++) {
      const c = await connectOk(t.url, cert);
      c.send({ type: 'pair', secret: 'f'.repeat(32), consoleName: 'guess' });
      await c.closed;
    }
    const outcome = await connectConsole(t.url, cert);
    expect(outcome).toMatchObject({ ok: false, status: 429 });
  });

  it('refuses an unpaired agent session that skips the pair exchange', async () => {
    const t = await startTestAgent();
    const c = await connectOk(t.url, await makeConsoleCert());
    c.send({ type: 'hello', v: 1, role: 'console', id: 'site', name: 'x', sentAtMs: 1 });
    expect(await c.next('error')).toMatchObject({ code: 'pairing_required' });
    expect((await c.closed).code).toBe(1008);
  });

  it('refuses a second console certificate once paired, and logs the refusal', async () => {
    const t = await startTestAgent();
    await pair(t, await makeConsoleCert());
    const outcome = await connectConsole(t.url, await makeConsoleCert('another-site'));
    expect(outcome).toMatchObject({ ok: false, status: 403 });
    expect(outcome.ok ? '' : outcome.body).toContain('not the console this agent is paired with');
    expect(
      t.logs.records.some((r) => r.message === 'connection refused' && r.fields.status === 403),
    ).toBe(true);
  });

  it('refuses a client without a certificate, before and after pairing', async () => {
    const t = await startTestAgent();
    const refused = await connectConsole(t.url, null);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(refused.ok ? '' : refused.body).toContain('client certificate is required');
    await pair(t, await makeConsoleCert());
    expect(await connectConsole(t.url, null)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses an expired client certificate', async () => {
    const t = await startTestAgent();
    const outcome = await connectConsole(t.url, await makeExpiredConsoleCert());
    expect(outcome).toMatchObject({ ok: false, status: 403 });
    expect(outcome.ok ? '' : outcome.body).toContain('expired');
  });

  it('refuses plain ws:// (TLS only)', async () => {
    const t = await startTestAgent();
    const outcome = await connectConsole(`ws://127.0.0.1:${t.agent.port}`, null);
    expect(outcome.ok).toBe(false);
  });

  it('closes a revoked console session and no longer admits it to a session', async () => {
    const t = await startTestAgent();
    const cert = await makeConsoleCert();
    await pair(t, cert);
    const session = await openSession(t, cert);
    const newCode = unpair(t.identityDir);
    t.agent.revalidate();
    expect(await session.closed).toEqual({ code: 1008, reason: 'console unpaired' });
    expect(newCode).not.toBe(t.pairingCode);
    const again = await connectOk(t.url, cert);
    again.send({ type: 'hello', v: 1, role: 'console', id: 'site', name: 'x', sentAtMs: 1 });
    expect(await again.next('error')).toMatchObject({ code: 'pairing_required' });
  });
});
