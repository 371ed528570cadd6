// The scrape parser against real expositions and the official conformance suites.
import { describe, expect, it } from 'vitest';
import {
  parseExposition,
  type MetricFamily,
  type Sample,
} from '../../../shared/domain/metrics/exposition.ts';
import {
  inferenceRunScrapes,
  listFixtures,
  readFixture,
  readFixtureBytes,
} from '../../helpers/fixtures.ts';

const OM = 'expfmt/openmetrics_parsers';
const omCases = listFixtures(OM).filter((d) => !d.includes('.'));

function find(
  families: readonly MetricFamily[],
  name: string,
  labels: Record<string, string> = {},
): Sample | undefined {
  for (const f of families) {
    for (const s of f.samples) {
      if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s;
    }
  }
  return undefined;
}

describe('OpenMetrics conformance suite', () => {
  it('has the 211 cases the fixture describes', () => {
    expect(omCases).toHaveLength(211);
  });

  it.each(omCases)('%s', (name) => {
    const { shouldParse } = JSON.parse(readFixture(OM, name, 'test.json')) as {
      shouldParse: boolean;
    };
    const result = parseExposition(readFixtureBytes(OM, name, 'metrics'), {
      format: 'openmetrics',
    });
    if (shouldParse) {
      expect(result.errors).toEqual([]);
    } else {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const issue of result.errors) {
        expect(issue.line).toBeGreaterThanOrEqual(1);
        expect(issue.message.length).toBeGreaterThan(5);
      }
    }
  });

  it('reads valid cases exactly: escapes, exemplars, timestamps, specials and metadata', () => {
    const parse = (name: string) =>
      parseExposition(readFixture(OM, name, 'metrics'), { format: 'openmetrics' }).families;
    const escaping = parse('escaping');
    expect(escaping[0]).toMatchObject({ name: 'a', type: 'counter', help: 'he\n\\l\\tp' });
    expect(escaping[0]?.samples.map((s) => s.labels.foo)).toEqual([
      'b"a\nr',
      'b\\a\\z',
      'b"a\nr # ',
      'b\\a\\z # ',
    ]);
    expect(parse('counter_exemplars')[0]?.samples[0]).toEqual({
      name: 'a_total',
      labels: {},
      value: 0,
      timestampMs: 123000,
      exemplar: { labels: { a: 'b' }, value: 0.5 },
    });
    const hist = parse('histogram_exemplars')[0];
    expect(hist?.samples[2]?.exemplar).toMatchObject({ value: 4, timestampMs: 123000 });
    const inf = parse('labels_and_infinite')[0]?.samples.map((s) => s.value);
    expect(inf).toEqual([Infinity, -Infinity]);
    expect(Number.isNaN(parse('nan')[0]?.samples[0]?.value)).toBe(true);
    expect(parse('timestamps')[0]?.samples.map((s) => s.timestampMs)).toEqual([
      0,
      0,
      1100,
      Number('12345678901234567890.1234567890') * 1000,
      1500000,
    ]);
    expect(parse('counter_unit')[0]).toMatchObject({
      name: 'cc_seconds',
      unit: 'seconds',
      help: 'A counter',
    });
    expect(parse('leading_zeros_float_gauge')[0]?.samples[0]?.value).toBeCloseTo(0.12);
    expect(parse('uint64_counter')[0]?.samples[0]?.value).toBe(9223372036854775808);
    expect(parse('untyped')[0]).toMatchObject({ name: 'redis_connected_clients', type: 'unknown' });
    expect(parse('simple_stateset')[0]).toMatchObject({
      type: 'stateset',
      samples: [{ value: 0 }, { value: 1 }],
    });
    expect(parse('help_escaping').map((f) => f.help)).toEqual([
      'foo',
      '\\foo',
      '\\foo',
      'foo\\',
      '\\',
      '\n',
      '\\n',
      '\\\n',
      '"',
      '\\"',
    ]);
    expect(parse('null_byte')[0]?.help).toBe('he\0lp');
  });

  it('detects OpenMetrics by its # EOF line and points at the line after it for trailing text', () => {
    const ok = parseExposition('# TYPE a gauge\na 1\n# EOF\n');
    expect(ok.format).toBe('openmetrics');
    const bad = parseExposition('a 1\n# EOF\nb 2\n', { format: 'openmetrics' });
    expect(bad.errors).toEqual([
      { line: 3, message: expect.stringContaining('after "# EOF"') as string },
    ]);
  });
});

