// The model-quality anomaly detector (EWMA baseline, z-score) on synthetic series: a step fires after
// its warm-up, noise and small wobbles do not, it clears with hysteresis, and a slow trend is absorbed.
import { describe, expect, it } from 'vitest';
import {
  MODEL_QUALITY_SIGNALS,
  newAnomalyState,
  observeAnomaly,
  type AnomalyParams,
} from '../../../shared/domain/alertRules/index.ts';
import { HOUR_MS, SECOND_MS } from '../../../shared/domain/time.ts';

const T0 = Date.UTC(2026, 10, 26, 6, 0, 0);
const EVERY = 15 * SECOND_MS;
const params = (metric: string): AnomalyParams =>
  MODEL_QUALITY_SIGNALS.find((s) => s.metric === metric)!.params;

/** A repeatable normal noise source (Box–Muller over a small LCG). */
function noise(seed: number): () => number {
  let x = seed;
  const uniform = () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return (x + 1) / (2 ** 31 + 1);
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Feeds the series sample by sample; returns each fire and resolve with its sample index. */
function detect(values: number[], p: AnomalyParams) {
  let state = newAnomalyState();
  const changes: [string, number][] = [];
  values.forEach((v, i) => {
    const verdict = observeAnomaly(state, v, T0 + i * EVERY, p);
    state = verdict.state;
    if (verdict.change) changes.push([verdict.change, i]);
  });
  return { changes, state };
}

const accuracy = (n: number, seed = 1, level = 0.92) => {
  const z = noise(seed);
  return Array.from({ length: n }, () => level + 0.0015 * z());
};

describe('the model-quality anomaly detector', () => {
  it('fires when accuracy steps down by five points, on the second low sample, dated from the first', () => {
    const series = [...accuracy(200), ...accuracy(40, 2, 0.87)];
    const { changes, state } = detect(series, params('model_accuracy_ratio'));
    expect(changes).toEqual([['fired', 201]]);
    expect(state.runStartMs).toBe(T0 + 200 * EVERY);
    // The baseline stayed where the healthy model was: the fault did not become the new normal.
    expect(state.mean).toBeCloseTo(0.92, 2);
  });

  it('stays quiet on noise alone, over a simulated day', () => {
    const day = (24 * HOUR_MS) / EVERY;
    expect(detect(accuracy(day, 3), params('model_accuracy_ratio')).changes).toEqual([]);
    const z = noise(4);
    const lag = Array.from({ length: day }, () => 30 + 0.5 * z());
    expect(detect(lag, params('data_pipeline_lag_seconds')).changes).toEqual([]);
  });

  it('ignores a change that is many sigmas but smaller than what matters (one accuracy point)', () => {
    const series = [...accuracy(200), ...accuracy(40, 2, 0.91)];
    expect(detect(series, params('model_accuracy_ratio')).changes).toEqual([]);
  });

  it('says nothing during its warm-up, however odd the first samples look', () => {
    const p = params('prediction_drift_score');
    const series = [0.03, 0.03, 0.5, 0.5, 0.5, 0.03];
    expect(detect(series, p).changes).toEqual([]);
    expect(detect(series, p).state.n).toBe(series.length);
  });

  it('needs two anomalous samples in a row: a single spike is not an alert', () => {
    const z = noise(5);
    const lag = Array.from({ length: 200 }, () => 30 + 0.5 * z());
    lag[150] = 400;
    expect(detect(lag, params('data_pipeline_lag_seconds')).changes).toEqual([]);
  });

  it('clears with hysteresis: only once the signal is back near its baseline, not merely below the fire level', () => {
    const z = noise(6);
    const base = () => 30 + 0.5 * z();
    const stall = Array.from({ length: 40 }, (_, i) => 32 + 15 * (i + 1)); // the lag grows 1 s per s
    const recovering = [300, 200, 100, 75]; // below the fire level, still 45 s above: stays firing
    const recovered = Array.from({ length: 10 }, base);
    const series = [...Array.from({ length: 200 }, base), ...stall, ...recovering, ...recovered];
    const { changes } = detect(series, params('data_pipeline_lag_seconds'));
    expect(changes[0]).toEqual(['fired', 204]); // 92 at 203 is the first a minute above the ~30 s baseline
    // Resolved on the second sample back within half the minimum change (30 s) of the baseline.
    expect(changes[1]).toEqual(['resolved', 200 + 40 + recovering.length + 1]);
  });

  it('absorbs a slow trend (a tenth of a point an hour); a fast slide fires', () => {
    const hours = 12;
    const n = (hours * HOUR_MS) / EVERY;
    const z = noise(7);
    const slow = Array.from(
      { length: n },
      (_, i) => 0.92 - (0.001 * i * EVERY) / HOUR_MS + 0.0015 * z(),
    );
    expect(detect(slow, params('model_accuracy_ratio')).changes).toEqual([]);
    // Ten points an hour: the baseline (30 min time constant) lags by about five points.
    const fast = Array.from({ length: n }, (_, i) =>
      i < 200 ? 0.92 + 0.0015 * z() : 0.92 - (0.1 * (i - 200) * EVERY) / HOUR_MS + 0.0015 * z(),
    );
    expect(detect(fast, params('model_accuracy_ratio')).changes[0]?.[0]).toBe('fired');
  });

  it('judges latency relative to its own baseline: +50 % fires for a slow model, not a 20 ms wobble on a fast one', () => {
    const z = noise(8);
    const p = params('latency_p99_seconds');
    const slow = [
      ...Array.from({ length: 200 }, () => 2 + 0.1 * z()),
      ...Array.from({ length: 5 }, () => 3.5 + 0.1 * z()),
    ];
    expect(detect(slow, p).changes).toEqual([['fired', 201]]);
    const fast = [
      ...Array.from({ length: 200 }, () => 0.2 + 0.002 * z()),
      ...Array.from({ length: 5 }, () => 0.22 + 0.002 * z()),
    ];
    expect(detect(fast, p).changes).toEqual([]);
  });

  it('ignores a repeated or older timestamp', () => {
    const p = params('model_accuracy_ratio');
    const first = observeAnomaly(newAnomalyState(), 0.9, T0, p);
    expect(observeAnomaly(first.state, 0.1, T0, p).state).toBe(first.state);
    expect(observeAnomaly(first.state, 0.1, T0 - 1, p).state).toBe(first.state);
  });
});
