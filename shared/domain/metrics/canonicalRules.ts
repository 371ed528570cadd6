// The built-in mappings from each inference server's own metric names to Mirqab's canonical
// signals. Names come from the servers' documentation and the real expositions in
// test/fixtures/metrics (TorchServe: from its documented names only; no fixture exists).
import type { Labels } from './types.ts';

export type ServerKind = 'triton' | 'vllm' | 'tgi' | 'torchserve' | 'kserve' | 'dcgm' | 'python';
export const SERVER_KINDS: readonly ServerKind[] = [
  'triton',
  'vllm',
  'tgi',
  'torchserve',
  'kserve',
  'dcgm',
  'python',
];

export type ModelSignal =
  | 'requests_total'
  | 'errors_total'
  | 'latency_seconds_bucket'
  | 'latency_seconds_sum'
  | 'latency_seconds_count'
  | 'latency_p50_seconds'
  | 'latency_p95_seconds'
  | 'latency_p99_seconds'
  | 'queue_depth'
  | 'tokens_generated_total'
  | 'kv_cache_usage_ratio'
  | 'in_flight_requests'
  // From drift monitors (and the simulator): population-stability-style score 0..1; no exporter mapping yet.
  | 'prediction_drift_score';

export type GpuSignal =
  | 'gpu_utilization_percent'
  | 'gpu_memory_used_bytes'
  | 'gpu_memory_total_bytes'
  | 'gpu_temperature_celsius'
  | 'gpu_power_watts'
  | 'gpu_power_limit_watts'
  | 'gpu_sm_clock_mhz'
  | 'gpu_xid_last'
  | 'gpu_ecc_corrected_total'
  | 'gpu_ecc_uncorrected_total'
  | 'gpu_remapped_rows_correctable'
  | 'gpu_remapped_rows_uncorrectable'
  | 'gpu_clock_event_reasons_mask'
  // From nvidia-smi only (agent/collectors/gpuCollector.ts); no exporter mapping yet.
  | 'gpu_memory_utilization_percent'
  | 'gpu_memory_clock_mhz'
  | 'gpu_remapped_rows_pending'
  | 'gpu_remapped_rows_failure'
  | 'gpu_pstate'
  // Always 1; its `name` label is the GPU's model ("NVIDIA H100 80GB HBM3"), kept off every other series.
  | 'gpu_info';

export type Signal = ModelSignal | GpuSignal;

/** A plain sample mapping: `metric` (exact sample name) → `signal`, values scaled and combined per model/GPU. */
export interface ValueRule {
  kind: 'value';
  server: ServerKind;
  metric: string;
  signal: Signal;
  scale?: number;
  /** Sum the series of one model (counters, queue lengths) or take the largest (ratios, gauges). */
  combine: 'sum' | 'max';
  /** When given, samples failing it still count, as 0 (an error counter that is 0 for status="ok"). */
  countsIf?: (labels: Labels) => boolean;
}

/** A histogram (cumulative `le` buckets) or summary (`quantile` samples) of request latency. */
export interface LatencyRule {
  kind: 'histogram' | 'summary';
  server: ServerKind;
  metric: string;
  /** Multiplier from the metric's unit to seconds. */
  scale: number;
}

export type Rule = ValueRule | LatencyRule;

const MIB = 1024 * 1024;
const US = 1e-6;
const isErrorStatus = (labels: Labels) => {
  const status = labels.status ?? labels.code ?? labels.outcome;
  return status !== undefined && !/^(ok|success|succeeded|2\d\d)$/i.test(status);
};

const v = (
  server: ServerKind,
  metric: string,
  signal: Signal,
  combine: 'sum' | 'max' = 'sum',
  extra: Partial<ValueRule> = {},
): ValueRule => ({
  kind: 'value',
  server,
  metric,
  signal,
  combine,
  ...extra,
});

