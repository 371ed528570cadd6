// One simulated model service: arrivals that follow the diurnal curve with noise and surges, a
// queue served by `slots` parallel workers, latency histograms, errors, tokens, KV cache, and the
// accuracy, prediction-drift and data-pipeline signals drills break. Calibrated on inference-run
// (calibration.ts).
import type { Sample } from '../../shared/agent-protocol/index.ts';
import { histogramQuantile } from '../../shared/domain/metrics/histogram.ts';
import {
  COLD_START_FACTOR,
  diurnalFactor,
  LATENCY_BUCKETS,
  logNormalCdf,
  SERVICE_TIME_CV,
  stableQueueWaitSeconds,
  type ModelProfile,
} from './calibration.ts';
import type { ModelEffects } from './faults.ts';
import { buildInfoLabels, versionCatalogue, type VersionTraits } from './modelVersions.ts';
import { normal, poisson, type Random } from './prng.ts';
import { armSamples, type StepOutcome, type TrafficSplit } from './trafficSplit.ts';

/** A request to a failed GPU comes back as an error at once (the server answers 500 in ~5 ms). */
const FAST_FAIL_SECONDS = 0.005;
/** Beyond this many waiting requests per slot the server sheds load with 503s. */
const MAX_QUEUE_PER_SLOT = 64;
/** The feature pipeline normally runs this far behind; a stall makes it grow second by second. */
const PIPELINE_LAG_SECONDS = 30;
const BUSY_SMOOTHING_SECONDS = 5;
/**
 * Prediction drift as a population-stability-style score (0..1): a stable model scores ~0.02–0.05;
 * above 0.25 is the usual "significant shift". accuracy_drop moves it up with the accuracy it costs.
 */
const BASE_DRIFT_SCORE = 0.03;
const DRIFT_PER_ACCURACY_DROP = 1.5;
/** Drift monitors compare windows of predictions, so the score trails the change by a few minutes. */
const DRIFT_TAU_SECONDS = 120;

export interface ServiceState {
  model: string;
  version: string;
  profile: ModelProfile;
  gpus: number[];
  /** Requests in the system (in service and waiting). */
  inSystem: number;
  inService: number;
  waiting: number;
  requests: number;
  errors: number;
  tokens: number;
  latencySum: number;
  /** Cumulative counts per LATENCY_BUCKETS bound (the last is +Inf = the count). */
  buckets: number[];
  /** Bucket counts when samples were last taken: p50/p95/p99 cover the window since then. */
  windowStart: number[];
  accuracy: number;
  driftScore: number;
  pipelineLagSeconds: number;
  /** AR(1) multiplicative traffic noise and the seconds left of a traffic surge. */
  noise: number;
  surgeSeconds: number;
  isCold: boolean;
  /** Serving replicas: one per GPU it was placed on (one on a CPU host) until scale_replicas changes it. */
  replicas: number;
  /** Share of the model's traffic this host takes: 1, 0 once failed over, more on the standby that took it. */
  trafficShare: number;
  /** The versions this service can run, and those it has run on this host (oldest first, no repeats). */
  catalogue: VersionTraits[];
  deployed: string[];
  /** An A/B split set by set_traffic_split: a share of requests on a variant version, counted per arm. */
  split?: TrafficSplit;
}

export function newService(
  model: string,
  version: string,
  profile: ModelProfile,
  gpus: number[],
): ServiceState {
  return {
    model,
    version,
    profile,
    gpus,
    inSystem: 0,
    inService: 0,
    waiting: 0,
    requests: 0,
    errors: 0,
    tokens: 0,
    latencySum: 0,
    buckets: LATENCY_BUCKETS.map(() => 0),
    windowStart: LATENCY_BUCKETS.map(() => 0),
    accuracy: profile.baseAccuracy,
    driftScore: BASE_DRIFT_SCORE,
    pipelineLagSeconds: PIPELINE_LAG_SECONDS,
    noise: 1,
    surgeSeconds: 0,
    isCold: true,
    replicas: baseReplicas(gpus),
    trafficShare: 1,
    catalogue: versionCatalogue(version),
    deployed: [version],
  };
}

/** Replicas a service starts with: data-parallel, one per GPU it was placed on. */
function baseReplicas(gpus: readonly number[]): number {
  return Math.max(1, gpus.length);
}

/** A restarted server starts its counters from zero, and its first request is slow again. */
export function resetCounters(s: ServiceState): void {
  Object.assign(s, {
    inSystem: 0,
    inService: 0,
    waiting: 0,
    requests: 0,
    errors: 0,
    tokens: 0,
    latencySum: 0,
    isCold: true,
  });
  s.buckets.fill(0);
  s.windowStart.fill(0);
}

