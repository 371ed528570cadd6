// A fake fleet for the DOM tests: hosts, clusters, host detail and series, shaped as the contract says.
import type {
  Cluster,
  FleetGpu,
  FleetHost,
  FleetHostDetail,
  SeriesPoints,
} from '../../shared/ipc/contract.ts';

export const XSS = '<img src=x onerror=alert(1)>';
export const VALID_CODE = `mq1.${'ab'.repeat(32)}.${'cd'.repeat(16)}`;

export const cluster = (id: number, patch: Partial<Cluster> = {}): Cluster => ({
  id,
  name: `dxb-gpu-${id}`,
  site: 'Dubai DC2',
  kind: 'gpu_cluster',
  labels: {},
  createdAt: '2025-03-01T08:00:00.000Z',
  ...patch,
});

export const host = (id: number, patch: Partial<FleetHost> = {}): FleetHost => ({
  id,
  agentId: `agent-${id}`,
  name: `gpu-node-${String(id).padStart(3, '0')}`,
  address: `10.0.4.${id % 250}:7443`,
  clusterId: 1,
  clusterName: 'dxb-gpu-1',
  state: 'online',
  stateReason: null,
  lastSeenAt: '2025-03-04T10:05:09.000Z',
  clockOffsetMs: 12,
  simulated: false,
  enrolledAt: '2025-03-01T08:00:00.000Z',
  revokedAt: null,
  gpuCount: 8,
  signals: {
    host_cpu_utilization: 41,
    gpu_utilization_percent: 77,
    gpu_temperature_celsius: 64,
    latency_p99_seconds: 0.182,
  },
  ...patch,
});

export const detail = (h: FleetHost, gpus = h.gpuCount): FleetHostDetail => ({
  host: h,
  gpus: Array.from({ length: gpus }, (_, i) => ({
    gpu: String(i),
    labels: { gpu: String(i), index: String(i), uuid: `GPU-${h.id}-${i}` },
    name: 'NVIDIA H100 80GB HBM3',
    metrics: {
      gpu_utilization_percent: (h.id * 7 + i * 13) % 100,
      gpu_temperature_celsius: 40 + ((h.id + i) % 40),
      gpu_power_watts: 410,
      gpu_power_limit_watts: 700,
    },
  })),
  modelServices: [
    {
      model: 'falcon-40b',
      version: '3',
      labels: { model: 'falcon-40b', version: '3' },
      metrics: { latency_p99_seconds: 0.2 },
    },
  ],
  hostMetrics: { host_cpu_utilization: 41 },
  actions: [],
  events: [
    {
      tsMs: Date.parse('2025-03-04T10:00:00Z'),
      kind: 'scrape_failed',
      severity: 'warning',
      message: XSS,
      details: {},
    },
  ],
});

/** fleet.gpus for these hosts: the same readings detail() gives, one row per GPU. */
export const gpusOf = (hosts: readonly FleetHost[], gpus?: number): FleetGpu[] =>
  hosts.flatMap((h) =>
    detail(h, gpus).gpus.map((g, i) => ({
      hostId: h.id,
      hostName: h.name,
      clusterId: h.clusterId,
      hostState: h.state,
      gpu: g.gpu,
      index: i,
      uuid: `GPU-${h.id}-${i}`,
      name: g.name ?? null,
      utilizationPercent: g.metrics.gpu_utilization_percent ?? null,
      memoryUsedBytes: null,
      memoryTotalBytes: null,
      temperatureC: g.metrics.gpu_temperature_celsius ?? null,
      powerW: g.metrics.gpu_power_watts ?? null,
      powerLimitW: g.metrics.gpu_power_limit_watts ?? null,
      health: 'ok' as const,
      healthReasons: [],
      updatedAtMs: Date.parse('2025-03-04T10:05:09Z'),
    })),
  );

export const series = (
  range: SeriesPoints['range'],
  points: [number, number][],
  source: SeriesPoints['source'] = 'raw',
): SeriesPoints => ({
  range,
  source,
  bucketValue: source === 'raw' ? null : 'mean',
  fromMs: points[0]?.[0] ?? 0,
  toMs: points.at(-1)?.[0] ?? 0,
  points,
});
