// Evaluates a compiled plan over the console's 1-minute rollups, one value per minute. Counters become
// per-minute increases (Prometheus counter-reset rules); the SLO evaluator sums those over its own
// burn-rate windows, which is why the `[range]` written in the query is not applied here (as Sloth's
// {{.window}} is re-applied per window).
import { MINUTE_MS } from '../../time.ts';
import { compileLabelRegex } from './literals.ts';
import { arithmetic } from './compile.ts';
import type {
  EvaluateOptions,
  LabelMatcher,
  MinuteSeriesSource,
  PromQlPlan,
  PromQlResult,
  SeriesSelector,
  ValuePoint,
  ValueSeries,
} from './types.ts';

/** Prometheus' lookback: a counter silent for longer than this starts again from a new baseline. */
export const STALENESS_MS = 5 * MINUTE_MS;

interface Grid {
  start: number;
  count: number;
}

interface Column {
  labels: Record<string, string>;
  values: Float64Array;
  present: Uint8Array;
}

type Value = { kind: 'scalar'; value: number } | { kind: 'vector'; columns: Column[] };

const regexCache = new Map<string, RegExp | null>();

/** Whether a series' labels satisfy every matcher; a missing label reads as "" (as in Prometheus). */
export function labelsMatch(
  labels: Record<string, string>,
  matchers: readonly LabelMatcher[],
): boolean {
  return matchers.every((matcher) => {
    const value = labels[matcher.name] ?? '';
    if (matcher.op === '=') return value === matcher.value;
    if (matcher.op === '!=') return value !== matcher.value;
    let regex = regexCache.get(matcher.value);
    if (regex === undefined) {
      const compiled = compileLabelRegex(matcher.value);
      regex = compiled.ok ? compiled.regex : null;
      regexCache.set(matcher.value, regex);
    }
    const isMatch = regex !== null && regex.test(value);
    return matcher.op === '=~' ? isMatch : !isMatch;
  });
}

/** Whether the plan can only ever yield one series (what an SLO's good/bad/total query needs). */
export function returnsOneSeries(plan: PromQlPlan): boolean {
  switch (plan.kind) {
    case 'number':
      return true;
    case 'gauge':
    case 'counter':
      return false;
    case 'sum':
      return plan.grouping.mode === 'by' && plan.grouping.labels.length === 0;
    case 'binary':
      return returnsOneSeries(plan.left) && returnsOneSeries(plan.right);
  }
}

/** Per-minute values of every result series over the minutes starting in [fromMs, toMs). */
export function evaluatePromQl(
  plan: PromQlPlan,
  source: MinuteSeriesSource,
  fromMs: number,
  toMs: number,
  options: EvaluateOptions = {},
): ValueSeries[] {
  const start = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS;
  const grid: Grid = { start, count: Math.max(0, Math.ceil((toMs - start) / MINUTE_MS)) };
  const value = evaluate(plan, source, grid, options);
  const columns = value.kind === 'vector' ? value.columns : [constantColumn(value.value, grid)];
  return columns
    .map((column) => ({ labels: column.labels, points: pointsOf(column, grid) }))
    .sort((a, b) => signature(a.labels).localeCompare(signature(b.labels)));
}

/** The query's one series as per-minute values; an error when it yields several (it needs a sum). */
export function evaluateScalarSeries(
  plan: PromQlPlan,
  source: MinuteSeriesSource,
  fromMs: number,
  toMs: number,
  options: EvaluateOptions = {},
): PromQlResult<ValuePoint[]> {
  const series = evaluatePromQl(plan, source, fromMs, toMs, options);
  if (series.length <= 1) return { ok: true, value: series[0]?.points ?? [] };
  const examples = series
    .slice(0, 3)
    .map((s) => formatLabels(s.labels))
    .join(', ');
  const more = series.length > 3 ? ', …' : '';
  return {
    ok: false,
    error: {
      code: 'several_series',
      message: `PromQL: the query returns ${series.length} series (${examples}${more}) but an SLO reads one; wrap it in sum(…)`,
      from: 0,
      to: 0,
    },
  };
}

