// The canonical signal names the Fleet view reads (shared/domain/metrics and the host collector),
// and the charts built from them: one place to change when the agent adds or renames a signal.
import { CLOCK_EVENT_REASONS } from '../../../shared/domain/metrics/nvidiaSmi.ts';

export const METRIC = {
  gpuUtil: 'gpu_utilization_percent',
  gpuMemUsed: 'gpu_memory_used_bytes',
  gpuMemTotal: 'gpu_memory_total_bytes',
  gpuTemp: 'gpu_temperature_celsius',
  gpuPower: 'gpu_power_watts',
  gpuPowerLimit: 'gpu_power_limit_watts',
  gpuSmClock: 'gpu_sm_clock_mhz',
  gpuMemClock: 'gpu_memory_clock_mhz', // the canonical name (shared/domain/metrics)
  gpuClockReasons: 'gpu_clock_event_reasons_mask',
  gpuEccCorrected: 'gpu_ecc_corrected_total',
  gpuEccUncorrected: 'gpu_ecc_uncorrected_total',
  hostCpu: 'host_cpu_utilization',
  hostMemUsed: 'host_memory_used_bytes',
  hostLoad1: 'host_load1',
  requests: 'requests_total',
  errors: 'errors_total',
  p50: 'latency_p50_seconds',
  p95: 'latency_p95_seconds',
  p99: 'latency_p99_seconds',
} as const;

/** How a stored series becomes what the chart shows. */
export type Transform = 'none' | 'bytesToGiB' | 'secondsToMs' | 'rate' | 'errorPercent';

export interface ChartLine {
  metric: string;
  nameKey: string;
  transform?: Transform;
}

export interface ChartSpec {
  /** data-metric of the chart: the main metric it draws. */
  key: string;
  titleKey: string;
  unit: string;
  lines: ChartLine[];
  min?: number;
  max?: number;
  area?: boolean;
  /** Also fetch the clock event reason mask and shade the times a reason was active. */
  clockReasons?: boolean;
}

const GIB = 1024 ** 3;

export const GPU_CHARTS: readonly ChartSpec[] = [
  {
    key: METRIC.gpuUtil,
    titleKey: 'fleet.charts.gpuUtil',
    unit: '%',
    min: 0,
    max: 100,
    area: true,
    lines: [{ metric: METRIC.gpuUtil, nameKey: 'fleet.charts.gpuUtil' }],
  },
  {
    key: METRIC.gpuMemUsed,
    titleKey: 'fleet.charts.gpuMemory',
    unit: 'GiB',
    min: 0,
    area: true,
    lines: [
      { metric: METRIC.gpuMemUsed, nameKey: 'fleet.charts.gpuMemory', transform: 'bytesToGiB' },
    ],
  },
  {
    key: METRIC.gpuTemp,
    titleKey: 'fleet.charts.gpuTemp',
    unit: '°C',
    lines: [{ metric: METRIC.gpuTemp, nameKey: 'fleet.charts.gpuTemp' }],
  },
  {
    key: METRIC.gpuPower,
    titleKey: 'fleet.charts.gpuPower',
    unit: 'W',
    min: 0,
    area: true,
    lines: [{ metric: METRIC.gpuPower, nameKey: 'fleet.charts.gpuPower' }],
  },
  {
    key: METRIC.gpuSmClock,
    titleKey: 'fleet.charts.gpuClocks',
    unit: 'MHz',
    min: 0,
    clockReasons: true,
    lines: [
      { metric: METRIC.gpuSmClock, nameKey: 'fleet.charts.smClock' },
      { metric: METRIC.gpuMemClock, nameKey: 'fleet.charts.memClock' },
    ],
  },
  {
    key: METRIC.gpuEccCorrected,
    titleKey: 'fleet.charts.ecc',
    unit: '',
    min: 0,
    lines: [
      { metric: METRIC.gpuEccCorrected, nameKey: 'fleet.charts.eccCorrected' },
      { metric: METRIC.gpuEccUncorrected, nameKey: 'fleet.charts.eccUncorrected' },
    ],
  },
];

export const MODEL_CHARTS: readonly ChartSpec[] = [
  {
    key: 'requests_per_second',
    titleKey: 'fleet.charts.requests',
    unit: 'req/s',
    min: 0,
    area: true,
    lines: [{ metric: METRIC.requests, nameKey: 'fleet.charts.requests', transform: 'rate' }],
  },
  {
    key: 'error_rate',
    titleKey: 'fleet.charts.errorRate',
    unit: '%',
    min: 0,
    lines: [
      { metric: METRIC.errors, nameKey: 'fleet.charts.errorRate', transform: 'errorPercent' },
    ],
  },
  {
    key: 'latency',
    titleKey: 'fleet.charts.latency',
    unit: 'ms',
    min: 0,
    lines: [
      { metric: METRIC.p50, nameKey: 'fleet.charts.p50', transform: 'secondsToMs' },
      { metric: METRIC.p95, nameKey: 'fleet.charts.p95', transform: 'secondsToMs' },
      { metric: METRIC.p99, nameKey: 'fleet.charts.p99', transform: 'secondsToMs' },
    ],
  },
];

export const HOST_CHARTS: readonly ChartSpec[] = [
  {
    key: METRIC.hostCpu,
    titleKey: 'fleet.charts.hostCpu',
    unit: '%',
    min: 0,
    max: 100,
    area: true,
    lines: [{ metric: METRIC.hostCpu, nameKey: 'fleet.charts.hostCpu' }],
  },
  {
    key: METRIC.hostMemUsed,
    titleKey: 'fleet.charts.hostMemory',
    unit: 'GiB',
    min: 0,
    area: true,
    lines: [
      { metric: METRIC.hostMemUsed, nameKey: 'fleet.charts.hostMemory', transform: 'bytesToGiB' },
    ],
  },
  {
    key: METRIC.hostLoad1,
    titleKey: 'fleet.charts.hostLoad',
    unit: '',
    min: 0,
    lines: [{ metric: METRIC.hostLoad1, nameKey: 'fleet.charts.hostLoad' }],
  },
];

/** Clock event reasons worth an operator's eye, shaded on the clocks chart (bits from NVML). */
export const SHADED_REASONS: readonly { bit: number; name: string; tone: 'warning' | 'danger' }[] =
  CLOCK_EVENT_REASONS.filter(([bit]) => [0x4, 0x8, 0x20, 0x40, 0x80].includes(bit)).map(
    ([bit, name]) => ({ bit, name, tone: bit === 0x4 || bit === 0x20 ? 'warning' : 'danger' }),
  );

export const toGiB = (bytes: number) => bytes / GIB;
