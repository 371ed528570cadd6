// Compares a drift window with its model version's pinned reference window, feature by feature,
// with the shared drift statistics (test chosen by reference size and feature type, as Evidently
// does). Works on what agents send: sketches, histograms and hashed category counts, never rows.
import type { DriftWindow, FeatureSketch } from '../../agent-protocol/drift.ts';
import {
  datasetDrift,
  featureDrift,
  type DatasetDrift,
  type DriftOverride,
  type FeatureDistribution,
  type FeatureDrift,
} from '../stats/index.ts';
import { binByEdges, decileEdges, sketchValues, type WeightedValue } from './sketch.ts';

type Numeric = Extract<FeatureSketch, { kind: 'numeric' }>;
type Categorical = Extract<FeatureSketch, { kind: 'categorical' }>;

export type SkipReason = 'missing_in_reference' | 'no_rows' | 'kind_changed' | 'not_comparable';

export interface DriftComparison {
  /** Null when no feature could be compared. */
  dataset: DatasetDrift | null;
  skipped: { name: string; reason: SkipReason }[];
  /** The predicted classes' distribution against the reference's (label shift shows here first). */
  prediction: FeatureDrift | null;
  /** CBPE: the mean chance that each scored prediction is right (calibrated probabilities). */
  estimatedAccuracy: number | null;
  /** From labels joined to predictions in this window. */
  accuracy: number | null;
}

const sameEdges = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Interior edges from the reference, outer ones spanning both windows, so every bin is finite. */
function numericDistribution(ref: Numeric, cur: Numeric): FeatureDistribution {
  const refValues = sketchValues(ref.sketch);
  const curValues = sketchValues(cur.sketch);
  const interior = ref.histogram?.edges ?? decileEdges(refValues);
  const span = (values: WeightedValue[]) => [values[0]?.value, values[values.length - 1]?.value];
  const all = [...span(refValues), ...span(curValues), ...interior].filter(
    (v): v is number => v !== undefined,
  );
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const edges = [lo, ...interior.filter((e) => e > lo && e < hi), hi];
  const inner = edges.slice(1, -1);
  // The agent's fixed histograms are exact; otherwise both sketches are binned by the same edges.
  const counts = (f: Numeric, values: WeightedValue[]) =>
    f.histogram && sameEdges(f.histogram.edges, inner)
      ? f.histogram.counts
      : binByEdges(values, inner);
  return {
    name: ref.name,
    type: 'numeric',
    edges: hi > lo ? edges : [lo, lo + 1],
    reference: hi > lo ? counts(ref, refValues) : [ref.count],
    current: hi > lo ? counts(cur, curValues) : [cur.count],
    uniqueValues: refValues.length,
  };
}

function categoryCounts(
  a: Categorical['top'],
  b: Categorical['top'],
  otherA: number,
  otherB: number,
) {
  const keys = [...new Set([...a.map((t) => t.key), ...b.map((t) => t.key)])];
  const of = (top: Categorical['top']) => {
    const m = new Map(top.map((t) => [t.key, t.count]));
    return keys.map((k) => m.get(k) ?? 0);
  };
  const withOther = otherA + otherB > 0;
  return {
    reference: withOther ? [...of(a), otherA] : of(a),
    current: withOther ? [...of(b), otherB] : of(b),
  };
}

function distributionOf(ref: FeatureSketch, cur: FeatureSketch): FeatureDistribution {
  if (ref.kind === 'numeric' && cur.kind === 'numeric') return numericDistribution(ref, cur);
  const r = ref as Categorical;
  const c = cur as Categorical;
  return { name: ref.name, type: 'categorical', ...categoryCounts(r.top, c.top, r.other, c.other) };
}

export function compareWindows(
  reference: DriftWindow,
  current: DriftWindow,
  overrides: Readonly<Record<string, DriftOverride>> = {},
): DriftComparison {
  const skipped: DriftComparison['skipped'] = [];
  const distributions: FeatureDistribution[] = [];
  const byName = new Map(reference.features.map((f) => [f.name, f]));
  for (const cur of current.features) {
    const ref = byName.get(cur.name);
    if (!ref) skipped.push({ name: cur.name, reason: 'missing_in_reference' });
    else if (ref.kind !== cur.kind) skipped.push({ name: cur.name, reason: 'kind_changed' });
    else if (ref.count === 0 || cur.count === 0)
      skipped.push({ name: cur.name, reason: 'no_rows' });
    else distributions.push({ ...distributionOf(ref, cur), override: overrides[cur.name] });
  }
  const checked = distributions.filter((d) => {
    try {
      featureDrift(d);
      return true;
    } catch {
      skipped.push({ name: d.name, reason: 'not_comparable' });
      return false;
    }
  });
  let prediction: FeatureDrift | null = null;
  if (reference.predictions && current.predictions) {
    const counts = categoryCounts(reference.predictions.classes, current.predictions.classes, 0, 0);
    try {
      prediction = featureDrift({ name: 'prediction', type: 'categorical', ...counts });
    } catch {
      prediction = null;
    }
  }
  const p = current.predictions;
  return {
    dataset: checked.length > 0 ? datasetDrift(checked) : null,
    skipped,
    prediction,
    estimatedAccuracy: p && p.scored > 0 ? p.expectedCorrect / p.scored : null,
    accuracy:
      current.labelled && current.labelled.rows > 0
        ? current.labelled.correct / current.labelled.rows
        : null,
  };
}