describe('Prometheus text format 0.0.4', () => {
  const table = JSON.parse(readFixture('expfmt/prom_textparse_error_cases.json')) as {
    cases: { test: string; go_literal: string; input_hex: string; should_parse: boolean }[];
  };

  it.each(table.cases.map((c) => [c.go_literal, c] as const))('Prometheus case %s', (_, c) => {
    const result = parseExposition(Buffer.from(c.input_hex, 'hex'), { format: 'prometheus' });
    expect(result.errors.length === 0).toBe(c.should_parse);
    for (const issue of result.errors)
      expect(issue).toMatchObject({ line: 1, message: expect.any(String) as string });
  });

  it("accepts every edge case of Prometheus' own parser test", () => {
    const { families, errors } = parseExposition(
      readFixtureBytes('expfmt/prom_textparse_valid_edgecases.txt'),
    );
    expect(errors).toEqual([]);
    expect(find(families, 'go_gc_duration_seconds', { quantile: '0' })?.value).toBe(4.9351e-5);
    expect(find(families, 'go_goroutines')).toEqual({
      name: 'go_goroutines',
      labels: {},
      value: 33,
      timestampMs: 123123,
    });
    expect(find(families, 'go_gc_duration_seconds', { quantile: '2.0' })?.labels).toEqual({
      quantile: '2.0',
      a: 'b',
    });
    expect(find(families, 'some:aggregate:rate5m')?.value).toBe(1);
    expect(find(families, 'testmetric', { label: '"bar"' })).toBeDefined();
    expect(find(families, 'null_byte_metric')?.labels.a).toBe('abc\0');
    expect(families.find((f) => f.name === 'go_gc_duration_seconds')?.type).toBe('summary');
    expect(families.find((f) => f.name === 'metric')?.help).toBe('foo\0bar');
  });

  it("reads a real Prometheus server's /metrics (which ends in # EOF) as text format", () => {
    const { format, families, errors } = parseExposition(
      readFixture('expfmt/prometheus_server_promtestdata.txt'),
    );
    expect(errors).toEqual([]);
    expect(format).toBe('prometheus');
    expect(families.reduce((n, f) => n + f.samples.length, 0)).toBe(410);
    expect(find(families, 'go_memstats_alloc_bytes_total')?.value).toBe(8.3062296e8);
  });

  it('skips a bad line with its number and keeps the good ones', () => {
    const { families, errors } = parseExposition('a 1\nb{x="1" 2\nc 3\n');
    expect(errors).toEqual([{ line: 2, message: expect.any(String) as string }]);
    expect(families.map((f) => f.name)).toEqual(['a', 'c']);
  });
});

describe('real /metrics from inference servers and exporters', () => {
  const expected: Record<string, [name: string, labels: Record<string, string>, value: number][]> =
    {
      'dcgm_exporter_datadog_fixture.txt': [
        ['DCGM_FI_DEV_POWER_USAGE', { gpu: '0', Hostname: '424773df46e0' }, 8.969],
        ['DCGM_FI_DEV_FB_FREE', { UUID: 'GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e' }, 15109],
      ],
      'kserve_modelserver_qpext_test.txt': [
        ['request_predict_seconds_sum', { model_name: 'custom-server-test' }, 6.006712835282087],
      ],
      'node_exporter_darwin_e2e.txt': [
        ['promhttp_metric_handler_requests_total', { code: '200' }, 0],
      ],
      'node_exporter_linux_e2e_excerpt.txt': [['node_boot_time_seconds', {}, 1.418183276e9]],
      'prometheus-python-client.txt': [
        ['inference_requests_total', { status: 'error' }, 14],
        ['inference_request_latency_seconds_bucket', { le: '0.05' }, 786],
      ],
      'tgi_datadog_fixture_excerpt.txt': [
        ['tgi_request_count', {}, 111],
        ['tgi_request_failure', { err: 'validation' }, 2],
      ],
      'triton_datadog_fixture.txt': [
        ['nv_inference_request_success', { model: 'densenet_onnx', version: '1' }, 3],
      ],
      'triton_docs_summary_example.txt': [
        ['nv_inference_queue_summary_us', { quantile: '0.99' }, 101],
      ],
      'vllm_datadog_fixture.txt': [
        ['vllm:generation_tokens_total', { model_name: 'facebook/opt-125m' }, 7],
      ],
    };
  const files = listFixtures('metrics').filter(
    (f) => f.endsWith('.txt') && !f.endsWith('.source.txt'),
  );

  it('covers every exposition fixture', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(files)('%s parses cleanly with the known values', (file) => {
    const { families, errors, format } = parseExposition(readFixtureBytes('metrics', file));
    expect(errors).toEqual([]);
    expect(format).toBe('prometheus');
    for (const [name, labels, value] of expected[file] ?? [])
      expect(find(families, name, labels)?.value).toBe(value);
  });

  it('reads every scrape of the recorded inference run', () => {
    const scrapes = inferenceRunScrapes();
    expect(scrapes).toHaveLength(21);
    for (const { text } of scrapes) expect(parseExposition(text).errors).toEqual([]);
  });
});