/** Slots across healthy GPUs (a CPU-only host serves with one set of slots). */
export function capacitySlots(s: ServiceState, healthyGpus: number): number {
  return s.profile.slots * (s.gpus.length === 0 ? 1 : healthyGpus);
}

/**
 * Slots serving now: scale_replicas adds replicas beside the first placement (on spare capacity the
 * host's own GPUs do not show), so capacity scales with the count while each GPU keeps its share.
 */
export function servingSlots(s: ServiceState, healthyGpus: number): number {
  return (capacitySlots(s, healthyGpus) * s.replicas) / baseReplicas(s.gpus);
}

/** Peak-hour arrivals per second: peakUtilisation of the nominal capacity of all its GPUs. */
export function peakRps(s: ServiceState): number {
  return (
    (s.profile.peakUtilisation * capacitySlots(s, Math.max(1, s.gpus.length))) /
    s.profile.serviceSeconds
  );
}

export interface StepInput {
  timeMs: number;
  dt: number;
  dayLengthMs: number;
  /** Share of its GPUs that have failed, and the mean speed (clock factor) of the rest. */
  failedShare: number;
  speed: number;
  effects: ModelEffects;
  /** Overrides the diurnal arrival rate (tests drive load directly). */
  arrivalsPerSecond?: number;
}

/** Adds `count` observations of mean latency `mean` to the cumulative buckets, split by a log-normal. */
function observe(
  s: ServiceState,
  count: number,
  mean: number,
  sigma: number,
  random: Random,
): void {
  if (count <= 0) return;
  s.latencySum += count * mean;
  let below = 0;
  for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
    // Stochastic rounding keeps the integer counts unbiased and cumulative.
    const exact = count * logNormalCdf(LATENCY_BUCKETS[i]!, mean, sigma);
    const whole = Math.floor(exact);
    const upTo =
      i === LATENCY_BUCKETS.length - 1
        ? count
        : Math.min(count, Math.max(below, whole + (random() < exact - whole ? 1 : 0)));
    s.buckets[i]! += upTo;
    below = upTo;
  }
}

export function stepService(s: ServiceState, input: StepInput, random: Random): StepOutcome {
  const { profile } = s;
  const { dt, effects } = input;
  // Traffic: diurnal curve × AR(1) noise (σ ≈ 6 %) × an occasional surge (+30 %, about one per 6 h per service).
  s.noise = 1 + 0.9 * (s.noise - 1) + 0.026 * normal(random);
  if (s.surgeSeconds > 0) s.surgeSeconds -= dt;
  else if (random() < dt / 21_600) s.surgeSeconds = 30 + 150 * random();
  const surge = s.surgeSeconds > 0 ? 1.3 : 1;
  const offered =
    (input.arrivalsPerSecond ??
      peakRps(s) *
        diurnalFactor(input.timeMs, input.dayLengthMs) *
        Math.max(0.2, s.noise) *
        surge) * effects.arrivalFactor;
  const rate = offered * s.trafficShare;
  const arrivals = poisson(random, rate * dt);
  const healthyGpus = Math.round(s.gpus.length * (1 - input.failedShare));
  const slots = servingSlots(s, healthyGpus);
  const failedFast = s.gpus.length === 0 ? 0 : Math.round(arrivals * input.failedShare);
  let admitted = arrivals - failedFast;
  const shed =
    slots === 0 ? admitted : Math.max(0, s.inSystem + admitted - slots * (1 + MAX_QUEUE_PER_SLOT));
  admitted -= shed;
  const serviceSeconds =
    (profile.serviceSeconds / Math.max(0.05, input.speed)) * (s.isCold ? COLD_START_FACTOR : 1);
  const waitingAhead = Math.max(0, s.inSystem - slots);
  s.inSystem += admitted;
  const capacity = slots === 0 ? 0 : (slots / serviceSeconds) * dt;
  const completions = Math.min(
    s.inSystem,
    Math.floor(capacity) + (random() < capacity % 1 ? 1 : 0),
  );
  s.inSystem -= completions;
  // Little's law: busy slots = throughput × service time, averaged over ~5 s as nvidia-smi's utilisation is.
  const busy = Math.min(slots, (completions / dt) * serviceSeconds);
  s.inService += (busy - s.inService) * (1 - Math.exp(-dt / BUSY_SMOOTHING_SECONDS));
  s.inService = Math.min(s.inService, slots);
  s.waiting = s.inSystem;
  if (completions > 0) s.isCold = false;
  // Latency = S × (1 + requests ahead / slots), the fit on requests.jsonl; in the stable regime the
  // fluid queue is empty and Sakasegawa's G/G/c wait stands in for the random queueing it misses.
  const utilisation = slots === 0 ? 1 : (rate * serviceSeconds) / slots;
  const wait = Math.max(
    (waitingAhead * serviceSeconds) / Math.max(1, slots),
    stableQueueWaitSeconds(utilisation, slots, serviceSeconds),
  );
  const mean = (serviceSeconds + wait) * effects.latencyFactor;
  const sigma = SERVICE_TIME_CV + 0.6 * (wait / (serviceSeconds + wait));
  const errorRatio = Math.min(
    1,
    profile.baseErrorRatio * Math.max(0, s.noise) + effects.extraErrorRatio,
  );
  const failed = Math.min(completions, poisson(random, completions * errorRatio));
  observe(s, completions, mean, sigma, random);
  observe(s, failedFast + shed, FAST_FAIL_SECONDS, 0.3, random);
  s.requests += completions + failedFast + shed;
  s.errors += failed + failedFast + shed;
  s.tokens += (completions - failed) * profile.tokensPerRequest;
  // Online accuracy (from delayed labels) wanders by a fraction of a point; accuracy_drop pulls it down.
  const accuracyTarget = profile.baseAccuracy - effects.accuracyDrop;
  s.accuracy += (accuracyTarget - s.accuracy) * (1 - Math.exp(-dt / 60)) + 0.0005 * normal(random);
  const driftTarget = BASE_DRIFT_SCORE + DRIFT_PER_ACCURACY_DROP * effects.accuracyDrop;
  s.driftScore +=
    (driftTarget - s.driftScore) * (1 - Math.exp(-dt / DRIFT_TAU_SECONDS)) +
    0.0004 * normal(random);
  s.driftScore = Math.min(1, Math.max(0, s.driftScore));
  s.pipelineLagSeconds = effects.isPipelineStalled
    ? s.pipelineLagSeconds + dt
    : Math.max(PIPELINE_LAG_SECONDS, s.pipelineLagSeconds - 10 * dt) + 0.5 * normal(random);
  return { completions, meanSeconds: mean, sigma, errorRatio };
}

