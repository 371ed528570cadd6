// Each drill fault has the effect an operator would see, and ends after its duration. Time is
// driven explicitly; nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { FaultSpecSchema } from '../../../agent/simulator/faults.ts';
import { run, sim, value } from './simHelpers.ts';

const HOST = 'sim-gpu-01';

function busyGpuHost() {
  const s = sim({ gpusPerHost: 2, models: ['llama-3-8b'] });
  s.forcedArrivals.set('llama-3-8b', 12);
  run(s, 120);
  return s;
}

describe('simulated faults', () => {
  it('gpu_xid_error logs the XID, idles the GPU and fails its share of requests, then the GPU serves again', () => {
    const s = busyGpuHost();
    const { event } = s.inject({
      kind: 'gpu_xid_error',
      target: { host: HOST, gpu: 1 },
      durationSeconds: 60,
    });
    expect(event).toMatchObject({
      kind: 'fault_injected',
      details: { fault: 'gpu_xid_error', target: { host: HOST, gpu: 1 }, durationSeconds: 60 },
    });
    const before = s.samples(0);
    const during = run(s, 30);
    expect(value(during, 'gpu_xid_last', { gpu: '1' })).toBe(79);
    expect(value(during, 'gpu_utilization_percent', { gpu: '1' })).toBe(0);
    expect(value(during, 'gpu_utilization_percent', { gpu: '0' })).toBeGreaterThan(0);
    const errors = value(during, 'errors_total') - value(before, 'errors_total');
    const requests = value(during, 'requests_total') - value(before, 'requests_total');
    expect(errors / requests).toBeGreaterThan(0.3);
    run(s, 40);
    const after = s.samples(0);
    const later = run(s, 60);
    expect(value(later, 'gpu_utilization_percent', { gpu: '1' })).toBeGreaterThan(0);
    expect(
      (value(later, 'errors_total') - value(after, 'errors_total')) /
        (value(later, 'requests_total') - value(after, 'requests_total')),
    ).toBeLessThan(0.05);
    expect(s.faults.active(s.timeMs)).toEqual([]);
  });

  it('ecc_uncorrectable counts a double-bit error and remaps a row, and the counters persist after it ends', () => {
    const s = busyGpuHost();
    s.inject({ kind: 'ecc_uncorrectable', target: { host: HOST, gpu: 0 }, durationSeconds: 30 });
    const during = run(s, 10);
    expect(value(during, 'gpu_ecc_uncorrected_total', { gpu: '0' })).toBe(1);
    expect(value(during, 'gpu_remapped_rows_uncorrectable', { gpu: '0' })).toBe(1);
    expect(value(during, 'gpu_xid_last', { gpu: '0' })).toBe(48);
    expect(value(during, 'gpu_utilization_percent', { gpu: '0' })).toBe(0);
    const after = run(s, 60);
    expect(value(after, 'gpu_ecc_uncorrected_total', { gpu: '0' })).toBe(1);
    expect(value(after, 'gpu_utilization_percent', { gpu: '0' })).toBeGreaterThan(0);
  });

  it('thermal_throttle heats the GPU past the slowdown point, sets HW thermal slowdown and halves clocks; it cools after', () => {
    const s = busyGpuHost();
    const normal = run(s, 5);
    s.inject({ kind: 'thermal_throttle', target: { host: HOST, gpu: 0 }, durationSeconds: 120 });
    const hot = run(s, 100);
    expect(value(hot, 'gpu_temperature_celsius', { gpu: '0' })).toBeGreaterThanOrEqual(87);
    expect(value(hot, 'gpu_clock_event_reasons_mask', { gpu: '0' }) & 0x40).toBe(0x40);
    expect(value(hot, 'gpu_sm_clock_mhz', { gpu: '0' })).toBeLessThan(
      value(normal, 'gpu_sm_clock_mhz', { gpu: '0' }) * 0.7,
    );
    expect(value(hot, 'gpu_clock_event_reasons_mask', { gpu: '1' }) & 0x40).toBe(0);
    const cooled = run(s, 120);
    expect(value(cooled, 'gpu_temperature_celsius', { gpu: '0' })).toBeLessThan(80);
    expect(value(cooled, 'gpu_clock_event_reasons_mask', { gpu: '0' }) & 0x40).toBe(0);
  });

  it('power_cap lowers the board limit: power holds at it with SW power cap, and the limit returns to 700 W', () => {
    const s = busyGpuHost();
    s.inject({
      kind: 'power_cap',
      target: { host: HOST },
      durationSeconds: 60,
      params: { powerLimitW: 300 },
    });
    const capped = run(s, 30);
    expect(value(capped, 'gpu_power_limit_watts', { gpu: '0' })).toBe(300);
    expect(value(capped, 'gpu_power_watts', { gpu: '0' })).toBeLessThanOrEqual(300);
    expect(value(capped, 'gpu_clock_event_reasons_mask', { gpu: '1' }) & 0x4).toBe(0x4);
    const after = run(s, 60);
    expect(value(after, 'gpu_power_limit_watts', { gpu: '0' })).toBe(700);
  });

  it('latency_spike multiplies latency; error_burst raises the error ratio; both end on time', () => {
    const s = busyGpuHost();
    const base = value(run(s, 60), 'latency_p50_seconds');
    s.inject({
      kind: 'latency_spike',
      target: { host: HOST, model: 'llama-3-8b' },
      durationSeconds: 60,
      params: { factor: 3 },
    });
    s.inject({
      kind: 'error_burst',
      target: { host: HOST },
      durationSeconds: 60,
      params: { ratio: 0.5 },
    });
    const before = s.samples(0);
    const during = run(s, 50);
    expect(value(during, 'latency_p50_seconds')).toBeGreaterThan(2 * base);
    const ratio =
      (value(during, 'errors_total') - value(before, 'errors_total')) /
      (value(during, 'requests_total') - value(before, 'requests_total'));
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
    run(s, 20);
    expect(value(run(s, 60), 'latency_p50_seconds')).toBeLessThan(1.5 * base);
  });

  it('accuracy_drop lowers online accuracy and raises prediction drift; data_pipeline_stall makes the feature lag grow; each recovers after', () => {
    const s = busyGpuHost();
    const normal = run(s, 60);
    s.inject({
      kind: 'accuracy_drop',
      target: { host: HOST },
      durationSeconds: 600,
      params: { drop: 0.15 },
    });
    s.inject({
      kind: 'data_pipeline_stall',
      target: { host: HOST, model: 'llama-3-8b' },
      durationSeconds: 300,
    });
    const during = run(s, 299);
    expect(value(during, 'model_accuracy_ratio')).toBeLessThan(
      value(normal, 'model_accuracy_ratio') - 0.1,
    );
    // A stable model's drift score sits at a few hundredths; the drop pushes it past 0.2 ("significant shift").
    expect(value(normal, 'prediction_drift_score')).toBeGreaterThan(0.01);
    expect(value(normal, 'prediction_drift_score')).toBeLessThan(0.06);
    expect(value(during, 'prediction_drift_score')).toBeGreaterThan(0.2);
    expect(value(during, 'data_pipeline_lag_seconds')).toBeGreaterThan(300);
    const after = run(s, 900);
    expect(value(after, 'model_accuracy_ratio')).toBeGreaterThan(
      value(normal, 'model_accuracy_ratio') - 0.02,
    );
    expect(value(after, 'prediction_drift_score')).toBeLessThan(0.06);
    expect(value(after, 'data_pipeline_lag_seconds')).toBeLessThan(40);
  });

  it("host_down silences the host; it comes back with its servers' counters restarted from zero", () => {
    const s = busyGpuHost();
    const before = run(s, 10);
    s.inject({ kind: 'host_down', target: { host: HOST }, durationSeconds: 60 });
    expect(run(s, 30)).toEqual([]);
    run(s, 40);
    const back = run(s, 10);
    expect(value(back, 'requests_total')).toBeLessThan(value(before, 'requests_total'));
    expect(value(back, 'gpu_power_watts', { gpu: '0' })).toBeGreaterThan(100);
  });

  it('refuses faults with an unknown target or a target of the wrong kind, explaining why', () => {
    const s = sim();
    expect(() =>
      s.inject({ kind: 'host_down', target: { host: 'nope' }, durationSeconds: 5 }),
    ).toThrow(/no simulated host named "nope"/);
    expect(() =>
      s.inject({ kind: 'power_cap', target: { host: HOST, gpu: 3 }, durationSeconds: 5 }),
    ).toThrow(/has 1 GPU/);
    expect(() =>
      s.inject({ kind: 'error_burst', target: { host: HOST, model: 'bert' }, durationSeconds: 5 }),
    ).toThrow(/not "bert"/);
    const wrong = FaultSpecSchema.safeParse({
      kind: 'latency_spike',
      target: { host: HOST, gpu: 0 },
      durationSeconds: 5,
    });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.message).toMatch(/not a GPU/);
    expect(
      FaultSpecSchema.safeParse({ kind: 'meteor', target: { host: HOST }, durationSeconds: 5 })
        .success,
    ).toBe(false);
    expect(
      FaultSpecSchema.safeParse({ kind: 'host_down', target: { host: HOST }, durationSeconds: 0 })
        .success,
    ).toBe(false);
  });
});
