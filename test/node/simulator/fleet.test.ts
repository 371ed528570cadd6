// A simulated site of real agents: a console (a real wss client with a client certificate) pairs
// with each, receives canonical telemetry, and sees host_down and network_partition as it would on
// a real network. The simulation clock is the test's; ticks are explicit.
import { EventEmitter, once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startSimulatedFleet, type SimulatedAgent } from '../../../agent/simulator/fleet.ts';
import type { FrameOf } from '../../../shared/agent-protocol/index.ts';
import { parsePairingCode } from '../../../shared/agent-protocol/pairing.ts';
import { makeConsoleCert, type KeyAndCertificate } from '../../helpers/agentCerts.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { connectConsole, connectOk, type TestConsole } from '../agent/consoleClient.ts';

const HOST_SIGNALS = [
  'host_cpu_utilization',
  'host_load1',
  'host_load5',
  'host_load15',
  'host_memory_total_bytes',
  'host_memory_used_bytes',
  'host_disk_total_bytes',
  'host_disk_used_bytes',
  'host_network_rx_bytes_per_second',
  'host_network_tx_bytes_per_second',
];
const GPU_SIGNALS = [
  'gpu_utilization_percent',
  'gpu_memory_used_bytes',
  'gpu_memory_total_bytes',
  'gpu_temperature_celsius',
  'gpu_power_watts',
  'gpu_power_limit_watts',
  'gpu_sm_clock_mhz',
  'gpu_xid_last',
  'gpu_ecc_corrected_total',
  'gpu_ecc_uncorrected_total',
  'gpu_remapped_rows_correctable',
  'gpu_remapped_rows_uncorrectable',
  'gpu_clock_event_reasons_mask',
  'gpu_info',
];
const MODEL_SIGNALS = [
  'requests_total',
  'errors_total',
  'latency_seconds_bucket',
  'latency_seconds_sum',
  'latency_seconds_count',
  'latency_p50_seconds',
  'latency_p95_seconds',
  'latency_p99_seconds',
  'queue_depth',
  'tokens_generated_total',
  'kv_cache_usage_ratio',
  'in_flight_requests',
  // The version's model and code digests, for change records' reproducibility.
  'model_build_info',
];
/** Drill signals no real collector has yet (see the report): online accuracy, prediction drift and feature-pipeline lag. */
const SIMULATOR_SIGNALS = [
  'model_accuracy_ratio',
  'prediction_drift_score',
  'data_pipeline_lag_seconds',
];

async function startFleet(hosts: number) {
  let clock = Date.now();
  const linkEvents = new EventEmitter();
  const fleet = await startSimulatedFleet({
    hosts,
    gpusPerHost: 2,
    models: ['llama-3-8b', 'gpt2-small'],
    seed: 3,
    dir: tempDir('mirqab-sim-'),
    now: () => clock,
    autoTick: false,
    onLinkEvent: (host, event) => linkEvents.emit(event, host),
  });
  onTestFinished(() => fleet.stop());
  const advance = async (seconds: number) => {
    clock += seconds * 1000;
    await fleet.tick();
  };
  return { fleet, advance, linkEvents };
}

async function pairWith(agent: SimulatedAgent, cert: KeyAndCertificate): Promise<void> {
  const code = parsePairingCode(agent.pairingCode ?? '');
  if (!code.ok) throw new Error(code.reason);
  const c = await connectOk(`wss://${agent.address}`, cert);
  expect(c.agentFingerprint).toBe(code.code.fingerprint);
  c.send({ type: 'pair', secret: code.code.secret, consoleName: 'test console' });
  await c.next('paired');
  await c.closed;
}

async function session(
  agent: SimulatedAgent,
  cert: KeyAndCertificate,
): Promise<{ c: TestConsole; hello: FrameOf<'hello'> }> {
  const c = await connectOk(`wss://${agent.address}`, cert);
  const hello = await c.next('hello');
  c.send({
    type: 'hello',
    v: 1,
    role: 'console',
    id: 'site-test',
    name: 'test console',
    sentAtMs: Date.now(),
  });
  onTestFinished(() => c.ws.terminate());
  return { c, hello };
}

