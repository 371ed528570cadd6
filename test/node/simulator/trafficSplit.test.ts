// set_traffic_split on a simulated model service: each arm behaves as its version does, the arms are
// counted apart under their own series, and 0 % (or a restart on another version) ends the split.
// Time is driven explicitly; nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { createDeclaredActionRunner } from '../../../agent/actions.ts';
import { SIMULATED_ACTIONS, simulatedActionExecutor } from '../../../agent/simulator/actions.ts';
import { run, sim, value } from './simHelpers.ts';

const MODEL = 'llama-3-8b';
const HOST = 'sim-gpu-01';

function arm(samples: ReturnType<typeof run>, name: 'control' | 'variant') {
  const labels = { model: MODEL, arm: name };
  const v = (metric: string) => value(samples, `experiment_arm_${metric}`, labels);
  return {
    version: samples.find((s) => s.labels.arm === name)!.labels.arm_version,
    requests: v('requests_total'),
    meanLatency: v('latency_seconds_sum') / v('requests_total'),
    errorRatio: v('errors_total') / v('requests_total'),
    accuracy: v('correct_total') / v('labelled_total'),
  };
}

describe('traffic split between two model versions', () => {
  it('sends the variant its share and shows it slower, failing more and less accurate when its version is bad', () => {
    const s = sim({ models: [MODEL] });
    run(s, 120);
    expect(s.setTrafficSplit(HOST, MODEL, '1', '3', 30)).toBe(
      `${MODEL} on ${HOST}: 70 % of traffic on 1, 30 % on 3`,
    );
    const after = run(s, 600);
    const control = arm(after, 'control');
    const variant = arm(after, 'variant');
    expect(control.version).toBe('1');
    expect(variant.version).toBe('3');
    expect(variant.requests / (control.requests + variant.requests)).toBeCloseTo(0.3, 1);
    expect(variant.meanLatency / control.meanLatency).toBeCloseTo(1.2, 1);
    expect(variant.errorRatio - control.errorRatio).toBeGreaterThan(0.05);
    expect(control.accuracy - variant.accuracy).toBeGreaterThan(0.08);
    // The model's own series keep the running version's label, so versions are not confused.
    expect(after.some((x) => x.labels.version === '3')).toBe(false);
    expect(value(after, 'traffic_split_variant_percent', { model: MODEL })).toBe(30);
  });

  it('ends the split at 0 % and when the server restarts on another version', () => {
    const s = sim({ models: [MODEL] });
    s.setTrafficSplit(HOST, MODEL, '1', '2', 50);
    expect(s.setTrafficSplit(HOST, MODEL, '1', '2', 0)).toContain('all traffic back on 1');
    expect(run(s, 10).some((x) => x.metric.startsWith('experiment_arm_'))).toBe(false);
    s.setTrafficSplit(HOST, MODEL, '1', '2', 50);
    s.deployVersion(HOST, MODEL, '2');
    expect(run(s, 10).some((x) => x.metric.startsWith('experiment_arm_'))).toBe(false);
  });

  it('refuses a control that is not the running version, an unknown variant and a bad share', async () => {
    const s = sim({ models: [MODEL] });
    expect(() => s.setTrafficSplit(HOST, MODEL, '2', '3', 10)).toThrow(
      'runs version 1, not 2: the control must be the running version',
    );
    expect(() => s.setTrafficSplit(HOST, MODEL, '1', '9', 10)).toThrow(`${MODEL} has no version 9`);
    const runner = createDeclaredActionRunner(
      SIMULATED_ACTIONS,
      simulatedActionExecutor(s, HOST, (change) => Promise.resolve(change())),
    );
    const command = (params: Record<string, string | number>) => ({
      type: 'command' as const,
      id: 'cmd-split',
      action: 'set_traffic_split',
      params,
    });
    expect(
      await runner.run(command({ model: MODEL, control: '1', variant: '2', variant_percent: 101 })),
    ).toMatchObject({ status: 'rejected' });
    expect(
      await runner.run(command({ model: MODEL, control: '1', variant: '2', variant_percent: 20 })),
    ).toMatchObject({
      status: 'ok',
      output: `${MODEL} on ${HOST}: 80 % of traffic on 1, 20 % on 2\n`,
    });
  });
});
