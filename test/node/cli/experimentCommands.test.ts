// `mirqab experiment analyse FILE.json` as a script runs it: a real process, JSON in, JSON out, and a
// clear one-line-per-problem refusal of bad input.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import type {
  ExperimentAnalysis,
  ExperimentAnalysisInput,
} from '../../../shared/domain/stats/index.ts';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'mirqab-cli-experiment-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function analyse(input: unknown): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(work, `experiment-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
  try {
    const { stdout, stderr } = await run(process.execPath, [
      'bin/mirqab.mjs',
      'experiment',
      'analyse',
      file,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Deterministic latencies: each unit's pre-period latency predicts most of its latency now. */
function latencies(
  seed: number,
  n: number,
  shift: number,
): { values: number[]; preValues: number[] } {
  let s = seed;
  const uniform = () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const preValues = Array.from({ length: n }, () => 120 + 30 * normal());
  return { preValues, values: preValues.map((p) => 0.9 * p + 12 + shift + 8 * normal()) };
}

const experiment: ExperimentAnalysisInput = {
  name: 'ranker v2 against v1',
  arms: [
    { name: 'v1', users: 10_000, expectedShare: 50 },
    { name: 'v2', users: 10_050, expectedShare: 50 },
  ],
  metrics: [
    {
      name: 'click-through',
      kind: 'proportion',
      direction: 'higher',
      arms: { v1: { conversions: 1000, users: 10_000 }, v2: { conversions: 1150, users: 10_050 } },
    },
    {
      name: 'p50 latency ms',
      kind: 'mean',
      direction: 'lower',
      arms: { v1: latencies(1, 400, 0), v2: latencies(2, 400, 6) },
    },
    {
      name: 'accuracy',
      kind: 'mean',
      arms: {
        v1: { n: 5000, mean: 0.912, variance: 0.08 },
        v2: { n: 5025, mean: 0.913, variance: 0.079 },
      },
    },
  ],
};

it('prints the analysis: a better click-through, a worse latency seen through CUPED, accuracy inconclusive', async () => {
  const result = await analyse(experiment);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const analysis = JSON.parse(result.stdout) as ExperimentAnalysis;
  expect(analysis.control).toBe('v1');
  expect(analysis.srm.canShip).toBe(true);
  const [ctr, latency, accuracy] = analysis.metrics;
  expect(ctr!.comparisons[0]).toMatchObject({ variant: 'v2', outcome: 'better' });
  expect(ctr!.comparisons[0]!.chanceToWin).toBeGreaterThan(0.99);
  expect(ctr!.comparisons[0]!.interval[0]).toBeGreaterThan(0);
  // The pre-period explains most of the latency's variance, so CUPED finds the 6 ms slowdown.
  expect(latency!.cuped!.theta).toBeGreaterThan(0.8);
  expect(latency!.cuped!.varianceReduction).toBeGreaterThan(0.8);
  expect(latency!.comparisons[0]).toMatchObject({ outcome: 'worse' });
  expect(latency!.comparisons[0]!.chanceToWin).toBeLessThan(0.01);
  expect(accuracy!.comparisons[0]).toMatchObject({ outcome: 'inconclusive', isSignificant: false });
  // Holm across the three comparisons: no adjusted p-value below its raw one.
  for (const m of analysis.metrics)
    for (const c of m.comparisons) expect(c.adjustedPValue).toBeGreaterThanOrEqual(c.pValue);
});

it('flags a sample ratio mismatch: the experiment cannot be shipped', async () => {
  const result = await analyse({
    ...experiment,
    arms: [
      { name: 'v1', users: 10_000 },
      { name: 'v2', users: 10_600 },
    ],
  });
  expect(result.code).toBe(0);
  const analysis = JSON.parse(result.stdout) as ExperimentAnalysis;
  expect(analysis.srm.pValue).toBeLessThan(0.001);
  expect(analysis.srm).toMatchObject({ isMismatch: true, canShip: false });
});

it('refuses bad input with a line per problem that says where it is', async () => {
  const missing = await analyse({
    ...experiment,
    metrics: [{ name: 'ctr', kind: 'proportion', arms: { v1: { conversions: 20, users: 10 } } }],
  });
  expect(missing.code).toBe(2);
  expect(missing.stdout).toBe('');
  expect(missing.stderr).toContain('metrics.0.arms.v1: conversions cannot exceed users');
  expect(missing.stderr).toContain('metrics.0.arms: no data for arm "v2"');

  const unpaired = await analyse({
    ...experiment,
    metrics: [
      {
        name: 'latency',
        kind: 'mean',
        arms: {
          v1: { values: [1, 2, 3], preValues: [1, 2] },
          v2: { values: [2, 3, 4], preValues: [1, 2, 3] },
        },
      },
    ],
  });
  expect(unpaired.code).toBe(2);
  expect(unpaired.stderr).toContain('latency, arm v1: 3 values but 2 preValues');

  const notJson = await analyse('{ "arms": [');
  expect(notJson.code).toBe(2);
  expect(notJson.stderr).toMatch(/is not JSON/);
});
