// Enrolment, refusal and revocation over real wss + mutual TLS on 127.0.0.1 with a real encrypted store.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatPairingCode } from '../../../shared/agent-protocol/pairing.ts';
import { FakeAgentPeer } from './fakeAgentPeer.ts';
import { setUpFleetSite, type FleetSite } from './fleetSite.ts';

let site: FleetSite;
const peers: FakeAgentPeer[] = [];

async function peer(
  options: Parameters<typeof FakeAgentPeer.start>[0] = {},
): Promise<FakeAgentPeer> {
  const p = await FakeAgentPeer.start(options);
  peers.push(p);
  return p;
}

beforeEach(async () => {
  site = await setUpFleetSite();
});
afterEach(async () => {
  site.cleanup();
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

describe('enrolment', () => {
  it('an admin enrols an agent with its pairing code: the agent pins this console, the host comes online, and it is audited', async () => {
    const agent = await peer({ simulated: true });
    const host = await site.admin.must('fleet.enrol', {
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'gpu-node-01',
      clusterId: site.clusterId,
    });
    expect(host).toMatchObject({
      agentId: agent.agentId,
      name: 'gpu-node-01',
      clusterName: 'DGX pod A',
      revokedAt: null,
    });
    expect(agent.pinnedConsole).toMatch(/^[0-9a-f]{64}$/);

    // Pairing carries no hello: the session's hello says whether the agent is simulated.
    const [online] = await site.waitForHosts(
      (hosts) => hosts[0]?.state === 'online' && hosts[0].simulated,
      'the host to come online',
    );
    expect(online).toMatchObject({ id: host.id, state: 'online', simulated: true });
    const stored = site.query<{ fingerprint: string }>(
      'SELECT fingerprint FROM hosts WHERE id = ?',
      host.id,
    );
    expect(stored).toEqual([{ fingerprint: agent.identity.fingerprint }]);

    const audit = await site.admin.must('audit.list', { action: 'fleet.enrol' });
    expect(audit.entries[0]).toMatchObject({
      actor: 'admin',
      outcome: 'success',
      target: `host:${host.id}`,
      details: { agentId: agent.agentId, fingerprint: agent.identity.fingerprint },
    });
  });

  it('refuses an agent whose certificate is not the one in the pairing code, sends it no secret, and stores no host', async () => {
    const agent = await peer();
    const impostorCode = formatPairingCode({
      fingerprint: randomBytes(32).toString('hex'),
      secret: agent.secret,
    });
    const result = await site.admin.call('fleet.enrol', {
      address: agent.address,
      pairingCode: impostorCode,
      name: 'gpu-node-02',
      clusterId: site.clusterId,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CONFLICT');
    expect(result.error.message).toMatch(/not the pinned|pairing code/);
    expect(agent.pairAttempts).toBe(0);
    expect(agent.pinnedConsole).toBeNull();
    expect(await site.admin.must('fleet.list', {})).toEqual([]);
    expect(site.query('SELECT * FROM hosts')).toEqual([]);
    const audit = await site.admin.must('audit.list', { action: 'fleet.enrol' });
    expect(audit.entries[0]).toMatchObject({
      outcome: 'failure',
      target: `address:${agent.address}`,
      details: { code: 'REFUSED' },
    });
  });

  it('refuses a wrong pairing secret, a malformed code, an unknown cluster and an unreachable address with clear errors', async () => {
    const agent = await peer();
    const wrongSecret = formatPairingCode({
      fingerprint: agent.identity.fingerprint,
      secret: randomBytes(16).toString('hex'),
    });
    const refused = await site.admin.call('fleet.enrol', {
      address: agent.address,
      pairingCode: wrongSecret,
      name: 'n',
      clusterId: site.clusterId,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/refused pairing/) as unknown },
    });
    expect(agent.pinnedConsole).toBeNull();

    const malformed = await site.admin.call('fleet.enrol', {
      address: agent.address,
      pairingCode: 'mq1.nothex',
      name: 'n',
      clusterId: site.clusterId,
    });
    expect(malformed).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/mq1\.<64 hex>/) as unknown },
    });

    const noCluster = await site.admin.call('fleet.enrol', {
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'n',
      clusterId: 999,
    });
    expect(noCluster).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const closed = await FakeAgentPeer.start();
    const address = closed.address;
    await closed.close();
    const unreachable = await site.admin.call('fleet.enrol', {
      address,
      pairingCode: closed.pairingCode,
      name: 'n',
      clusterId: site.clusterId,
    });
    expect(unreachable).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/Could not reach/) as unknown },
    });
    expect(site.query('SELECT * FROM hosts')).toEqual([]);
  });

  it('only admins may enrol or revoke; every role may read the fleet', async () => {
    const operator = await site.operatorWithRole('operator');
    const agent = await peer();
    const denied = await operator.call('fleet.enrol', {
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'n',
      clusterId: site.clusterId,
    });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(agent.connections).toBe(0);
    expect(await operator.must('fleet.list', {})).toEqual([]);
  });
});

