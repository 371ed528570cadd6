// The newest value of every series, kept in memory so the fleet list and host detail never scan
// telemetry tables; filled from the store at start and from each committed batch.
import type { Sample } from '../../shared/agent-protocol/index.ts';
import { MIN_REQUESTS_FOR_ERROR_RATIO } from '../../shared/domain/alertRules/index.ts';
import { ERROR_PERCENT_SIGNAL } from '../../shared/domain/fleet/signalLimits.ts';
import { GPU_INFO_SIGNAL } from '../../shared/domain/metrics/canonical.ts';
import type { ReadableDb } from '../store/types.ts';
import { latestRawValues } from '../telemetry/sampleBuffer.ts';

export interface LiveValue {
  metric: string;
  labels: Record<string, string>;
  tsMs: number;
  value: number;
}

export interface LiveGpu {
  gpu: string;
  labels: Record<string, string>;
  /** The model name from nvidia-smi (the gpu_info sample), when the agent reports it. */
  name?: string;
  metrics: Record<string, number>;
  /** Newest sample time among its metrics. */
  updatedAtMs: number;
}

/** Labels that name a GPU, in order of preference, and those that name a model service. */
const GPU_LABELS = ['gpu', 'uuid', 'index', 'gpu_uuid'];
const MODEL_LABELS = ['model', 'model_name'];
const VERSION_LABELS = ['version', 'model_version'];

/**
 * Key signals for the fleet list (canonical names from shared/domain/metrics and the host collector):
 * metric → how its label sets (GPUs, model versions) combine into one number.
 */
export const KEY_SIGNALS: Readonly<Record<string, 'mean' | 'sum' | 'max'>> = {
  host_cpu_utilization: 'mean',
  host_memory_used_bytes: 'sum',
  host_load1: 'mean',
  gpu_utilization_percent: 'mean',
  gpu_memory_used_bytes: 'sum',
  gpu_memory_total_bytes: 'sum',
  gpu_temperature_celsius: 'max',
  gpu_power_watts: 'sum',
  queue_depth: 'sum',
  in_flight_requests: 'sum',
  kv_cache_usage_ratio: 'max',
  latency_p99_seconds: 'max',
};

/** Counters whose recent values are kept too, for the error percentage over about a minute. */
const COUNTERS = new Set(['requests_total', 'errors_total']);
const ERROR_WINDOW_MS = 60_000;

/** A model version with no reading this long after another version's newest has been replaced. */
const REPLACED_AFTER_MS = 60_000;

/** GPU signals are named gpu_* (canonical) or gpu.* and carry a GPU label. */
const isGpuMetric = (metric: string) => metric.startsWith('gpu_') || metric.startsWith('gpu.');

function pick(labels: Record<string, string>, names: string[]): string | undefined {
  for (const name of names) if (labels[name] !== undefined) return labels[name];
  return undefined;
}

type GpuEntry = Omit<LiveGpu, 'updatedAtMs'>;

/** A GPU's chart series labels: gpu_info's extra name label names no series but that one. */
function seriesLabels(v: LiveValue): Record<string, string> {
  if (v.metric !== GPU_INFO_SIGNAL) return v.labels;
  const { name: _name, ...labels } = v.labels;
  return labels;
}

function addGpuValue(entry: GpuEntry, v: LiveValue): void {
  if (v.metric === GPU_INFO_SIGNAL) {
    if (v.labels.name) entry.name = v.labels.name;
  } else entry.metrics[v.metric] = v.value;
}

export class LiveValues {
  /** Each host's newest value of each series, by series id. */
  private readonly byHost = new Map<number, Map<number, LiveValue>>();
  /** Each counter series' recent values, the oldest at least a window before the newest. */
  private readonly counters = new Map<number, Map<number, LiveValue[]>>();

  load(db: ReadableDb): void {
    for (const row of latestRawValues(db)) {
      this.put(row.hostId, row.seriesId, {
        metric: row.metric,
        labels: JSON.parse(row.labels) as Record<string, string>,
        tsMs: row.tsMs,
        value: row.value,
      });
    }
  }

  private put(hostId: number, seriesId: number, value: LiveValue): void {
    let values = this.byHost.get(hostId);
    if (!values) this.byHost.set(hostId, (values = new Map<number, LiveValue>()));
    const known = values.get(seriesId);
    if (known && known.tsMs > value.tsMs) return;
    if (COUNTERS.has(value.metric) && (!known || known.tsMs < value.tsMs)) {
      let series = this.counters.get(hostId);
      if (!series) this.counters.set(hostId, (series = new Map<number, LiveValue[]>()));
      const recent = series.get(seriesId) ?? [];
      recent.push(value);
      // Keep the newest value that is at least a window old, and everything after it.
      while (recent.length > 2 && recent[1]!.tsMs <= value.tsMs - ERROR_WINDOW_MS) recent.shift();
      series.set(seriesId, recent);
    }
    values.set(seriesId, value);
  }

