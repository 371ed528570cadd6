// The GPU collector as the sampler sees it: nvidia-smi rows become canonical gpu_* samples labelled
// { gpu: index, uuid } (the names and labels the console and the simulator use), and a gpu_info
// sample naming the GPU's model. A missing or
// failing nvidia-smi is a `gpu_state` event, sent once per change of state, never every interval.
import type { AgentEvent, Sample } from '../../shared/agent-protocol/index.ts';
import { GPU_INFO_SIGNAL, type GpuSignal } from '../../shared/domain/metrics/canonical.ts';
import type { GpuSample } from '../../shared/domain/metrics/nvidiaSmi.ts';
import type { Collector } from './collector.ts';
import { collectGpus, type GpuCollectorOptions, type GpuProbeResult } from './gpu.ts';

const MIB = 1024 * 1024;

export interface GpuSamplerOptions extends GpuCollectorOptions {
  intervalMs: number;
  now?: () => number;
  /** Replaces the nvidia-smi probe (tests). */
  probe?: (options: GpuCollectorOptions) => Promise<GpuProbeResult>;
}

const flag = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

function maskValue(mask: string | null): number | null {
  if (mask === null) return null;
  try {
    return Number(BigInt(mask));
  } catch {
    return null;
  }
}

/** One GPU's reading as canonical samples; fields nvidia-smi could not report are left out. */
export function gpuSamples(gpu: GpuSample, tsMs: number): Sample[] {
  const labels: Record<string, string> = {};
  if (gpu.index !== null) labels.gpu = String(gpu.index);
  if (gpu.uuid !== null) labels.uuid = gpu.uuid;
  const values: [GpuSignal, number | null][] = [
    ['gpu_utilization_percent', gpu.utilizationGpuPercent],
    ['gpu_memory_utilization_percent', gpu.utilizationMemoryPercent],
    ['gpu_memory_used_bytes', gpu.memoryUsedMiB === null ? null : gpu.memoryUsedMiB * MIB],
    ['gpu_memory_total_bytes', gpu.memoryTotalMiB === null ? null : gpu.memoryTotalMiB * MIB],
    ['gpu_temperature_celsius', gpu.temperatureC],
    ['gpu_power_watts', gpu.powerDrawW],
    ['gpu_power_limit_watts', gpu.powerLimitW],
    ['gpu_sm_clock_mhz', gpu.smClockMHz],
    ['gpu_memory_clock_mhz', gpu.memClockMHz],
    ['gpu_clock_event_reasons_mask', maskValue(gpu.clockEventReasons.mask)],
    ['gpu_ecc_corrected_total', gpu.eccCorrectedVolatile],
    ['gpu_ecc_uncorrected_total', gpu.eccUncorrectedVolatile],
    ['gpu_remapped_rows_correctable', gpu.remappedRowsCorrectable],
    ['gpu_remapped_rows_uncorrectable', gpu.remappedRowsUncorrectable],
    ['gpu_remapped_rows_pending', flag(gpu.remappedRowsPending)],
    ['gpu_remapped_rows_failure', flag(gpu.remappedRowsFailure)],
    [
      'gpu_pstate',
      gpu.pstate !== null && /^P\d+$/.test(gpu.pstate) ? Number(gpu.pstate.slice(1)) : null,
    ],
  ];
  const samples: Sample[] = values
    .filter((v): v is [GpuSignal, number] => v[1] !== null && Number.isFinite(v[1]))
    .map(([metric, value]) => ({ metric, labels, value, tsMs }));
  if (gpu.name)
    samples.push({
      metric: GPU_INFO_SIGNAL,
      labels: { ...labels, name: gpu.name },
      value: 1,
      tsMs,
    });
  return samples;
}

export function createGpuCollector(options: GpuSamplerOptions): Collector {
  const now = options.now ?? Date.now;
  const probe = options.probe ?? collectGpus;
  let lastState: GpuProbeResult['state'] | null = null;
  return {
    name: 'gpu',
    intervalMs: options.intervalMs,
    async collect() {
      const result = await probe(options);
      const tsMs = now();
      const events: AgentEvent[] = [];
      // The first probe reports only a problem; later ones report every change, recovery included.
      if (result.state !== lastState && (lastState !== null || result.state !== 'ok')) {
        events.push(
          result.state === 'ok'
            ? {
                kind: 'gpu_state',
                severity: 'info',
                message: `nvidia-smi answers again: ${result.gpus.length} GPU(s)`,
                tsMs,
                details: { state: 'ok', gpus: result.gpus.length },
              }
            : {
                kind: 'gpu_state',
                severity: result.state === 'absent' ? 'warning' : 'critical',
                message: result.reason,
                tsMs,
                details: { state: result.state, reason: result.reason },
              },
        );
      }
      lastState = result.state;
      if (result.state !== 'ok') return { samples: [], events };
      // A stream capture repeats each GPU; the newest row of each wins.
      const latest = new Map<string, GpuSample>();
      for (const gpu of result.gpus) latest.set(gpu.uuid ?? String(gpu.index), gpu);
      return { samples: [...latest.values()].flatMap((gpu) => gpuSamples(gpu, tsMs)), events };
    },
  };
}
