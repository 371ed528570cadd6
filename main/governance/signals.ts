// Evaluates a trigger condition from what the console holds: a model's readings of the named signal
// over the window (every host), or its SLO's burn rate. Returns the evidence when it holds: the
// readings as chart data, the comparison made, and each data window with the SHA-256 of its readings.
import type { SloSummary } from '../../shared/ipc/sloSchemas.ts';
import type { Evidence, TriggerCondition } from '../../shared/ipc/governanceSchemas.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { canonicalJson, sha256Hex } from '../audit/entryHash.ts';
import { all, sql } from '../store/sql.ts';
import type { ReadableDb } from '../store/types.ts';
import { querySeries, RANGES, type SeriesRange } from '../telemetry/charts.ts';
import { seriesOfModel } from '../telemetry/series.ts';

export interface SignalSeries {
  host: string;
  labels: Record<string, string>;
  points: [number, number][];
}

/** Points kept per series as evidence: enough to chart the window. */
const MAX_POINTS = 240;

/** The narrowest chart range that covers the window (raw readings up to an hour, roll-ups beyond). */
function rangeFor(spanMs: number): SeriesRange {
  const fits = (Object.keys(RANGES) as SeriesRange[]).filter((r) => RANGES[r].spanMs >= spanMs);
  return fits.sort((a, b) => RANGES[a].spanMs - RANGES[b].spanMs)[0] ?? '30d';
}

/** Every series of `metric` for `model` with its readings in [fromMs, toMs] (the chart reads). */
export function readWindow(
  db: ReadableDb,
  model: string,
  metric: string,
  fromMs: number,
  toMs: number,
): SignalSeries[] {
  const names = new Map(
    all<{ id: number; name: string }>(db, sql`SELECT id, name FROM hosts`).map((h) => [
      h.id,
      h.name,
    ]),
  );
  return seriesOfModel(db, metric, model, '')
    .map((s) => ({
      host: names.get(s.hostId) ?? String(s.hostId),
      labels: s.labels,
      points: querySeries(
        db,
        {
          hostId: s.hostId,
          metric,
          labels: s.labels,
          range: rangeFor(toMs - fromMs),
          maxPoints: MAX_POINTS,
        },
        toMs,
      ).points.filter(([t]) => t >= fromMs),
    }))
    .filter((s) => s.points.length > 0);
}

const windowOf = (fromMs: number, toMs: number, series: SignalSeries[]) => ({
  from: new Date(fromMs).toISOString(),
  to: new Date(toMs).toISOString(),
  sha256: sha256Hex(canonicalJson(series)),
});

const round = (n: number) => Math.round(n * 10_000) / 10_000;
/** The drift signals: 1 when a feature drifted by its own test; that test's figure (labelled `test`). */
const DRIFT_FLAG = 'feature_drifted';
const DRIFT_SCORE = 'feature_drift_score';

/** The evidence if the condition holds now, else null. */
export function evaluateCondition(
  db: ReadableDb,
  model: string,
  condition: TriggerCondition,
  nowMs: number,
  sloSummaries: () => readonly SloSummary[],
): Evidence | null {
  if (condition.kind === 'slo_burn') {
    const slo = sloSummaries().find((s) => s.name === condition.slo && s.model === model);
    if (!slo || slo.burnRate === null || slo.burnRate < condition.burnRateAtLeast) return null;
    const hourMs = 60 * MINUTE_MS;
    const start = nowMs - slo.sparkline.length * hourMs;
    const series = [
      {
        host: '*',
        labels: { slo: slo.name, indicator: slo.indicator },
        points: slo.sparkline.flatMap((v, i): [number, number][] =>
          v === null ? [] : [[start + (i + 1) * hourMs, v]],
        ),
      },
    ];
    return {
      summary: `SLO ${slo.displayName} burns its error budget at ${round(slo.burnRate)}× (rule: at least ${condition.burnRateAtLeast}×)`,
      test: 'burn rate over the fastest page rule’s long window ≥ threshold',
      signal: slo.indicator,
      windows: [windowOf(start, nowMs, series)],
      series,
      values: {
        burnRate: round(slo.burnRate),
        budgetRemaining: slo.budgetRemaining,
        objective: slo.objective,
        window: slo.window,
      },
    };
  }
  const fromMs = nowMs - condition.windowMinutes * MINUTE_MS;
  const series = readWindow(db, model, condition.signal, fromMs, nowMs);
  const window = windowOf(fromMs, nowMs, series);
  if (condition.kind === 'accuracy_below') {
    const values = series.flatMap((s) => s.points.map(([, v]) => v));
    if (values.length < condition.minReadings) return null;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (mean >= condition.target) return null;
    return {
      summary: `${condition.signal} averaged ${round(mean)} over ${condition.windowMinutes} min, below the target ${condition.target}`,
      test: 'mean of every reading in the window < target',
      signal: condition.signal,
      windows: [window],
      series,
      values: { mean: round(mean), target: condition.target, readings: values.length },
    };
  }
  // Drift: each feature's latest score in the window (highest across hosts).
  const latest = new Map<string, number>();
  for (const s of series) {
    const feature = s.labels.feature ?? s.labels.feature_name ?? condition.signal;
    const last = s.points[s.points.length - 1]![1];
    latest.set(feature, Math.max(latest.get(feature) ?? -Infinity, last));
  }
  // Each feature's own test and figure (drift signals carry them on feature_drift_score).
  const tests = new Map<string, string>();
  if (condition.signal === DRIFT_FLAG) {
    for (const s of readWindow(db, model, DRIFT_SCORE, fromMs, nowMs)) {
      const feature = s.labels.feature;
      const last = s.points[s.points.length - 1];
      if (feature && last) tests.set(feature, `${s.labels.test ?? '?'} ${round(last[1])}`);
    }
  }
  const drifted = [...latest]
    .filter(([, v]) => v >= condition.threshold)
    .map(([f]) => f)
    .sort();
  if (drifted.length < condition.minFeatures) return null;
  return {
    summary: `${drifted.length} of ${latest.size} features drift at or above ${condition.threshold} (rule: at least ${condition.minFeatures}): ${drifted.join(', ')}`,
    test:
      condition.signal === DRIFT_FLAG
        ? `each feature's own drift test (${[...new Set([...tests.values()].map((t) => t.split(' ')[0]))].join(', ') || 'as the drift signals say'}), on at least ${condition.minFeatures} features`
        : `latest ${condition.signal} per feature ≥ ${condition.threshold}, on at least ${condition.minFeatures} features`,
    signal: condition.signal,
    windows: [window],
    series,
    values: {
      driftedFeatures: drifted.length,
      features: latest.size,
      threshold: condition.threshold,
      drifted: drifted.join(', '),
      tests: drifted.map((f) => `${f}: ${tests.get(f) ?? condition.signal}`).join('; '),
    },
  };
}