describe('connections', () => {
  it('measures the agent clock offset and redials after the connection drops', async () => {
    const agent = await peer({ clockSkewMs: 5_000 });
    const host = await site.admin.must('fleet.enrol', {
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'cpu-01',
      clusterId: site.clusterId,
    });
    const [measured] = await site.waitForHosts(
      (h) => h[0]?.clockOffsetMs != null,
      'a clock offset',
    );
    expect(measured!.clockOffsetMs).toBeGreaterThan(4_900);
    expect(measured!.clockOffsetMs).toBeLessThan(5_100);

    const before = agent.connections;
    agent.dropConnections();
    await agent.waitFor(
      () => agent.connections > before && agent.connected === 1,
      'the console to redial',
    );
    await site.waitForHosts((h) => h[0]?.state === 'online', 'the host back online');
    expect((await site.admin.must('fleet.host', { hostId: host.id })).host.state).toBe('online');
  });

  it('shows a hung agent as silent after three missed heartbeats, and online again when it answers', async () => {
    const agent = await peer();
    await site.admin.must('fleet.enrol', {
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'gpu-node-05',
      clusterId: site.clusterId,
    });
    await site.waitForHosts((h) => h[0]?.state === 'online', 'online');
    agent.answerPings = false;
    const [silent] = await site.waitForHosts(
      (h) => h[0]?.state === 'silent',
      'the host to go silent',
    );
    expect(silent!.stateReason).toMatch(/no heartbeat/);
    agent.answerPings = true;
    await site.waitForHosts((h) => h[0]?.state === 'online', 'the host back online');
  });

  it('marks a host refused when the agent no longer accepts this console', async () => {
    const agent = await peer();
    await site.admin.must('fleet.enrol', {
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'gpu-node-06',
      clusterId: site.clusterId,
    });
    await site.waitForHosts((h) => h[0]?.state === 'online', 'online');
    agent.pinnedConsole = 'f'.repeat(64); // the agent was re-paired with another console
    agent.dropConnections();
    const [refused] = await site.waitForHosts((h) => h[0]?.state === 'refused', 'the refusal');
    expect(refused!.stateReason).toMatch(/agent refused.*another console/);
    expect(agent.refusedConnections).toBeGreaterThan(0);
  });

  it('a revoked host is never dialled again, not even after a console restart', async () => {
    const agent = await peer();
    const host = await site.admin.must('fleet.enrol', {
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'gpu-node-03',
      clusterId: site.clusterId,
    });
    await site.waitForHosts((h) => h[0]?.state === 'online', 'online');
    await site.admin.must('fleet.revoke', { hostId: host.id });
    await agent.waitFor(() => agent.connected === 0, 'the console to hang up');
    const dialsAtRevocation = agent.connections;

    // Absence can only be shown over time: many backoff periods (20-200 ms) pass with no dial.
    await delay(600);
    await site.restart();
    await delay(400);
    expect(agent.connections).toBe(dialsAtRevocation);
    const [revoked] = await site.admin.must('fleet.list', {});
    expect(revoked).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) as unknown });
    const audit = await site.admin.must('audit.list', { action: 'fleet.revoke' });
    expect(audit.entries[0]).toMatchObject({
      actor: 'admin',
      outcome: 'success',
      target: `host:${host.id}`,
    });
    const again = await site.admin.call('fleet.revoke', { hostId: host.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('marks a host refused when another certificate answers at its address, and reconnects dial the pinned one only', async () => {
    const agent = await peer();
    await site.admin.must('fleet.enrol', {
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'gpu-node-04',
      clusterId: site.clusterId,
    });
    await site.waitForHosts((h) => h[0]?.state === 'online', 'online');
    const port = Number(agent.address.split(':')[1]);
    await agent.close();
    const impostor = await peer({ port, agentId: agent.agentId });
    const [refused] = await site.waitForHosts(
      (h) => h[0]?.state === 'refused',
      'the impostor to be refused',
    );
    expect(refused!.stateReason).toMatch(/not the pinned/);
    expect(impostor.connected).toBe(0);
  });
});