export function serviceSamples(s: ServiceState, tsMs: number): Sample[] {
  const labels = { model: s.model, version: s.version };
  const out: Sample[] = [];
  const add = (metric: string, value: number, extra?: Record<string, string>) =>
    out.push({ metric, labels: extra ? { ...labels, ...extra } : labels, value, tsMs });
  add('requests_total', s.requests);
  add('errors_total', s.errors);
  LATENCY_BUCKETS.forEach((bound, i) =>
    add('latency_seconds_bucket', s.buckets[i]!, {
      le: bound === Infinity ? '+Inf' : String(bound),
    }),
  );
  add('latency_seconds_sum', Math.round(s.latencySum * 1000) / 1000);
  add('latency_seconds_count', s.buckets[s.buckets.length - 1]!);
  // Percentiles over the window since the last samples, as histogram_quantile(rate(...)) would give.
  const window = LATENCY_BUCKETS.map((upperBound, i) => ({
    upperBound,
    count: s.buckets[i]! - s.windowStart[i]!,
  }));
  for (const [q, metric] of [
    [0.5, 'latency_p50_seconds'],
    [0.95, 'latency_p95_seconds'],
    [0.99, 'latency_p99_seconds'],
  ] as const) {
    const value = histogramQuantile(q, window);
    if (Number.isFinite(value)) add(metric, Math.round(value * 10_000) / 10_000);
  }
  s.windowStart = [...s.buckets];
  add('queue_depth', s.waiting);
  add('in_flight_requests', s.inService);
  if (s.profile.tokensPerRequest > 0) add('tokens_generated_total', s.tokens);
  if (s.profile.kvCacheMiB > 0) {
    const slots = s.profile.slots * Math.max(1, s.gpus.length);
    add(
      'kv_cache_usage_ratio',
      Math.round(Math.min(0.99, 0.02 + (0.95 * s.inService) / slots) * 1000) / 1000,
    );
  }
  add('model_accuracy_ratio', Math.round(s.accuracy * 10_000) / 10_000);
  add('prediction_drift_score', Math.round(s.driftScore * 10_000) / 10_000);
  add('data_pipeline_lag_seconds', Math.round(Math.max(0, s.pipelineLagSeconds) * 10) / 10);
  add('model_build_info', 1, buildInfoLabels(s.model, s.version));
  out.push(...armSamples(s, tsMs));
  return out;
}