export function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs.join(', ')}}`;
}

function evaluate(
  plan: PromQlPlan,
  source: MinuteSeriesSource,
  grid: Grid,
  options: EvaluateOptions,
): Value {
  switch (plan.kind) {
    case 'number':
      return { kind: 'scalar', value: plan.value };
    case 'gauge':
      return { kind: 'vector', columns: gauge(plan.selector, source, grid) };
    case 'counter': {
      const perSecond = plan.fn === 'rate' && options.ratesAsIncreases !== true;
      return { kind: 'vector', columns: counter(plan.selector, source, grid, perSecond) };
    }
    case 'sum':
      return sum(
        plan.grouping.mode,
        plan.grouping.labels,
        evaluate(plan.expr, source, grid, options),
        grid,
      );
    case 'binary': {
      const left = evaluate(plan.left, source, grid, options);
      const right = evaluate(plan.right, source, grid, options);
      return binary(plan.op, left, right, grid);
    }
  }
}

function emptyColumn(labels: Record<string, string>, grid: Grid): Column {
  return { labels, values: new Float64Array(grid.count), present: new Uint8Array(grid.count) };
}

function constantColumn(value: number, grid: Grid): Column {
  const column = emptyColumn({}, grid);
  column.values.fill(value);
  column.present.fill(1);
  return column;
}

function slot(t: number, grid: Grid): number {
  const index = Math.floor((t - grid.start) / MINUTE_MS);
  return index >= 0 && index < grid.count ? index : -1;
}

function selectSorted(
  selector: SeriesSelector,
  source: MinuteSeriesSource,
  fromMs: number,
  grid: Grid,
) {
  const toMs = grid.start + grid.count * MINUTE_MS;
  return source
    .select(selector.metric, selector.matchers, fromMs, toMs)
    .filter((series) => labelsMatch(series.labels, selector.matchers))
    .map((series) => ({
      labels: { ...series.labels },
      points: [...series.points].sort((a, b) => a.t - b.t),
    }));
}

function gauge(selector: SeriesSelector, source: MinuteSeriesSource, grid: Grid): Column[] {
  return selectSorted(selector, source, grid.start, grid).map((series) => {
    const column = emptyColumn(series.labels, grid);
    for (const point of series.points) {
      const index = slot(point.t, grid);
      if (index < 0) continue;
      column.values[index] = point.last;
      column.present[index] = 1;
    }
    return column;
  });
}

function counter(
  selector: SeriesSelector,
  source: MinuteSeriesSource,
  grid: Grid,
  perSecond: boolean,
): Column[] {
  // Read one staleness span earlier so the first minute of the range has a baseline.
  return selectSorted(selector, source, grid.start - STALENESS_MS, grid).map((series) => {
    const column = emptyColumn(series.labels, grid);
    let previous: { t: number; last: number } | undefined;
    for (const point of series.points) {
      const isContinuation =
        previous !== undefined && point.t > previous.t && point.t - previous.t <= STALENESS_MS;
      const index = slot(point.t, grid);
      if (previous && isContinuation && index >= 0) {
        // A drop means the process restarted and the counter began again at zero.
        const increase = point.last >= previous.last ? point.last - previous.last : point.last;
        column.values[index] =
          (column.present[index] === 1 ? (column.values[index] ?? 0) : 0) +
          (perSecond ? increase / 60 : increase);
        column.present[index] = 1;
      }
      previous = point;
    }
    return column;
  });
}

function signature(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((name) => [name, labels[name]]),
  );
}

function sum(mode: 'by' | 'without', names: string[], input: Value, grid: Grid): Value {
  if (input.kind === 'scalar')
    return { kind: 'vector', columns: [constantColumn(input.value, grid)] };
  const groups = new Map<string, Column>();
  for (const column of input.columns) {
    const labels: Record<string, string> = {};
    for (const [name, value] of Object.entries(column.labels)) {
      if ((mode === 'by') === names.includes(name)) labels[name] = value;
    }
    const key = signature(labels);
    const group = groups.get(key) ?? emptyColumn(labels, grid);
    groups.set(key, group);
    for (let i = 0; i < grid.count; i++) {
      if (column.present[i] !== 1) continue;
      group.values[i] =
        (group.present[i] === 1 ? (group.values[i] ?? 0) : 0) + (column.values[i] ?? 0);
      group.present[i] = 1;
    }
  }
  return { kind: 'vector', columns: [...groups.values()] };
}

function binary(
  op: Parameters<typeof arithmetic>[0],
  left: Value,
  right: Value,
  grid: Grid,
): Value {
  if (left.kind === 'scalar' && right.kind === 'scalar')
    return { kind: 'scalar', value: arithmetic(op, left.value, right.value) };
  if (left.kind === 'scalar' || right.kind === 'scalar') {
    const vector = left.kind === 'vector' ? left : (right as Extract<Value, { kind: 'vector' }>);
    const scalar =
      left.kind === 'scalar' ? left.value : (right as Extract<Value, { kind: 'scalar' }>).value;
    const columns = vector.columns.map((column) => {
      const out = emptyColumn(column.labels, grid);
      for (let i = 0; i < grid.count; i++) {
        if (column.present[i] !== 1) continue;
        const v = column.values[i] ?? 0;
        out.values[i] =
          left.kind === 'scalar' ? arithmetic(op, scalar, v) : arithmetic(op, v, scalar);
        out.present[i] = 1;
      }
      return out;
    });
    return { kind: 'vector', columns };
  }
  // One-to-one matching on the full label set, as PromQL does without on()/ignoring().
  const rightBySignature = new Map(
    right.columns.map((column) => [signature(column.labels), column]),
  );
  const columns: Column[] = [];
  for (const column of left.columns) {
    const match = rightBySignature.get(signature(column.labels));
    if (!match) continue;
    const out = emptyColumn(column.labels, grid);
    for (let i = 0; i < grid.count; i++) {
      if (column.present[i] !== 1 || match.present[i] !== 1) continue;
      out.values[i] = arithmetic(op, column.values[i] ?? 0, match.values[i] ?? 0);
      out.present[i] = 1;
    }
    columns.push(out);
  }
  return { kind: 'vector', columns };
}

function pointsOf(column: Column, grid: Grid): ValuePoint[] {
  const points: ValuePoint[] = [];
  for (let i = 0; i < grid.count; i++) {
    if (column.present[i] === 1)
      points.push({ t: grid.start + i * MINUTE_MS, value: column.values[i] ?? 0 });
  }
  return points;
}
