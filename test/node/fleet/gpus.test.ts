// fleet.gpus over real sockets: every GPU's latest reading with its host in one call, per cluster,
// with the health NVML's own counters imply.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gpuHealth } from '../../../shared/domain/gpuHealth.ts';
import { FakeAgentPeer, samplesAt } from './fakeAgentPeer.ts';
import { setUpFleetSite, type FleetSite } from './fleetSite.ts';

let site: FleetSite;
const agents: FakeAgentPeer[] = [];

async function enrolAgent(
  name: string,
  clusterId: number,
): Promise<{ agent: FakeAgentPeer; hostId: number }> {
  const agent = await FakeAgentPeer.start();
  agents.push(agent);
  const host = await site.admin.must('fleet.enrol', {
    address: agent.address,
    pairingCode: agent.pairingCode,
    name,
    clusterId,
  });
  await agent.waitFor(() => agent.greetedConsoles === 1, `${name} to be greeted`);
  return { agent, hostId: host.id };
}

describe('fleet.gpus', () => {
  beforeEach(async () => {
    site = await setUpFleetSite();
  });
  afterEach(async () => {
    site.cleanup();
    await Promise.all(agents.splice(0).map((a) => a.close()));
  });

  it('gives every GPU of a cluster with its host, latest values and health, in one call', async () => {
    const { agent, hostId } = await enrolAgent('gpu-node-01', site.clusterId);
    const other = await site.admin.must('fleet.createCluster', {
      name: 'DGX pod B',
      site: 'Dubai DC2',
      kind: 'gpu_cluster',
      labels: {},
    });
    const { agent: elsewhere, hostId: elsewhereId } = await enrolAgent('gpu-node-99', other.id);
    const now = site.clock.now().getTime();
    const GiB = 1024 ** 3;
    agent.enqueue([
      ...samplesAt(
        now - 10_000,
        { gpu_utilization_percent: 10, gpu_temperature_celsius: 50 },
        { gpu: '0', uuid: 'GPU-aaa' },
      ),
      ...samplesAt(
        now,
        {
          gpu_utilization_percent: 97,
          gpu_memory_used_bytes: 60 * GiB,
          gpu_memory_total_bytes: 80 * GiB,
          gpu_temperature_celsius: 71,
          gpu_power_watts: 640.5,
          gpu_power_limit_watts: 700,
          gpu_clock_event_reasons_mask: 0x4,
        },
        { gpu: '0', uuid: 'GPU-aaa' },
      ),
      ...samplesAt(
        now,
        {
          gpu_utilization_percent: 0,
          gpu_temperature_celsius: 88,
          gpu_clock_event_reasons_mask: 0x40,
          gpu_ecc_uncorrected_total: 0,
        },
        { gpu: '1', uuid: 'GPU-bbb' },
      ),
      ...samplesAt(
        now,
        { gpu_utilization_percent: 0, gpu_ecc_uncorrected_total: 2 },
        { gpu: '10', uuid: 'GPU-ccc' },
      ),
      ...samplesAt(now, { host_cpu_utilization: 12 }), // a host metric: no GPU row
      ...samplesAt(now, { queue_depth: 3 }, { model: 'llama-3-70b', version: '7' }),
    ]);
    elsewhere.enqueue(
      samplesAt(now, { gpu_utilization_percent: 55 }, { gpu: '0', uuid: 'GPU-zzz' }),
    );
    await agent.waitFor(() => agent.lastAck === 1, 'ack 1');
    await elsewhere.waitFor(() => elsewhere.lastAck === 1, 'ack 1 elsewhere');

    const gpus = await site.admin.must('fleet.gpus', { clusterId: site.clusterId });
    expect(
      gpus.map((g) => [g.hostName, g.gpu, g.index, g.uuid, g.health, g.healthReasons]),
    ).toEqual([
      ['gpu-node-01', '0', 0, 'GPU-aaa', 'ok', []], // SW power cap alone is a GPU working at its limit
      ['gpu-node-01', '1', 1, 'GPU-bbb', 'warning', ['thermal_slowdown']],
      ['gpu-node-01', '10', 10, 'GPU-ccc', 'critical', ['ecc_uncorrected']], // numeric order: 10 after 1
    ]);
    expect(gpus[0]).toEqual({
      hostId,
      hostName: 'gpu-node-01',
      clusterId: site.clusterId,
      hostState: 'online',
      gpu: '0',
      index: 0,
      uuid: 'GPU-aaa',
      name: null,
      utilizationPercent: 97,
      memoryUsedBytes: 60 * GiB,
      memoryTotalBytes: 80 * GiB,
      temperatureC: 71,
      powerW: 640.5,
      powerLimitW: 700,
      health: 'ok',
      healthReasons: [],
      updatedAtMs: now,
    });
    expect(gpus[2]).toMatchObject({ temperatureC: null, memoryUsedBytes: null, powerW: null });

    // Without a cluster: the whole fleet; an unknown cluster is an error, not an empty heatmap.
    const all = await site.admin.must('fleet.gpus', {});
    expect(all.map((g) => [g.hostId, g.uuid])).toEqual(
      expect.arrayContaining([
        [elsewhereId, 'GPU-zzz'],
        [hostId, 'GPU-aaa'],
      ]),
    );
    expect(all).toHaveLength(4);
    expect(await site.admin.call('fleet.gpus', { clusterId: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // A viewer reads it too (fleet.read); a revoked host's GPUs are gone from the readings.
    const viewer = await site.operatorWithRole('viewer');
    expect(await viewer.must('fleet.gpus', { clusterId: other.id })).toHaveLength(1);
    await site.admin.must('fleet.revoke', { hostId: elsewhereId });
    expect(await site.admin.must('fleet.gpus', { clusterId: other.id })).toEqual([]);
  });
});

describe('GPU health', () => {
  it('follows what NVML flags: ECC and row-remap failures are critical, slowdowns a warning', () => {
    expect(gpuHealth({})).toEqual({ health: 'ok', reasons: [] });
    expect(gpuHealth({ gpu_clock_event_reasons_mask: 0x1 | 0x4 })).toEqual({
      health: 'ok',
      reasons: [],
    });
    expect(gpuHealth({ gpu_clock_event_reasons_mask: 0x8 | 0x20 | 0x80 })).toEqual({
      health: 'warning',
      reasons: ['thermal_slowdown', 'hw_slowdown', 'power_brake'],
    });
    expect(gpuHealth({ gpu_remapped_rows_pending: 1 })).toEqual({
      health: 'warning',
      reasons: ['row_remap_pending'],
    });
    expect(
      gpuHealth({ gpu_remapped_rows_failure: 1, gpu_clock_event_reasons_mask: 0x40 }).health,
    ).toBe('critical');
    expect(gpuHealth({ gpu_clock_event_reasons_mask: 4.5 })).toEqual({ health: 'ok', reasons: [] }); // an averaged mask decodes to nothing
  });
});
