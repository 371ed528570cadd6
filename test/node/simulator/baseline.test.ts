// The simulator's healthy baseline, in operator terms: on a normal simulated day the demo site's
// model services stay well inside their latency and error objectives, so only faults (and real
// peak-load excursions) burn error budgets. Seeded, explicit simulated time: nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { simulateDay, type HourSummary } from '../../../agent/simulator/dayReport.ts';
import { DEFAULT_MODELS } from '../../../agent/simulator/fleet.ts';

/** The demo site's default: 8 GPUs per host (fleet.startDemo), the default model services. */
const DEMO = { models: DEFAULT_MODELS, gpusPerHost: 8, seed: 'mirqab-demo' };
/** The latency objective's bound: a bucket bound of the servers' histograms, above the LLMs' idle p99. */
const LLM_P99_OBJECTIVE_S = 5;

const of = (day: HourSummary[], model: string) => day.filter((h) => h.model === model);
const worstP99 = (hours: HourSummary[]) => Math.max(...hours.map((h) => h.worstP99Seconds));
const errorRatio = (hours: HourSummary[]) =>
  hours.reduce((n, h) => n + h.errors, 0) / hours.reduce((n, h) => n + h.requests, 0);

describe('the simulated site on a normal day', () => {
  it('an unfaulted demo service keeps every 5-minute p99 under 5 s and errors under 0.5 % across a simulated day', () => {
    const day = simulateDay(DEMO);
    for (const model of DEFAULT_MODELS) {
      const hours = of(day, model);
      expect(hours).toHaveLength(24);
      expect(worstP99(hours), `${model}: worst 5-minute p99`).toBeLessThan(LLM_P99_OBJECTIVE_S);
      // A small, steady background of failures: the budget is not already spent by a healthy day.
      expect(errorRatio(hours), `${model}: errors over the day`).toBeGreaterThan(0.0005);
      expect(errorRatio(hours), `${model}: errors over the day`).toBeLessThan(0.005);
    }
    // Peak traffic is several times the night's, and still the peak hour stays healthy.
    const llama = of(day, 'llama-3-8b');
    expect(llama[12]!.requests / llama[0]!.requests).toBeGreaterThan(4);
    expect(llama[12]!.worstP99Seconds).toBeLessThan(LLM_P99_OBJECTIVE_S);
  });

  it('a small vision model keeps its p99 well under a second all day', () => {
    const day = simulateDay({ models: ['resnet50'], gpusPerHost: 4, seed: 'mirqab-demo' });
    expect(worstP99(day)).toBeLessThan(0.25);
    expect(errorRatio(day)).toBeLessThan(0.005);
  });

  it("a latency_spike pushes that service's p99 above the healthy level for the hour it lasts, and an error_burst its error ratio", () => {
    const day = simulateDay({
      ...DEMO,
      faults: [
        {
          atHour: 10,
          kind: 'latency_spike',
          model: 'llama-3-8b',
          durationSeconds: 1800,
          params: { factor: 4 },
        },
        {
          atHour: 15,
          kind: 'error_burst',
          model: 'gpt2-small',
          durationSeconds: 600,
          params: { ratio: 0.1 },
        },
      ],
    });
    const llama = of(day, 'llama-3-8b');
    expect(llama[10]!.worstP99Seconds).toBeGreaterThan(LLM_P99_OBJECTIVE_S);
    expect(llama[9]!.worstP99Seconds).toBeLessThan(LLM_P99_OBJECTIVE_S);
    expect(llama[11]!.worstP99Seconds).toBeLessThan(LLM_P99_OBJECTIVE_S);
    // The fault names one model: the other service on the host keeps its baseline.
    expect(of(day, 'gpt2-small')[10]!.worstP99Seconds).toBeLessThan(LLM_P99_OBJECTIVE_S);

    const gpt2 = of(day, 'gpt2-small');
    expect(gpt2[15]!.errorRatio).toBeGreaterThan(0.01);
    expect(gpt2[16]!.errorRatio).toBeLessThan(0.01);
  });
});
