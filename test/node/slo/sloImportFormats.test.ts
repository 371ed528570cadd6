// Importing the SLO files teams keep for Sloth and Pyrra: every fixture, what each becomes, and what
// is refused or left behind (with the field and line).
import { describe, expect, it } from 'vitest';
import { importSloSpecs } from '../../../shared/domain/slo/import.ts';
import { formatImportProblem, type ImportProblem } from '../../../shared/domain/slo/importTypes.ts';
import { listFixtures, readFixture } from '../../helpers/fixtures.ts';

const messages = (problems: ImportProblem[]) => problems.map((p) => formatImportProblem(p));

describe('every SLO fixture', () => {
  const outcome = (file: string): string => {
    const result = importSloSpecs(readFixture('slo', file));
    if (result.specs.length > 0) return result.specs.map((s) => s.name).join(', ');
    return `none: ${(result.problems[0] ?? result.warnings[0])?.message ?? 'no documents'}`;
  };

  it.each([
    ['openslo_occurences-slo.yaml', 'search-slo'],
    ['openslo_ratio-timeslices.yaml', 'main-page'],
    [
      'openslo_readme_alertcondition.yaml',
      'none: no SLO in this file uses this AlertCondition, so nothing of it was imported',
    ],
    [
      'openslo_timeslices-slo.yaml',
      'service-availability-internal-objective, service-availability-sla',
    ],
    ['pyrra_caddy-response-latency.yaml', 'caddy-response-latency'],
    ['pyrra_prometheus-http.yaml', 'prometheus-api-query'],
    ['pyrra_thanos-http.yaml', 'thanos-query'],
    [
      'sloth_getting-started.expected.yml',
      "none: this is a Prometheus rules file (such as Sloth's generated output), not an SLO spec: import the SLO file it was generated from",
    ],
    ['sloth_getting-started.in.yml', 'myservice-requests-availability'],
    ['sloth_it_in-base.yaml', 'svc01-slo1, svc01-slo02'],
    [
      'sloth_it_out-base.yaml.tpl',
      "none: this is a Prometheus rules file (such as Sloth's generated output), not an SLO spec: import the SLO file it was generated from",
    ],
    [
      'sloth_openslo-getting-started.expected.yml',
      "none: this is a Prometheus rules file (such as Sloth's generated output), not an SLO spec: import the SLO file it was generated from",
    ],
    ['sloth_openslo-getting-started.in.yml', 'sloth-slo-my-service'],
    [
      'sloth_windows_7d.yaml',
      'none: Sloth alert-window presets hold no SLO: nothing imported; Mirqab uses the SRE Workbook windows unless an SLO names its own',
    ],
    [
      'sloth_windows_custom-30d.yaml',
      'none: Sloth alert-window presets hold no SLO: nothing imported; Mirqab uses the SRE Workbook windows unless an SLO names its own',
    ],
    [
      'sloth_windows_google-28d.yaml',
      'none: Sloth alert-window presets hold no SLO: nothing imported; Mirqab uses the SRE Workbook windows unless an SLO names its own',
    ],
    [
      'sloth_windows_google-30d.yaml',
      'none: Sloth alert-window presets hold no SLO: nothing imported; Mirqab uses the SRE Workbook windows unless an SLO names its own',
    ],
  ])('%s → %s', (file, expected) => {
    expect(outcome(file)).toBe(expected);
  });

  it('the table above covers every fixture', () => {
    expect(listFixtures('slo').filter((f) => !f.endsWith('.source.txt'))).toHaveLength(17);
  });
});

