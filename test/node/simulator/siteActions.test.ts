// A traffic surge and the actions drills answer failures with: scaling out absorbs a surge, draining
// a host with a failed GPU moves its traffic so errors stop, pausing a stalled pipeline brings the
// feature lag back, restarting a stuck server clears its latency spike. Time is driven explicitly.
import { describe, expect, it } from 'vitest';
import { createDeclaredActionRunner } from '../../../agent/actions.ts';
import { SIMULATED_ACTIONS, simulatedActionExecutor } from '../../../agent/simulator/actions.ts';
import { drainHost, pausePipeline, restartService } from '../../../agent/simulator/siteActions.ts';
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import { meanLatency, run, sim, value } from './simHelpers.ts';

const MODEL = 'llama-3-8b';
const [HOST, OTHER] = ['sim-gpu-01', 'sim-gpu-02'];

const delta = (before: Sample[], after: Sample[], metric: string, model = MODEL) =>
  value(after, metric, { model }) - value(before, metric, { model });

describe('a traffic surge', () => {
  it('multiplies arrivals by its factor while it lasts', () => {
    const s = sim({ models: [MODEL] });
    s.forcedArrivals.set(MODEL, 3); // a quarter of one replica's capacity: every request completes
    const start = run(s, 60);
    const calm = run(s, 300);
    s.inject({
      kind: 'traffic_surge',
      target: { host: HOST, model: MODEL },
      durationSeconds: 300,
      params: { factor: 3 },
    });
    const surged = run(s, 300);
    const after = run(s, 300);
    const ratio = delta(calm, surged, 'requests_total') / delta(start, calm, 'requests_total');
    expect(ratio).toBeGreaterThan(2.6);
    expect(ratio).toBeLessThan(3.4);
    expect(
      delta(surged, after, 'requests_total') / delta(start, calm, 'requests_total'),
    ).toBeLessThan(1.2);
  });

  it('burns the latency budget of a service at capacity until scale_replicas adds replicas', () => {
    const s = sim({ models: [MODEL] });
    s.forcedArrivals.set(MODEL, 6); // 45 % of one replica's 13.3 requests/s
    const start = run(s, 60);
    const normal = run(s, 240);
    expect(meanLatency(start, normal, MODEL)).toBeLessThan(3);
    s.inject({
      kind: 'traffic_surge',
      target: { host: HOST },
      durationSeconds: 3600,
      params: { factor: 3 },
    });
    const surging = run(s, 240);
    expect(value(surging, 'queue_depth', { model: MODEL })).toBeGreaterThan(100);
    expect(meanLatency(normal, surging, MODEL)).toBeGreaterThan(8);

    s.scaleReplicas(HOST, MODEL, 4);
    const drained = run(s, 180);
    const scaled = run(s, 120);
    expect(value(scaled, 'queue_depth', { model: MODEL })).toBeLessThan(64);
    expect(meanLatency(drained, scaled, MODEL)).toBeLessThan(3);
  });
});

describe('drain_host', () => {
  it('moves the traffic of a host whose GPU fell off the bus to the other host, so its requests stop failing', () => {
    const s = sim({ hosts: 2, gpusPerHost: 1, models: [MODEL] });
    s.forcedArrivals.set(MODEL, 4);
    run(s, 60);
    s.inject({ kind: 'gpu_xid_error', target: { host: HOST, gpu: 0 }, durationSeconds: 3600 });
    const before = [s.samples(0), s.samples(1)];
    s.advanceTo(s.timeMs + 120_000);
    const failing = [s.samples(0), s.samples(1)];
    expect(delta(before[0]!, failing[0]!, 'errors_total')).toBeGreaterThan(300);

    expect(drainHost(s, HOST)).toBe(`${HOST} drained: it takes no traffic (${MODEL} → ${OTHER})`);
    s.advanceTo(s.timeMs + 300_000);
    const drained = [s.samples(0), s.samples(1)];
    expect(delta(failing[0]!, drained[0]!, 'requests_total')).toBe(0);
    const served = delta(failing[1]!, drained[1]!, 'requests_total');
    expect(served).toBeGreaterThan(2 * 4 * 300 * 0.85); // both hosts' share, on the healthy one
    expect(delta(failing[1]!, drained[1]!, 'errors_total') / served).toBeLessThan(0.05);
  });

  it('refuses a host already drained, and a host whose models no other host serves', () => {
    const s = sim({ hosts: 2, gpusPerHost: 1, models: [MODEL] });
    drainHost(s, HOST);
    expect(() => drainHost(s, HOST)).toThrow(`${HOST} is already drained: it takes no traffic`);
    expect(() => drainHost(s, OTHER)).toThrow(
      `no other host serves ${MODEL}, so ${OTHER} cannot be drained`,
    );
    expect(s.host(OTHER)!.services[0]!.trafficShare).toBe(2);
    expect(() => drainHost(s, 'sim-gpu-09')).toThrow('no simulated host named "sim-gpu-09"');
  });
});

