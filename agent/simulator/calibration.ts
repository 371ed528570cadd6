// Figures the simulator is calibrated on, each from a real capture in test/fixtures/, and the
// small closed-form curves fitted to them. Changing a number here changes what every drill sees.
import { DAY_MS } from '../../shared/domain/time.ts';

/**
 * inference-run/requests.jsonl (GPT-2-small shape, fp16, one request at a time on an H100, 32
 * tokens each): idle requests 2–13 take 1.29–1.53 s, median 1.353 s, coefficient of variation 4.4 %.
 * Under load each request waits for every request ahead of it: at 24 clients latency settles at
 * 30.4–32.5 s = 24 × 1.31 s, and in the ramp latency / concurrency stays near 0.67 because the queue
 * ahead lags the client count. Fit used here: latency = S × (1 + requests ahead / slots).
 */
export const FIXTURE_SERVICE_SECONDS = 1.353;
export const SERVICE_TIME_CV = 0.044;
/** Cold start: the first request of the run took 2.90 s (weights and kernels warming up). */
export const COLD_START_FACTOR = 2.9 / 1.353;

/** inference-run/scrapes.txt: `inference_request_latency_seconds` bucket bounds. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
  Infinity,
];

/**
 * nvidia-smi captures on the same kind of H100 80GB HBM3 (power cap 700 W, SM max 1980 MHz):
 * - idle, no process: 69.8–70 W, SM 345 MHz, clock event reason 0x1 (GPU idle), 30–31 °C
 *   (smi-timeseries.csv first rows; smi-query-idle.csv 119.5 W / 420 MHz right after a load);
 * - serving GPT-2 one request at a time: 3–4 % utilisation, 115.9–117.2 W, SM 1980 MHz, reason 0x0, 32 °C;
 * - bf16 matmul (smi-query-load*.csv): 100 % utilisation, 696–700 W at the 700 W cap, SM 1305–1410
 *   MHz, reason 0x4 (SW power cap), temperature 39 → 59 °C in 8 s and 65 °C 9 s later, still rising.
 */
export const GPU = {
  name: 'NVIDIA H100 80GB HBM3', // nvidia-smi's `name`
  memoryTotalMiB: 81559,
  memClockMHz: 2619,
  maxSmClockMHz: 1980,
  idleSmClockMHz: 345,
  powerLimitW: 700,
  idlePowerW: 70,
  /** A context is resident and the clocks are up, but no kernel runs. */
  activeFloorPowerW: 116,
  /**
   * What the board would draw at 100 % utilisation and full clocks if nothing capped it. Fitted so
   * that clocks at the cap are 1980 × 700 / 1000 = 1386 MHz, inside the 1305–1410 MHz the capture shows.
   */
  uncappedFullPowerW: 1000,
  /** Steady-state temperature = ambient + resistance × power: 32 °C at 70 W, 70 °C at 700 W. */
  ambientC: 28,
  thermalResistanceCPerW: 0.06,
  /** First-order lag fitted on smi-query-load-stream.csv: 39 → 59 °C in 8 s toward ~70 °C gives τ ≈ 7.7 s. */
  thermalTauSeconds: 8,
  /** H100 slowdown threshold region: above it the driver sets HW thermal slowdown and halves clocks. */
  slowdownC: 87,
} as const;

/** NVML clock event reason bits (see shared/domain/metrics/nvidiaSmi.ts CLOCK_EVENT_REASONS). */
export const CLOCK_REASON = {
  gpuIdle: 0x1,
  swPowerCap: 0x4,
  hwSlowdown: 0x8,
  hwThermalSlowdown: 0x40,
} as const;

/**
 * What the simulator needs to know about one model service. `gpuIntensity` is the utilisation one
 * busy slot causes: 0.035 for the fixture's GPT-2 (3–4 % while always serving one request).
 */
