// Drill scenarios: a good one reads in full with its defaults; a bad one reports every mistake at
// once, each at its line, column and field; hostile and malformed files are refused with a reason;
// the built-in scenarios are valid and name runbooks and steps that exist.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillScenario } from '../../../shared/domain/drills/scenario.ts';
import { formatDrillProblem, parseDrillScenario } from '../../../shared/domain/drills/validate.ts';
import { parseRunbook } from '../../../shared/domain/runbooks/index.ts';

const RESOURCES = join(import.meta.dirname, '../../../resources');

const GOOD = `apiVersion: mirqab/v1
kind: DrillScenario
name: xid-on-inference
version: 3
title: A GPU falls off the bus
description: Xid 79 on one inference host.
category: gpu_failure
durationMinutes: 30
site:
  hosts: 2
  gpusPerHost: 2
injects:
  - at: 5
    kind: gpu_xid_error
    target: { host: sim-gpu-02, gpu: 1 }
    durationMinutes: 20
    params: { xid: 79 }
  - at: 6
    kind: alert
    alertname: GpuFellOffBus
    severity: critical
    summary: GPU 1 of sim-gpu-02 is gone
    durationMinutes: 10
expected:
  detectWithinMinutes: 5
  acknowledgeWithinMinutes: 10
  mitigateWithinMinutes: 20
  priority: P2
  runbook: drain-gpu-host
  requiredSteps: [drain]
`;

const BAD = `apiVersion: mirqab/v2
kind: DrillScenario
name: Bad Name
version: 0
title: GPU drill
description: A drill with many mistakes.
category: gpu_failure
durationMinutes: 30
owner: sre
site:
  hosts: 2
  gpusPerHost: 2
  models: [llama-3-8b]
  slos:
    - name: llama-latency
      service: { model: gpt2-small }
      indicator: { type: latency, thresholdSeconds: 5, source: { kind: canonical } }
      window: { type: rolling, days: 28 }
      objective: 0.99
injects:
  - at: 5
    kind: gpu_xid_error
    target: { host: sim-gpu-03, gpu: 2 }
    durationMinutes: 10
  - at: 40
    kind: latency_spike
    target: { host: sim-gpu-01, model: resnet50 }
    durationMinutes: 10
  - at: 10
    kind: gpu_xid_errr
    target: { host: sim-gpu-01 }
    durationMinutes: 5
  - at: 12
    kind: alert
    alertname: Unknown Cert
    severity: critical
    summary: An unknown certificate
    durationMinutes: 5
  - at: 15
    kind: error_burst
    target: { model: llama-3-8b }
    durationMinutes: 5
expected:
  detectWithinMinutes: 5
  acknowledgeWithinMinutes: 10
  mitigateWithinMinutes: 20
  priority: P7
  requiredSteps: [drain]
hints:
  - at: 45
    text: Too late
`;

function parsed(text: string): DrillScenario {
  const result = parseDrillScenario(text);
  if (!result.ok)
    throw new Error(result.problems.map((p) => formatDrillProblem(p, 'x')).join('\n'));
  return result.scenario;
}

const problemsOf = (text: string, file = 'f.yaml') => {
  const result = parseDrillScenario(text);
  return result.ok ? [] : result.problems.map((p) => formatDrillProblem(p, file));
};

