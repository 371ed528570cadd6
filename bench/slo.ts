// SLO evaluation cycle: 1,000 SLOs, each loaded with 30 days of 1-minute data (43,200 minutes, a few
// outages), then one cycle that appends one new minute to each and evaluates all of them incrementally
// (target < 1 s). Beside it: the full recompute of the same 1,000 statuses, and the baseline, a plain
// sum over the same Float64Arrays (the least any evaluation has to read). SLO_BENCH_COUNT overrides 1,000.
import { isDeepStrictEqual } from 'node:util';
import { arch, cpus, platform } from 'node:os';
import {
  evaluateSlo,
  SloSpecSchema,
  SloTracker,
  type SloSpec,
  type SloSpecInput,
} from '../shared/domain/slo/index.ts';

const COUNT = Number(process.env.SLO_BENCH_COUNT ?? 1000);
const MINUTES = 30 * 1440;
const HISTORIES = 20;
const CYCLES = 5;
const MINUTE = 60_000;
const START = Date.parse('2025-09-01T00:00:00Z');

/** A deterministic pseudo-random stream, so every run benches the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

interface History {
  good: Float64Array;
  total: Float64Array;
}

// Diurnal traffic with noise, a trickle of errors and three outages of 5–60 minutes at 20–100 % errors.
function history(seed: number): History {
  const next = random(seed);
  const n = MINUTES + CYCLES;
  const good = new Float64Array(n);
  const total = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const t = Math.round(200 + 150 * Math.sin((2 * Math.PI * (i % 1440)) / 1440) + 50 * next());
    total[i] = t;
    good[i] = t - (next() < 0.05 ? 1 : 0);
  }
  for (let o = 0; o < 3; o += 1) {
    const at = Math.floor(next() * (n - 60));
    const length = 5 + Math.floor(next() * 55);
    const errorRate = 0.2 + 0.8 * next();
    for (let i = at; i < at + length; i += 1) good[i] = Math.round(total[i]! * (1 - errorRate));
  }
  return { good, total };
}

// Mostly availability SLOs; some latency ones on 5-minute slices and some calendar-month ones.
function spec(i: number): SloSpec {
  const base: SloSpecInput = {
    name: `model-${i}-slo`,
    service: { model: `model-${i}` },
    indicator: { type: 'availability', source: { kind: 'canonical' } },
    window: { type: 'rolling', days: 30 },
    objective: 0.999,
  };
  if (i % 10 === 1)
    return SloSpecSchema.parse({
      ...base,
      indicator: { type: 'latency', thresholdSeconds: 0.5, source: { kind: 'canonical' } },
      budgetingMethod: 'Timeslices',
      timeSliceMinutes: 5,
      timeSliceTarget: 0.95,
      objective: 0.99,
    });
  if (i % 20 === 2)
    return SloSpecSchema.parse({ ...base, budgetingMethod: 'RatioTimeslices', objective: 0.995 });
  if (i % 20 === 3)
    return SloSpecSchema.parse({ ...base, window: { type: 'calendar', unit: 'month' } });
  return SloSpecSchema.parse(base);
}

const ms = (start: number): number => performance.now() - start;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}, ${platform()} ${arch()}`,
  );
  const histories = Array.from({ length: HISTORIES }, (_, h) => history(h + 1));
  const specs = Array.from({ length: COUNT }, (_, i) => spec(i));
  const historyOf = (i: number): History => histories[i % HISTORIES]!;

  const buffersBefore = process.memoryUsage().arrayBuffers;
  let start = performance.now();
  const trackers = specs.map((s, i) => {
    const tracker = new SloTracker(s);
    const h = historyOf(i);
    tracker.ingestSeries({
      startMs: START,
      good: h.good.subarray(0, MINUTES),
      total: h.total.subarray(0, MINUTES),
    });
    return tracker;
  });
  const loadMs = ms(start);
  console.log(
    `load: ${COUNT} SLOs × ${MINUTES} minutes in ${(loadMs / 1000).toFixed(2)} s (${Math.round((COUNT * MINUTES) / (loadMs / 1000) / 1e6)} M minutes/s)`,
  );
  // Tracker memory: the minute buffers are float32 while every value is exact in float32 (whole counts),
  // float64 once a fraction arrives (RatioTimeslices scores here). Baseline: the same buffers all float64.
  const held = trackers.reduce((sum, t) => sum + t.bufferBytes, 0);
  const wide = trackers.reduce((sum, t) => sum + t.bufferBytes * (t.isFloat32 ? 2 : 1), 0);
  const measured = process.memoryUsage().arrayBuffers - buffersBefore;
  const narrowCount = trackers.filter((t) => t.isFloat32).length;
  console.log(
    `tracker memory: ${(held / 2 ** 20).toFixed(0)} MB of minute buffers (${(measured / 2 ** 20).toFixed(0)} MB more array buffers measured); ${narrowCount} of ${COUNT} trackers on float32 — baseline, the same buffers as float64: ${(wide / 2 ** 20).toFixed(0)} MB`,
  );

  // Each cycle appends the next minute to every SLO and evaluates all of them.
  const cycleMs: number[] = [];
  let firing = 0;
  for (let c = 0; c < CYCLES; c += 1) {
    const t = START + (MINUTES + c) * MINUTE;
    start = performance.now();
    firing = 0;
    for (let i = 0; i < COUNT; i += 1) {
      const h = historyOf(i);
      const tracker = trackers[i]!;
      tracker.ingest([{ t, good: h.good[MINUTES + c]!, total: h.total[MINUTES + c]! }]);
      const status = tracker.evaluate(t + MINUTE);
      if (status.alerts.some((a) => a.state === 'firing')) firing += 1;
    }
    cycleMs.push(ms(start));
  }
  const now = START + (MINUTES + CYCLES) * MINUTE;
  console.log(
    `incremental cycle: ${COUNT} SLOs, 1 new minute each: median ${median(cycleMs).toFixed(2)} ms, worst ${Math.max(...cycleMs).toFixed(2)} ms over ${CYCLES} cycles (${firing} SLOs firing) — target < 1000 ms`,
  );

  // The full recompute of the same statuses, from all 30 days of every SLO.
  start = performance.now();
  const full = specs.map((s, i) => evaluateSlo(s, { startMs: START, ...historyOf(i) }, now));
  const fullMs = ms(start);
  console.log(
    `full recompute: ${COUNT} SLOs × ${MINUTES + CYCLES} minutes in ${fullMs.toFixed(0)} ms (${(fullMs / median(cycleMs)).toFixed(0)}× the incremental cycle)`,
  );

  const disagreeing = specs.filter(
    (_, i) => i % 25 === 0 && !isDeepStrictEqual(trackers[i]!.evaluate(now), full[i]),
  ).length;
  console.log(
    `agreement: incremental = full recompute on every 25th SLO: ${disagreeing === 0 ? 'yes' : `NO (${disagreeing} differ)`}`,
  );

  // Baseline: just reading every minute of every SLO once (a plain sum of the same Float64Arrays).
  start = performance.now();
  let sum = 0;
  for (let i = 0; i < COUNT; i += 1) {
    const h = historyOf(i);
    for (let m = 0; m < MINUTES + CYCLES; m += 1) sum += h.good[m]! + h.total[m]!;
  }
  const baselineMs = ms(start);
  console.log(
    `baseline: plain sum over ${COUNT} × ${MINUTES + CYCLES} minutes of good and total in ${baselineMs.toFixed(0)} ms (checksum ${sum.toExponential(3)})`,
  );
  console.log(
    '(last line: one incremental evaluation cycle of all SLOs; baseline = plain sum of their 30 days of data)',
  );
  console.log(
    `slo: ${median(cycleMs).toFixed(2)} ms per cycle (baseline: ${baselineMs.toFixed(0)} ms)`,
  );
}

main();