export const RULES: readonly Rule[] = [
  // NVIDIA Triton Inference Server (docs: user_guide/metrics.md).
  v('triton', 'nv_inference_request_success', 'requests_total'),
  v('triton', 'nv_inference_request_failure', 'requests_total'),
  v('triton', 'nv_inference_request_failure', 'errors_total'),
  v('triton', 'nv_inference_pending_request_count', 'queue_depth'),
  v('triton', 'nv_inference_request_duration_us', 'latency_seconds_sum', 'sum', { scale: US }),
  { kind: 'summary', server: 'triton', metric: 'nv_inference_request_summary_us', scale: US },
  v('triton', 'nv_gpu_utilization', 'gpu_utilization_percent', 'max', { scale: 100 }),
  v('triton', 'nv_gpu_memory_used_bytes', 'gpu_memory_used_bytes', 'max'),
  v('triton', 'nv_gpu_memory_total_bytes', 'gpu_memory_total_bytes', 'max'),
  v('triton', 'nv_gpu_power_usage', 'gpu_power_watts', 'max'),
  v('triton', 'nv_gpu_power_limit', 'gpu_power_limit_watts', 'max'),
  // vLLM (docs: design/metrics, serving/metrics).
  v('vllm', 'vllm:request_success_total', 'requests_total'),
  v('vllm', 'vllm:num_requests_waiting', 'queue_depth'),
  v('vllm', 'vllm:num_requests_running', 'in_flight_requests'),
  v('vllm', 'vllm:generation_tokens_total', 'tokens_generated_total'),
  v('vllm', 'vllm:kv_cache_usage_perc', 'kv_cache_usage_ratio', 'max'),
  v('vllm', 'vllm:gpu_cache_usage_perc', 'kv_cache_usage_ratio', 'max'),
  { kind: 'histogram', server: 'vllm', metric: 'vllm:e2e_request_latency_seconds', scale: 1 },
  // Hugging Face text-generation-inference router.
  v('tgi', 'tgi_request_count', 'requests_total'),
  v('tgi', 'tgi_request_failure', 'errors_total'),
  v('tgi', 'tgi_queue_size', 'queue_depth'),
  v('tgi', 'tgi_batch_current_size', 'in_flight_requests'),
  v('tgi', 'tgi_request_generated_tokens_sum', 'tokens_generated_total'),
  { kind: 'histogram', server: 'tgi', metric: 'tgi_request_duration', scale: 1 },
  // TorchServe (docs: metrics_api.md; legacy and metrics-config names).
  v('torchserve', 'ts_inference_requests_total', 'requests_total'),
  v('torchserve', 'Requests5XX', 'errors_total'),
  v('torchserve', 'ts_inference_latency_microseconds', 'latency_seconds_sum', 'sum', { scale: US }),
  // KServe Python model server: the predict step's histogram also counts the requests.
  v('kserve', 'request_predict_seconds_count', 'requests_total'),
  { kind: 'histogram', server: 'kserve', metric: 'request_predict_seconds', scale: 1 },
  // DCGM exporter (default-counters.csv); FB memory is reported in MiB.
  v('dcgm', 'DCGM_FI_DEV_GPU_UTIL', 'gpu_utilization_percent', 'max'),
  v('dcgm', 'DCGM_FI_DEV_FB_USED', 'gpu_memory_used_bytes', 'max', { scale: MIB }),
  v('dcgm', 'DCGM_FI_DEV_FB_TOTAL', 'gpu_memory_total_bytes', 'max', { scale: MIB }),
  v('dcgm', 'DCGM_FI_DEV_GPU_TEMP', 'gpu_temperature_celsius', 'max'),
  v('dcgm', 'DCGM_FI_DEV_POWER_USAGE', 'gpu_power_watts', 'max'),
  v('dcgm', 'DCGM_FI_DEV_POWER_MGMT_LIMIT', 'gpu_power_limit_watts', 'max'),
  v('dcgm', 'DCGM_FI_DEV_SM_CLOCK', 'gpu_sm_clock_mhz', 'max'),
  v('dcgm', 'DCGM_FI_DEV_XID_ERRORS', 'gpu_xid_last', 'max'),
  v('dcgm', 'DCGM_FI_DEV_ECC_SBE_VOL_TOTAL', 'gpu_ecc_corrected_total'),
  v('dcgm', 'DCGM_FI_DEV_ECC_DBE_VOL_TOTAL', 'gpu_ecc_uncorrected_total'),
  v('dcgm', 'DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', 'gpu_remapped_rows_correctable'),
  v('dcgm', 'DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', 'gpu_remapped_rows_uncorrectable'),
  v('dcgm', 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS', 'gpu_clock_event_reasons_mask', 'max'),
  // The official Python client's conventional names (a model server instrumented by hand).
  v('python', 'inference_requests_total', 'requests_total'),
  v('python', 'inference_requests_total', 'errors_total', 'sum', { countsIf: isErrorStatus }),
  v('python', 'inference_generated_tokens_total', 'tokens_generated_total'),
  v('python', 'inference_requests_in_flight', 'in_flight_requests'),
  v('python', 'inference_queue_depth', 'queue_depth'),
  { kind: 'histogram', server: 'python', metric: 'inference_request_latency_seconds', scale: 1 },
];

/** Which server an exposition comes from, by the prefixes of its sample names. */
export function serverOfSampleName(name: string): ServerKind | undefined {
  if (name.startsWith('nv_inference_') || name.startsWith('nv_gpu_')) return 'triton';
  if (name.startsWith('vllm:')) return 'vllm';
  if (name.startsWith('tgi_')) return 'tgi';
  if (name.startsWith('ts_') || /^Requests[245]XX$/.test(name)) return 'torchserve';
  if (/^request_(predict|preprocess|postprocess|explain)_seconds/.test(name)) return 'kserve';
  if (name.startsWith('DCGM_FI_')) return 'dcgm';
  if (name.startsWith('inference_request')) return 'python';
  return undefined;
}
