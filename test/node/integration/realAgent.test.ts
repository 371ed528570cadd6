// The real console fleet service against the real agent (agent/agent.ts startAgent) over wss with
// mutual TLS on 127.0.0.1: enrolment with the pairing code, lossless ingest into the encrypted store,
// clock offset, revocation, a second site refused, and agent actions run from the console.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readPin, unpair } from '../../../agent/identity.ts';
import { memoryLogger } from '../../../shared/util/logger.ts';
import { startFaultProxy } from '../../helpers/faultProxy.ts';
import { startTestAgent, type TestAgent } from '../agent/agentFixture.ts';
import { setUpFleetSite, type FleetSite } from '../fleet/fleetSite.ts';
import { countStoredSamples } from '../fleet/storedSamples.ts';

const sites: FleetSite[] = [];
afterEach(() => {
  for (const site of sites.splice(0)) site.cleanup();
});

async function site(options: Parameters<typeof setUpFleetSite>[0] = {}): Promise<FleetSite> {
  const s = await setUpFleetSite(options);
  sites.push(s);
  return s;
}

const ACTIONS = `
actions:
  - name: rollback_model
    description: Roll a model back to a known-good version
    params:
      - { name: model, type: string, pattern: '[a-z0-9.-]+', max: 64 }
      - { name: version, type: integer, min: 1, max: 1000 }
    command: [/bin/echo, rollback, '{model}', 'to', '{version}']
    timeoutMs: 5000
`;

const address = (t: TestAgent) => `127.0.0.1:${t.agent.port}`;
const logged = (t: TestAgent, message: string) =>
  t.logs.records.filter((r) => r.message === message);

async function enrol(s: FleetSite, t: TestAgent, name = 'gpu-node-01') {
  const host = await s.admin.must('fleet.enrol', {
    address: address(t),
    pairingCode: t.pairingCode,
    name,
    clusterId: s.clusterId,
  });
  await s.waitForHosts(
    (hosts) =>
      hosts.some((h) => h.id === host.id && h.state === 'online' && h.clockOffsetMs !== null),
    'the host online with a clock offset',
  );
  return host;
}

