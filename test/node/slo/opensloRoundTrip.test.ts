// Exported OpenSLO imports back to the very same SLOs: for generated specs of every shape Mirqab supports,
// and for every SLO the fixtures import.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importSloSpecs } from '../../../shared/domain/slo/import.ts';
import { exportOpenSlo } from '../../../shared/domain/slo/openslo.ts';
import { SloSpecSchema, type SloSpec, type SloSpecInput } from '../../../shared/domain/slo/spec.ts';
import { listFixtures, readFixture } from '../../helpers/fixtures.ts';

const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength }).map((s) => s.trim());
const nonEmpty = (maxLength: number) => text(maxLength).filter((s) => s !== '');
const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/);
const ratio = fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true });
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

/** Queries of the kinds teams write, including YAML-hostile characters (quotes, #, newlines, braces). */
const query = fc.constantFrom(
  'sum(rate(http_requests_total{code=~"5.."}[5m]))',
  'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
  'sum(increase(latency_seconds_bucket{le="0.25"}[5m]))',
  "sum(increase(x{path='/a: b #c'}[1h])) # trailing comment",
  'sum(rate(a[5m]))\n/\nsum(rate(b[5m]))',
  '1 - (sum(increase(errors_total[5m])) / sum(increase(requests_total[5m])))',
  'sum({"weird.metric", "quoted"="\\"yes\\""})',
  'sum(gpu_utilization{gpu="0"}) * 100',
);
const source = fc.oneof(
  fc.constant({ kind: 'canonical' as const }),
  fc.record({ kind: fc.constant('promql' as const), good: query, total: query }),
  fc.record({ kind: fc.constant('promql' as const), bad: query, total: query }),
);
const indicator = fc.oneof(
  fc.record({ type: fc.constant('availability' as const), source }),
  fc.record({
    type: fc.constant('latency' as const),
    thresholdSeconds: fc.double({ min: 1e-6, max: 3600, noNaN: true }),
    source,
  }),
  fc.record({
    type: fc.constant('throughput' as const),
    signal: fc.constantFrom('requests_per_second' as const, 'tokens_per_second' as const),
    floor: fc.double({ min: 0, max: 1e9, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('quality' as const),
    signal: fc.constantFrom('accuracy' as const, 'drift' as const, 'freshness' as const),
    threshold: fc.double({ min: 0, max: 1e6, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('gpu_saturation' as const),
    signal: fc.constantFrom('utilization' as const, 'memory' as const),
    ceilingPercent: fc.double({ min: 1e-3, max: 100, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('threshold' as const),
    query,
    op: fc.constantFrom('lt' as const, 'lte' as const, 'gt' as const, 'gte' as const),
    value: finite,
  }),
);
const alertWindow = fc
  .record(
    {
      severity: fc.constantFrom('page' as const, 'ticket' as const),
      longMinutes: fc.integer({ min: 2, max: 60 * 24 * 31 }),
      shortFraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      budgetFraction: fc.double({ min: 1e-9, max: 1, noNaN: true }),
      threshold: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
    },
    { requiredKeys: ['severity', 'longMinutes', 'shortFraction', 'budgetFraction'] },
  )
  .map(({ shortFraction, ...w }) => ({
    ...w,
    shortMinutes: Math.max(
      1,
      Math.min(w.longMinutes - 1, Math.floor(shortFraction * w.longMinutes)),
    ),
  }));

const candidate = fc.record(
  {
    name,
    displayName: text(40),
    description: text(80),
    service: fc.record({
      model: nonEmpty(30),
      versions: fc.array(nonEmpty(12), { maxLength: 3 }),
      site: text(20),
    }),
    indicator,
    window: fc.oneof(
      fc.record({
        type: fc.constant('rolling' as const),
        days: fc.constantFrom(7 as const, 14 as const, 28 as const, 30 as const),
      }),
      fc.record({
        type: fc.constant('calendar' as const),
        unit: fc.constantFrom('month' as const, 'quarter' as const),
      }),
    ),
    budgetingMethod: fc.constantFrom(
      'Occurrences' as const,
      'Timeslices' as const,
      'RatioTimeslices' as const,
    ),
    objective: ratio,
    timeSliceMinutes: fc.integer({ min: 1, max: 60 }),
    timeSliceTarget: ratio,
    alerting: fc.record(
      {
        windows: fc.array(alertWindow, { maxLength: 4 }),
        minEvents: fc.nat(10_000),
        isEnabled: fc.boolean(),
      },
      { requiredKeys: ['minEvents', 'isEnabled'] },
    ),
    labels: fc.dictionary(
      nonEmpty(20).filter((key) => key !== '__proto__'),
      text(40),
      { maxKeys: 3 },
    ),
  },
  {
    requiredKeys: [
      'name',
      'service',
      'indicator',
      'window',
      'budgetingMethod',
      'objective',
      'alerting',
    ],
  },
);

/** A valid spec as stored: the schema's own output, defaults applied (non-event indicators use slices). */
const spec: fc.Arbitrary<SloSpec> = candidate
  .map((c): SloSpecInput =>
    ['availability', 'latency'].includes(c.indicator.type)
      ? c
      : { ...c, budgetingMethod: 'Timeslices' },
  )
  .map((c) => SloSpecSchema.safeParse(c))
  .filter((result) => result.success)
  .map((result) => result.data);

describe('OpenSLO export then import gives back the same SLOs', () => {
  it('for generated SLOs of every indicator, window, budgeting method and alert setting', () => {
    fc.assert(
      fc.property(fc.uniqueArray(spec, { selector: (s) => s.name, maxLength: 4 }), (specs) => {
        const back = importSloSpecs(exportOpenSlo(specs));
        expect(back.problems).toEqual([]);
        expect(back.warnings).toEqual([]);
        expect(back.specs).toStrictEqual(specs);
      }),
      { numRuns: 300 },
    );
  });

  const importing = listFixtures('slo')
    .filter((file) => !file.endsWith('.source.txt'))
    .map((file) => ({ file, specs: importSloSpecs(readFixture('slo', file)).specs }))
    .filter(({ specs }) => specs.length > 0);

  it('covers the fixtures that hold SLOs', () => {
    expect(importing.map(({ file }) => file)).toEqual([
      'openslo_occurences-slo.yaml',
      'openslo_ratio-timeslices.yaml',
      'openslo_timeslices-slo.yaml',
      'pyrra_caddy-response-latency.yaml',
      'pyrra_prometheus-http.yaml',
      'pyrra_thanos-http.yaml',
      'sloth_getting-started.in.yml',
      'sloth_it_in-base.yaml',
      'sloth_openslo-getting-started.in.yml',
    ]);
  });

  it.each(importing)('for the SLOs of $file', ({ specs }) => {
    const back = importSloSpecs(exportOpenSlo(specs));
    expect(back.problems).toEqual([]);
    expect(back.specs).toStrictEqual(specs);
  });

  it('the export is OpenSLO v1 an operator can read: one SLO document each, indicator and policies inline', () => {
    const [sloth] = importSloSpecs(readFixture('slo', 'sloth_it_in-base.yaml')).specs;
    const withAlerts: SloSpec = {
      ...sloth!,
      alerting: {
        ...sloth!.alerting,
        windows: [{ severity: 'page', longMinutes: 60, shortMinutes: 5, budgetFraction: 0.02 }],
      },
    };
    const yaml = exportOpenSlo([withAlerts]);
    expect(yaml).toContain('apiVersion: openslo/v1\nkind: SLO\n');
    expect(yaml).toContain(
      'query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
    );
    // 2 % of a 30-day budget in one hour is a burn rate of 14.4, the SRE Workbook's page threshold.
    expect(yaml).toContain(
      'condition:\n                kind: burnrate\n                op: gt\n                threshold: 14.4\n                lookbackWindow: 1h\n                alertAfter: 5m',
    );
  });
});
