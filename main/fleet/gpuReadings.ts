// The fleet.gpus read model: each GPU's latest values from memory, named by its host, with the
// health NVML's own counters imply. One call serves every heatmap instead of one call per host.
import { gpuHealth } from '../../shared/domain/gpuHealth.ts';
import type { FleetGpu, FleetHost } from '../../shared/ipc/contract.ts';
import type { LiveGpu } from './liveValues.ts';

type GpuHost = Pick<FleetHost, 'id' | 'name' | 'clusterId' | 'state'>;

const numberOr = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? null : value;

function indexOf(gpu: LiveGpu): number | null {
  const raw = gpu.labels.index ?? gpu.labels.gpu;
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
}

export function toFleetGpus(host: GpuHost, gpus: readonly LiveGpu[]): FleetGpu[] {
  return gpus.map((gpu) => {
    const m = gpu.metrics;
    const { health, reasons } = gpuHealth(m);
    return {
      hostId: host.id,
      hostName: host.name,
      clusterId: host.clusterId,
      hostState: host.state,
      gpu: gpu.gpu,
      index: indexOf(gpu),
      uuid: gpu.labels.uuid ?? gpu.labels.UUID ?? gpu.labels.gpu_uuid ?? null,
      name: gpu.name ?? gpu.labels.modelName ?? null, // the agent's gpu_info, the DCGM exporter
      utilizationPercent: numberOr(m.gpu_utilization_percent),
      memoryUsedBytes: numberOr(m.gpu_memory_used_bytes),
      memoryTotalBytes: numberOr(m.gpu_memory_total_bytes),
      temperatureC: numberOr(m.gpu_temperature_celsius),
      powerW: numberOr(m.gpu_power_watts),
      powerLimitW: numberOr(m.gpu_power_limit_watts),
      health,
      healthReasons: reasons,
      updatedAtMs: gpu.updatedAtMs,
    };
  });
}
