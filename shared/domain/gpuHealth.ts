// A GPU's health from its latest canonical readings: what NVML itself flags (uncorrectable ECC,
// row remapping, slowdown clock reasons). No temperature threshold: the slowdown temperature differs
// by GPU model, and the driver reports reaching it as a thermal clock reason anyway.

export const GPU_HEALTH = ['ok', 'warning', 'critical'] as const;
/** What made a GPU's health worse than ok. */
export const GPU_HEALTH_REASONS = [
  'ecc_uncorrected',
  'row_remap_failure',
  'row_remap_pending',
  'thermal_slowdown',
  'hw_slowdown',
  'power_brake',
] as const;

export type GpuHealth = (typeof GPU_HEALTH)[number];
export type GpuHealthReason = (typeof GPU_HEALTH_REASONS)[number];

const THERMAL_BITS = 0x20 | 0x40; // SW and HW thermal slowdown
const HW_SLOWDOWN_BIT = 0x8;
const POWER_BRAKE_BIT = 0x80;

const CRITICAL: ReadonlySet<GpuHealthReason> = new Set(['ecc_uncorrected', 'row_remap_failure']);

export function gpuHealth(metrics: Readonly<Record<string, number>>): {
  health: GpuHealth;
  reasons: GpuHealthReason[];
} {
  const reasons: GpuHealthReason[] = [];
  // The uncorrected count is volatile (since the driver loaded): any is a fault to act on.
  if ((metrics.gpu_ecc_uncorrected_total ?? 0) > 0) reasons.push('ecc_uncorrected');
  if (metrics.gpu_remapped_rows_failure === 1) reasons.push('row_remap_failure');
  if (metrics.gpu_remapped_rows_pending === 1) reasons.push('row_remap_pending');
  const mask = metrics.gpu_clock_event_reasons_mask;
  if (mask !== undefined && Number.isInteger(mask)) {
    if (mask & THERMAL_BITS) reasons.push('thermal_slowdown');
    if (mask & HW_SLOWDOWN_BIT) reasons.push('hw_slowdown');
    if (mask & POWER_BRAKE_BIT) reasons.push('power_brake');
  }
  const health: GpuHealth = reasons.some((r) => CRITICAL.has(r))
    ? 'critical'
    : reasons.length > 0
      ? 'warning'
      : 'ok';
  return { health, reasons };
}