  /** Failed requests in % across the host's services over about the last minute; null when too few. */
  private errorPercent(hostId: number): number | null {
    const pairs = [...(this.counters.get(hostId)?.values() ?? [])].flatMap((recent) =>
      recent.length > 1 ? [{ old: recent[0]!, now: recent.at(-1)! }] : [],
    );
    // A replaced model version's counters stopped: its last step is not today's error rate.
    const newest = Math.max(...pairs.map((p) => p.now.tsMs));
    const delta = { requests_total: 0, errors_total: 0 };
    for (const { old, now } of pairs) {
      if (now.tsMs < newest - REPLACED_AFTER_MS) continue;
      if (old.metric !== 'requests_total' && old.metric !== 'errors_total') continue;
      delta[old.metric] += now.value >= old.value ? now.value - old.value : now.value; // a restart resets
    }
    if (delta.requests_total < MIN_REQUESTS_FOR_ERROR_RATIO) return null;
    return Math.min(100, (100 * delta.errors_total) / delta.requests_total);
  }

  /** A committed batch: sample i went to series `seriesIds[i]` (the ingest resolved them). */
  record(hostId: number, samples: readonly Sample[], seriesIds: readonly number[]): void {
    // A committed sample is never changed afterwards: it is kept as the live value itself.
    for (let i = 0; i < samples.length; i++) this.put(hostId, seriesIds[i]!, samples[i]!);
  }

  forget(hostId: number): void {
    this.byHost.delete(hostId);
    this.counters.delete(hostId);
  }

  values(hostId: number): LiveValue[] {
    return [...(this.byHost.get(hostId)?.values() ?? [])];
  }

  gpuCount(hostId: number): number {
    const gpus = new Set<string>();
    for (const v of this.values(hostId)) {
      const gpu = isGpuMetric(v.metric) ? pick(v.labels, GPU_LABELS) : undefined;
      if (gpu !== undefined) gpus.add(gpu);
    }
    return gpus.size;
  }

  signals(hostId: number): Record<string, number> {
    const groups = new Map<string, number[]>();
    for (const v of this.values(hostId)) {
      if (!(v.metric in KEY_SIGNALS)) continue;
      const list = groups.get(v.metric) ?? [];
      list.push(v.value);
      groups.set(v.metric, list);
    }
    const out: Record<string, number> = {};
    for (const [metric, values] of groups) {
      const how = KEY_SIGNALS[metric];
      const sum = values.reduce((a, b) => a + b, 0);
      out[metric] = how === 'sum' ? sum : how === 'max' ? Math.max(...values) : sum / values.length;
    }
    const errors = this.errorPercent(hostId);
    if (errors !== null) out[ERROR_PERCENT_SIGNAL] = errors;
    return out;
  }

  /** The latest values of each GPU only (the heatmaps' read: no model or host grouping). */
  gpus(hostId: number): LiveGpu[] {
    const gpus = new Map<string, LiveGpu>();
    for (const v of this.byHost.get(hostId)?.values() ?? []) {
      const gpu = isGpuMetric(v.metric) ? pick(v.labels, GPU_LABELS) : undefined;
      if (gpu === undefined) continue;
      let entry = gpus.get(gpu);
      if (!entry)
        gpus.set(gpu, (entry = { gpu, labels: seriesLabels(v), metrics: {}, updatedAtMs: v.tsMs }));
      addGpuValue(entry, v);
      if (v.tsMs > entry.updatedAtMs) entry.updatedAtMs = v.tsMs;
    }
    return [...gpus.values()].sort((a, b) => a.gpu.localeCompare(b.gpu, 'en', { numeric: true }));
  }

  /** Groups the latest values by GPU, by model service, and the rest as host metrics. */
  breakdown(hostId: number) {
    const gpus = new Map<string, GpuEntry>();
    const models = new Map<
      string,
      {
        model: string;
        version: string;
        labels: Record<string, string>;
        metrics: Record<string, number>;
      }
    >();
    const hostMetrics: Record<string, number> = {};
    const newestOf = new Map<string, number>();
    for (const v of this.values(hostId)) {
      const gpu = isGpuMetric(v.metric) ? pick(v.labels, GPU_LABELS) : undefined;
      const model = pick(v.labels, MODEL_LABELS);
      if (gpu !== undefined) {
        const entry = gpus.get(gpu) ?? { gpu, labels: seriesLabels(v), metrics: {} };
        addGpuValue(entry, v);
        gpus.set(gpu, entry);
      } else if (model !== undefined) {
        const version = pick(v.labels, VERSION_LABELS) ?? '';
        const key = `${model}\u0001${version}`;
        const entry = models.get(key) ?? { model, version, labels: v.labels, metrics: {} };
        entry.metrics[v.metric] = v.value;
        models.set(key, entry);
        newestOf.set(key, Math.max(newestOf.get(key) ?? 0, v.tsMs));
      } else {
        hostMetrics[v.metric] = v.value;
      }
    }
    const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
    // A version replaced on this host (its readings stopped while another's go on) is not served now.
    const newestOfModel = new Map<string, number>();
    for (const [key, ts] of newestOf) {
      const model = models.get(key)!.model;
      newestOfModel.set(model, Math.max(newestOfModel.get(model) ?? 0, ts));
    }
    const served = [...models].filter(
      ([key, m]) => newestOf.get(key)! >= newestOfModel.get(m.model)! - REPLACED_AFTER_MS,
    );
    return {
      gpus: [...gpus.values()].sort((a, b) => byName(a.gpu, b.gpu)),
      modelServices: served
        .map(([, m]) => m)
        .sort((a, b) => byName(`${a.model} ${a.version}`, `${b.model} ${b.version}`)),
      hostMetrics,
    };
  }
}
