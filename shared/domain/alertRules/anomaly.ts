// An anomaly detector for one model-service signal: an exponentially weighted moving average (EWMA)
// and variance as the baseline, and a z-score against it.
//
// Why EWMA and not a seasonal baseline: the signals it watches (online accuracy, prediction drift,
// feature-pipeline lag, p99 latency, error ratio) move with the model and its data far more than with
// the hour of day, and a seasonal baseline needs days of history per series before it can judge
// anything, which a newly deployed model version never has (each version is its own series) and raw
// retention (48 h) would not keep. EWMA warms up in minutes, costs O(1) per sample, and its time
// constant lets it follow the slow daily swing of latency while a step stands out.
//
// Guards against noise: a warm-up (no verdict before enough samples), a minimum change (absolute and
// relative to the baseline) besides the z-score, two anomalous samples in a row to fire, and
// hysteresis: it fires at |z| ≥ fireZ and clears only below clearZ (or under half the minimum change).
// While a sample looks anomalous, or the alert fires, the baseline is frozen, so a lasting fault does
// not become the new normal and talk the detector out of its own alert. The variance learns only from
// samples within 3 σ, so it measures noise: a ramp moves the mean but does not widen its own band.
//
// A slow trend: the baseline lags a linear trend by (rate × time constant), so a trend fires only when
// that lag exceeds both the minimum change and fireZ standard deviations of the noise (with a 30 min
// time constant and a 2-point minimum, accuracy sliding faster than about 4 points an hour); slower
// drifts are absorbed.
// Levels that matter in absolute terms (prediction_drift_score above 0.25) are threshold rules' work.

export type AnomalyDirection = 'up' | 'down' | 'both';

export interface AnomalyParams {
  /** Which way is bad: accuracy falls, latency and lag rise. */
  direction: AnomalyDirection;
  /** Time constant of the baseline. */
  tauMs: number;
  /** Samples before any verdict. */
  warmupSamples: number;
  fireZ: number;
  clearZ: number;
  /** A change smaller than max(minAbsChange, minRelChange × |baseline|) is never an anomaly. */
  minAbsChange: number;
  minRelChange: number;
  /** Anomalous samples in a row to fire, and normal ones in a row to clear. */
  confirmSamples: number;
}

export const DEFAULT_ANOMALY_PARAMS: Omit<AnomalyParams, 'direction' | 'minAbsChange'> = {
  tauMs: 30 * 60_000,
  warmupSamples: 20,
  fireZ: 4,
  clearZ: 2,
  minRelChange: 0,
  confirmSamples: 2,
};

export interface AnomalyState {
  /** Samples folded into the baseline. */
  n: number;
  mean: number;
  variance: number;
  lastTsMs: number;
  isFiring: boolean;
  /** Consecutive anomalous (or, while firing, normal) samples so far. */
  run: number;
  /** When the current anomalous run began: the alert's start. */
  runStartMs: number;
}

export interface AnomalyVerdict {
  state: AnomalyState;
  change: 'fired' | 'resolved' | null;
  /** Signed toward the bad direction; null before the warm-up ends. */
  z: number | null;
  baseline: number;
}

export const newAnomalyState = (): AnomalyState => ({
  n: 0,
  mean: 0,
  variance: 0,
  lastTsMs: Number.NEGATIVE_INFINITY,
  isFiring: false,
  run: 0,
  runStartMs: 0,
});

/** Deviations beyond this many σ move the mean but not the variance (see the header). */
const VARIANCE_CLIP_Z = 3;

/**
 * Folds one value into the baseline (Finch's incremental EW mean and variance); an outlying value
 * moves the mean only, so a ramp cannot inflate the variance until its own z-score looks normal.
 */
function learn(s: AnomalyState, value: number, tsMs: number, tauMs: number): void {
  const dt = Number.isFinite(s.lastTsMs) ? tsMs - s.lastTsMs : tauMs;
  // 1/n while young, so the first samples average evenly instead of the first one dominating.
  const alpha = Math.max(1 - Math.exp(-dt / tauMs), 1 / (s.n + 1));
  const diff = value - s.mean;
  const step = alpha * diff;
  const isOutlying = s.n > 1 && Math.abs(diff) > VARIANCE_CLIP_Z * Math.sqrt(s.variance);
  s.mean += step;
  if (!isOutlying) s.variance = (1 - alpha) * (s.variance + diff * step);
  s.n++;
}

/** Feeds one sample (in time order; an older or repeated timestamp is ignored). */
export function observeAnomaly(
  previous: AnomalyState,
  value: number,
  tsMs: number,
  params: AnomalyParams,
): AnomalyVerdict {
  const s = { ...previous };
  if (!Number.isFinite(value) || tsMs <= s.lastTsMs)
    return { state: previous, change: null, z: null, baseline: s.mean };
  if (s.n < params.warmupSamples) {
    learn(s, value, tsMs, params.tauMs);
    s.lastTsMs = tsMs;
    return { state: s, change: null, z: null, baseline: s.mean };
  }
  const deviation = value - s.mean;
  const bad =
    params.direction === 'up'
      ? deviation
      : params.direction === 'down'
        ? -deviation
        : Math.abs(deviation);
  const z = bad / Math.max(Math.sqrt(s.variance), Number.EPSILON);
  const minChange = Math.max(params.minAbsChange, params.minRelChange * Math.abs(s.mean));
  const isAnomalous = z >= params.fireZ && bad >= minChange;
  const isNormal = z < params.clearZ || bad < minChange / 2;
  let change: AnomalyVerdict['change'] = null;
  if (!s.isFiring) {
    if (isAnomalous) {
      if (s.run === 0) s.runStartMs = tsMs;
      s.run++;
      if (s.run >= params.confirmSamples) {
        s.isFiring = true;
        s.run = 0;
        change = 'fired';
      }
    } else {
      s.run = 0;
      learn(s, value, tsMs, params.tauMs);
    }
  } else if (isNormal) {
    s.run++;
    if (s.run >= params.confirmSamples) {
      s.isFiring = false;
      s.run = 0;
      change = 'resolved';
      learn(s, value, tsMs, params.tauMs);
    }
  } else {
    s.run = 0;
  }
  s.lastTsMs = tsMs;
  return { state: s, change, z, baseline: s.mean };
}
