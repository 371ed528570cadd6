// One simulated H100: utilisation from the work placed on it, power that follows utilisation up to
// the board limit (then clocks fall and "SW power cap" is set), temperature lagging power, ECC and
// XID state. Every figure comes from calibration.ts (the real nvidia-smi captures).
import type { Sample } from '../../shared/agent-protocol/index.ts';
import { GPU_INFO_SIGNAL } from '../../shared/domain/metrics/canonical.ts';
import { CLOCK_REASON, GPU } from './calibration.ts';
import type { GpuEffects } from './faults.ts';
import { normal, type Random } from './prng.ts';

const MIB = 1024 * 1024;
/** Below this utilisation the driver drops to idle clocks (smi-timeseries.csv: 0 % → 345 MHz, 0x1). */
const IDLE_UTILISATION = 0.01;
/** The fixture's GPT-2 at 3.5 % utilisation drew 116 W: the active floor sits there. */
const FLOOR_UTILISATION = 0.035;
/** A cooling failure (thermal_throttle fault) drives the die toward at least this temperature. */
const OVERHEAT_TARGET_C = 95;
/** Corrected (single-bit) ECC errors: about one per GPU per 6 simulated hours. */
const CORRECTED_ECC_PER_SECOND = 1 / (6 * 3600);

export interface GpuState {
  index: number;
  uuid: string;
  utilisation: number;
  memoryUsedMiB: number;
  temperatureC: number;
  powerW: number;
  powerLimitW: number;
  smClockMHz: number;
  reasons: number;
  xidLast: number;
  eccCorrected: number;
  eccUncorrected: number;
  remappedCorrectable: number;
  remappedUncorrectable: number;
  /** SM clock / max clock while working: how fast work placed on it runs. */
  speed: number;
  isFailed: boolean;
}

export function newGpu(index: number, uuid: string): GpuState {
  return {
    index,
    uuid,
    utilisation: 0,
    memoryUsedMiB: 0,
    temperatureC: GPU.ambientC + GPU.thermalResistanceCPerW * GPU.idlePowerW,
    powerW: GPU.idlePowerW,
    powerLimitW: GPU.powerLimitW,
    smClockMHz: GPU.idleSmClockMHz,
    reasons: CLOCK_REASON.gpuIdle,
    xidLast: 0,
    eccCorrected: 0,
    eccUncorrected: 0,
    remappedCorrectable: 0,
    remappedUncorrectable: 0,
    speed: 1,
    isFailed: false,
  };
}

/**
 * Power the board asks for at full clocks: 116 W at the fixture's 3.5 % and a linear rise to
 * GPU.uncappedFullPowerW at 100 %, so a 700 W cap bites from about 66 % utilisation upward.
 */
export function powerDemandW(utilisation: number): number {
  const u = Math.min(1, Math.max(0, utilisation));
  return (
    GPU.activeFloorPowerW +
    ((GPU.uncappedFullPowerW - GPU.activeFloorPowerW) * Math.max(0, u - FLOOR_UTILISATION)) /
      (1 - FLOOR_UTILISATION)
  );
}

