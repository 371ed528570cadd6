// A model service's versions in the simulation: a bad version fails more requests and answers less
// accurately, its telemetry carries the new version label, and rolling back restores the service.
// Time is driven explicitly; nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { createDeclaredActionRunner } from '../../../agent/actions.ts';
import { SIMULATED_ACTIONS, simulatedActionExecutor } from '../../../agent/simulator/actions.ts';
import { versionCatalogue } from '../../../agent/simulator/modelVersions.ts';
import type { Simulation } from '../../../agent/simulator/model.ts';
import { FaultSpecSchema } from '../../../shared/domain/faults.ts';
import { run, sim, value } from './simHelpers.ts';

const MODEL = 'llama-3-8b';
const HOST = 'sim-gpu-01';

/** The error ratio and accuracy of one version over the next `seconds`, from its own series. */
function window(s: Simulation, seconds: number) {
  const version = s.host(HOST)!.services[0]!.version;
  const labels = { model: MODEL, version };
  const before = s.samples(0);
  const after = run(s, seconds);
  const d = (metric: string) => value(after, metric, labels) - value(before, metric, labels);
  return {
    version,
    errorRatio: d('errors_total') / d('requests_total'),
    accuracy: value(after, 'model_accuracy_ratio', labels),
  };
}

describe('simulated model versions', () => {
  it('names each model a good next version and a bad one after the version it starts with', () => {
    expect(versionCatalogue('1').map((v) => [v.version, v.isBad])).toEqual([
      ['1', false],
      ['2', false],
      ['3', true],
    ]);
    expect(versionCatalogue('v7').map((v) => v.version)).toEqual(['v7', 'v8', 'v9']);
    expect(versionCatalogue('2024-05').map((v) => v.version)).toEqual([
      '2024-05',
      '2024-05.1',
      '2024-05.2',
    ]);
  });

  it('a bad version raises the error rate and lowers accuracy; rolling back restores the service', () => {
    const s = sim({ models: [MODEL] });
    s.forcedArrivals.set(MODEL, 4);
    run(s, 300);
    const good = window(s, 600);
    expect(good.version).toBe('1');
    expect(good.errorRatio).toBeLessThan(0.01);
    expect(good.accuracy).toBeGreaterThan(0.85);

    expect(s.deployVersion(HOST, MODEL, '3')).toBe(
      `${MODEL} on ${HOST}: version 1 → 3 (the server restarted)`,
    );
    run(s, 300);
    const bad = window(s, 600);
    expect(bad.version).toBe('3');
    expect(bad.errorRatio).toBeGreaterThan(0.06);
    expect(bad.accuracy).toBeLessThan(good.accuracy - 0.12);
    // The telemetry names the running version only: the old version's series stop.
    expect(s.samples(0).filter((x) => x.labels.version === '1')).toEqual([]);

    expect(s.rollbackModel(HOST, MODEL, '1')).toBe(
      `${MODEL} on ${HOST}: rolled back from version 3 to 1 (the server restarted)`,
    );
    run(s, 300);
    const restored = window(s, 600);
    expect(restored.version).toBe('1');
    expect(restored.errorRatio).toBeLessThan(0.01);
    expect(restored.accuracy).toBeGreaterThan(good.accuracy - 0.02);
  });

  it('a bad_model_deploy fault installs the bad version (or the one named) and stays until rolled back', () => {
    const s = sim({ hosts: 1, models: [MODEL, 'gpt2-small'] });
    s.inject({
      kind: 'bad_model_deploy',
      target: { host: HOST, model: MODEL },
      durationSeconds: 60,
    });
    const versions = () => s.host(HOST)!.services.map((x) => `${x.model}@${x.version}`);
    expect(versions()).toEqual([`${MODEL}@3`, 'gpt2-small@1']);
    s.advanceTo(s.timeMs + 120_000); // the fault's listing ended; the version did not change back
    expect(versions()).toEqual([`${MODEL}@3`, 'gpt2-small@1']);
    s.inject({
      kind: 'bad_model_deploy',
      target: { host: HOST, model: 'gpt2-small' },
      durationSeconds: 60,
      params: { version: '2' },
    });
    expect(versions()).toEqual([`${MODEL}@3`, 'gpt2-small@2']);
    expect(() =>
      s.inject({ kind: 'bad_model_deploy', target: { host: HOST }, durationSeconds: 60 }),
    ).toThrow(`${MODEL} on ${HOST} already runs version 3`);
    expect(versions()).toEqual([`${MODEL}@3`, 'gpt2-small@2']); // refused as a whole
    expect(
      FaultSpecSchema.safeParse({
        kind: 'latency_spike',
        target: { host: HOST },
        durationSeconds: 60,
        params: { version: '3' },
      }).error?.issues[0]?.message,
    ).toBe('only bad_model_deploy takes a version');
  });

  it('refuses a version the model does not have, or a rollback to one this host never ran', () => {
    const s = sim({ models: [MODEL] });
    expect(() => s.deployVersion(HOST, MODEL, '9')).toThrow(
      `${MODEL} has no version 9; its versions are 1, 2, 3`,
    );
    expect(() => s.deployVersion(HOST, MODEL, '1')).toThrow(
      `${MODEL} on ${HOST} already runs version 1`,
    );
    expect(() => s.rollbackModel(HOST, MODEL, '2')).toThrow(
      `${MODEL} on ${HOST} cannot roll back to version 2: it runs 1 and ran nothing else before`,
    );
    s.deployVersion(HOST, MODEL, '2');
    expect(s.rollbackModel(HOST, MODEL, '1')).toContain('rolled back from version 2 to 1');
  });

  it("deploy_model_version and rollback_model go through the agent's action guard", async () => {
    const s = sim({ models: [MODEL] });
    const runner = createDeclaredActionRunner(
      SIMULATED_ACTIONS,
      simulatedActionExecutor(s, HOST, (change) => Promise.resolve(change())),
    );
    const command = (action: string, params: Record<string, string>) => ({
      type: 'command' as const,
      id: `cmd-${action}-${params.version}`,
      action,
      params,
    });
    expect(
      await runner.run(command('deploy_model_version', { model: MODEL, version: '3; reboot' })),
    ).toMatchObject({ status: 'rejected' });
    expect(
      await runner.run(command('deploy_model_version', { model: MODEL, version: '3' })),
    ).toMatchObject({
      status: 'ok',
      output: `${MODEL} on ${HOST}: version 1 → 3 (the server restarted)\n`,
    });
    expect(
      await runner.run(command('rollback_model', { model: MODEL, version: '2' })),
    ).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(
      await runner.run(command('rollback_model', { model: MODEL, version: '1' })),
    ).toMatchObject({ status: 'ok' });
    expect(s.host(HOST)!.services[0]!.version).toBe('1');
  });
});
