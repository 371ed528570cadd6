// The PromQL subset: what SLO files from Sloth, Pyrra and OpenSLO need compiles; the rest is refused by
// name, with the part of the query it is about.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  parsePromQl,
  splitRatioQuery,
  validatePromQl,
  wrapCountersInIncrease,
  type PromQlError,
} from '../../../shared/domain/slo/promql/index.ts';
import { listFixtures, readFixture } from '../../helpers/fixtures.ts';

function refusal(query: string): PromQlError {
  const result = parsePromQl(query);
  if (result.ok) throw new Error(`expected ${query} to be refused`);
  return result.error;
}

/** Every string value under one of `keys`, anywhere in a fixture's YAML documents. */
function valuesUnder(file: string, keys: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (keys.includes(key) && typeof inner === 'string') found.push(inner);
        else visit(inner);
      }
    }
  };
  for (const doc of parseAllDocuments(readFixture('slo', file), { logLevel: 'silent' }))
    visit(doc.toJS());
  return found;
}

const inputs = listFixtures('slo').filter(
  (f) => !f.endsWith('.source.txt') && !f.includes('expected') && !f.endsWith('.tpl'),
);

describe('queries in the SLO files teams already keep', () => {
  const queries = inputs.flatMap((file) =>
    valuesUnder(file, ['error_query', 'total_query', 'error_ratio_query', 'query', 'metric']).map(
      (query) => ({ file, query }),
    ),
  );

  it('finds the queries of the Sloth, Pyrra and OpenSLO fixtures', () => {
    expect(new Set(queries.map((q) => q.file.split('_')[0]))).toEqual(
      new Set(['openslo', 'pyrra', 'sloth']),
    );
    expect(queries.length).toBeGreaterThanOrEqual(15);
  });

  it.each(queries)('$file: $query compiles', ({ query }) => {
    expect(parsePromQl(query)).toMatchObject({ ok: true });
  });

  it("Sloth's {{.window}} is accepted as the range", () => {
    const result = parsePromQl(
      'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'sum',
        grouping: { mode: 'by', labels: [] },
        expr: {
          kind: 'counter',
          fn: 'rate',
          rangeMs: 300_000,
          selector: {
            metric: 'http_request_duration_seconds_count',
            matchers: [
              { name: 'job', op: '=', value: 'myservice' },
              { name: 'code', op: '=~', value: '(5..|429)' },
            ],
          },
        },
      },
    });
  });

  it('every expression Sloth generated either compiles or is refused as unsupported, never as a syntax error', () => {
    const exprs = [
      'sloth_getting-started.expected.yml',
      'sloth_openslo-getting-started.expected.yml',
    ].flatMap((file) => valuesUnder(file, ['expr']));
    expect(exprs.length).toBeGreaterThan(20);
    const verdicts = exprs.map((expr) => parsePromQl(expr));
    expect(verdicts.filter((v) => !v.ok && v.error.code !== 'unsupported')).toEqual([]);
    expect(verdicts.filter((v) => v.ok).length).toBeGreaterThanOrEqual(14);
    const refused = new Set(
      verdicts.flatMap((v) => (v.ok ? [] : [v.error.message.replace(/ \(in .*$/s, '')])),
    );
    expect([...refused].sort()).toEqual(
      expect.arrayContaining([
        'PromQL: the set operator "or" is not supported',
        'PromQL: vector() is not supported',
        'PromQL: vector matching "ignoring (sloth_window)" is not supported',
        'PromQL: vector matching "on(sloth_id, sloth_slo, sloth_service) group_left" is not supported',
      ]),
    );
  });
});

