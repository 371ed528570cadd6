// Reading simulated telemetry in tests: values by metric and labels, and windows of a histogram.
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import { Simulation, type SimulationOptions } from '../../../agent/simulator/model.ts';

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export function sim(overrides: Partial<SimulationOptions> = {}): Simulation {
  return new Simulation({
    hosts: 1,
    gpusPerHost: 1,
    models: ['gpt2-small'],
    seed: 7,
    startMs: T0,
    ...overrides,
  });
}

export function value(
  samples: Sample[],
  metric: string,
  labels: Record<string, string> = {},
): number {
  const found = samples.find(
    (s) => s.metric === metric && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (!found)
    throw new Error(`no ${metric} ${JSON.stringify(labels)} in ${samples.length} samples`);
  return found.value;
}

/** Runs the simulation for `seconds` and returns the samples at the end (p50/p95/p99 cover exactly that window). */
export function run(s: Simulation, seconds: number, host = 0): Sample[] {
  s.samples(host); // opens a fresh percentile window
  s.advanceTo(s.timeMs + seconds * 1000);
  return s.samples(host);
}

/** Mean latency over a window, from the cumulative sum and count. */
export function meanLatency(before: Sample[], after: Sample[], model: string): number {
  const d = (m: string) => value(after, m, { model }) - value(before, m, { model });
  return d('latency_seconds_sum') / d('latency_seconds_count');
}
