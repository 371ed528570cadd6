// The simulated fleet's physics, checked against the real captures it is calibrated on.
import { describe, expect, it } from 'vitest';
import { FIXTURE_SERVICE_SECONDS, GPU } from '../../../agent/simulator/calibration.ts';
import { mulberry32 } from '../../../agent/simulator/prng.ts';
import { readFixture } from '../../helpers/fixtures.ts';
import { meanLatency, run, sim, T0, value } from './simHelpers.ts';

const CAPACITY_RPS = 1 / FIXTURE_SERVICE_SECONDS; // gpt2-small: one slot, as in inference-run

describe('the simulation model', () => {
  it('mulberry32 is the published generator', () => {
    // The first output for seed 1 of the reference implementation.
    expect(mulberry32(1)().toFixed(8)).toBe('0.62707394');
  });

  it('gives identical telemetry for the same seed, whatever the stepping pattern, and different telemetry for another seed', () => {
    const a = sim({ hosts: 2, gpusPerHost: 4, models: ['llama-3-8b', 'gpt2-small'] });
    const b = sim({ hosts: 2, gpusPerHost: 4, models: ['llama-3-8b', 'gpt2-small'] });
    const c = sim({ hosts: 2, gpusPerHost: 4, models: ['llama-3-8b', 'gpt2-small'], seed: 8 });
    a.advanceTo(T0 + 3_600_000);
    for (let t = T0; t <= T0 + 3_600_000; t += 7_300) b.advanceTo(t);
    b.advanceTo(T0 + 3_600_000);
    c.advanceTo(T0 + 3_600_000);
    expect(b.samples(1)).toEqual(a.samples(1));
    expect(c.samples(1)).not.toEqual(b.samples(1));
  });

  it('follows a diurnal curve: peak-hour traffic is several times the night trough', () => {
    const s = sim({ gpusPerHost: 2, models: ['llama-3-8b'], startMs: Date.UTC(2026, 0, 15, 0, 0) });
    const night = run(s, 600);
    const nightRate = value(night, 'requests_total') / 600;
    s.advanceTo(Date.UTC(2026, 0, 15, 12, 0));
    const before = s.samples(0);
    const noon = run(s, 600);
    const noonRate = (value(noon, 'requests_total') - value(before, 'requests_total')) / 600;
    expect(noonRate / nightRate).toBeGreaterThan(3);
  });

  it('runs the same traffic at any wall-clock hour once its traffic day is pinned (as a drill pins it)', () => {
    const requestsAfterHour = (startMs: number, trafficDayStartMs?: number) => {
      const s = sim({ gpusPerHost: 2, models: ['llama-3-8b'], startMs, trafficDayStartMs });
      s.advanceTo(startMs + 3_600_000);
      return value(s.samples(0), 'requests_total');
    };
    const night = Date.UTC(2026, 0, 15, 23, 30);
    const afternoon = Date.UTC(2026, 0, 15, 14, 0);
    // Unpinned, a 23:30 UTC start sees the night's trough and 14:00 the afternoon's peak.
    expect(requestsAfterHour(afternoon) / requestsAfterHour(night)).toBeGreaterThan(1.5);
    const pinned = (startMs: number) => requestsAfterHour(startMs, startMs - 14 * 3_600_000);
    expect(pinned(night)).toBe(pinned(afternoon));
  });

  it("serves an idle request in the fixture's ~1.35 s and, saturated, ≥ 10× slower with p99 pinned at the top 10 s bucket", () => {
    const fixture = readFixture('inference-run', 'requests.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { latency_s: number; concurrency: number });
    const fixtureIdle = fixture.slice(1, 13).map((r) => r.latency_s);
    const fixtureSaturated = fixture.filter((r) => r.concurrency === 24).map((r) => r.latency_s);

    const s = sim();
    s.forcedArrivals.set('gpt2-small', 0.3 * CAPACITY_RPS);
    run(s, 60); // past the cold start
    const idleStart = s.samples(0);
    const idle = run(s, 600);
    const idleMean = meanLatency(idleStart, idle, 'gpt2-small');
    expect(idleMean).toBeGreaterThan(Math.min(...fixtureIdle));
    expect(idleMean).toBeLessThan(2 * Math.max(...fixtureIdle));
    expect(value(idle, 'latency_p99_seconds')).toBeLessThanOrEqual(10);

    // Overload as in the fixture's saturated phase: arrivals beyond one slot's capacity build a queue.
    s.forcedArrivals.set('gpt2-small', 1.5 * CAPACITY_RPS);
    const satStart = s.samples(0);
    const saturated = run(s, 60);
    const saturatedMean = meanLatency(satStart, saturated, 'gpt2-small');
    expect(saturatedMean / idleMean).toBeGreaterThanOrEqual(10);
    expect(saturatedMean).toBeLessThan(2 * Math.max(...fixtureSaturated));
    expect(value(saturated, 'latency_p99_seconds')).toBe(10);
    expect(value(saturated, 'queue_depth')).toBeGreaterThan(10);

    // Recovery: the queue drains once load falls back, as in the fixture's last phase.
    s.forcedArrivals.set('gpt2-small', 0.1 * CAPACITY_RPS);
    run(s, 120);
    const recovered = run(s, 600);
    expect(value(recovered, 'queue_depth')).toBeLessThan(2);
    expect(value(recovered, 'latency_p99_seconds')).toBeLessThan(5);
  });

  it('p99 latency grows with load', () => {
    const p99At = (load: number) => {
      const s = sim({ models: ['llama-3-8b'] });
      s.forcedArrivals.set('llama-3-8b', (load * 32) / 2.4);
      run(s, 60);
      return value(run(s, 900), 'latency_p99_seconds');
    };
    const [low, mid, high] = [0.2, 0.6, 1.05].map(p99At) as [number, number, number];
    expect(low).toBeLessThanOrEqual(mid);
    expect(mid).toBeLessThan(high);
  });

  it('draws 70 W idle with "GPU idle" clocks, follows utilisation, and holds the 700 W cap with SW power cap at saturation', () => {
    const s = sim({ models: ['llama-3-8b'] });
    s.forcedArrivals.set('llama-3-8b', 0);
    const idle = run(s, 30);
    expect(value(idle, 'gpu_power_watts')).toBeCloseTo(GPU.idlePowerW, -1);
    expect(value(idle, 'gpu_sm_clock_mhz')).toBe(345);
    expect(value(idle, 'gpu_clock_event_reasons_mask')).toBe(0x1);

    s.forcedArrivals.set('llama-3-8b', 40);
    const justLoaded = run(s, 3);
    const saturated = run(s, 120);
    expect(value(saturated, 'gpu_utilization_percent')).toBeGreaterThan(90);
    expect(value(saturated, 'gpu_power_watts')).toBeGreaterThanOrEqual(690);
    expect(value(saturated, 'gpu_power_watts')).toBeLessThanOrEqual(700);
    expect(value(saturated, 'gpu_clock_event_reasons_mask') & 0x4).toBe(0x4);
    expect(value(saturated, 'gpu_sm_clock_mhz')).toBeGreaterThanOrEqual(1200);
    expect(value(saturated, 'gpu_sm_clock_mhz')).toBeLessThanOrEqual(1500);
    // Temperature lags power: seconds after the step it is still well below where it settles (~70 °C).
    expect(value(justLoaded, 'gpu_temperature_celsius')).toBeLessThan(
      value(saturated, 'gpu_temperature_celsius') - 10,
    );
    expect(value(saturated, 'gpu_temperature_celsius')).toBeGreaterThanOrEqual(65);
    expect(value(saturated, 'gpu_temperature_celsius')).toBeLessThanOrEqual(75);

    const ramp = sim({ models: ['llama-3-8b'] });
    const powerAt: number[] = [];
    for (const load of [0.2, 0.4, 0.6]) {
      ramp.forcedArrivals.set('llama-3-8b', (load * 32) / 2.4);
      powerAt.push(value(run(ramp, 120), 'gpu_power_watts'));
    }
    expect(powerAt[0]!).toBeLessThan(powerAt[1]!);
    expect(powerAt[1]!).toBeLessThan(powerAt[2]!);
  });

  it('emits the canonical signal names with gpu/uuid and model/version labels', () => {
    const s = sim({ gpusPerHost: 2, models: ['llama-3-8b@7'] });
    const samples = run(s, 30);
    const names = new Set(samples.map((x) => x.metric));
    for (const name of [
      'host_cpu_utilization',
      'host_memory_used_bytes',
      'gpu_power_watts',
      'gpu_clock_event_reasons_mask',
      'requests_total',
      'errors_total',
      'latency_seconds_bucket',
      'latency_p99_seconds',
      'queue_depth',
      'tokens_generated_total',
      'kv_cache_usage_ratio',
    ]) {
      expect(names).toContain(name);
    }
    expect(samples.find((x) => x.metric === 'gpu_power_watts')?.labels).toEqual({
      gpu: '0',
      uuid: expect.stringMatching(/^GPU-[0-9a-f-]{36}$/) as unknown,
    });
    expect(
      samples.filter((x) => x.metric === 'latency_seconds_bucket').map((x) => x.labels.le),
    ).toEqual(['0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf']);
    expect(samples.find((x) => x.metric === 'requests_total')?.labels).toEqual({
      model: 'llama-3-8b',
      version: '7',
    });
  });
});
