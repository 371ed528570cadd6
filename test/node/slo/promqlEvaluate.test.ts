// Evaluating the PromQL subset over 1-minute rollups, with answers worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  evaluatePromQl,
  evaluateScalarSeries,
  labelsMatch,
  parsePromQl,
  returnsOneSeries,
  type LabelMatcher,
  type MinuteSeriesSource,
  type PromQlPlan,
  type SourceSeries,
} from '../../../shared/domain/slo/promql/index.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 1, 0, 0);
const at = (minute: number) => T0 + minute * MINUTE;

interface StoredSeries {
  metric: string;
  labels: Record<string, string>;
  /** last value per minute index (relative to T0); undefined = no sample that minute. */
  values: (number | undefined)[];
  firstMinute?: number;
}

/** The console's rollup store in miniature: filters by name, matchers and time like the real one. */
class MemorySource implements MinuteSeriesSource {
  readonly calls: { metric: string; fromMs: number; toMs: number }[] = [];
  constructor(private readonly series: StoredSeries[]) {}

  select(metric: string, matchers: LabelMatcher[], fromMs: number, toMs: number): SourceSeries[] {
    this.calls.push({ metric, fromMs, toMs });
    return this.series
      .filter((s) => s.metric === metric && labelsMatch(s.labels, matchers))
      .map((s) => ({
        labels: s.labels,
        points: s.values.flatMap((last, i) => {
          const t = at((s.firstMinute ?? 0) + i);
          return last === undefined || t < fromMs || t >= toMs ? [] : [{ t, last }];
        }),
      }));
  }
}