describe('the console and the real agent', () => {
  it('enrols with the pairing code, stores every spooled batch once, acks it, and shows the host online with a clock offset', async () => {
    const s = await site();
    const t = await startTestAgent();
    const T = Date.now();
    // Spooled before any console is paired: the first session delivers it.
    await t.produce({
      samples: [{ metric: 'host_load1', labels: {}, value: 0.5, tsMs: T }],
      events: [],
    });

    const host = await enrol(s, t);
    expect(host).toMatchObject({ agentId: t.agent.agentId, name: 'gpu-node-01', revokedAt: null });
    expect(t.logs.records.some((r) => r.message === 'paired with console')).toBe(true);

    for (let i = 1; i <= 5; i++) {
      await t.produce({
        samples: [
          {
            metric: 'gpu_utilization_percent',
            labels: { gpu: '0', uuid: 'GPU-a' },
            value: 10 * i,
            tsMs: T + i * 1000,
          },
          { metric: 'host_cpu_utilization', labels: {}, value: i, tsMs: T + i * 1000 },
        ],
        events: [],
      });
    }
    const head = t.agent.spool.headSeq;
    await vi.waitFor(() => expect(t.agent.spool.ackedSeq).toBe(head), {
      timeout: 10_000,
      interval: 20,
    });

    const log = s.query<{ epoch: string; seq: number }>(
      'SELECT epoch, seq FROM ingest_log WHERE host_id = ? ORDER BY seq',
      host.id,
    );
    expect(log).toEqual(
      Array.from({ length: head }, (_, i) => ({ epoch: t.agent.epoch, seq: i + 1 })),
    );
    expect(countStoredSamples(s)).toBe(11);
    expect(s.query('SELECT epoch, acked_seq FROM hosts WHERE id = ?', host.id)).toEqual([
      { epoch: t.agent.epoch, acked_seq: head },
    ]);

    const [listed] = await s.waitForHosts(
      (h) => h[0]?.signals['gpu_utilization_percent'] === 50,
      'the latest signals',
    );
    expect(listed).toMatchObject({
      state: 'online',
      gpuCount: 1,
      simulated: false,
      lastSeenAt: expect.any(String) as unknown,
    });
    expect(Math.abs(listed!.clockOffsetMs!)).toBeLessThan(1000); // same machine: only the round trip
    const detail = await s.admin.must('fleet.host', { hostId: host.id });
    expect(detail.events.some((e) => e.kind === 'started')).toBe(true);
  });

  it('revocation tells the connected agent, which forgets this console at once; the console never dials it again', async () => {
    const s = await site();
    const t = await startTestAgent();
    const host = await enrol(s, t);
    const sessions = logged(t, 'console connected').length;
    expect(sessions).toBeGreaterThanOrEqual(1);

    await s.admin.must('fleet.revoke', { hostId: host.id });
    await vi.waitFor(
      () => expect(logged(t, 'connection closed').length).toBeGreaterThanOrEqual(sessions + 1),
      { timeout: 5000, interval: 20 },
    );
    // The agent heard it: unpaired as by `mirqab-agent unpair`, with the admin's name in its log.
    const revoked = t.logs.records.filter((r) =>
      r.message.startsWith('the paired console revoked this agent'),
    );
    expect(revoked).toEqual([
      expect.objectContaining({
        fields: expect.objectContaining({ reason: 'revoked by admin' }) as unknown,
      }),
    ]);
    expect(readPin(t.identityDir)).toBeNull();
    const audit = await s.admin.must('audit.list', { action: 'fleet.revoke' });
    expect(audit.entries[0]).toMatchObject({
      outcome: 'success',
      details: { agentNotified: true },
    });
    // Absence can only be shown over time: many backoff periods (20-200 ms) pass, and a restart, with no dial.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await s.restart();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(logged(t, 'console connected').length).toBe(sessions);
    expect((await s.admin.must('fleet.list', {}))[0]).toMatchObject({ state: 'revoked' });
  });

  it('an agent offline at revocation keeps its pin (it forgets only when it hears the revoke), and the console never dials it again', async () => {
    const s = await site();
    const t = await startTestAgent();
    const proxy = await startFaultProxy({ port: t.agent.port });
    try {
      const host = await s.admin.must('fleet.enrol', {
        address: proxy.address,
        pairingCode: t.pairingCode,
        name: 'gpu-node-02',
        clusterId: s.clusterId,
      });
      await s.waitForHosts((hosts) => hosts[0]?.state === 'online', 'the host online');
      proxy.drop();
      await s.waitForHosts((hosts) => hosts[0]?.state !== 'online', 'the host offline');
      await s.admin.must('fleet.revoke', { hostId: host.id });
      const sessions = logged(t, 'console connected').length;
      proxy.pass();
      // Absence can only be shown over time: many backoff periods (20-200 ms) pass with no session.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(logged(t, 'console connected')).toHaveLength(sessions);
      expect(readPin(t.identityDir)).not.toBeNull();
      const audit = await s.admin.must('audit.list', { action: 'fleet.revoke' });
      expect(audit.entries[0]).toMatchObject({
        outcome: 'success',
        details: { agentNotified: false },
      });
    } finally {
      await proxy.close();
    }
  });

  it('a second site cannot enrol an agent paired with another console: refused before the upgrade and logged on both sides', async () => {
    const first = await site();
    const t = await startTestAgent();
    await enrol(first, t);

    const consoleLog = memoryLogger();
    const second = await site({ siteName: 'Dubai DR site', logger: consoleLog });
    const result = await second.admin.call('fleet.enrol', {
      address: address(t),
      pairingCode: t.pairingCode,
      name: 'stolen',
      clusterId: second.clusterId,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(
          /HTTP 403.*not the console this agent is paired with/,
        ) as unknown,
      },
    });
    expect(second.query('SELECT * FROM hosts')).toEqual([]);

    expect(logged(t, 'connection refused').at(-1)?.fields).toMatchObject({ status: 403 });
    expect(
      consoleLog.records.find((r) => r.message === 'fleet: enrolment failed')?.fields,
    ).toMatchObject({ code: 'REFUSED' });
    const audit = await second.admin.must('audit.list', { action: 'fleet.enrol' });
    expect(audit.entries[0]).toMatchObject({ outcome: 'failure', details: { code: 'REFUSED' } });
    // The first site keeps its session.
    expect((await first.admin.must('fleet.list', {}))[0]).toMatchObject({ state: 'online' });
  });

  it('a host whose agent was re-paired elsewhere shows as refused with the agent reason', async () => {
    const s = await site();
    const t = await startTestAgent();
    await enrol(s, t);
    unpair(t.identityDir);
    t.agent.revalidate();
    const [refused] = await s.waitForHosts((h) => h[0]?.state === 'refused', 'the refusal');
    expect(refused!.stateReason).toMatch(/console unpaired|no longer paired/);
    // Redials reach an agent that only pairs now; they are refused without burning its pairing attempts.
    await s.waitForHosts(
      (h) => /no longer paired.*enrol it again/.test(h[0]?.stateReason ?? ''),
      'the redial refused',
    );
    expect(logged(t, 'pairing refused: wrong secret')).toEqual([]);
  });
});

