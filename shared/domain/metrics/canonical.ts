// Turns parsed families from any supported inference server or GPU exporter into canonical
// model-service and GPU signals, one value per model/version (or per GPU), plus p50/p95/p99.
import {
  RULES,
  SERVER_KINDS,
  serverOfSampleName,
  type GpuSignal,
  type LatencyRule,
  type ServerKind,
  type Signal,
  type ValueRule,
} from './canonicalRules.ts';
import { histogramQuantile, type Bucket } from './histogram.ts';
import type { Labels, MetricFamily, Sample } from './types.ts';

export type { GpuSignal, ModelSignal, ServerKind, Signal } from './canonicalRules.ts';
export { SERVER_KINDS } from './canonicalRules.ts';

/** The GPU's identity sample: value 1, labelled with its model name besides its GPU labels. */
export const GPU_INFO_SIGNAL = 'gpu_info' satisfies GpuSignal;

export interface CanonicalSignal {
  signal: Signal;
  server: ServerKind;
  model?: string;
  version?: string;
  gpu?: string;
  /** What else identifies the value: `le` for buckets; UUID, host and device name for GPUs. */
  labels: Labels;
  value: number;
}

export interface CanonicalResult {
  /** The servers whose mappings were applied (detected from name prefixes with 'auto'). */
  servers: ServerKind[];
  signals: CanonicalSignal[];
}

export interface CanonicalOptions {
  server?: ServerKind | 'auto';
}

const GPU_ID_LABELS = ['UUID', 'uuid', 'gpu_uuid', 'Hostname', 'hostname', 'device', 'modelName'];
const QUANTILES: readonly (readonly [number, Signal])[] = [
  [0.5, 'latency_p50_seconds'],
  [0.95, 'latency_p95_seconds'],
  [0.99, 'latency_p99_seconds'],
];

interface Identity {
  model?: string;
  version?: string;
  gpu?: string;
}

function identityOf(labels: Labels): Identity {
  const id: Identity = {};
  const model = labels.model ?? labels.model_name ?? labels.ModelName;
  const version = labels.version ?? labels.model_version ?? labels.ModelVersion;
  const gpu = labels.gpu ?? labels.gpu_uuid;
  if (model !== undefined) id.model = model;
  if (version !== undefined) id.version = version;
  if (gpu !== undefined) id.gpu = gpu;
  return id;
}

class Accumulator {
  private readonly byKey = new Map<string, CanonicalSignal>();

  add(
    server: ServerKind,
    signal: Signal,
    id: Identity,
    labels: Labels,
    value: number,
    combine: 'sum' | 'max',
  ): void {
    const key = JSON.stringify([
      signal,
      server,
      id.model ?? null,
      id.version ?? null,
      id.gpu ?? null,
      labels,
    ]);
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, { signal, server, ...id, labels, value });
      return;
    }
    existing.value = combine === 'sum' ? existing.value + value : Math.max(existing.value, value);
  }

  values(): CanonicalSignal[] {
    return [...this.byKey.values()];
  }
}

function detectServers(byName: ReadonlyMap<string, Sample[]>): ServerKind[] {
  const found = new Set<ServerKind>();
  for (const name of byName.keys()) {
    const server = serverOfSampleName(name);
    if (server) found.add(server);
  }
  return SERVER_KINDS.filter((s) => found.has(s));
}

function gpuLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const key of GPU_ID_LABELS) if (labels[key] !== undefined) out[key] = labels[key];
  return out;
}

function applyValueRule(acc: Accumulator, rule: ValueRule, samples: readonly Sample[]): void {
  const isGpu = rule.signal.startsWith('gpu_');
  for (const s of samples) {
    const value = rule.countsIf && !rule.countsIf(s.labels) ? 0 : s.value * (rule.scale ?? 1);
    acc.add(
      rule.server,
      rule.signal,
      identityOf(s.labels),
      isGpu ? gpuLabels(s.labels) : {},
      value,
      rule.combine,
    );
  }
}

function parseLe(le: string): number {
  return le === '+Inf' || le === 'Inf' || le === '+inf' ? Infinity : Number(le);
}

function applyHistogramRule(
  acc: Accumulator,
  rule: LatencyRule,
  byName: ReadonlyMap<string, Sample[]>,
): void {
  const groups = new Map<string, { id: Identity; buckets: Map<number, number> }>();
  for (const s of byName.get(`${rule.metric}_bucket`) ?? []) {
    const le = s.labels.le;
    if (le === undefined || Number.isNaN(parseLe(le))) continue;
    const bound = parseLe(le) * rule.scale;
    const id = identityOf(s.labels);
    const key = JSON.stringify([id.model ?? null, id.version ?? null]);
    const group = groups.get(key) ?? { id, buckets: new Map<number, number>() };
    groups.set(key, group);
    group.buckets.set(bound, (group.buckets.get(bound) ?? 0) + s.value);
    acc.add(
      rule.server,
      'latency_seconds_bucket',
      id,
      { le: bound === Infinity ? '+Inf' : String(bound) },
      s.value,
      'sum',
    );
  }
  for (const [suffix, signal] of [
    ['_sum', 'latency_seconds_sum'],
    ['_count', 'latency_seconds_count'],
  ] as const) {
    for (const s of byName.get(rule.metric + suffix) ?? []) {
      acc.add(
        rule.server,
        signal,
        identityOf(s.labels),
        {},
        s.value * (suffix === '_sum' ? rule.scale : 1),
        'sum',
      );
    }
  }
  for (const { id, buckets } of groups.values()) {
    const list: Bucket[] = [...buckets].map(([upperBound, count]) => ({ upperBound, count }));
    for (const [q, signal] of QUANTILES) {
      const value = histogramQuantile(q, list);
      if (!Number.isNaN(value)) acc.add(rule.server, signal, id, {}, value, 'max');
    }
  }
}

function applySummaryRule(
  acc: Accumulator,
  rule: LatencyRule,
  byName: ReadonlyMap<string, Sample[]>,
): void {
  for (const s of byName.get(rule.metric) ?? []) {
    const q = Number(s.labels.quantile);
    const match = QUANTILES.find(([quantile]) => quantile === q);
    if (match && !Number.isNaN(s.value))
      acc.add(rule.server, match[1], identityOf(s.labels), {}, s.value * rule.scale, 'max');
  }
}

/** Maps families to canonical signals. Unknown metrics are ignored; nothing here throws. */
export function toCanonical(
  families: readonly MetricFamily[],
  options: CanonicalOptions = {},
): CanonicalResult {
  const byName = new Map<string, Sample[]>();
  for (const family of families) {
    for (const sample of family.samples) {
      const list = byName.get(sample.name);
      if (list) list.push(sample);
      else byName.set(sample.name, [sample]);
    }
  }
  const servers =
    options.server === undefined || options.server === 'auto'
      ? detectServers(byName)
      : [options.server];
  const acc = new Accumulator();
  for (const rule of RULES) {
    if (!servers.includes(rule.server)) continue;
    if (rule.kind === 'value') applyValueRule(acc, rule, byName.get(rule.metric) ?? []);
    else if (rule.kind === 'histogram') applyHistogramRule(acc, rule, byName);
    else applySummaryRule(acc, rule, byName);
  }
  return { servers, signals: acc.values() };
}