describe('what the subset covers', () => {
  it('sum by, sum without, both spellings of where the grouping goes', () => {
    for (const query of ['sum by (code) (rate(x[5m]))', 'sum(rate(x[5m])) by (code)']) {
      expect(parsePromQl(query)).toMatchObject({
        ok: true,
        value: { kind: 'sum', grouping: { mode: 'by', labels: ['code'] } },
      });
    }
    expect(parsePromQl('sum without (instance) (x)')).toMatchObject({
      ok: true,
      value: { grouping: { mode: 'without', labels: ['instance'] } },
    });
  });

  it('arithmetic between sums and numbers, with parentheses and a leading minus', () => {
    expect(parsePromQl('1 - (sum(increase(a[1h])) / sum(increase(b[1h])))')).toMatchObject({
      ok: true,
      value: { kind: 'binary', op: '-', left: { kind: 'number', value: 1 } },
    });
    expect(parsePromQl('-x')).toMatchObject({
      ok: true,
      value: { kind: 'binary', op: '*', left: { value: -1 } },
    });
    expect(parsePromQl('2 * 3 + 1')).toEqual({ ok: true, value: { kind: 'number', value: 7 } });
  });

  it('the metric name may be written as __name__ or quoted (UTF-8 names)', () => {
    expect(parsePromQl('{__name__="up", job="api"}')).toMatchObject({
      ok: true,
      value: { selector: { metric: 'up', matchers: [{ name: 'job' }] } },
    });
    expect(parsePromQl('{"http.requests", "status.code"="500"}')).toMatchObject({
      ok: true,
      value: {
        selector: { metric: 'http.requests', matchers: [{ name: 'status.code', value: '500' }] },
      },
    });
  });

  it('all four matchers and Go string escapes are read', () => {
    const result = parsePromQl('x{a="q\\"t", b!="", c=~`\\d+`, d!~\'5..\'}');
    expect(result).toMatchObject({
      ok: true,
      value: {
        selector: {
          matchers: [
            { name: 'a', op: '=', value: 'q"t' },
            { name: 'b', op: '!=', value: '' },
            { name: 'c', op: '=~', value: '\\d+' },
            { name: 'd', op: '!~', value: '5..' },
          ],
        },
      },
    });
  });
});

describe('what it refuses, by name', () => {
  it.each([
    [
      'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
      'PromQL: histogram_quantile() is not supported (in "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))"); only rate() and increase() are',
    ],
    [
      'avg(rate(x[5m]))',
      'PromQL: avg() is not supported (in "avg(rate(x[5m]))"); only sum, sum by and sum without are',
    ],
    [
      'topk(3, sum by (pod) (rate(x[5m])))',
      'PromQL: topk() is not supported (in "topk(3, sum by (pod) (rate(x[5m])))"); only sum, sum by and sum without are',
    ],
    [
      'sum(rate(x[5m] offset 1h))',
      'PromQL: the offset modifier is not supported (in "x[5m] offset 1h")',
    ],
    ['sum(x offset 1d)', 'PromQL: the offset modifier is not supported (in "x offset 1d")'],
    [
      'sum(rate(x[5m] @ 1700000000))',
      'PromQL: the @ modifier is not supported (in "x[5m] @ 1700000000")',
    ],
    [
      'max_over_time(rate(x[5m])[1h:1m])',
      'PromQL: max_over_time() is not supported (in "max_over_time(rate(x[5m])[1h:1m])"); only rate() and increase() are',
    ],
    ['rate(x[1h:5m])', 'PromQL: a subquery is not supported (in "x[1h:5m]")'],
    [
      'irate(x[5m])',
      'PromQL: irate() is not supported (in "irate(x[5m])"); only rate() and increase() are',
    ],
    [
      'sum(x) > 10',
      'PromQL: the comparison ">" is not supported (in "sum(x) > 10"); only + - * / are',
    ],
    ['x and y', 'PromQL: the set operator "and" is not supported (in "x and y"); only + - * / are'],
    ['x % 2', 'PromQL: the operator "%" is not supported (in "x % 2"); only + - * / are'],
    [
      'x / on(job) y',
      'PromQL: vector matching "on(job)" is not supported (in "x / on(job) y"); both sides are matched on all their labels',
    ],
    ['x / bool y', 'PromQL: the bool modifier is not supported (in "x / bool y")'],
    [
      'x[5m]',
      'PromQL: a range selector outside rate() or increase() is not supported (in "x[5m]")',
    ],
    [
      '{__name__=~"http_.*"}',
      'PromQL: matching the metric name with =~ is not supported (in "__name__=~"http_.*""); name one metric',
    ],
    ['{job="api"}', 'PromQL: a selector without a metric name is not supported (in "{job="api"}")'],
    ['"text"', 'PromQL: a string literal is not supported (in ""text"")'],
    [
      'rate(x[5m+1m])',
      'PromQL: a computed range is not supported (in "5m+1m"); write a plain duration such as 5m',
    ],
  ])('%s', (query, message) => {
    const error = refusal(query);
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe(message);
  });

  it('the refused part is located in the query as written, for the editor to underline', () => {
    const query = 'sum(rate(x[{{.window}}] offset 1h))';
    const error = refusal(query);
    expect(query.slice(error.from, error.to)).toBe('x[{{.window}}] offset 1h');
    expect(error.message).toBe(
      'PromQL: the offset modifier is not supported (in "x[{{.window}}] offset 1h")',
    );
  });
});

