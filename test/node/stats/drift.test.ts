// Drift as an operator reads it: which test each feature got and why (Evidently's rules), whether it
// drifted, and whether the dataset did; all from the histograms and counts the agent sends.
import { describe, expect, it } from 'vitest';
import {
  chooseDriftTest,
  datasetDrift,
  featureDrift,
  sampleSizeForProportions,
  StatsInputError,
  type FeatureDistribution,
} from '../../../shared/domain/stats/index.ts';

const EDGES = [0, 10, 20, 30, 40, 50, 60, 70, 80];
const STEADY = [50, 120, 300, 500, 480, 290, 110, 40];
const SHIFTED = [10, 40, 110, 290, 480, 500, 300, 120];

describe('test selection follows Evidently', () => {
  it.each([
    ['numeric', 800, 50, 'ks', 0.05, 'small_reference_numeric'],
    ['categorical', 800, 4, 'chisquare', 0.05, 'small_reference_categorical'],
    ['categorical', 1000, 2, 'z', 0.05, 'small_reference_binary'],
    ['numeric', 900, 4, 'chisquare', 0.05, 'small_reference_categorical'],
    ['numeric', 1001, 50, 'wasserstein', 0.1, 'large_reference_numeric'],
    ['categorical', 50_000, 12, 'jensenshannon', 0.1, 'large_reference_categorical'],
  ] as const)(
    '%s feature, %i reference rows, %i values → %s',
    (type, rows, unique, test, threshold, reason) => {
      expect(chooseDriftTest({ type, referenceRows: rows, uniqueValues: unique })).toEqual({
        test,
        threshold,
        reason,
      });
    },
  );

  it('a feature may name its own test and threshold', () => {
    expect(
      chooseDriftTest(
        { type: 'numeric', referenceRows: 50_000, uniqueValues: 100 },
        { test: 'psi', threshold: 0.2 },
      ),
    ).toEqual({ test: 'psi', threshold: 0.2, reason: 'override' });
    expect(
      chooseDriftTest(
        { type: 'numeric', referenceRows: 500, uniqueValues: 100 },
        { threshold: 0.01 },
      ),
    ).toEqual({ test: 'ks', threshold: 0.01, reason: 'override' });
  });
});

describe('feature and dataset drift from histograms', () => {
  const feature = (name: string, current: number[], scale = 1): FeatureDistribution => ({
    name,
    type: 'numeric',
    edges: EDGES,
    reference: STEADY.map((c) => c * scale),
    current,
  });

  it('a shifted latency histogram drifts by normed Wasserstein; the same shape does not', () => {
    const shifted = featureDrift(feature('latency', SHIFTED));
    expect(shifted).toMatchObject({ test: 'wasserstein', drifted: true });
    expect(shifted.value).toBeGreaterThan(0.1);
    const steady = featureDrift(
      feature(
        'latency',
        STEADY.map((c) => c * 2),
      ),
    );
    expect(steady).toMatchObject({ test: 'wasserstein', drifted: false });
    expect(steady.value).toBeCloseTo(0, 12);
  });

  it('with a small reference the KS test on the histograms decides', () => {
    const small = feature(
      'tokens',
      SHIFTED.map((c) => Math.round(c / 4)),
      0.25,
    );
    small.reference = small.reference.map(Math.round);
    const result = featureDrift(small);
    expect(result).toMatchObject({ test: 'ks', reason: 'small_reference_numeric', drifted: true });
    expect(result.value).toBeLessThan(0.05);
  });

  it('the dataset drifts when at least half of its features drift', () => {
    const half = datasetDrift([
      feature('a', SHIFTED),
      feature('b', SHIFTED),
      feature('c', STEADY),
      feature('d', STEADY),
    ]);
    expect(half).toMatchObject({ driftedFeatures: 2, driftedShare: 0.5, drifted: true });
    const quarter = datasetDrift([
      feature('a', SHIFTED),
      feature('b', STEADY),
      feature('c', STEADY),
      feature('d', STEADY),
    ]);
    expect(quarter).toMatchObject({ driftedFeatures: 1, drifted: false });
  });

  it('bad input is refused with a reason', () => {
    expect(() => featureDrift({ ...feature('x', [1, 2, 3]) })).toThrow(StatsInputError);
    expect(() => featureDrift({ ...feature('x', [1, 2, 3]) })).toThrow(
      /x: 8 bins in the reference, 3 in the current window/,
    );
    expect(() =>
      featureDrift({ name: 'y', type: 'numeric', reference: STEADY, current: SHIFTED }),
    ).toThrow(/y: wasserstein needs the histogram's bin edges/);
    expect(() =>
      featureDrift(
        feature(
          'z',
          STEADY.map(() => 0),
        ),
      ),
    ).toThrow(/z current holds no observations/);
    expect(() =>
      sampleSizeForProportions({ baselineRate: 0.98, minimumDetectableEffect: 0.05 }),
    ).toThrow(/stay between 0 and 1/);
  });
});
