// DDSketch bins as they travel in drift windows: keys and counts only, never the min, max or sum a
// sketch keeps (those are raw values). The console reads quantiles and re-bins from them.
import { DDSketch } from '@datadog/sketches-js';
import { DRIFT_LIMITS, type SketchData } from '../../agent-protocol/drift.ts';

type Store = DDSketch['store'];

/** The store's non-empty key range; past the bin limit the lowest keys fold into the first kept. */
function encodeStore(store: Store, maxBins: number): SketchData['positive'] {
  if (store.count === 0) return { offset: 0, counts: [] };
  const counts: number[] = [];
  for (let key = store.minKey; key <= store.maxKey; key++)
    counts.push(store.bins[key - store.offset] ?? 0);
  let first = 0;
  while (first < counts.length && counts[first] === 0) first++;
  let last = counts.length - 1;
  while (last > first && counts[last] === 0) last--;
  let kept = counts.slice(first, last + 1);
  let offset = store.minKey + first;
  if (kept.length > maxBins) {
    const cut = kept.length - maxBins;
    const folded = kept.slice(0, cut + 1).reduce((a, b) => a + b, 0);
    kept = [folded, ...kept.slice(cut + 1)];
    offset += cut;
  }
  return { offset, counts: kept };
}

export function newSketch(relativeAccuracy = 0.02): DDSketch {
  return new DDSketch({ relativeAccuracy });
}

/** maxBins per store: fewer keep a window of many features inside one frame (the lowest fold). */
export function encodeSketch(
  sketch: DDSketch,
  maxBins: number = DRIFT_LIMITS.sketchBins,
): SketchData {
  const bins = Math.max(1, Math.min(DRIFT_LIMITS.sketchBins, maxBins));
  return {
    relativeAccuracy: sketch.mapping.relativeAccuracy,
    zeroCount: sketch.zeroCount,
    positive: encodeStore(sketch.store, bins),
    negative: encodeStore(sketch.negativeStore, bins),
  };
}

export interface WeightedValue {
  value: number;
  count: number;
}

/** The sketch as (representative value, count) pairs in ascending order of value. */
export function sketchValues(data: SketchData): WeightedValue[] {
  const mapping = newSketch(data.relativeAccuracy).mapping;
  const out: WeightedValue[] = [];
  for (let i = data.negative.counts.length - 1; i >= 0; i--) {
    const count = data.negative.counts[i]!;
    if (count > 0) out.push({ value: -mapping.value(data.negative.offset + i), count });
  }
  if (data.zeroCount > 0) out.push({ value: 0, count: data.zeroCount });
  data.positive.counts.forEach((count, i) => {
    if (count > 0) out.push({ value: mapping.value(data.positive.offset + i), count });
  });
  return out;
}

/** The value at quantile q (0..1), within the sketch's relative accuracy; NaN when empty. */
export function sketchQuantile(values: readonly WeightedValue[], q: number): number {
  const total = values.reduce((n, v) => n + v.count, 0);
  if (total === 0) return Number.NaN;
  const rank = q * (total - 1);
  let seen = 0;
  for (const v of values) {
    seen += v.count;
    if (seen > rank) return v.value;
  }
  return values[values.length - 1]!.value;
}

/** Counts in (-∞, e0), [e0, e1), …, [en, ∞), each sketch bin placed by its representative value. */
export function binByEdges(values: readonly WeightedValue[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let bin = 0;
    while (bin < edges.length && v.value >= edges[bin]!) bin++;
    counts[bin]! += v.count;
  }
  return counts;
}

/** Histogram edges from a reference sketch: its deciles, without repeats. */
export function decileEdges(values: readonly WeightedValue[]): number[] {
  const edges: number[] = [];
  for (let d = 1; d <= 9; d++) {
    const edge = sketchQuantile(values, d / 10);
    if (Number.isFinite(edge) && (edges.length === 0 || edge > edges[edges.length - 1]!))
      edges.push(edge);
  }
  return edges;
}
