// What the console keeps of one window's comparison with its reference, and the model-service
// signals it becomes (samples any SLO, alert rule or chart can use like any other).
import type { DriftTestName, DriftTestReason } from '../stats/drift.ts';
import type { DriftComparison, SkipReason } from './compare.ts';

export interface FeatureDriftResult {
  name: string;
  test: DriftTestName;
  reason: DriftTestReason;
  threshold: number;
  /** The p-value (KS, χ², Z) or the distance (the others). */
  value: number;
  drifted: boolean;
}

export interface DriftResult {
  referenceWindowId: number;
  features: FeatureDriftResult[];
  skipped: { name: string; reason: SkipReason }[];
  /** Share of compared features that drifted; null when none could be compared. */
  driftShare: number | null;
  datasetDrift: boolean | null;
  prediction: FeatureDriftResult | null;
  estimatedAccuracy: number | null;
  accuracy: number | null;
}

/** The signal names drift becomes, labelled {model, version} (and {feature, test} per feature). */
export const DRIFT_SIGNALS = {
  share: 'drift_share',
  dataset: 'dataset_drift',
  /** The test's own figure: a p-value (KS, χ², Z: low is drift) or a distance (high is drift). */
  feature: 'feature_drift_score',
  /** 1 when the feature drifted by its test, else 0: one direction whatever the test. */
  featureDrifted: 'feature_drifted',
  predictionClasses: 'prediction_class_drift_score',
  estimatedAccuracy: 'estimated_accuracy_ratio',
  labelledAccuracy: 'labelled_accuracy_ratio',
} as const;

const round = (v: number) => Math.round(v * 1e6) / 1e6;

function featureResult(f: DriftComparison['prediction'] & object): FeatureDriftResult {
  return {
    name: f.name,
    test: f.test,
    reason: f.reason,
    threshold: f.threshold,
    value: round(f.value),
    drifted: f.drifted,
  };
}

export function driftResult(referenceWindowId: number, c: DriftComparison): DriftResult {
  return {
    referenceWindowId,
    features: c.dataset?.features.map(featureResult) ?? [],
    skipped: c.skipped,
    driftShare: c.dataset ? round(c.dataset.driftedShare) : null,
    datasetDrift: c.dataset ? c.dataset.drifted : null,
    prediction: c.prediction ? featureResult(c.prediction) : null,
    estimatedAccuracy: c.estimatedAccuracy === null ? null : round(c.estimatedAccuracy),
    accuracy: c.accuracy === null ? null : round(c.accuracy),
  };
}

export interface DriftSignalSample {
  metric: string;
  labels: Record<string, string>;
  value: number;
  tsMs: number;
}

/** The window's results as samples at its end time. */
export function driftSignals(
  model: string,
  version: string,
  endMs: number,
  r: DriftResult,
): DriftSignalSample[] {
  const labels = { model, version };
  const out: DriftSignalSample[] = [];
  const add = (metric: string, value: number | null, extra?: Record<string, string>) => {
    if (value !== null && Number.isFinite(value))
      out.push({ metric, labels: extra ? { ...labels, ...extra } : labels, value, tsMs: endMs });
  };
  add(DRIFT_SIGNALS.share, r.driftShare);
  add(DRIFT_SIGNALS.dataset, r.datasetDrift === null ? null : r.datasetDrift ? 1 : 0);
  for (const f of r.features) {
    add(DRIFT_SIGNALS.feature, f.value, { feature: f.name, test: f.test });
    add(DRIFT_SIGNALS.featureDrifted, f.drifted ? 1 : 0, { feature: f.name });
  }
  add(DRIFT_SIGNALS.predictionClasses, r.prediction?.value ?? null, {
    test: r.prediction?.test ?? '',
  });
  add(DRIFT_SIGNALS.estimatedAccuracy, r.estimatedAccuracy);
  add(DRIFT_SIGNALS.labelledAccuracy, r.accuracy);
  return out;
}