/** Advances one GPU by dt seconds with the given busy fraction and resident memory. */
export function stepGpu(
  gpu: GpuState,
  busy: number,
  residentMiB: number,
  effects: GpuEffects,
  dt: number,
  random: Random,
): void {
  gpu.isFailed = effects.isFailed;
  gpu.powerLimitW = effects.powerLimitW ?? GPU.powerLimitW;
  const utilisation = effects.isFailed
    ? 0
    : Math.min(1, Math.max(0, busy * (1 + 0.02 * normal(random))));
  gpu.utilisation = utilisation;
  gpu.memoryUsedMiB = residentMiB > 0 ? residentMiB + 450 + Math.round(20 * random()) : 0;
  let reasons = 0;
  let clock: number;
  let power: number;
  if (utilisation < IDLE_UTILISATION) {
    reasons |= CLOCK_REASON.gpuIdle;
    clock = GPU.idleSmClockMHz;
    power = GPU.idlePowerW + 0.3 * normal(random);
  } else {
    const demand = powerDemandW(utilisation);
    if (demand > gpu.powerLimitW) {
      // At the cap the driver trades clocks for power: 696–700 W and 1305–1410 MHz in the capture.
      reasons |= CLOCK_REASON.swPowerCap;
      clock = (GPU.maxSmClockMHz * gpu.powerLimitW) / demand;
      power = gpu.powerLimitW - 4 * random();
    } else {
      clock = GPU.maxSmClockMHz;
      power = demand + 0.6 * normal(random);
    }
  }
  if (gpu.temperatureC >= GPU.slowdownC) {
    reasons |= CLOCK_REASON.hwThermalSlowdown | CLOCK_REASON.hwSlowdown;
    clock *= 0.5;
    power = GPU.idlePowerW + (power - GPU.idlePowerW) * 0.5;
  }
  const target = GPU.ambientC + GPU.thermalResistanceCPerW * power;
  const steady = effects.isOverheating ? Math.max(target + 30, OVERHEAT_TARGET_C) : target;
  gpu.temperatureC +=
    (steady - gpu.temperatureC) * (1 - Math.exp(-dt / GPU.thermalTauSeconds)) +
    0.05 * normal(random);
  gpu.powerW = Math.max(0, power);
  gpu.smClockMHz = Math.round(clock / 15) * 15; // the capture's clocks move in 15 MHz steps
  gpu.reasons = reasons;
  gpu.speed = utilisation < IDLE_UTILISATION ? 1 : gpu.smClockMHz / GPU.maxSmClockMHz;
  if (random() < CORRECTED_ECC_PER_SECOND * dt) gpu.eccCorrected++;
}

/** One-off effects when a fault begins: the XID is logged, an uncorrectable error counted and its row remapped. */
export function onGpuFault(gpu: GpuState, kind: string, xid: number | undefined): void {
  if (kind === 'gpu_xid_error') gpu.xidLast = xid ?? 79;
  if (kind === 'ecc_uncorrectable') {
    gpu.eccUncorrected++;
    gpu.remappedUncorrectable++;
    gpu.xidLast = 48; // "Double Bit ECC Error"
  }
}

/** A host reboot clears the driver's volatile counters (the XID log and remapped rows persist). */
export function resetVolatile(gpu: GpuState): void {
  gpu.eccCorrected = 0;
  gpu.eccUncorrected = 0;
}

export function gpuSamples(gpu: GpuState, tsMs: number): Sample[] {
  const labels = { gpu: String(gpu.index), uuid: gpu.uuid };
  const s = (metric: string, value: number): Sample => ({ metric, labels, value, tsMs });
  return [
    s('gpu_utilization_percent', Math.round(gpu.utilisation * 100)),
    s('gpu_memory_used_bytes', gpu.memoryUsedMiB * MIB),
    s('gpu_memory_total_bytes', GPU.memoryTotalMiB * MIB),
    s('gpu_temperature_celsius', Math.round(gpu.temperatureC)),
    s('gpu_power_watts', Math.round(gpu.powerW * 100) / 100),
    s('gpu_power_limit_watts', gpu.powerLimitW),
    s('gpu_sm_clock_mhz', gpu.smClockMHz),
    s('gpu_clock_event_reasons_mask', gpu.reasons),
    s('gpu_xid_last', gpu.xidLast),
    s('gpu_ecc_corrected_total', gpu.eccCorrected),
    s('gpu_ecc_uncorrected_total', gpu.eccUncorrected),
    s('gpu_remapped_rows_correctable', gpu.remappedCorrectable),
    s('gpu_remapped_rows_uncorrectable', gpu.remappedUncorrectable),
    { metric: GPU_INFO_SIGNAL, labels: { ...labels, name: GPU.name }, value: 1, tsMs },
  ];
}
