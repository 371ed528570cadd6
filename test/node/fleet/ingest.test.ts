// Lossless ingest over real sockets: exactly-once with resends, cumulative acks, reported gaps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeAgentPeer, samplesAt } from './fakeAgentPeer.ts';
import { FAST_FLEET, setUpFleetSite, type FleetSite } from './fleetSite.ts';
import { countStoredSamples, storedMinuteTotals } from './storedSamples.ts';

let site: FleetSite;
let agent: FakeAgentPeer;
let hostId: number;
const T0 = Date.parse('2026-11-26T05:00:00.000Z');

beforeEach(async () => {
  site = await setUpFleetSite();
  agent = await FakeAgentPeer.start();
  const host = await site.admin.must('fleet.enrol', {
    address: agent.address,
    pairingCode: agent.pairingCode,
    name: 'gpu-node-01',
    clusterId: site.clusterId,
  });
  hostId = host.id;
  // The pairing connection closes (1000 'paired') and the console reconnects and says hello.
  await agent.waitFor(
    () => agent.connections >= 2 && agent.greetedConsoles === 1,
    'the console to connect',
  );
});
afterEach(async () => {
  site.cleanup();
  await agent.close();
});

function count(table: string): number {
  return site.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;
}

describe('telemetry ingest', () => {
  it('stores every batch exactly once when the agent resends everything after reconnecting', async () => {
    agent.ignoreAcks = true; // the agent never trims its spool, so each reconnect resends all of it
    for (let i = 0; i < 20; i++) {
      agent.enqueue(
        samplesAt(
          T0 + i * 1000,
          { gpu_utilization_percent: i, gpu_temperature_celsius: 40 + i },
          { gpu: '0' },
        ),
      );
    }
    await agent.waitFor(() => agent.lastAck === 20, 'ack 20');
    for (let round = 0; round < 2; round++) {
      const acksBefore = agent.acks.length;
      agent.dropConnections();
      await agent.waitFor(
        () => agent.acks.length >= acksBefore + 20,
        'the resent batches to be acked',
      );
    }
    expect(agent.acks.at(-1)).toEqual({ epoch: agent.epoch, seq: 20 });
    expect(count('ingest_log')).toBe(20);
    expect(countStoredSamples(site)).toBe(40);
    // Two series, nothing to convert, and the log folded as each small commit landed.
    expect(await site.admin.must('fleet.storageStatus', {})).toEqual({
      converting: false,
      seriesDone: 2,
      seriesTotal: 2,
      loggedSamples: 0,
      intake: expect.objectContaining({ paused: false, pauses: 0, unfoldedSamples: 0 }) as unknown,
    });
    const gpuSeries = site.query<{ id: number }>(
      'SELECT id FROM series WHERE metric = ?',
      'gpu_utilization_percent',
    );
    expect(
      storedMinuteTotals(
        site,
        gpuSeries.map((r) => r.id),
      ),
    ).toEqual({ n: 20, total: (19 * 20) / 2 });

    const [host] = await site.waitForHosts(
      (h) => h[0]?.signals['gpu_utilization_percent'] === 19,
      'the latest signals',
    );
    expect(host).toMatchObject({ gpuCount: 1, lastSeenAt: expect.any(String) as unknown });
  });

  it('acks cumulatively: a batch after a hole is committed but the ack waits for the hole to fill', async () => {
    const frame = (seq: number) => ({
      type: 'telemetry' as const,
      epoch: 'e-manual',
      seq,
      samples: samplesAt(T0 + seq * 1000, { host_load1: seq }),
      events: [],
    });
    const acks = () => agent.acks.filter((a) => a.epoch === 'e-manual').map((a) => a.seq);
    for (const seq of [1, 2, 3]) agent.sendRaw(frame(seq));
    await agent.waitFor(() => acks().length === 3, 'three acks');
    agent.sendRaw(frame(5));
    await agent.waitFor(() => acks().length === 4, 'the ack for 5');
    agent.sendRaw(frame(3)); // a duplicate is acked again and not stored again
    await agent.waitFor(() => acks().length === 5, 'the duplicate ack');
    agent.sendRaw(frame(4));
    await agent.waitFor(() => acks().length === 6, 'the ack for 4');
    expect(acks()).toEqual([1, 2, 3, 3, 3, 5]);
    expect(site.query('SELECT seq FROM ingest_log ORDER BY seq')).toEqual(
      [1, 2, 3, 4, 5].map((seq) => ({ seq })),
    );
    expect(countStoredSamples(site)).toBe(5);
  });

  it('a gap the agent reports is stored, audited and shown on the host, and the ack moves past it', async () => {
    const gap = {
      kind: 'gap' as const,
      severity: 'warning' as const,
      message: 'spool full: dropped 2 batches',
      tsMs: T0,
      details: { fromSeq: 1, toSeq: 2, batches: 2 },
    };
    agent.sendRaw({
      type: 'telemetry',
      epoch: 'e-gap',
      seq: 3,
      samples: samplesAt(T0, { host_load1: 1 }),
      events: [gap],
    });
    await agent.waitFor(() => agent.acks.some((a) => a.epoch === 'e-gap'), 'the ack');
    expect(agent.acks.find((a) => a.epoch === 'e-gap')).toEqual({ epoch: 'e-gap', seq: 3 });

    const detail = await site.admin.must('fleet.host', { hostId });
    expect(detail.events[0]).toMatchObject({
      kind: 'gap',
      severity: 'warning',
      details: { fromSeq: 1, toSeq: 2 },
    });
    const audit = await site.admin.must('audit.list', { action: 'fleet.gap' });
    expect(audit.entries[0]).toMatchObject({
      actor: `agent:${agent.agentId}`,
      outcome: 'failure',
      details: { fromSeq: 1, toSeq: 2, epoch: 'e-gap' },
    });
  });

  it('coalesces fleet.changed: a burst of batches yields few events, spaced by the throttle', async () => {
    const seen: { at: number; hostIds: number[] }[] = [];
    const off = site.app.onEvent((event, payload) => {
      if (event === 'fleet.changed')
        seen.push({ at: Date.now(), hostIds: (payload as { hostIds: number[] }).hostIds });
    });
    for (let i = 0; i < 200; i++) agent.enqueue(samplesAt(T0 + i, { host_load1: i }));
    await agent.waitFor(() => agent.lastAck === 200, 'ack 200');
    await site.waitForHosts((h) => h[0]?.signals['host_load1'] === 199, 'the last batch to show');
    off();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(100);
    expect(seen.every((e) => e.hostIds.length === 1 && e.hostIds[0] === hostId)).toBe(true);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(FAST_FLEET.notifyEveryMs - 2);
  });

  it('serves charts from the stored samples and the live host detail groups GPUs and model services', async () => {
    const now = site.clock.now().getTime();
    for (let i = 0; i < 30; i++) {
      agent.enqueue([
        ...samplesAt(now - (30 - i) * 10_000, { gpu_utilization_percent: i }, { gpu: '0' }),
        ...samplesAt(now - (30 - i) * 10_000, { gpu_utilization_percent: 100 - i }, { gpu: '1' }),
        ...samplesAt(
          now - (30 - i) * 10_000,
          { queue_depth: 10 },
          { model: 'llama-3-70b', version: '7' },
        ),
      ]);
    }
    await agent.waitFor(() => agent.lastAck === 30, 'ack 30');
    const live = await site.admin.must('fleet.series', {
      hostId,
      metric: 'gpu_utilization_percent',
      labels: { gpu: '0' },
      range: 'live',
      maxPoints: 10,
    });
    expect(live.source).toBe('raw');
    expect(live.points).toHaveLength(10);
    expect(live.points[0]).toEqual([now - 300_000, 0]);
    expect(live.points.at(-1)).toEqual([now - 10_000, 29]);
    const day = await site.admin.must('fleet.series', {
      hostId,
      metric: 'gpu_utilization_percent',
      labels: { gpu: '0' },
      range: '24h',
      maxPoints: 600,
    });
    expect(day.source).toBe('1m');
    expect(day.points.length).toBeGreaterThanOrEqual(5);

    const detail = await site.admin.must('fleet.host', { hostId });
    expect(detail.gpus.map((g) => [g.gpu, g.metrics['gpu_utilization_percent']])).toEqual([
      ['0', 29],
      ['1', 71],
    ]);
    expect(detail.modelServices).toEqual([
      expect.objectContaining({ model: 'llama-3-70b', version: '7', metrics: { queue_depth: 10 } }),
    ]);
    const missing = await site.admin.call('fleet.series', {
      hostId: 999,
      metric: 'gpu_utilization_percent',
      range: '1h',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
