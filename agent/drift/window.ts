// One model's drift window on the host: per-feature sketches and counts, prediction counts with
// CBPE's expected correct count, and labels joined to predictions by id. What close() returns is
// all that leaves the host.
import { createHmac } from 'node:crypto';
import type { DDSketch } from '@datadog/sketches-js';
import {
  DRIFT_LIMITS,
  type DriftWindow,
  type FeatureSketch,
} from '../../shared/agent-protocol/drift.ts';
import { encodeSketch, newSketch } from '../../shared/domain/drift/sketch.ts';
import type { DriftLogConfig } from './config.ts';
import { categoryOf, numberOf, type Row } from './rows.ts';

/** What a window's sketches may take of a frame (1 MiB), at about 8 bytes a bin. */
const SKETCH_BUDGET_BYTES = 600 * 1024;
/** Distinct categories counted per feature and window; the rest count as "other". */
const MAX_DISTINCT = 10_000;
/** Predictions remembered for labels that arrive later (oldest forgotten first). */
export const MAX_PENDING_LABELS = 200_000;

interface NumericState {
  sketch: DDSketch;
  missing: number;
  histogram: number[] | null;
}

interface CategoricalState {
  counts: Map<string, number>;
  other: number;
  missing: number;
}

/** Keyed 16-hex-digit hashes of categories, cached (a feature has few distinct values). */
export class CategoryHasher {
  private readonly cache = new Map<string, string>();
  constructor(private readonly key: string) {}
  hash(value: string): string {
    let h = this.cache.get(value);
    if (h === undefined) {
      h = createHmac('sha256', this.key).update(value).digest('hex').slice(0, 16);
      if (this.cache.size < MAX_DISTINCT * 4) this.cache.set(value, h);
    }
    return h;
  }
}

function binOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value >= edges[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class DriftWindowAccumulator {
  private rows = 0;
  private unreadable = 0;
  private numeric = new Map<string, NumericState>();
  private categorical = new Map<string, CategoricalState>();
  private classes = new Map<string, number>();
  private scored = 0;
  private expectedCorrect = 0;
  private labelled = { rows: 0, correct: 0 };
  /** prediction id → predicted class, for labels that arrive later. */
  private readonly pending = new Map<string, string>();

  constructor(
    private readonly config: DriftLogConfig,
    private readonly hasher: CategoryHasher,
    /** Each numeric feature's histogram edges, once the reference has fixed them. */
    private readonly edgesOf: (feature: string) => readonly number[] | null,
  ) {
    this.reset();
  }

  get rowCount(): number {
    return this.rows;
  }

  addUnreadable(n = 1): void {
    this.unreadable += n;
  }

  add(row: Row): void {
    this.rows++;
    for (const [name, state] of this.numeric) {
      const v = numberOf(row[name]);
      if (v === null) {
        state.missing++;
        continue;
      }
      state.sketch.accept(v);
      if (state.histogram) state.histogram[binOf(this.edgesOf(name)!, v)]!++;
    }
    for (const [name, state] of this.categorical) {
      const c = categoryOf(row[name]);
      if (c === null) state.missing++;
      else this.countCategory(state, this.hasher.hash(c));
    }
    const prediction = this.config.prediction;
    if (!prediction) return;
    const predicted = categoryOf(row[prediction.column]);
    if (predicted === null) return;
    const key = this.hasher.hash(predicted);
    this.classes.set(key, (this.classes.get(key) ?? 0) + 1);
    const p = prediction.probabilityColumn ? numberOf(row[prediction.probabilityColumn]) : null;
    if (p !== null && p >= 0 && p <= 1) {
      this.scored++;
      // CBPE: a calibrated probability is the chance this prediction is right.
      this.expectedCorrect += prediction.positiveClass
        ? predicted === prediction.positiveClass
          ? p
          : 1 - p
        : p;
    }
    const id = prediction.idColumn ? categoryOf(row[prediction.idColumn]) : null;
    if (id !== null) {
      if (this.pending.size >= MAX_PENDING_LABELS)
        this.pending.delete(this.pending.keys().next().value!);
      this.pending.set(id, predicted);
    }
  }

  /** A label row: counted (and forgotten) when its prediction is still remembered. */
  addLabel(row: Row): void {
    const labels = this.config.labels;
    if (!labels) return;
    const id = categoryOf(row[labels.idColumn]);
    const label = categoryOf(row[labels.labelColumn]);
    if (id === null || label === null) return;
    const predicted = this.pending.get(id);
    if (predicted === undefined) return;
    this.pending.delete(id);
    this.labelled.rows++;
    if (predicted === label) this.labelled.correct++;
  }

  /** The window's sketches and counts; the accumulator starts the next window empty. */
  close(startMs: number, endMs: number): DriftWindow {
    const features: FeatureSketch[] = [];
    const maxBins = Math.floor(SKETCH_BUDGET_BYTES / (16 * Math.max(1, this.numeric.size)));
    for (const [name, s] of this.numeric) {
      const edges = this.edgesOf(name);
      features.push({
        kind: 'numeric',
        name,
        count: s.sketch.count,
        missing: s.missing,
        sketch: encodeSketch(s.sketch, maxBins),
        histogram: s.histogram && edges ? { edges: [...edges], counts: s.histogram } : null,
      });
    }
    for (const [name, s] of this.categorical) {
      const sorted = [...s.counts].sort((a, b) => b[1] - a[1]);
      const top = sorted.slice(0, DRIFT_LIMITS.topK).map(([key, count]) => ({ key, count }));
      const other = s.other + sorted.slice(DRIFT_LIMITS.topK).reduce((n, [, c]) => n + c, 0);
      const count = top.reduce((n, t) => n + t.count, other);
      features.push({ kind: 'categorical', name, count, missing: s.missing, top, other });
    }
    const window: DriftWindow = {
      model: this.config.model,
      version: this.config.version,
      startMs,
      endMs,
      rows: this.rows,
      unreadable: this.unreadable,
      features,
      predictions: this.config.prediction
        ? {
            classes: [...this.classes]
              .sort((a, b) => b[1] - a[1])
              .slice(0, DRIFT_LIMITS.classes)
              .map(([key, count]) => ({ key, count })),
            scored: this.scored,
            expectedCorrect: Math.round(this.expectedCorrect * 1000) / 1000,
          }
        : null,
      labelled: this.config.labels ? { ...this.labelled } : null,
    };
    this.reset();
    return window;
  }

  private countCategory(state: CategoricalState, key: string): void {
    const n = state.counts.get(key);
    if (n !== undefined) state.counts.set(key, n + 1);
    else if (state.counts.size < MAX_DISTINCT) state.counts.set(key, 1);
    else state.other++;
  }

  private reset(): void {
    this.rows = 0;
    this.unreadable = 0;
    this.numeric = new Map(
      this.config.numeric.map((name) => {
        const edges = this.edgesOf(name);
        const histogram = edges ? new Array<number>(edges.length + 1).fill(0) : null;
        return [name, { sketch: newSketch(), missing: 0, histogram }];
      }),
    );
    this.categorical = new Map(
      this.config.categorical.map((name) => [name, { counts: new Map(), other: 0, missing: 0 }]),
    );
    this.classes = new Map();
    this.scored = 0;
    this.expectedCorrect = 0;
    this.labelled = { rows: 0, correct: 0 };
  }
}