const withSamples = (f: FrameOf<'telemetry'>) => f.samples.length > 0;

describe('a simulated fleet of real agents', () => {
  it('starts three agents a console pairs with and receives canonical telemetry from, marked simulated', async () => {
    const { fleet, advance } = await startFleet(3);
    expect(fleet.agents.map((a) => a.name)).toEqual(['sim-gpu-01', 'sim-gpu-02', 'sim-gpu-03']);
    expect(new Set(fleet.agents.map((a) => a.port)).size).toBe(3);
    const cert = await makeConsoleCert();
    await Promise.all(fleet.agents.map((a) => pairWith(a, cert)));
    const sessions = await Promise.all(fleet.agents.map((a) => session(a, cert)));
    await advance(10);
    for (const [i, { c, hello }] of sessions.entries()) {
      expect(hello).toMatchObject({
        role: 'agent',
        id: fleet.agents[i]!.agentId,
        name: fleet.agents[i]!.name,
        simulated: true,
      });
      const telemetry = await c.next('telemetry', withSamples);
      const names = new Set(telemetry.samples.map((s) => s.metric));
      expect([...names].sort()).toEqual(
        [...HOST_SIGNALS, ...GPU_SIGNALS, ...MODEL_SIGNALS, ...SIMULATOR_SIGNALS].sort(),
      );
      expect(
        new Set(
          telemetry.samples.filter((s) => s.metric === 'gpu_power_watts').map((s) => s.labels.gpu),
        ),
      ).toEqual(new Set(['0', '1']));
      expect(
        new Set(
          telemetry.samples.filter((s) => s.metric === 'requests_total').map((s) => s.labels.model),
        ),
      ).toEqual(new Set(['llama-3-8b', 'gpt2-small']));
    }
  });

  it('catches up a clock that jumps two minutes ahead with a sample every 15 s, so each minute of the gap keeps its counters', async () => {
    const { fleet, advance } = await startFleet(1);
    const cert = await makeConsoleCert();
    await pairWith(fleet.agents[0]!, cert);
    const { c } = await session(fleet.agents[0]!, cert);
    const from = fleet.simulation.timeMs;
    await advance(120);
    const stamps = new Set<number>();
    while (stamps.size < 8) {
      const frame = await c.next('telemetry', withSamples);
      for (const s of frame.samples) if (s.metric === 'requests_total') stamps.add(s.tsMs);
    }
    expect([...stamps].sort((a, b) => a - b)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => from + i * 15_000),
    );
  });

  it('reports an injected fault as a fault_injected event from the targeted agent', async () => {
    const { fleet } = await startFleet(2);
    const cert = await makeConsoleCert();
    await pairWith(fleet.agents[1]!, cert);
    const { c } = await session(fleet.agents[1]!, cert);
    const fault = await fleet.inject({
      kind: 'latency_spike',
      target: { host: 'sim-gpu-02', model: 'gpt2-small' },
      durationSeconds: 120,
    });
    const frame = await c.next('telemetry', (f) =>
      f.events.some((e) => e.kind === 'fault_injected'),
    );
    expect(frame.events.find((e) => e.kind === 'fault_injected')).toMatchObject({
      details: { faultId: fault.id, fault: 'latency_spike', durationSeconds: 120 },
    });
    expect(fleet.activeFaults().map((f) => f.id)).toEqual([fault.id]);
    await expect(
      fleet.inject({ kind: 'host_down', target: { host: 'sim-gpu-09' }, durationSeconds: 5 }),
    ).rejects.toThrow(RangeError);
  });

  it('declares scale_replicas and fail_over in hello and runs them from a console command against the simulation', async () => {
    const { fleet } = await startFleet(2);
    const cert = await makeConsoleCert();
    await pairWith(fleet.agents[0]!, cert);
    const { c, hello } = await session(fleet.agents[0]!, cert);
    expect(hello.actions?.map((a) => a.name)).toEqual([
      'scale_replicas',
      'fail_over',
      'deploy_model_version',
      'rollback_model',
      'set_traffic_split',
      'drain_host',
      'pause_pipeline',
      'restart_service',
    ]);
    c.send({
      type: 'command',
      id: 'cmd-failover-1',
      action: 'fail_over',
      params: { model: 'gpt2-small', standby: 'sim-gpu-02' },
    });
    expect(await c.next('command_result')).toMatchObject({
      id: 'cmd-failover-1',
      status: 'ok',
      output:
        'gpt2-small: traffic moved from sim-gpu-01 to sim-gpu-02 (sim-gpu-02 now takes 2× its own share)\n',
    });
    const share = (host: string) =>
      fleet.simulation.host(host)!.services.find((s) => s.model === 'gpt2-small')!.trafficShare;
    expect([share('sim-gpu-01'), share('sim-gpu-02')]).toEqual([0, 2]);
    c.send({
      type: 'command',
      id: 'cmd-scale-1',
      action: 'scale_replicas',
      params: { model: 'gpt2-small', replicas: 40 },
    });
    expect(await c.next('command_result')).toMatchObject({
      id: 'cmd-scale-1',
      status: 'rejected',
      reason: 'parameter "replicas" must be at most 16',
    });
  });

  it('network_partition drops the session and holds reconnects unanswered while sampling continues into the spool; nothing is lost', async () => {
    const { fleet, advance, linkEvents } = await startFleet(1);
    const [agent] = fleet.agents;
    const cert = await makeConsoleCert();
    await pairWith(agent!, cert);
    const first = await session(agent!, cert);
    await fleet.inject({
      kind: 'network_partition',
      target: { host: agent!.name },
      durationSeconds: 60,
    });
    await first.c.closed;
    const spool = fleet.runningAgent(agent!.name)!.spool;
    const headBefore = spool.headSeq;
    let settled = false;
    const held = once(linkEvents, 'held');
    const attempt = connectConsole(`wss://${agent!.address}`, cert).then(
      (outcome) => ((settled = true), outcome),
    );
    await held;
    await advance(20);
    await advance(20);
    expect(spool.headSeq).toBeGreaterThan(headBefore);
    expect(settled).toBe(false);
    await advance(25); // the partition is over: held connections are cut, new ones get through
    expect((await attempt).ok).toBe(false);
    const again = await session(agent!, cert);
    const seqs = new Set<number>();
    while (!seqs.has(spool.headSeq)) seqs.add((await again.c.next('telemetry')).seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(
      Array.from({ length: spool.headSeq - spool.ackedSeq }, (_, i) => spool.ackedSeq + 1 + i),
    );
  });

  it('host_down refuses connections and stops sampling; the host comes back with the same identity and pairing', async () => {
    const { fleet, advance } = await startFleet(1);
    const [agent] = fleet.agents;
    const cert = await makeConsoleCert();
    await pairWith(agent!, cert);
    const first = await session(agent!, cert);
    await fleet.inject({ kind: 'host_down', target: { host: agent!.name }, durationSeconds: 30 });
    await first.c.closed;
    expect(fleet.runningAgent(agent!.name)).toBeNull();
    const refused = await connectConsole(`wss://${agent!.address}`, cert);
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ECONNREFUSED/) as unknown,
    });
    await advance(31);
    const back = await session(agent!, cert);
    expect(back.hello).toMatchObject({ id: agent!.agentId, simulated: true });
    const events = (
      await back.c.next('telemetry', (f) => f.events.some((e) => e.kind === 'fault_injected'))
    ).events;
    expect(events.find((e) => e.kind === 'fault_injected')?.details).toMatchObject({
      fault: 'host_down',
    });
  });
});