export interface ModelProfile {
  serviceSeconds: number;
  /** Requests served at once (continuous batching slots); the fixture's server has 1. */
  slots: number;
  tokensPerRequest: number;
  gpuIntensity: number;
  /**
   * Peak-hour arrival rate as a fraction of capacity (slots / serviceSeconds). Kept well below 1:
   * surges (×1.3), noise (~6 %) and the power cap (clocks fall above ~66 % GPU busy) must still leave
   * a healthy day's p99 near the idle latency, so only faults and excursions burn error budgets.
   */
  peakUtilisation: number;
  weightsMiB: number;
  /** KV-cache pool, as vLLM pre-allocates it; usage follows the requests in service. */
  kvCacheMiB: number;
  baseErrorRatio: number;
  baseAccuracy: number;
}

export const MODEL_PROFILES: Readonly<Record<string, ModelProfile>> = {
  // One request at a time, as in the fixture: a queue of two already doubles latency, hence the low peak.
  'gpt2-small': {
    serviceSeconds: FIXTURE_SERVICE_SECONDS,
    slots: 1,
    tokensPerRequest: 32,
    gpuIntensity: 0.035,
    peakUtilisation: 0.25,
    weightsMiB: 990,
    kvCacheMiB: 0,
    baseErrorRatio: 0.001,
    baseAccuracy: 0.91,
  },
  'llama-3-8b': {
    serviceSeconds: 2.4,
    slots: 32,
    tokensPerRequest: 180,
    gpuIntensity: 0.95,
    peakUtilisation: 0.45,
    weightsMiB: 15_400,
    kvCacheMiB: 52_000,
    baseErrorRatio: 0.002,
    baseAccuracy: 0.87,
  },
  resnet50: {
    serviceSeconds: 0.012,
    slots: 64,
    tokensPerRequest: 0,
    gpuIntensity: 0.8,
    peakUtilisation: 0.5,
    weightsMiB: 1_300,
    kvCacheMiB: 0,
    baseErrorRatio: 0.0005,
    baseAccuracy: 0.94,
  },
};

/** A model name without a preset behaves like a mid-sized LLM, so any name the operator types works. */
export function profileOf(model: string): ModelProfile {
  return (
    MODEL_PROFILES[model] ?? {
      ...MODEL_PROFILES['llama-3-8b']!,
      serviceSeconds: 1.8,
      slots: 16,
      weightsMiB: 9_000,
      kvCacheMiB: 30_000,
    }
  );
}

/** Traffic over the day in UTC: trough at 00:00 (04:00 Gulf time) at 15 % of peak, peak at 12:00 UTC. */
export function diurnalFactor(timeMs: number, dayLengthMs = DAY_MS): number {
  const phase = (((timeMs % dayLengthMs) + dayLengthMs) % dayLengthMs) / dayLengthMs;
  return 0.15 + 0.85 * 0.5 * (1 - Math.cos(2 * Math.PI * phase));
}

/**
 * Mean queueing delay of a G/G/c queue in its stable regime (Sakasegawa's approximation, with
 * Poisson arrivals and the fixture's near-deterministic service: (ca² + cs²) / 2 ≈ 0.5).
 */
export function stableQueueWaitSeconds(
  utilisation: number,
  slots: number,
  serviceSeconds: number,
): number {
  const rho = Math.min(Math.max(utilisation, 0), 0.98);
  if (rho === 0) return 0;
  const power = Math.sqrt(2 * (slots + 1)) - 1;
  return (
    (serviceSeconds * Math.pow(rho, power) * 0.5 * (1 + SERVICE_TIME_CV ** 2)) / (slots * (1 - rho))
  );
}

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for splitting requests into buckets. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return sign * y;
}

/** P(latency ≤ bound) for a log-normal latency with this mean and log-spread. */
export function logNormalCdf(bound: number, mean: number, sigma: number): number {
  if (bound === Infinity) return 1;
  if (bound <= 0 || mean <= 0) return 0;
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  return 0.5 * (1 + erf((Math.log(bound) - mu) / (sigma * Math.SQRT2)));
}
