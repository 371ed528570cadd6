// A simulated day of one host's model services, summarised per hour the way an SLO reads it:
// requests, error ratio, and the worst 5-minute p99 (histogram_quantile over each window's buckets).
// Pure and seeded: the baseline test and scripts/simulator-day.ts read the same figures.
import type { Sample } from '../../shared/agent-protocol/index.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import type { FaultInput } from './faults.ts';
import { Simulation } from './model.ts';

/** The window an SLO's latency objective is usually evaluated over. */
export const P99_WINDOW_SECONDS = 300;

export interface DayOptions {
  models: string[];
  gpusPerHost: number;
  seed: number | string;
  /** Midnight UTC of the simulated day (the diurnal trough). */
  startMs?: number;
  hours?: number;
  /** Faults injected on the host when the given hour of the day begins. */
  faults?: DayFault[];
}

export interface DayFault {
  atHour: number;
  kind: FaultInput['kind'];
  durationSeconds: number;
  model?: string;
  gpu?: number;
  params?: FaultInput['params'];
}

export interface HourSummary {
  hour: number;
  model: string;
  requests: number;
  errors: number;
  errorRatio: number;
  /** Worst 5-minute p99 latency in the hour, in seconds (NaN when no window had a request). */
  worstP99Seconds: number;
}

function find(samples: Sample[], metric: string, model: string): number | undefined {
  return samples.find((s) => s.metric === metric && s.labels.model === model)?.value;
}

export function simulateDay(options: DayOptions): HourSummary[] {
  const startMs = options.startMs ?? Date.UTC(2026, 0, 15);
  const sim = new Simulation({
    hosts: 1,
    gpusPerHost: options.gpusPerHost,
    models: options.models,
    seed: options.seed,
    startMs,
  });
  const host = sim.hosts[0]!.name;
  const out: HourSummary[] = [];
  let hourStart = sim.samples(0);
  for (let hour = 0; hour < (options.hours ?? 24); hour++) {
    for (const f of (options.faults ?? []).filter((x) => x.atHour === hour)) {
      sim.inject({
        kind: f.kind,
        durationSeconds: f.durationSeconds,
        params: f.params,
        target: { host, model: f.model, gpu: f.gpu },
      });
    }
    const worst = new Map<string, number>();
    let latest = hourStart;
    for (let t = 0; t < HOUR_MS; t += P99_WINDOW_SECONDS * 1000) {
      sim.advanceTo(sim.timeMs + P99_WINDOW_SECONDS * 1000);
      latest = sim.samples(0); // each call closes one percentile window
      for (const model of options.models) {
        const p99 = find(latest, 'latency_p99_seconds', model);
        if (p99 !== undefined) worst.set(model, Math.max(worst.get(model) ?? 0, p99));
      }
    }
    for (const model of options.models) {
      // A host_down restarts the counters: the hour then counts from zero.
      const delta = (metric: string) => {
        const now = find(latest, metric, model) ?? 0;
        const before = find(hourStart, metric, model) ?? 0;
        return now >= before ? now - before : now;
      };
      const requests = delta('requests_total');
      const errors = delta('errors_total');
      out.push({
        hour,
        model,
        requests,
        errors,
        errorRatio: requests > 0 ? errors / requests : 0,
        worstP99Seconds: worst.get(model) ?? Number.NaN,
      });
    }
    hourStart = latest;
  }
  return out;
}
