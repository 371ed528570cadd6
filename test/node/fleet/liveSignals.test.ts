// The fleet list's key signals from the newest samples: the GPU memory a host has, and the share
// of its requests that failed between its two newest scrapes.
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import { ERROR_PERCENT_SIGNAL } from '../../../shared/domain/fleet/signalLimits.ts';
import { LiveValues } from '../../../main/fleet/liveValues.ts';

const t0 = Date.parse('2026-11-26T06:00:00.000Z');
const llama = { model: 'llama-3-8b', version: 'v1' };
const sample = (
  metric: string,
  value: number,
  tsMs: number,
  labels: Record<string, string> = llama,
): Sample => ({
  metric,
  labels,
  value,
  tsMs,
});
const scrape = (tsMs: number, requests: number, errors: number, labels = llama) => [
  sample('requests_total', requests, tsMs, labels),
  sample('errors_total', errors, tsMs, labels),
];

/** Series ids as the ingest gives them: one per host, metric and label set. */
const seriesIds = new Map<string, number>();
const record = (live: LiveValues, hostId: number, samples: Sample[]) =>
  live.record(
    hostId,
    samples,
    samples.map((s) => {
      const key = `${hostId}|${s.metric}|${JSON.stringify(s.labels)}`;
      if (!seriesIds.has(key)) seriesIds.set(key, seriesIds.size + 1);
      return seriesIds.get(key)!;
    }),
  );

describe('fleet key signals', () => {
  it('give the error percentage over about the last minute, across a counter reset', () => {
    const live = new LiveValues();
    record(live, 1, scrape(t0, 1000, 10));
    expect(live.signals(1)[ERROR_PERCENT_SIGNAL]).toBeUndefined(); // one scrape: no rate yet
    record(live, 1, scrape(t0 + 5000, 1200, 30));
    expect(live.signals(1)[ERROR_PERCENT_SIGNAL]).toBeCloseTo(10, 6);
    // A scrape every 5 s at 100 requests each: one bad scrape is averaged over the minute.
    for (let i = 2; i <= 14; i++)
      record(live, 1, scrape(t0 + i * 5000, 1000 + i * 100, i === 14 ? 42 : 30));
    expect(live.signals(1)[ERROR_PERCENT_SIGNAL]).toBeCloseTo((100 * 12) / 1200, 6);
    record(live, 1, scrape(t0 + 75_000, 100, 1)); // the server restarted
    expect(live.signals(1)[ERROR_PERCENT_SIGNAL]).toBeCloseTo(1, 6); // 100 requests since, 1 failed
  });

  it('leave out too few requests to judge, and a replaced version that stopped reporting', () => {
    const few = new LiveValues();
    record(few, 1, scrape(t0, 0, 0));
    record(few, 1, scrape(t0 + 5000, 5, 5));
    expect(few.signals(1)[ERROR_PERCENT_SIGNAL]).toBeUndefined(); // 5 requests: too few
    const live = new LiveValues();
    const v0 = { ...llama, version: 'v0' };
    record(live, 1, [...scrape(t0, 0, 0), ...scrape(t0, 0, 0, v0)]);
    record(live, 1, [...scrape(t0 + 5000, 5, 5), ...scrape(t0 + 5000, 100, 50, v0)]);
    expect(live.signals(1)[ERROR_PERCENT_SIGNAL]).toBeCloseTo((100 * 55) / 105, 6);
    record(live, 1, scrape(t0 + 120_000, 1005, 5)); // v0 stopped two minutes ago
    expect(live.signals(1)[ERROR_PERCENT_SIGNAL]).toBeCloseTo(0, 6);
  });

  it("sum every GPU's memory, used and total", () => {
    const live = new LiveValues();
    const gpu = (i: number, metric: string, value: number) =>
      sample(metric, value, t0, { gpu: String(i), uuid: `GPU-${i}` });
    record(live, 1, [
      gpu(0, 'gpu_memory_used_bytes', 70),
      gpu(1, 'gpu_memory_used_bytes', 10),
      gpu(0, 'gpu_memory_total_bytes', 80),
      gpu(1, 'gpu_memory_total_bytes', 80),
    ]);
    expect(live.signals(1)).toMatchObject({
      gpu_memory_used_bytes: 80,
      gpu_memory_total_bytes: 160,
    });
  });
});

describe('GPU identity', () => {
  it("names each GPU's model from its gpu_info sample, keeping the name off its chart labels", () => {
    const live = new LiveValues();
    const labels = { gpu: '0', uuid: 'GPU-8f1c' };
    record(live, 1, [
      sample('gpu_info', 1, t0, { ...labels, name: 'NVIDIA H100 80GB HBM3' }),
      sample('gpu_temperature_celsius', 61, t0, labels),
    ]);
    const [gpu] = live.breakdown(1).gpus;
    expect(gpu).toEqual({
      gpu: '0',
      labels,
      name: 'NVIDIA H100 80GB HBM3',
      metrics: { gpu_temperature_celsius: 61 },
    });
    expect(live.gpus(1)[0]).toMatchObject({ labels, name: 'NVIDIA H100 80GB HBM3' });
    expect(live.gpuCount(1)).toBe(1);
  });
});
