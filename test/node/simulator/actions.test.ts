// The actions simulated hosts declare change what their services do, the way the real ones would:
// failing a model over moves its traffic off a faulty host, so the service's SLI recovers; scaling
// replicas adds capacity, so a queue drains. Time is driven explicitly; nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { createDeclaredActionRunner } from '../../../agent/actions.ts';
import { SIMULATED_ACTIONS, simulatedActionExecutor } from '../../../agent/simulator/actions.ts';
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import { meanLatency, run, sim, value } from './simHelpers.ts';

const MODEL = 'llama-3-8b';
const [FAULTY, STANDBY] = ['sim-gpu-01', 'sim-gpu-02'];

/** Requests a host served between two sample sets, and how many of them finished within `bound` seconds. */
function served(
  before: Sample[],
  after: Sample[],
  bound: number,
): { requests: number; fast: number } {
  const d = (metric: string, labels: Record<string, string> = {}) =>
    value(after, metric, { model: MODEL, ...labels }) -
    value(before, metric, { model: MODEL, ...labels });
  return {
    requests: d('latency_seconds_count'),
    fast: d('latency_seconds_bucket', { le: String(bound) }),
  };
}

/** The service's share of fast requests across both hosts over the next `seconds`. */
function siteWindow(s: ReturnType<typeof sim>, seconds: number) {
  const before = [s.samples(0), s.samples(1)];
  s.advanceTo(s.timeMs + seconds * 1000);
  const after = [s.samples(0), s.samples(1)];
  const [faulty, standby] = [served(before[0]!, after[0]!, 5), served(before[1]!, after[1]!, 5)];
  return {
    faulty,
    standby,
    goodRatio: (faulty.fast + standby.fast) / (faulty.requests + standby.requests),
  };
}

describe('simulated actions', () => {
  it('fail_over moves a model off a host with a latency spike: the standby takes its traffic and the SLI recovers', () => {
    const s = sim({ hosts: 2, gpusPerHost: 1, models: [MODEL] });
    s.forcedArrivals.set(MODEL, 4); // about 30 % of one GPU's capacity
    run(s, 120);
    s.inject({
      kind: 'latency_spike',
      target: { host: FAULTY, model: MODEL },
      durationSeconds: 3600,
      params: { factor: 5 },
    });
    s.advanceTo(s.timeMs + 60_000); // requests in flight when the spike began have finished
    const spiked = siteWindow(s, 300);
    expect(spiked.goodRatio).toBeLessThan(0.6); // half the traffic takes ~12 s

    expect(s.failOver(FAULTY, MODEL, STANDBY)).toBe(
      `${MODEL}: traffic moved from ${FAULTY} to ${STANDBY} (${STANDBY} now takes 2× its own share)`,
    );
    s.advanceTo(s.timeMs + 60_000);
    const recovered = siteWindow(s, 300);
    expect(recovered.faulty.requests).toBe(0);
    expect(recovered.standby.requests).toBeGreaterThan(spiked.standby.requests * 1.7);
    expect(recovered.goodRatio).toBeGreaterThan(0.99);
  });

  it('scale_replicas adds capacity: an overloaded service drains its queue and latency falls back to its service time', () => {
    const s = sim({ hosts: 1, gpusPerHost: 1, models: [MODEL] });
    s.forcedArrivals.set(MODEL, 16); // 120 % of one replica's 13.3 requests/s
    const start = run(s, 60);
    const overloaded = run(s, 240);
    expect(value(overloaded, 'queue_depth', { model: MODEL })).toBeGreaterThan(100);
    expect(meanLatency(start, overloaded, MODEL)).toBeGreaterThan(8);

    expect(s.scaleReplicas(FAULTY, MODEL, 3)).toBe(`${MODEL} on ${FAULTY}: 1 → 3 replicas`);
    const drained = run(s, 180);
    const scaled = run(s, 120);
    expect(value(scaled, 'queue_depth', { model: MODEL })).toBeLessThan(64);
    expect(meanLatency(drained, scaled, MODEL)).toBeLessThan(3); // the profile's 2.4 s service time, little queueing
  });

  it('refuses what a real fail-over or scale could not do, saying why', () => {
    const s = sim({ hosts: 2, gpusPerHost: 1, models: [MODEL] });
    expect(() => s.failOver(FAULTY, MODEL, 'sim-gpu-09')).toThrow(
      'no simulated host named "sim-gpu-09"',
    );
    expect(() => s.failOver(FAULTY, MODEL, FAULTY)).toThrow(
      `the standby must be another host than ${FAULTY}`,
    );
    expect(() => s.failOver(FAULTY, 'gpt2-small', STANDBY)).toThrow(
      `${FAULTY} serves ${MODEL}; not "gpt2-small"`,
    );
    s.failOver(FAULTY, MODEL, STANDBY);
    expect(() => s.failOver(FAULTY, MODEL, STANDBY)).toThrow(
      `${MODEL} on ${FAULTY} has already failed over and takes no traffic`,
    );
    expect(() => s.scaleReplicas(FAULTY, MODEL, 0)).toThrow(
      'replicas must be a whole number from 1 to 16',
    );
    s.inject({ kind: 'host_down', target: { host: STANDBY }, durationSeconds: 60 });
    s.advanceTo(s.timeMs + 2000);
    expect(() => s.scaleReplicas(STANDBY, MODEL, 2)).toThrow(`${STANDBY} is down`);
  });

  it("go through the agent's action guard: typed parameters are checked, and a refusal by the simulation is a failed result", async () => {
    const s = sim({ hosts: 2, gpusPerHost: 1, models: [MODEL] });
    const runner = createDeclaredActionRunner(
      SIMULATED_ACTIONS,
      simulatedActionExecutor(s, FAULTY, (change) => Promise.resolve(change())),
    );
    expect(runner.specs.map((a) => a.name)).toEqual([
      'scale_replicas',
      'fail_over',
      'deploy_model_version',
      'rollback_model',
      'set_traffic_split',
      'drain_host',
      'pause_pipeline',
      'restart_service',
    ]);
    const command = (action: string, params: Record<string, string | number>) => ({
      type: 'command' as const,
      id: `cmd-${action}`,
      action,
      params,
    });

    expect(
      await runner.run(command('scale_replicas', { model: MODEL, replicas: 99 })),
    ).toMatchObject({ status: 'rejected', reason: 'parameter "replicas" must be at most 16' });
    expect(
      await runner.run(command('fail_over', { model: MODEL, standby: 'x; rm -rf /' })),
    ).toMatchObject({ status: 'rejected' });
    expect(
      await runner.run(command('fail_over', { model: MODEL, standby: 'sim-gpu-07' })),
    ).toMatchObject({
      status: 'failed',
      exitCode: 1,
      reason: 'no simulated host named "sim-gpu-07"',
    });
    expect(
      await runner.run(command('scale_replicas', { model: MODEL, replicas: 4 })),
    ).toMatchObject({
      status: 'ok',
      exitCode: 0,
      output: `${MODEL} on ${FAULTY}: 1 → 4 replicas\n`,
    });
    expect(s.host(FAULTY)!.services[0]!.replicas).toBe(4);
  });
});