describe('pause_pipeline', () => {
  it("stops a stalled pipeline: the model's feature lag falls back to normal while the stall would still run", () => {
    const s = sim({ models: [MODEL, 'gpt2-small'] });
    run(s, 60);
    s.inject({ kind: 'data_pipeline_stall', target: { host: HOST }, durationSeconds: 3600 });
    const stalled = run(s, 600);
    expect(value(stalled, 'data_pipeline_lag_seconds', { model: MODEL })).toBeGreaterThan(600);

    expect(pausePipeline(s, HOST, `${MODEL}-features`)).toBe(
      `${MODEL}-features on ${HOST}: paused (its stalled run is stopped; the model serves the last good features)`,
    );
    const paused = run(s, 300);
    expect(value(paused, 'data_pipeline_lag_seconds', { model: MODEL })).toBeLessThan(40);
    // The other model's pipeline was not paused, so its stall goes on.
    expect(value(paused, 'data_pipeline_lag_seconds', { model: 'gpt2-small' })).toBeGreaterThan(
      900,
    );
    expect(() => pausePipeline(s, HOST, 'resnet50-features')).toThrow(
      `${HOST} has no pipeline "resnet50-features"; its pipelines are ${MODEL}-features, gpt2-small-features`,
    );
  });
});

describe('restart_service', () => {
  it("clears a stuck server's latency spike, with its counters restarted from zero", () => {
    const s = sim({ models: [MODEL] });
    s.forcedArrivals.set(MODEL, 4);
    run(s, 60);
    s.inject({
      kind: 'latency_spike',
      target: { host: HOST, model: MODEL },
      durationSeconds: 3600,
      params: { factor: 5 },
    });
    const start = run(s, 60);
    const spiked = run(s, 240);
    expect(meanLatency(start, spiked, MODEL)).toBeGreaterThan(8);

    expect(restartService(s, HOST, MODEL)).toBe(
      `${MODEL} on ${HOST}: the server restarted on version 1`,
    );
    const restarted = run(s, 60);
    expect(value(restarted, 'requests_total', { model: MODEL })).toBeLessThan(
      value(spiked, 'requests_total', { model: MODEL }),
    );
    const later = run(s, 240);
    expect(meanLatency(restarted, later, MODEL)).toBeLessThan(3);
  });

  it('runs through the agent guard with the other simulated actions', async () => {
    const s = sim({ hosts: 2, gpusPerHost: 1, models: [MODEL] });
    const runner = createDeclaredActionRunner(
      SIMULATED_ACTIONS,
      simulatedActionExecutor(s, HOST, (change) => Promise.resolve(change())),
    );
    const command = (action: string, params: Record<string, string>) => ({
      type: 'command' as const,
      id: `cmd-${action}`,
      action,
      params,
    });
    expect(await runner.run(command('restart_service', { model: MODEL }))).toMatchObject({
      status: 'ok',
      output: `${MODEL} on ${HOST}: the server restarted on version 1\n`,
    });
    expect(await runner.run(command('pause_pipeline', { pipeline: 'x; rm -rf /' }))).toMatchObject({
      status: 'rejected',
    });
    expect(
      await runner.run(
        command('drain_host', { reason: 'incident 12: GPU 0 fell off the bus on sim-gpu-01' }),
      ),
    ).toMatchObject({
      status: 'ok',
      output: `${HOST} drained: it takes no traffic (${MODEL} → ${OTHER})\n`,
    });
    expect(await runner.run(command('drain_host', {}))).toMatchObject({
      status: 'failed',
      reason: `${HOST} is already drained: it takes no traffic`,
    });
  });
});
