// Pairing under abuse, against the real agent server over wss with mutual TLS on 127.0.0.1: a
// stranger who reaches the port can waste its own tries, never the console's that holds the right
// secret. All callers here share 127.0.0.1, so a source is told apart by its client certificate.
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { initAgent, readPin } from '../../../agent/identity.ts';
import { memoryLogger } from '../../../agent/log.ts';
import { createPairingGuard, PAIR_FAILURE_WINDOW_MS } from '../../../agent/pairingGuard.ts';
import { startAgentServer } from '../../../agent/server.ts';
import { parsePairingCode } from '../../../shared/agent-protocol/pairing.ts';
import { makeConsoleCert, type KeyAndCertificate } from '../../helpers/agentCerts.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { connectConsole, connectOk, type TestConsole } from './consoleClient.ts';

async function startUnpairedAgent(options: { pairingTimeoutMs?: number } = {}) {
  const identityDir = join(tempDir('mirqab-pairing-'), 'identity');
  const { identity, pairingCode } = await initAgent(identityDir, { name: 'test-host' });
  const code = parsePairingCode(pairingCode);
  if (!code.ok) throw new Error(code.reason);
  const logs = memoryLogger();
  const server = await startAgentServer({
    host: '127.0.0.1',
    port: 0,
    identity,
    logger: logs,
    ...options,
    onSession: (ws) => ws.close(1000, 'test'),
  });
  onTestFinished(() => server.close());
  return { url: `wss://127.0.0.1:${server.port}`, secret: code.code.secret, identityDir, logs };
}

/** One pairing attempt: connects, sends the secret, and returns what the agent answered. */
async function tryPairing(
  url: string,
  cert: KeyAndCertificate,
  secret: string,
): Promise<'paired' | 'wrong secret' | { status?: number; body?: string }> {
  const outcome = await connectConsole(url, cert);
  if (!outcome.ok) return { status: outcome.status, body: outcome.body };
  const c = outcome.console;
  c.send({ type: 'pair', secret, consoleName: 'test console' });
  const closed = await c.closed;
  if (closed.reason === 'paired' && c.frames.some((f) => f.type === 'paired')) return 'paired';
  expect(c.frames).toEqual([expect.objectContaining({ type: 'error', code: 'pairing_failed' })]);
  return 'wrong secret';
}

const WRONG = 'f'.repeat(32);

describe('pairing when strangers reach the agent', () => {
  it('pairs the holder of the right secret after a stranger sent five wrong secrets from the same address', async () => {
    const agent = await startUnpairedAgent();
    const stranger = await makeConsoleCert('stranger');
    for (let i = 0; i < 5; i++)
      expect(await tryPairing(agent.url, stranger, WRONG)).toBe('wrong secret');
    // The stranger has spent its tries: refused before it can send another guess, and told when to retry.
    const refused = await tryPairing(agent.url, stranger, WRONG);
    expect(refused).toMatchObject({ status: 429 });

    const console = await makeConsoleCert('the real console');
    expect(await tryPairing(agent.url, console, agent.secret)).toBe('paired');
    expect(readPin(agent.identityDir)).toMatchObject({ consoleName: 'test console' });
    expect(typeof refused === 'object' && refused.body).toMatch(
      /too many wrong pairing secrets from this address and certificate; try again in \d+ s/,
    );
  });

  it('pairs the right secret while a stranger rotates certificates between wrong guesses', async () => {
    const agent = await startUnpairedAgent();
    for (let round = 0; round < 3; round++) {
      const stranger = await makeConsoleCert(`stranger-${round}`);
      for (let i = 0; i < 5; i++)
        expect(await tryPairing(agent.url, stranger, WRONG)).toBe('wrong secret');
    }
    expect(
      agent.logs.records.filter((r) => r.message === 'pairing refused: wrong secret'),
    ).toHaveLength(15);
    expect(
      await tryPairing(agent.url, await makeConsoleCert('the real console'), agent.secret),
    ).toBe('paired');
  });

  it('does not let an idle pairing connection hold the next attempt back', async () => {
    const agent = await startUnpairedAgent();
    const idle = await connectOk(agent.url, await makeConsoleCert('idle'));
    expect(
      await tryPairing(agent.url, await makeConsoleCert('the real console'), agent.secret),
    ).toBe('paired');
    idle.ws.close();
    await idle.closed;
  });

  it('closes an idle pairing connection when its time is up, and the next attempt pairs', async () => {
    const agent = await startUnpairedAgent({ pairingTimeoutMs: 50 });
    const idle = await connectOk(agent.url, await makeConsoleCert('idle'));
    expect(await idle.closed).toEqual({ code: 1008, reason: 'pairing timed out' });
    expect(agent.logs.records.some((r) => r.message === 'pairing timed out: no pair frame')).toBe(
      true,
    );
    expect(
      await tryPairing(agent.url, await makeConsoleCert('the real console'), agent.secret),
    ).toBe('paired');
  });

  it('makes room for a new attempt by closing the oldest silent one when many are open at once', async () => {
    const agent = await startUnpairedAgent();
    const cert = await makeConsoleCert('idle');
    const idle: TestConsole[] = [];
    for (let i = 0; i < 16; i++) idle.push(await connectOk(agent.url, cert));
    expect(
      await tryPairing(agent.url, await makeConsoleCert('the real console'), agent.secret),
    ).toBe('paired');
    expect(await idle[0]!.closed).toEqual({
      code: 1013,
      reason: 'too many pairing attempts at once',
    });
    for (const c of idle.slice(1)) c.ws.close();
    await Promise.all(idle.map((c) => c.closed));
  });
});

describe('the pairing guard', () => {
  it('makes a source wait a minute after five wrong secrets, doubling each time it runs out again, without touching other sources', () => {
    let t = 1_000_000;
    const guard = createPairingGuard({ now: () => t });
    const fail = (source: string, times: number) => {
      for (let i = 0; i < times; i++) guard.recordFailure(source);
    };
    fail('10.0.0.9|stranger', 4);
    expect(guard.waitMs('10.0.0.9|stranger')).toBe(0);
    fail('10.0.0.9|stranger', 1);
    expect(guard.waitMs('10.0.0.9|stranger')).toBe(PAIR_FAILURE_WINDOW_MS);
    expect(guard.waitMs('10.0.0.9|console')).toBe(0);
    expect(guard.waitMs('10.0.0.7|stranger')).toBe(0);

    t += PAIR_FAILURE_WINDOW_MS;
    expect(guard.waitMs('10.0.0.9|stranger')).toBe(0);
    fail('10.0.0.9|stranger', 5);
    expect(guard.waitMs('10.0.0.9|stranger')).toBe(2 * PAIR_FAILURE_WINDOW_MS);
  });

  it('forgets wrong secrets older than the window', () => {
    let t = 1_000_000;
    const guard = createPairingGuard({ now: () => t });
    for (let i = 0; i < 4; i++) guard.recordFailure('a');
    t += PAIR_FAILURE_WINDOW_MS + 1;
    guard.recordFailure('a');
    expect(guard.waitMs('a')).toBe(0);
  });
});
