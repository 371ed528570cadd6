// The typed plan a PromQL query compiles to, and what evaluation reads and returns. Plain data only, so a
// plan can be cached, compared in tests and shown in the editor.

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher; regex values are RE2 as written in the query (see labelsMatch for how they run). */
export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

/** A metric name and the matchers on its other labels (the `__name__` matcher is folded into `metric`). */
export interface SeriesSelector {
  metric: string;
  matchers: LabelMatcher[];
}

export type ArithmeticOp = '+' | '-' | '*' | '/';

/** How `sum` keeps labels: `by` keeps only the named ones (plain `sum` is `by` nothing), `without` drops them. */
export interface Grouping {
  mode: 'by' | 'without';
  labels: string[];
}

export type PromQlPlan =
  | { kind: 'number'; value: number }
  /** A selector read as a gauge: the last value of each minute. */
  | { kind: 'gauge'; selector: SeriesSelector }
  /** rate()/increase() of a counter; `rangeMs` is accepted but the SLO windows re-apply their own length. */
  | { kind: 'counter'; fn: 'rate' | 'increase'; rangeMs: number; selector: SeriesSelector }
  | { kind: 'sum'; grouping: Grouping; expr: PromQlPlan }
  | { kind: 'binary'; op: ArithmeticOp; left: PromQlPlan; right: PromQlPlan };

export type PromQlErrorCode = 'syntax' | 'unsupported' | 'several_series';

/** An error an operator can act on; `from`/`to` are offsets in the query as written (for the editor). */
export interface PromQlError {
  code: PromQlErrorCode;
  message: string;
  from: number;
  to: number;
}

export type PromQlResult<T> = { ok: true; value: T } | { ok: false; error: PromQlError };

/** One minute's rollup as the console stores it: the minute's start (UTC ms) and its last sample. */
export interface MinutePoint {
  t: number;
  last: number;
}

export interface SourceSeries {
  /** The series' labels without the metric name. */
  labels: Record<string, string>;
  points: MinutePoint[];
}

/** What the console implements over its 1-minute rollups (tests use an in-memory one). */
export interface MinuteSeriesSource {
  /** Series of `metric` whose labels satisfy `matchers`, with their minutes in [fromMs, toMs). */
  select(metric: string, matchers: LabelMatcher[], fromMs: number, toMs: number): SourceSeries[];
}

export interface ValuePoint {
  t: number;
  value: number;
}

/** A result series: the labels left after aggregation and one value per minute that has data. */
export interface ValueSeries {
  labels: Record<string, string>;
  points: ValuePoint[];
}

export interface EvaluateOptions {
  /**
   * Read rate() as increase(): the SLO evaluator counts events, so the low-traffic guard sees real counts
   * whichever of the two the team's query used.
   */
  ratesAsIncreases?: boolean;
}