describe('drill scenario validation', () => {
  it('reads a good scenario in full, with the defaults a short one leaves out', () => {
    const scenario = parsed(GOOD);
    expect(scenario).toMatchObject({
      name: 'xid-on-inference',
      version: 3,
      site: { hosts: 2, gpusPerHost: 2, models: ['llama-3-8b', 'gpt2-small'], slos: [] },
      hints: [],
      debrief: [],
    });
    expect(scenario.injects.map((i) => i.kind)).toEqual(['gpu_xid_error', 'alert']);
    expect(scenario.injects[1]).toMatchObject({ alertname: 'GpuFellOffBus', labels: {} });
    expect(scenario.expected).toMatchObject({
      runbook: 'drain-gpu-host',
      requiredSteps: ['drain'],
      commander: true,
      communications: true,
      postmortem: true,
    });
  });

  it('reports every mistake of a bad scenario at once, each as FILE:LINE:COLUMN: field: message', () => {
    expect(problemsOf(BAD, 'bad.yaml')).toEqual([
      'bad.yaml:1:1: apiVersion: must be mirqab/v1',
      'bad.yaml:3:1: name: must be lowercase letters, digits and dashes (at most 63), starting with a letter or digit',
      'bad.yaml:4:1: version: must be 1 or more',
      'bad.yaml:9:1: owner: unknown field',
      'bad.yaml:16:18: site.slos[0].service.model: is not a model of this site (llama-3-8b)',
      'bad.yaml:23:15: injects[0].target.host: is not a host of this site (sim-gpu-01, sim-gpu-02)',
      'bad.yaml:23:33: injects[0].target.gpu: each host has GPUs 0 to 1',
      'bad.yaml:25:5: injects[1].at: starts after the drill ends (at 30 minutes)',
      'bad.yaml:27:33: injects[1].target.model: is not a model of this site (llama-3-8b)',
      'bad.yaml:30:5: injects[2].kind: must be alert, or a fault from the catalogue: gpu_xid_error, ecc_uncorrectable, thermal_throttle, power_cap, latency_spike, error_burst, accuracy_drop, data_pipeline_stall, bad_model_deploy, traffic_surge, covariate_shift, broken_feature, label_shift, host_down, network_partition',
      'bad.yaml:35:5: injects[3].alertname: must be a Prometheus alert name',
      'bad.yaml:41:5: injects[4].target.host: is required',
      'bad.yaml:47:3: expected.priority: must be one of P1, P2, P3, P4, P5',
      'bad.yaml:48:3: expected.requiredSteps: required steps belong to a runbook: name it in expected.runbook',
      'bad.yaml:50:5: hints[0].at: comes after the drill ends (at 30 minutes)',
    ]);
  });

  it('names wrong types and bounds in plain words, and checks a GPU fault against a site without GPUs', () => {
    const text = GOOD.replace('hosts: 2', 'hosts: two')
      .replace('gpusPerHost: 2', 'gpusPerHost: 0')
      .replace('injects:', 'injects: []\nnotes:')
      .replace('durationMinutes: 30', 'durationMinutes: 30\nextra: 1');
    expect(problemsOf(text)).toEqual([
      'f.yaml:9:1: extra: unknown field',
      'f.yaml:11:3: site.hosts: must be a number',
      'f.yaml:13:1: injects: a drill needs at least one inject',
      'f.yaml:14:1: notes: unknown field',
    ]);
    const gpuless = GOOD.replace('gpusPerHost: 2', 'gpusPerHost: 0').replace(
      'sim-gpu-02, gpu: 1',
      'sim-cpu-02, gpu: 1',
    );
    expect(problemsOf(gpuless)).toEqual([
      'f.yaml:14:5: injects[0].kind: a GPU fault needs a site with GPUs',
    ]);
  });

  it('refuses YAML syntax errors, empty, multi-document, non-map, oversized and alias-bomb files with a reason', () => {
    expect(problemsOf('name: [1,\n')[0]).toMatch(/^f\.yaml:2:1: \(document\): not valid YAML: /);
    expect(problemsOf('')).toEqual(['f.yaml:1:1: (document): the document is empty']);
    expect(problemsOf(`${GOOD}---\n${GOOD}`)).toEqual([
      'f.yaml:31:1: (document): a scenario file holds one document; this one has more (split it at each ---)',
    ]);
    expect(problemsOf('- 1\n- 2\n')).toEqual([
      'f.yaml:1:1: (document): a scenario is a map of fields, starting with apiVersion',
    ]);
    expect(problemsOf(`${GOOD}description2: "${'x'.repeat(256 * 1024)}"\n`)).toEqual([
      'f.yaml:1:1: (document): is larger than 256 KiB',
    ]);
    // "Billion laughs": each level repeats the one before ten times.
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
    ])
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    expect(problemsOf(`${levels.join('\n')}\n`)).toEqual([
      'f.yaml:1:1: (document): repeats anchors too often (more than 100 aliases)',
    ]);
  });

  it('the six built-in scenarios are valid, each a different failure, and name built-in runbooks and their steps', () => {
    const read = (dir: string) =>
      readdirSync(join(RESOURCES, dir))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => readFileSync(join(RESOURCES, dir, f), 'utf8'));
    const runbooks = new Map(
      read('runbooks').map((text) => {
        const result = parseRunbook(text);
        if (!result.ok) throw new Error('a built-in runbook does not validate');
        return [result.runbook.name, result.runbook.steps.map((s) => s.id)];
      }),
    );
    const scenarios = read('drills').map(parsed);
    expect(scenarios.map((s) => [s.name, s.category, s.injects[0]!.kind])).toEqual([
      ['bad-model-deploy', 'model_quality', 'bad_model_deploy'],
      ['data-pipeline-stall', 'data_pipeline', 'data_pipeline_stall'],
      ['gpu-node-xid', 'gpu_failure', 'gpu_xid_error'],
      ['suspected-data-breach', 'security', 'alert'],
      ['thermal-throttle', 'throttling', 'thermal_throttle'],
      ['traffic-surge', 'capacity', 'traffic_surge'],
    ]);
    for (const scenario of scenarios) {
      const { runbook, requiredSteps } = scenario.expected;
      expect(runbooks.get(runbook!), `${scenario.name}'s runbook ${runbook}`).toBeDefined();
      for (const step of requiredSteps)
        expect(runbooks.get(runbook!), `${scenario.name}: step ${step}`).toContain(step);
      expect(scenario.debrief.length).toBeGreaterThanOrEqual(3);
      expect(scenario.debrief.length).toBeLessThanOrEqual(5);
      expect(scenario.hints.length).toBeGreaterThan(0);
      // A burn must show within minutes of drill time: short custom windows on every drill SLO.
      for (const slo of scenario.site.slos)
        expect(slo.alerting.windows?.[0]).toMatchObject({ longMinutes: 10, shortMinutes: 2 });
    }
    expect(scenarios.find((s) => s.name === 'suspected-data-breach')!.expected).toMatchObject({
      priority: 'P1',
      category: 'security_privacy',
      runbook: 'suspected-data-breach',
      requiredSteps: ['contain', 'notify-data-office'],
    });
  });
});