describe('agent actions from the console', () => {
  it('runs a declared action, returns the agent reason for invalid parameters, refuses undeclared actions and viewers, and audits all of it', async () => {
    const s = await site();
    const t = await startTestAgent({ yaml: ACTIONS });
    const host = await enrol(s, t);
    const detail = await s.admin.must('fleet.host', { hostId: host.id });
    expect(detail.actions).toEqual([
      expect.objectContaining({
        name: 'rollback_model',
        timeoutMs: 5000,
        params: [
          expect.objectContaining({ name: 'model' }),
          expect.objectContaining({ name: 'version' }),
        ],
      }),
    ]);

    const operator = await s.operatorWithRole('operator');
    const ok = await operator.must('fleet.runAction', {
      hostId: host.id,
      action: 'rollback_model',
      params: { model: 'llama-3-70b', version: 6 },
    });
    expect(ok).toMatchObject({
      status: 'ok',
      exitCode: 0,
      output: 'rollback llama-3-70b to 6\n',
      reason: null,
    });

    const invalid = await operator.must('fleet.runAction', {
      hostId: host.id,
      action: 'rollback_model',
      params: { model: 'x; rm -rf /', version: 6 },
    });
    expect(invalid).toMatchObject({
      status: 'rejected',
      exitCode: null,
      reason: expect.stringMatching(/parameter "model" does not match the pattern/) as unknown,
    });
    const tooHigh = await operator.must('fleet.runAction', {
      hostId: host.id,
      action: 'rollback_model',
      params: { model: 'llama', version: 5000 },
    });
    expect(tooHigh).toMatchObject({
      status: 'rejected',
      reason: 'parameter "version" must be at most 1000',
    });

    const before = logged(t, 'action refused').length;
    const undeclared = await operator.call('fleet.runAction', {
      hostId: host.id,
      action: 'format_disk',
      params: {},
    });
    expect(undeclared).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringMatching(
          /declares no action "format_disk".*rollback_model/,
        ) as unknown,
      },
    });
    expect(logged(t, 'action refused').length).toBe(before); // never sent

    const viewer = await s.operatorWithRole('viewer');
    const denied = await viewer.call('fleet.runAction', {
      hostId: host.id,
      action: 'rollback_model',
      params: { model: 'llama', version: 1 },
    });
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const audit = await s.admin.must('audit.list', { action: 'fleet.runAction' });
    const entries = audit.entries.filter((e) => e.actor === 'operator');
    expect(
      entries.map((e) => [
        e.outcome,
        (e.details as { status?: string }).status ?? (e.details as { code?: string }).code,
      ]),
    ).toEqual([
      ['denied', 'UNDECLARED'],
      ['failure', 'rejected'],
      ['failure', 'rejected'],
      ['success', 'ok'],
    ]);
    expect(entries.at(-1)).toMatchObject({
      target: `host:${host.id}`,
      details: {
        action: 'rollback_model',
        params: { model: 'llama-3-70b', version: 6 },
        exitCode: 0,
        output: 'rollback llama-3-70b to 6\n',
      },
    });
  });
});
