// A day of one host's GPU telemetry, one sample a minute, as an agent's spool would resend it after an
// outage: utilisation follows a working day, the clocks drop while a clock event reason holds them back.
// Lets a test look at the 24 h range without waiting a day.
import type { Sample } from '../../shared/agent-protocol/index.ts';

const MINUTE_MS = 60_000;
const GIB = 1024 ** 3;

/** Which clock event reasons hold the clocks back, `minutesAgo` minutes before now. */
function reasonsAt(minutesAgo: number): number {
  if (minutesAgo >= 330 && minutesAgo < 335) return 0x4 | 0x40; // briefly, HW thermal slowdown on top of…
  if (minutesAgo >= 300 && minutesAgo < 420) return 0x4; // …SW power cap through a busy stretch
  if (minutesAgo >= 900 && minutesAgo < 960) return 0x20; // an hour of SW thermal slowdown overnight
  if (minutesAgo >= 60 && minutesAgo < 75) return 0x8; // a quarter hour of HW slowdown
  return minutesAgo > 1000 ? 0x1 : 0; // idle before the day started
}

function gpuSamples(gpu: number, minutesAgo: number, tsMs: number): Sample[] {
  const labels = { gpu: String(gpu), uuid: `GPU-e2e0000${gpu}-0000-0000-0000-000000000000` };
  const mask = reasonsAt(minutesAgo);
  const busy = minutesAgo > 1000 ? 0.05 : 0.55 + 0.35 * Math.sin(minutesAgo / 90) ** 2;
  const held = mask & (0x4 | 0x8 | 0x20 | 0x40) ? 0.72 : 1;
  const values: Record<string, number> = {
    gpu_utilization_percent: Math.round(100 * busy),
    gpu_memory_used_bytes: (20 + 50 * busy) * GIB,
    gpu_memory_total_bytes: 80 * GIB,
    gpu_temperature_celsius: Math.round(38 + 40 * busy + (mask & 0x60 ? 12 : 0)),
    gpu_power_watts: Math.round(90 + 600 * busy * held),
    gpu_power_limit_watts: 700,
    gpu_sm_clock_mhz: Math.round(((busy > 0.1 ? 1980 : 345) * held) / 15) * 15,
    gpu_memory_clock_mhz: 2619,
    gpu_clock_event_reasons_mask: mask,
    gpu_ecc_corrected_total: Math.floor((1440 - minutesAgo) / 200),
    gpu_ecc_uncorrected_total: 0,
  };
  return Object.entries(values).map(([metric, value]) => ({ metric, labels, value, tsMs }));
}

/** Batches (each well under the 1 MiB frame limit) covering the last 24 h up to `nowMs`, oldest first. */
export function dayOfGpuTelemetry(nowMs: number, gpus = 2, minutesPerBatch = 60): Sample[][] {
  const batches: Sample[][] = [];
  for (let start = 1439; start >= 0; start -= minutesPerBatch) {
    const batch: Sample[] = [];
    for (
      let minutesAgo = start;
      minutesAgo > start - minutesPerBatch && minutesAgo >= 0;
      minutesAgo--
    ) {
      const tsMs = nowMs - minutesAgo * MINUTE_MS;
      for (let gpu = 0; gpu < gpus; gpu++) batch.push(...gpuSamples(gpu, minutesAgo, tsMs));
    }
    batches.push(batch);
  }
  return batches;
}