describe('Sloth', () => {
  it('getting-started: the Sloth service is the model, service and SLO labels merge, alert routing is left behind', () => {
    const result = importSloSpecs(readFixture('slo', 'sloth_getting-started.in.yml'));
    expect(result.problems).toEqual([]);
    expect(result.specs).toEqual([
      {
        name: 'myservice-requests-availability',
        displayName: '',
        description: 'Common SLO based on availability for HTTP request responses.',
        service: { model: 'myservice', versions: [], site: '' },
        indicator: {
          type: 'availability',
          source: {
            kind: 'promql',
            bad: 'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
            total: 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
          },
        },
        window: { type: 'rolling', days: 30 },
        budgetingMethod: 'Occurrences',
        objective: 0.999,
        timeSliceMinutes: 1,
        alerting: { minEvents: 100, isEnabled: true },
        labels: { owner: 'myteam', repo: 'myorg/myservice', tier: '2' },
      },
    ]);
    expect(messages(result.warnings)).toEqual([
      'line 17: slos[0].alerting.name: Prometheus alert routing is not kept: Mirqab routes alerts through its own escalation policies',
      'line 18: slos[0].alerting.labels: Prometheus alert routing is not kept: Mirqab routes alerts through its own escalation policies',
      'line 20: slos[0].alerting.annotations: Prometheus alert routing is not kept: Mirqab routes alerts through its own escalation policies',
      'line 24: slos[0].alerting.page_alert.labels: Prometheus alert routing is not kept: Mirqab routes alerts through its own escalation policies',
      'line 28: slos[0].alerting.ticket_alert.labels: Prometheus alert routing is not kept: Mirqab routes alerts through its own escalation policies',
    ]);
  });

  it('a raw error ratio written as errors / total is split; both alerts disabled switches alerting off', () => {
    const [, slo02] = importSloSpecs(readFixture('slo', 'sloth_it_in-base.yaml')).specs;
    expect(slo02).toMatchObject({
      name: 'svc01-slo02',
      objective: 0.95,
      indicator: {
        type: 'availability',
        source: {
          kind: 'promql',
          bad: 'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
          total: 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
        },
      },
      alerting: { isEnabled: false },
      labels: { global01k1: 'global01v1', global03k1: 'global03v1' },
    });
  });

  const oneSlo = (sli: string, alerting = '') => `version: prometheus/v1
service: llama-chat
slos:
  - name: requests-latency
    objective: 99
    sli:
${sli}
${alerting}`;
  const events = `      events:
        error_query: sum(rate(req_seconds_count[{{.window}}])) - sum(rate(req_seconds_bucket{le="0.4"}[{{.window}}]))
        total_query: sum(rate(req_seconds_count[{{.window}}]))`;

  it('an error query that reads an le bucket is a latency SLO with that threshold', () => {
    expect(importSloSpecs(oneSlo(events)).specs[0]?.indicator).toMatchObject({
      type: 'latency',
      thresholdSeconds: 0.4,
    });
  });

  it("with only the ticket alert disabled, the page windows of Sloth's 30-day defaults remain", () => {
    const spec = importSloSpecs(
      oneSlo(events, '    alerting:\n      ticket_alert:\n        disable: true'),
    ).specs[0];
    expect(spec?.alerting.windows).toEqual([
      { severity: 'page', longMinutes: 60, shortMinutes: 5, budgetFraction: 0.02 },
      { severity: 'page', longMinutes: 360, shortMinutes: 30, budgetFraction: 0.05 },
    ]);
  });

  it('an SLI plugin, a raw ratio of another shape, and an unsupported query are refused by field', () => {
    expect(
      messages(
        importSloSpecs(oneSlo('      plugin:\n        id: sloth-common/availability')).problems,
      ),
    ).toEqual([
      'line 7: slos[0].sli.plugin: Sloth SLI plugins are Go code Mirqab cannot run; write the SLI as events (error_query and total_query)',
    ]);
    expect(
      messages(
        importSloSpecs(
          oneSlo(
            '      raw:\n        error_ratio_query: 1 - sum(rate(ok[{{.window}}])) / sum(rate(all[{{.window}}]))',
          ),
        ).problems,
      ),
    ).toEqual([
      'line 8: slos[0].sli.raw.error_ratio_query: a precomputed error ratio cannot be summed over the burn-rate windows; write it as errors / total, or use events',
    ]);
    expect(
      messages(
        importSloSpecs(
          oneSlo(events.replace(/total_query: .*/, 'total_query: sum_over_time(x[{{.window}}])')),
        ).problems,
      ),
    ).toEqual([
      'line 9: slos[0].sli.events.total_query: PromQL: sum_over_time() is not supported (in "sum_over_time(x[{{.window}}])"); only rate() and increase() are',
    ]);
  });

  it("Sloth's Kubernetes resource imports like its file", () => {
    const resource = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata: { name: chat }
spec:
  service: llama-chat
  slos:
    - name: availability
      objective: 99.9
      sli: { events: { error_query: 'sum(rate(errors[{{.window}}]))', total_query: 'sum(rate(requests[{{.window}}]))' } }
      alerting: { page_alert: { disable: true }, ticket_alert: { disable: true } }
`;
    expect(
      importSloSpecs(resource).specs.map((s) => [
        s.name,
        s.service.model,
        s.objective,
        s.alerting.isEnabled,
      ]),
    ).toEqual([['llama-chat-availability', 'llama-chat', 0.999, false]]);
  });

  it('the OpenSLO v1alpha variant Sloth reads imports with its window and queries', () => {
    const [spec] = importSloSpecs(readFixture('slo', 'sloth_openslo-getting-started.in.yml')).specs;
    expect(spec).toMatchObject({
      name: 'sloth-slo-my-service',
      displayName: 'Requests Availability',
      service: { model: 'my-service' },
      indicator: {
        type: 'availability',
        source: {
          kind: 'promql',
          good: 'sum(rate(http_request_duration_seconds_count{job="myservice",code!~"(5..|429)"}[{{.window}}]))',
        },
      },
      window: { type: 'rolling', days: 30 },
      objective: 0.999,
    });
  });
});

describe('Pyrra', () => {
  it('a latency objective reads the le bucket of its success metric as the threshold', () => {
    const result = importSloSpecs(readFixture('slo', 'pyrra_caddy-response-latency.yaml'));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.specs[0]).toEqual({
      name: 'caddy-response-latency',
      displayName: '',
      description:
        'We want our demo to be fast and therefore we want 90% of our responses to be faster than 50ms as seen by Caddy.',
      service: { model: 'caddy-response-latency', versions: [], site: '' },
      indicator: {
        type: 'latency',
        thresholdSeconds: 0.05,
        source: {
          kind: 'promql',
          good: 'sum(increase(caddy_http_response_duration_seconds_bucket{job="caddy",handler="subroute",code!~"5..",le="0.05"}[5m]))',
          total:
            'sum(increase(caddy_http_response_duration_seconds_count{job="caddy",handler="subroute",code!~"5.."}[5m]))',
        },
      },
      window: { type: 'rolling', days: 28 },
      budgetingMethod: 'Occurrences',
      objective: 0.9,
      timeSliceMinutes: 1,
      alerting: { minEvents: 100, isEnabled: true },
      labels: {},
    });
  });

  it('a ratio objective reads errors over total; its namespace becomes a label; grouping is named as left behind', () => {
    const thanos = importSloSpecs(readFixture('slo', 'pyrra_thanos-http.yaml')).specs[0];
    expect(thanos).toMatchObject({
      indicator: {
        type: 'availability',
        source: {
          bad: 'sum(increase(http_requests_total{job="thanos-query",handler=~"query|query_range",code=~"5.."}[5m]))',
        },
      },
      objective: 0.99,
      labels: { prometheus: 'k8s', role: 'alert-rules', namespace: 'monitoring' },
    });
    expect(
      messages(importSloSpecs(readFixture('slo', 'pyrra_prometheus-http.yaml')).warnings),
    ).toEqual([
      'line 17: spec.indicator.ratio.grouping: Mirqab evaluates one SLO over all handler values together; one SLO per handler is not kept',
    ]);
  });

  const pyrra = (indicator: string, window = '4w') => `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata: { name: probes }
spec:
  target: '99.5'
  window: ${window}
  indicator:
${indicator}
`;

  it('bool_gauge indicators, odd windows and metrics that are not one selector are refused', () => {
    expect(
      messages(
        importSloSpecs(pyrra('    bool_gauge:\n      metric: probe_success{job="blackbox"}'))
          .problems,
      ),
    ).toEqual([
      'line 8: spec.indicator.bool_gauge: Pyrra bool_gauge indicators are not supported; use ratio or latency',
    ]);
    const ratio =
      '    ratio:\n      errors: { metric: \'http_requests_total{code=~"5.."}\' }\n      total: { metric: http_requests_total }';
    expect(messages(importSloSpecs(pyrra(ratio, '3d')).problems)).toEqual([
      'line 6: spec.window: a window of 3d is not supported; use 7d, 14d, 28d (4w) or 30d',
    ]);
    expect(
      messages(
        importSloSpecs(
          pyrra(ratio.replace('metric: http_requests_total', 'metric: sum(http_requests_total)')),
        ).problems,
      ),
    ).toEqual([
      'line 10: spec.indicator.ratio.total.metric: Pyrra\'s metric is one counter selector, such as http_requests_total{code=~"5.."}',
    ]);
    expect(messages(importSloSpecs(pyrra(ratio).replace("'99.5'", "'100'")).problems)).toEqual([
      'line 5: spec.target: must be a percentage above 0 and below 100, such as "99.9"',
    ]);
    expect(importSloSpecs(pyrra(ratio)).specs[0]?.objective).toBe(0.995);
  });
});
