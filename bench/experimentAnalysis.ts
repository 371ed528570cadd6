// The analysis of an experiment with 10 M units per arm from summaries (target < 50 ms): two arms, a
// conversion metric (Beta chance-to-win by quadrature), a latency metric with a pre-period (CUPED) and an
// accuracy metric, with SRM, fixed and always-valid intervals and Holm's correction; input validation
// included. Baseline, in the same run: one pass over 10 M raw values per arm to summarise them (what
// analysing from summaries spares). EXPERIMENT_BENCH_UNITS overrides 10 M.
import { arch, cpus, platform } from 'node:os';
import {
  analyseExperiment,
  parseExperimentAnalysisInput,
  summarize,
  type ExperimentAnalysisInput,
} from '../shared/domain/stats/index.ts';

const UNITS = Number(process.env.EXPERIMENT_BENCH_UNITS ?? 10_000_000);
const RUNS = 30;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function experiment(run: number): ExperimentAnalysisInput {
  // Each run's numbers differ a little, so nothing is served from a cache.
  const jitter = run * 1e-6;
  return {
    name: 'ranker v2 against v1',
    arms: [
      { name: 'v1', users: UNITS },
      { name: 'v2', users: UNITS + 1200 + run },
    ],
    metrics: [
      {
        name: 'click-through',
        kind: 'proportion',
        arms: {
          v1: { conversions: Math.round(UNITS * 0.05), users: UNITS },
          v2: { conversions: Math.round(UNITS * (0.0505 + jitter)), users: UNITS + 1200 + run },
        },
      },
      {
        name: 'latency ms',
        kind: 'mean',
        direction: 'lower',
        difference: 'relative',
        arms: {
          v1: {
            n: UNITS,
            mean: 120,
            variance: 900,
            pre: { mean: 119, variance: 880, covariance: 700 },
          },
          v2: {
            n: UNITS + 1200 + run,
            mean: 120.4 + jitter,
            variance: 910,
            pre: { mean: 119.1, variance: 885, covariance: 705 },
          },
        },
      },
      {
        name: 'accuracy',
        kind: 'mean',
        arms: {
          v1: { n: UNITS, mean: 0.912, variance: 0.08 },
          v2: { n: UNITS + 1200 + run, mean: 0.9121 + jitter, variance: 0.0801 },
        },
      },
    ],
  };
}

function analyse(run: number) {
  const parsed = parseExperimentAnalysisInput(experiment(run));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return analyseExperiment(parsed.value);
}

function main(): void {
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}, ${platform()} ${arch()}`,
  );
  let start = performance.now();
  const first = analyse(0);
  const coldMs = performance.now() - start;
  const times: number[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    start = performance.now();
    analyse(run);
    times.push(performance.now() - start);
  }
  const ctr = first.metrics[0]!.comparisons[0]!;
  console.log(
    `analysis of ${UNITS.toLocaleString('en')} units per arm, 3 metrics: median ${median(times).toFixed(2)} ms, slowest ${Math.max(...times).toFixed(2)} ms, first (cold) ${coldMs.toFixed(2)} ms over ${RUNS} runs`,
  );
  console.log(
    `sanity: SRM p = ${first.srm.pValue.toPrecision(3)}, click-through lift ${ctr.estimate.toExponential(3)}, chance to win ${ctr.chanceToWin.toFixed(4)}, CUPED variance reduction ${(first.metrics[1]!.cuped!.varianceReduction * 100).toFixed(1)} %`,
  );

  // Baseline: summarising the raw values of both arms once (a seeded stream, generated beforehand).
  const raw = [new Float64Array(UNITS), new Float64Array(UNITS)];
  let s = 7;
  for (const arm of raw)
    for (let i = 0; i < arm.length; i += 1) {
      s = (s * 1_664_525 + 1_013_904_223) >>> 0;
      arm[i] = 120 + (s / 2 ** 32 - 0.5) * 100;
    }
  start = performance.now();
  const summaries = raw.map((arm) => summarize(arm));
  const baselineMs = performance.now() - start;
  console.log(
    `baseline: one pass over ${UNITS.toLocaleString('en')} raw values per arm to summarise them in ${baselineMs.toFixed(0)} ms (means ${summaries.map((x) => x.mean.toFixed(3)).join(', ')})`,
  );
  console.log('(last line: median analysis from summaries; baseline = summarising the raw values)');
  console.log(
    `experimentAnalysis: ${median(times).toFixed(2)} ms per analysis (baseline: ${baselineMs.toFixed(0)} ms)`,
  );
}

main();
