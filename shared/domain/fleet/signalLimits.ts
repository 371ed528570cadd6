// When a host's key signal deserves an operator's eye in the fleet list: a level per reading, from
// fixed limits that hold across GPU models and serving stacks. NVML's own faults (ECC, thermal
// slowdown) are judged in gpuHealth.ts; these are the plain readings beside them.

/** The host's share of failed requests over about the last minute, in % (a derived key signal). */
export const ERROR_PERCENT_SIGNAL = 'error_percent';

export type SignalLevel = 'ok' | 'warning' | 'critical';

export interface SignalLimit {
  warning: number;
  critical: number;
}

/** Readings at or above `warning` / `critical`, in the units the fleet list shows them. */
export const SIGNAL_LIMITS = {
  /** °C, the hottest GPU: data-centre GPUs slow themselves down from the high 80s. */
  gpuTemperatureC: { warning: 80, critical: 87 },
  /** % of the host's GPU memory in use: near full, the next batch or model load fails. */
  gpuMemoryPercent: { warning: 90, critical: 97 },
  /** % mean GPU utilisation: near the top, requests queue behind the GPUs. */
  gpuUtilizationPercent: { warning: 95, critical: 100 },
  /** % host CPU: the data loaders and tokenisers feeding the GPUs starve. */
  hostCpuPercent: { warning: 90, critical: 98 },
  /** s, the slowest model service's p99: the demo's LLM services stay under 5 s on a normal day. */
  p99Seconds: { warning: 5, critical: 8 },
  /** % of requests failing: the demo runs at 0.1–0.2 %. */
  errorPercent: { warning: 1, critical: 5 },
} as const satisfies Record<string, SignalLimit>;

export type LimitedSignal = keyof typeof SIGNAL_LIMITS;

export function signalLevel(signal: LimitedSignal, value: number | null | undefined): SignalLevel {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'ok';
  const limit = SIGNAL_LIMITS[signal];
  return value >= limit.critical ? 'critical' : value >= limit.warning ? 'warning' : 'ok';
}
