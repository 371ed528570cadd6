// Each server's own metric names become the same canonical signals per model/version or per GPU.
import { describe, expect, it } from 'vitest';
import { toCanonical, type CanonicalSignal } from '../../../shared/domain/metrics/canonical.ts';
import { parseExposition } from '../../../shared/domain/metrics/exposition.ts';
import { readFixtureBytes } from '../../helpers/fixtures.ts';

const canonical = (file: string) =>
  toCanonical(parseExposition(readFixtureBytes('metrics', file)).families);
const pick = (signals: readonly CanonicalSignal[], signal: string, model?: string) =>
  signals.find((s) => s.signal === signal && (model === undefined || s.model === model))?.value;

describe('canonical model-service signals', () => {
  it('Python client: requests by status, errors, latency histogram and percentiles', () => {
    const { servers, signals } = canonical('prometheus-python-client.txt');
    expect(servers).toEqual(['python']);
    expect(
      signals
        .filter((s) => s.signal !== 'latency_seconds_bucket')
        .every((s) => s.model === 'fraud-detector' && s.version === '3'),
    ).toBe(true);
    expect(pick(signals, 'requests_total')).toBe(1000);
    expect(pick(signals, 'errors_total')).toBe(14);
    expect(signals.filter((s) => s.signal === 'latency_seconds_bucket')).toHaveLength(10);
    expect(pick(signals, 'latency_seconds_count')).toBe(1000);
    // 500th of 1000 falls in (0.025, 0.05]: 0.025 + 0.025 * (500 - 393) / (786 - 393).
    expect(pick(signals, 'latency_p50_seconds')).toBeCloseTo(0.025 + (0.025 * 107) / 393);
    expect(pick(signals, 'latency_p99_seconds')).toBeCloseTo(0.1 + (0.15 * (990 - 974)) / 26);
  });

  it('vLLM: requests, queue, running, tokens, KV cache and e2e latency per model', () => {
    const { servers, signals } = canonical('vllm_datadog_fixture.txt');
    expect(servers).toEqual(['vllm']);
    const m = 'facebook/opt-125m';
    expect(pick(signals, 'requests_total', m)).toBe(1);
    expect(pick(signals, 'queue_depth', m)).toBe(0);
    expect(pick(signals, 'in_flight_requests', m)).toBe(0);
    expect(pick(signals, 'tokens_generated_total', m)).toBe(7);
    expect(pick(signals, 'kv_cache_usage_ratio', m)).toBe(0);
    expect(pick(signals, 'latency_p50_seconds', m)).toBeCloseTo(0.5);
  });

  it('TGI: requests, failures, queue and batch size', () => {
    const { servers, signals } = canonical('tgi_datadog_fixture_excerpt.txt');
    expect(servers).toEqual(['tgi']);
    expect(pick(signals, 'requests_total')).toBe(111);
    expect(pick(signals, 'errors_total')).toBe(2);
    expect(pick(signals, 'queue_depth')).toBe(0);
    expect(pick(signals, 'in_flight_requests')).toBe(0);
  });

  it('Triton: success + failure per model and version, pending requests, GPU gauges', () => {
    const { servers, signals } = canonical('triton_datadog_fixture.txt');
    expect(servers).toEqual(['triton']);
    expect(pick(signals, 'requests_total', 'densenet_onnx')).toBe(3);
    expect(pick(signals, 'errors_total', 'densenet_onnx')).toBe(0);
    expect(pick(signals, 'latency_seconds_sum', 'densenet_onnx')).toBeCloseTo(1.327965);
    expect(signals.some((s) => s.signal === 'queue_depth')).toBe(true);
    expect(signals.find((s) => s.signal === 'gpu_memory_total_bytes')?.gpu).toMatch(/^GPU-/);
  });

  it('Triton: p50/p95/p99 from the request summary, microseconds to seconds', () => {
    const text =
      '# TYPE nv_inference_request_summary_us summary\n' +
      ['0.5', '0.9', '0.95', '0.99']
        .map(
          (q, i) =>
            `nv_inference_request_summary_us{model="m",version="2",quantile="${q}"} ${(i + 1) * 1000}`,
        )
        .join('\n');
    const { signals } = toCanonical(parseExposition(text).families);
    expect([
      pick(signals, 'latency_p50_seconds'),
      pick(signals, 'latency_p95_seconds'),
      pick(signals, 'latency_p99_seconds'),
    ]).toEqual([0.001, 0.003, 0.004]);
    expect(signals[0]).toMatchObject({ model: 'm', version: '2', server: 'triton' });
  });

  it('KServe: predict latency histogram and the requests it counts', () => {
    const { servers, signals } = canonical('kserve_modelserver_qpext_test.txt');
    expect(servers).toEqual(['kserve']);
    expect(pick(signals, 'requests_total', 'custom-server-test')).toBe(3);
    expect(pick(signals, 'latency_seconds_sum', 'custom-server-test')).toBeCloseTo(6.0067);
  });

  it('TorchServe: requests per model and version from its documented names', () => {
    const text =
      'ts_inference_requests_total{model_name="resnet",model_version="2.0",hostname="h"} 42\nRequests5XX{Level="Host",Hostname="h"} 3\n';
    const { servers, signals } = toCanonical(parseExposition(text).families);
    expect(servers).toEqual(['torchserve']);
    expect(signals.find((s) => s.signal === 'requests_total')).toMatchObject({
      model: 'resnet',
      version: '2.0',
      value: 42,
    });
    expect(pick(signals, 'errors_total')).toBe(3);
  });

  it('maps nothing from exporters it does not know', () => {
    expect(canonical('node_exporter_linux_e2e_excerpt.txt')).toEqual({ servers: [], signals: [] });
  });

  it('applies only the mapping asked for', () => {
    const { families } = parseExposition(
      readFixtureBytes('metrics', 'prometheus-python-client.txt'),
    );
    expect(toCanonical(families, { server: 'vllm' }).signals).toEqual([]);
  });
});

describe('canonical GPU signals from the DCGM exporter', () => {
  const { servers, signals } = canonical('dcgm_exporter_datadog_fixture.txt');
  const host = (h: string) => signals.filter((s) => s.labels.Hostname === h);

  it('detects DCGM and keeps each GPU by host and UUID', () => {
    expect(servers).toEqual(['dcgm']);
    expect(new Set(signals.map((s) => s.labels.UUID).filter(Boolean)).size).toBe(2);
  });

  it('reports utilisation, memory in bytes, temperature, power, SM clock and XID', () => {
    const gpu = host('424773df46e0');
    const get = (signal: string) => gpu.find((s) => s.signal === signal)?.value;
    expect(get('gpu_utilization_percent')).toBe(0);
    expect(get('gpu_temperature_celsius')).toBe(25);
    expect(get('gpu_power_watts')).toBe(8.969);
    expect(get('gpu_sm_clock_mhz')).toBe(300);
    expect(get('gpu_xid_last')).toBe(0);
    expect(gpu[0]?.gpu).toBe('0');
    expect(host('551bdf382151').find((s) => s.signal === 'gpu_memory_total_bytes')?.value).toBe(
      15109 * 1024 * 1024,
    );
    expect(host('551bdf382151').find((s) => s.signal === 'gpu_power_limit_watts')?.value).toBe(70);
  });
});
