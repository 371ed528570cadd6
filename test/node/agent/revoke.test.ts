// A console revoking the agent over real sockets (mutual TLS on 127.0.0.1): the pinned console's
// `revoke` unpairs the agent as `mirqab-agent unpair` would; nobody else's does.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { currentPairingCode, readPin, unpair } from '../../../agent/identity.ts';
import { FEATURES } from '../../../shared/agent-protocol/index.ts';
import { parsePairingCode } from '../../../shared/agent-protocol/pairing.ts';
import { makeConsoleCert } from '../../helpers/agentCerts.ts';
import { connectOk } from './consoleClient.ts';
import { openSession, pair, startTestAgent, type TestAgent } from './agentFixture.ts';

const REVOKED = 'the paired console revoked this agent';
const logged = (t: TestAgent, prefix: string) =>
  t.logs.records.filter((r) => r.message.startsWith(prefix));

describe('revocation by the console', () => {
  it("the pinned console's revoke unpairs the agent at once: it closes the session, logs it, issues a new pairing code and keeps running", async () => {
    const t = await startTestAgent();
    const cert = await makeConsoleCert();
    await pair(t, cert);
    const session = await openSession(t, cert);
    expect(session.frames.find((f) => f.type === 'hello')).toMatchObject({
      features: [FEATURES.resultAck, FEATURES.revoke, FEATURES.witness, FEATURES.columns],
    });

    session.send({ type: 'revoke', reason: 'revoked by admin' });
    expect(await session.closed).toEqual({ code: 1000, reason: 'revoked' });
    expect(readPin(t.identityDir)).toBeNull();
    expect(logged(t, REVOKED)).toEqual([
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({
          reason: 'revoked by admin',
          consoleName: 'test console',
        }) as unknown,
      }),
    ]);

    // The new code's secret is never logged; the operator reads the code on the host.
    const fresh = currentPairingCode(t.identityDir) ?? '';
    const code = parsePairingCode(fresh);
    if (!code.ok) throw new Error(code.reason);
    expect(fresh).not.toBe(t.pairingCode);
    expect(JSON.stringify(t.logs.records)).not.toContain(code.code.secret);
    const cli = await promisify(execFile)(process.execPath, [
      'bin/mirqab-agent.mjs',
      'pairing-code',
      '--dir',
      t.identityDir,
    ]);
    expect(cli.stdout.trim()).toBe(fresh);

    // The revoked console is admitted only to pair (it does not hold the new secret) ...
    const again = await connectOk(t.url, cert);
    again.send({ type: 'hello', v: 1, role: 'console', id: 'site', name: 'x', sentAtMs: 1 });
    expect(await again.next('error')).toMatchObject({ code: 'pairing_required' });
    // ... while the agent, still running, pairs with whichever console gets the new code.
    const next = await makeConsoleCert('another-site');
    await pair({ ...t, secret: code.code.secret }, next);
    await openSession(t, next);
  });

  it('refuses a revoke from a session whose console is no longer the pinned one, and keeps the new pairing', async () => {
    const t = await startTestAgent();
    const first = await makeConsoleCert('first-site');
    await pair(t, first);
    const stale = await openSession(t, first);

    // Unpaired on the host and paired with a second console before the stale session was closed.
    const code = parsePairingCode(unpair(t.identityDir));
    if (!code.ok) throw new Error(code.reason);
    const second = await makeConsoleCert('second-site');
    await pair({ ...t, secret: code.code.secret }, second);
    const pinned = readPin(t.identityDir);

    stale.send({ type: 'revoke', reason: 'a stale console' });
    expect(await stale.closed).toEqual({ code: 1008, reason: 'console unpaired' });
    expect(readPin(t.identityDir)).toEqual(pinned);
    expect(logged(t, 'revoke refused')).toHaveLength(1);
    expect(logged(t, REVOKED)).toEqual([]);
    await openSession(t, second);
  });

  it('an unpaired agent takes no revoke on a pairing connection: its pairing code still works', async () => {
    const t = await startTestAgent();
    const c = await connectOk(t.url, await makeConsoleCert());
    c.send({ type: 'revoke', reason: 'not paired' });
    expect(await c.next('error')).toMatchObject({ code: 'pairing_required' });
    expect(currentPairingCode(t.identityDir)).toBe(t.pairingCode);
    await pair(t, await makeConsoleCert());
  });
});
