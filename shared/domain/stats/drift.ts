// Drift per feature and for a whole dataset, with the test chosen as Evidently chooses it:
//   reference ≤ 1,000 rows: numeric with > 5 distinct values → KS; otherwise χ² (> 2 values) or the
//     two-proportion Z-test (binary); drift when p < 0.05;
//   larger reference: numeric (> 5 values) → Wasserstein normed by the reference's standard deviation,
//     otherwise Jensen–Shannon (base 2 here); drift when the distance ≥ 0.1.
// PSI (≥ 0.1) and Hellinger (≥ 0.1) are there to be chosen per feature; any test and threshold can be
// overridden per feature. The dataset drifts when at least half of its features drift.
// The inputs are histograms and category counts (what the agent sends), never rows.
import { chiSquareHomogeneity, zTestProportions } from './chiSquare.ts';
import { assertCounts, StatsInputError } from './descriptive.ts';
import {
  hellinger,
  histogramMoments,
  jensenShannon,
  psi,
  wassersteinFromHistograms,
} from './distances.ts';
import { ksFromHistograms } from './ks.ts';

export type DriftTestName =
  'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi' | 'hellinger';

/** Why a test was used, as a code the views translate. */
export type DriftTestReason =
  | 'override'
  | 'small_reference_numeric'
  | 'small_reference_categorical'
  | 'small_reference_binary'
  | 'large_reference_numeric'
  | 'large_reference_categorical';

export const SMALL_REFERENCE_ROWS = 1000;
export const DEFAULT_P_THRESHOLD = 0.05;
export const DEFAULT_DISTANCE_THRESHOLD = 0.1;
export const DATASET_DRIFT_SHARE = 0.5;

const P_VALUE_TESTS: ReadonlySet<DriftTestName> = new Set(['ks', 'chisquare', 'z']);

export function isPValueTest(test: DriftTestName): boolean {
  return P_VALUE_TESTS.has(test);
}

export interface DriftTestChoice {
  test: DriftTestName;
  threshold: number;
  reason: DriftTestReason;
}

export interface DriftOverride {
  test?: DriftTestName;
  threshold?: number;
}

export function chooseDriftTest(
  feature: { type: 'numeric' | 'categorical'; referenceRows: number; uniqueValues: number },
  override: DriftOverride = {},
): DriftTestChoice {
  const { type, referenceRows, uniqueValues } = feature;
  let test: DriftTestName;
  let reason: DriftTestReason;
  const continuous = type === 'numeric' && uniqueValues > 5;
  if (referenceRows <= SMALL_REFERENCE_ROWS) {
    if (continuous) [test, reason] = ['ks', 'small_reference_numeric'];
    else if (uniqueValues > 2) [test, reason] = ['chisquare', 'small_reference_categorical'];
    else [test, reason] = ['z', 'small_reference_binary'];
  } else if (continuous) [test, reason] = ['wasserstein', 'large_reference_numeric'];
  else [test, reason] = ['jensenshannon', 'large_reference_categorical'];
  if (override.test) [test, reason] = [override.test, 'override'];
  const threshold =
    override.threshold ?? (isPValueTest(test) ? DEFAULT_P_THRESHOLD : DEFAULT_DISTANCE_THRESHOLD);
  if (override.threshold !== undefined) reason = 'override';
  return { test, threshold, reason };
}

/** One feature's reference and current distribution over the same bins or categories. */
export interface FeatureDistribution {
  name: string;
  type: 'numeric' | 'categorical';
  /** Numeric features: the histogram's bin edges (one more than the counts). */
  edges?: readonly number[];
  reference: readonly number[];
  current: readonly number[];
  /** Distinct values seen; numeric features default to "many", categorical to the number of categories. */
  uniqueValues?: number;
  override?: DriftOverride;
}

export interface FeatureDrift extends DriftTestChoice {
  name: string;
  /** The p-value (KS, χ², Z) or the distance (the others). */
  value: number;
  drifted: boolean;
}

function runTest(test: DriftTestName, f: FeatureDistribution): number {
  const needEdges = (): readonly number[] => {
    if (!f.edges) throw new StatsInputError(`${f.name}: ${test} needs the histogram's bin edges.`);
    return f.edges;
  };
  switch (test) {
    case 'ks':
      return ksFromHistograms(f.reference, f.current).pValue;
    case 'chisquare':
      return chiSquareHomogeneity(f.reference, f.current).pValue;
    case 'z': {
      if (f.reference.length !== 2 || f.current.length !== 2)
        throw new StatsInputError(`${f.name}: the Z-test needs exactly two categories.`);
      const [r0, r1] = f.reference as [number, number];
      const [c0, c1] = f.current as [number, number];
      return zTestProportions(r1, r0 + r1, c1, c0 + c1).pValue;
    }
    case 'wasserstein': {
      const edges = needEdges();
      const std = Math.max(histogramMoments(edges, f.reference).std, 0.001);
      return wassersteinFromHistograms(edges, f.reference, f.current) / std;
    }
    case 'jensenshannon':
      return jensenShannon(f.reference, f.current);
    case 'psi':
      return psi(f.reference, f.current);
    case 'hellinger':
      return hellinger(f.reference, f.current);
  }
}

export function featureDrift(f: FeatureDistribution): FeatureDrift {
  const referenceRows = assertCounts(f.reference, `${f.name} reference`);
  assertCounts(f.current, `${f.name} current`);
  const uniqueValues =
    f.uniqueValues ?? (f.type === 'numeric' ? Number.POSITIVE_INFINITY : f.reference.length);
  const choice = chooseDriftTest({ type: f.type, referenceRows, uniqueValues }, f.override);
  let value: number;
  try {
    value = runTest(choice.test, f);
  } catch (error) {
    if (error instanceof StatsInputError && !error.message.startsWith(`${f.name}:`))
      throw new StatsInputError(`${f.name}: ${error.message}`);
    throw error;
  }
  const drifted = isPValueTest(choice.test) ? value < choice.threshold : value >= choice.threshold;
  return { name: f.name, ...choice, value, drifted };
}

export interface DatasetDrift {
  features: FeatureDrift[];
  driftedFeatures: number;
  driftedShare: number;
  drifted: boolean;
}

export function datasetDrift(
  features: readonly FeatureDistribution[],
  share = DATASET_DRIFT_SHARE,
): DatasetDrift {
  if (features.length === 0) throw new StatsInputError('A dataset drift check needs features.');
  const results = features.map(featureDrift);
  const driftedFeatures = results.filter((r) => r.drifted).length;
  const driftedShare = driftedFeatures / results.length;
  return { features: results, driftedFeatures, driftedShare, drifted: driftedShare >= share };
}