function plan(query: string): PromQlPlan {
  const result = parsePromQl(query);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const values = (points: { t: number; value: number }[]) =>
  points.map((p) => [(p.t - T0) / MINUTE, p.value]);

describe('counters become per-minute increases', () => {
  it('an inference server that restarts mid-hour does not lose or invent requests', () => {
    // Minute 0 is the baseline; the process restarts before minute 3 and counts again from zero.
    const source = new MemorySource([
      { metric: 'requests_total', labels: { job: 'vllm' }, values: [100, 110, 130, 5, 15] },
    ]);
    const series = evaluatePromQl(plan('increase(requests_total[5m])'), source, at(1), at(5));
    expect(series).toHaveLength(1);
    expect(series[0]?.labels).toEqual({ job: 'vllm' });
    expect(values(series[0]?.points ?? [])).toEqual([
      [1, 10],
      [2, 20],
      [3, 5],
      [4, 10],
    ]);
  });

  it('reads the minutes before the range so its first minute has a baseline', () => {
    const source = new MemorySource([
      { metric: 'requests_total', labels: {}, values: [100, 110, 130] },
    ]);
    const series = evaluatePromQl(plan('sum(increase(requests_total[1h]))'), source, at(2), at(3));
    expect(values(series[0]?.points ?? [])).toEqual([[2, 20]]);
    expect(source.calls[0]?.fromMs).toBe(at(2) - 5 * MINUTE);
  });

  it('rate() is the increase per second of each minute, or the increase itself when the evaluator counts events', () => {
    const source = new MemorySource([
      { metric: 'requests_total', labels: {}, values: [0, 60, 180] },
    ]);
    expect(
      values(
        evaluatePromQl(plan('rate(requests_total[5m])'), source, at(1), at(3))[0]?.points ?? [],
      ),
    ).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(
      values(
        evaluatePromQl(plan('rate(requests_total[5m])'), source, at(1), at(3), {
          ratesAsIncreases: true,
        })[0]?.points ?? [],
      ),
    ).toEqual([
      [1, 60],
      [2, 120],
    ]);
  });

  it('a counter silent for more than five minutes starts from a new baseline (the gap is not counted)', () => {
    const source = new MemorySource([
      {
        metric: 'requests_total',
        labels: {},
        values: [
          10,
          20,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          500,
          510,
        ],
      },
    ]);
    expect(
      values(
        evaluatePromQl(plan('increase(requests_total[5m])'), source, at(0), at(10))[0]?.points ??
          [],
      ),
    ).toEqual([
      [1, 10],
      [9, 10],
    ]);
  });

  it('a short gap is counted in the minute the counter is seen again', () => {
    const source = new MemorySource([
      { metric: 'requests_total', labels: {}, values: [10, undefined, undefined, 40] },
    ]);
    expect(
      values(
        evaluatePromQl(plan('increase(requests_total[5m])'), source, at(0), at(4))[0]?.points ?? [],
      ),
    ).toEqual([[3, 30]]);
  });
});

describe('aggregation and arithmetic', () => {
  const traffic = new MemorySource([
    { metric: 'http_requests_total', labels: { job: 'api', code: '200' }, values: [0, 90, 180] },
    { metric: 'http_requests_total', labels: { job: 'api', code: '500' }, values: [0, 10, 30] },
    { metric: 'http_requests_total', labels: { job: 'web', code: '200' }, values: [0, 50, 100] },
    {
      metric: 'http_requests_total',
      labels: { job: 'web', code: '1500' },
      values: [0, 1000, 2000],
    },
  ]);

  it('sum by (code) adds the jobs together per status code', () => {
    const series = evaluatePromQl(
      plan('sum by (code) (increase(http_requests_total[5m]))'),
      traffic,
      at(1),
      at(3),
    );
    expect(series.map((s) => [s.labels, values(s.points)])).toEqual([
      [
        { code: '1500' },
        [
          [1, 1000],
          [2, 1000],
        ],
      ],
      [
        { code: '200' },
        [
          [1, 140],
          [2, 140],
        ],
      ],
      [
        { code: '500' },
        [
          [1, 10],
          [2, 20],
        ],
      ],
    ]);
  });

  it('sum without (code) keeps every other label', () => {
    const series = evaluatePromQl(
      plan('sum without (code) (increase(http_requests_total[5m]))'),
      traffic,
      at(1),
      at(2),
    );
    expect(series.map((s) => [s.labels, values(s.points)])).toEqual([
      [{ job: 'api' }, [[1, 100]]],
      [{ job: 'web' }, [[1, 1050]]],
    ]);
  });

  it('a regex matcher is anchored: code=~"5.." matches 500 but not 1500', () => {
    const errors = 'sum(increase(http_requests_total{code=~"5.."}[5m]))';
    const total = 'sum(increase(http_requests_total{code!~"1.*"}[5m]))';
    const ratio = evaluateScalarSeries(plan(`${errors} / ${total}`), traffic, at(1), at(3));
    expect(ratio.ok && values(ratio.value)).toEqual([
      [1, 10 / 150],
      [2, 20 / 160],
    ]);
  });

  it('1 - (errors / total) is the success ratio', () => {
    const result = evaluateScalarSeries(
      plan(
        '1 - (sum(increase(http_requests_total{code="500"}[5m])) / sum(increase(http_requests_total{job="api"}[5m])))',
      ),
      traffic,
      at(1),
      at(3),
    );
    expect(result.ok && values(result.value)).toEqual([
      [1, 0.9],
      [2, 1 - 20 / 110],
    ]);
  });

  it('per-group ratios match both sides on their labels and drop groups missing on one side', () => {
    const series = evaluatePromQl(
      plan(
        'sum by (job) (increase(http_requests_total{code="500"}[5m])) / sum by (job) (increase(http_requests_total[5m]))',
      ),
      traffic,
      at(1),
      at(2),
    );
    expect(series.map((s) => [s.labels, values(s.points)])).toEqual([[{ job: 'api' }, [[1, 0.1]]]]);
  });

  it('a latency SLI reads one histogram bucket through its le matcher', () => {
    const buckets = new MemorySource([
      { metric: 'latency_seconds_bucket', labels: { le: '0.1' }, values: [0, 70] },
      { metric: 'latency_seconds_bucket', labels: { le: '0.5' }, values: [0, 95] },
      { metric: 'latency_seconds_bucket', labels: { le: '+Inf' }, values: [0, 100] },
      { metric: 'latency_seconds_count', labels: {}, values: [0, 100] },
    ]);
    const good = evaluateScalarSeries(
      plan('sum(increase(latency_seconds_bucket{le="0.5"}[5m]))'),
      buckets,
      at(1),
      at(2),
    );
    const total = evaluateScalarSeries(
      plan('sum(increase(latency_seconds_count[5m]))'),
      buckets,
      at(1),
      at(2),
    );
    expect(good.ok && values(good.value)).toEqual([[1, 95]]);
    expect(total.ok && values(total.value)).toEqual([[1, 100]]);
  });

  it('a gauge is read as the last value of each minute', () => {
    const gpu = new MemorySource([
      { metric: 'gpu_utilization', labels: { gpu: '0' }, values: [40, 55, undefined, 90] },
    ]);
    const result = evaluateScalarSeries(plan('sum(gpu_utilization)'), gpu, at(0), at(4));
    expect(result.ok && values(result.value)).toEqual([
      [0, 40],
      [1, 55],
      [3, 90],
    ]);
  });

  it('a number alone is the same value every minute', () => {
    const result = evaluateScalarSeries(plan('2 * 3 - 1'), new MemorySource([]), at(0), at(3));
    expect(result.ok && values(result.value)).toEqual([
      [0, 5],
      [1, 5],
      [2, 5],
    ]);
  });
});

describe('an SLO query must give one series', () => {
  const traffic = new MemorySource([
    { metric: 'http_requests_total', labels: { code: '200' }, values: [0, 1] },
    { metric: 'http_requests_total', labels: { code: '500' }, values: [0, 1] },
  ]);

  it('a query without sum that finds several series is refused, naming them and the fix', () => {
    const result = evaluateScalarSeries(
      plan('increase(http_requests_total[5m])'),
      traffic,
      at(1),
      at(2),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('several_series');
    expect(result.error.message).toBe(
      'PromQL: the query returns 2 series ({code="200"}, {code="500"}) but an SLO reads one; wrap it in sum(…)',
    );
  });

  it('no data is an empty series, not an error', () => {
    expect(
      evaluateScalarSeries(plan('sum(increase(missing_total[5m]))'), traffic, at(0), at(5)),
    ).toEqual({ ok: true, value: [] });
  });

  it('tells which plans can only give one series', () => {
    expect(returnsOneSeries(plan('sum(rate(x[5m])) / sum(rate(y[5m]))'))).toBe(true);
    expect(returnsOneSeries(plan('1 - sum(x)'))).toBe(true);
    expect(returnsOneSeries(plan('sum by (code) (x)'))).toBe(false);
    expect(returnsOneSeries(plan('sum without (code) (x)'))).toBe(false);
    expect(returnsOneSeries(plan('rate(x[5m])'))).toBe(false);
  });
});

describe('label matchers behave as in Prometheus', () => {
  it('a missing label reads as empty', () => {
    expect(labelsMatch({}, [{ name: 'code', op: '!~', value: '5..' }])).toBe(true);
    expect(labelsMatch({}, [{ name: 'code', op: '=', value: '' }])).toBe(true);
    expect(labelsMatch({ code: '503' }, [{ name: 'code', op: '!~', value: '5..' }])).toBe(false);
  });

  it('RE2 spellings Sloth and Pyrra users write work: alternation, (?i), (?P<name>…)', () => {
    expect(
      labelsMatch({ handler: 'query_range' }, [
        { name: 'handler', op: '=~', value: 'query|query_range' },
      ]),
    ).toBe(true);
    expect(labelsMatch({ code: '429' }, [{ name: 'code', op: '=~', value: '(5..|429)' }])).toBe(
      true,
    );
    expect(labelsMatch({ method: 'GET' }, [{ name: 'method', op: '=~', value: '(?i)get' }])).toBe(
      true,
    );
    expect(labelsMatch({ v: 'ab' }, [{ name: 'v', op: '=~', value: '(?P<x>a)b' }])).toBe(true);
    expect(labelsMatch({ path: 'a\nb' }, [{ name: 'path', op: '=~', value: 'a.b' }])).toBe(true);
  });
});