describe('syntax errors say where', () => {
  it.each([
    ['sum(rate(x[5m])', 'PromQL: syntax error at column 16: the query ends too early'],
    ['x{job="a"', 'PromQL: syntax error at column 10: the query ends too early'],
    ['rate(x)', 'PromQL: rate() needs a range selector, such as rate(x[5m]) (in "rate(x)")'],
    [
      'rate(x[5m], 2)',
      'PromQL: rate() takes one range selector, such as rate(x[5m]) (in "rate(x[5m], 2)")',
    ],
    ['sum(x, y)', 'PromQL: sum() takes one expression (in "sum(x, y)")'],
    ['', 'PromQL: the query is empty'],
    [
      'x{a=~"a(?i)b"}',
      'PromQL: the regular expression "a(?i)b" cannot be used: inline flags other than a leading (?i) or (?s) (in "a=~"a(?i)b"")',
    ],
  ])('%j', (query, message) => {
    const error = refusal(query);
    expect(error.code).toBe('syntax');
    expect(error.message).toBe(message);
  });

  it('an unknown function is named', () => {
    expect(refusal('foo(x)').message).toMatch(/^PromQL: "foo" is not a PromQL function/);
  });

  it('positions count lines in a multi-line query and refer to the text as written', () => {
    const query = 'sum(rate(a[{{.window}}]))\n/\nsum(rate(b[{{.window}}])) +';
    const error = refusal(query);
    expect(error.message).toBe(
      'PromQL: syntax error at line 3, column 28: the query ends too early',
    );
    expect(error.from).toBe(query.length);
  });

  it('validation as the operator types returns ok or the error', () => {
    expect(validatePromQl('sum(rate(x[5m]))')).toEqual({ ok: true });
    expect(validatePromQl('sum(rate(x[5m])')).toMatchObject({
      ok: false,
      error: { code: 'syntax' },
    });
  });
});

describe('rewrites the importers use', () => {
  it('splits a raw error ratio into its two sides as written', () => {
    expect(
      splitRatioQuery('sum(rate(errors[{{.window}}]))\n/\nsum(rate(total[{{.window}}]))\n'),
    ).toEqual({
      numerator: 'sum(rate(errors[{{.window}}]))',
      denominator: 'sum(rate(total[{{.window}}]))',
    });
    expect(splitRatioQuery('(a / b)')).toEqual({ numerator: 'a', denominator: 'b' });
    expect(splitRatioQuery('1 - a / b')).toBeUndefined();
    expect(splitRatioQuery('avg(a) / b')).toBeUndefined();
  });

  it('reads plain counters as increases, leaving rate() and increase() alone', () => {
    expect(
      wrapCountersInIncrease('sum(http_requests{code=~"2xx|3xx"}) + sum(rate(y[{{.window}}]))'),
    ).toEqual({
      ok: true,
      value: 'sum(increase(http_requests{code=~"2xx|3xx"}[5m])) + sum(rate(y[{{.window}}]))',
    });
  });
});
