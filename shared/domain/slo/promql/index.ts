// The PromQL subset Mirqab evaluates over the agents' samples (for SLOs imported from Sloth, Pyrra, OpenSLO).
export type {
  ArithmeticOp,
  EvaluateOptions,
  Grouping,
  LabelMatcher,
  MatchOp,
  MinutePoint,
  MinuteSeriesSource,
  PromQlError,
  PromQlErrorCode,
  PromQlPlan,
  PromQlResult,
  SeriesSelector,
  SourceSeries,
  ValuePoint,
  ValueSeries,
} from './types.ts';
export { parsePromQl, validatePromQl } from './compile.ts';
export {
  evaluatePromQl,
  evaluateScalarSeries,
  formatLabels,
  labelsMatch,
  returnsOneSeries,
  STALENESS_MS,
} from './evaluate.ts';
export {
  splitRatioQuery,
  wrapCountersInIncrease,
  latencyBucketSeconds,
  WRAPPED_COUNTER_RANGE,
} from './rewrite.ts';
export { TEMPLATE_WINDOW } from './literals.ts';
