// Importing OpenSLO v1: the upstream examples, references between documents, and rejections that name
// the field and its line so the operator can fix the file.
import { describe, expect, it } from 'vitest';
import { importSloSpecs } from '../../../shared/domain/slo/import.ts';
import { formatImportProblem, type ImportProblem } from '../../../shared/domain/slo/importTypes.ts';
import { exportOpenSlo } from '../../../shared/domain/slo/opensloExport.ts';
import { missingPart } from '../../../shared/domain/slo/spec.ts';
import { readFixture } from '../../helpers/fixtures.ts';

const messages = (problems: ImportProblem[], file = '') =>
  problems.map((p) => formatImportProblem(p, file));

/** An OpenSLO v1 SLO with a PromQL ratio; `spec` lines replace or add fields under spec. */
function sloYaml(
  name: string,
  {
    query = 'sum(rate(errors_total[5m]))',
    window = '- duration: 28d\n      isRolling: true',
    extra = '',
  } = {},
): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: llama-chat
  indicator:
    metadata:
      name: ${name}-sli
    spec:
      ratioMetric:
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: ${query}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(requests_total[5m]))
  timeWindow:
    ${window}
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
${extra}`;
}

describe("the OpenSLO project's own examples", () => {
  it('ratio-timeslices imports as a 14-day availability SLO over slices of one minute', () => {
    const result = importSloSpecs(readFixture('slo', 'openslo_ratio-timeslices.yaml'));
    expect(result.problems).toEqual([]);
    expect(result.specs).toEqual([
      {
        name: 'main-page',
        displayName: 'Main page availability',
        description: 'Our main page should be available always',
        service: { model: 'web-shop', versions: [], site: '' },
        indicator: { type: 'availability', source: { kind: 'promql', good: 'Any', total: 'Any' } },
        window: { type: 'rolling', days: 14 },
        budgetingMethod: 'RatioTimeslices',
        objective: 0.99,
        timeSliceMinutes: 1,
        alerting: { minEvents: 100, isEnabled: true },
        labels: {},
      },
    ]);
    // Its placeholder source type and unsummed query import, but the operator is told.
    expect(messages(result.warnings, 'openslo_ratio-timeslices.yaml')).toEqual([
      'openslo_ratio-timeslices.yaml line 18: spec.indicator.spec.ratioMetric.good.metricSource.type: "Any" is read as a Prometheus source: Mirqab runs the query as PromQL over the agents\' samples',
      'openslo_ratio-timeslices.yaml line 23: spec.indicator.spec.ratioMetric.total.metricSource.type: "Any" is read as a Prometheus source: Mirqab runs the query as PromQL over the agents\' samples',
      'openslo_ratio-timeslices.yaml line 20: spec.indicator.spec.ratioMetric.good.metricSource.spec.query: this query can return several series but an SLO reads one; wrap it in sum(…) or it will fail when evaluated',
      'openslo_ratio-timeslices.yaml line 25: spec.indicator.spec.ratioMetric.total.metricSource.spec.query: this query can return several series but an SLO reads one; wrap it in sum(…) or it will fail when evaluated',
    ]);
  });

  it('timeslices-slo imports with its calendar window of "1m" read as a month, and says so', () => {
    const result = importSloSpecs(readFixture('slo', 'openslo_timeslices-slo.yaml'));
    expect(result.problems).toEqual([]);
    expect(result.specs.map((s) => s.window)).toEqual([
      { type: 'calendar', unit: 'month' },
      { type: 'calendar', unit: 'month' },
    ]);
    expect(messages(result.warnings, 'openslo_timeslices-slo.yaml')).toContain(
      'openslo_timeslices-slo.yaml line 27: spec.timeWindow[0].duration: a calendar window of 1m is read as one month (OpenSLO: m = minute, M = month; write 1M)',
    );
  });

  it('timeslices-slo with 1M splits its two objectives into two SLOs, each with its own budget', () => {
    const result = importSloSpecs(
      readFixture('slo', 'openslo_timeslices-slo.yaml').replace('duration: 1m #', 'duration: 1M #'),
    );
    expect(result.problems).toEqual([]);
    expect(
      result.specs.map((s) => [
        s.name,
        s.displayName,
        s.objective,
        s.budgetingMethod,
        s.timeSliceTarget,
        s.window,
      ]),
    ).toEqual([
      [
        'service-availability-internal-objective',
        'Reflaction of out availability SLA — Internal objective',
        0.995,
        'Timeslices',
        0.99,
        { type: 'calendar', unit: 'month' },
      ],
      [
        'service-availability-sla',
        'Reflaction of out availability SLA — SLA',
        0.99,
        'Timeslices',
        0.99,
        { type: 'calendar', unit: 'month' },
      ],
    ]);
    expect(messages(result.warnings).slice(-3)).toEqual([
      "line 31: spec.timeWindow[0].calendar.timeZone: calendar windows start at midnight in the site's time zone (Asia/Dubai); America/New_York is not kept",
      'line 30: spec.timeWindow[0].calendar.startTime: calendar windows start at midnight on the first day of each month; 2022-01-01 12:00:00 is not kept',
      'line 33: spec.objectives: each objective has its own budget: imported as 2 SLOs (service-availability-internal-objective, service-availability-sla)',
    ]);
  });

  it("a calendar window in the site's own zone, starting on the first at midnight, imports without a word", () => {
    const text = readFixture('slo', 'openslo_timeslices-slo.yaml')
      .replace('duration: 1m #', 'duration: 1M #')
      .replace('2022-01-01 12:00:00', '2022-01-01 00:00:00');
    const result = importSloSpecs(text, { siteTimeZone: 'America/New_York' });
    expect(messages(result.warnings).filter((w) => w.includes('calendar'))).toEqual([]);
  });

  it('occurences-slo, whose metric source names no query, imports as an SLO that needs one, and exports as it came', () => {
    const result = importSloSpecs(readFixture('slo', 'openslo_occurences-slo.yaml'));
    expect(result.problems).toEqual([]);
    expect(result.specs).toHaveLength(1);
    expect(result.specs[0]).toMatchObject({
      name: 'search-slo',
      indicator: { type: 'threshold', op: 'lt', value: 500 },
      objective: 0.99,
      window: { type: 'rolling', days: 14 },
    });
    expect(result.specs[0]!.indicator).not.toHaveProperty('query');
    expect(missingPart(result.specs[0]!.indicator)).toBe(
      'the indicator has no PromQL query (it was imported without one): set one in the editor',
    );
    expect(messages(result.warnings)).toContain(
      'line 18: spec.indicator.spec.thresholdMetric.metricSource.spec.query: is missing: the SLO is imported without a query and shows as needing one until it is set in the editor',
    );
    const again = importSloSpecs(exportOpenSlo(result.specs));
    expect(again.problems).toEqual([]);
    expect(again.specs).toEqual(result.specs);
  });

  it('occurences-slo with a query imports as one-minute slices judged against its threshold', () => {
    const result = importSloSpecs(
      readFixture('slo', 'openslo_occurences-slo.yaml').replace(
        '# Fields needed to query service for latency data.',
        'query: sum(search_latency_ms)',
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.specs[0]).toMatchObject({
      name: 'search-slo',
      indicator: { type: 'threshold', query: 'sum(search_latency_ms)', op: 'lt', value: 500 },
      budgetingMethod: 'Timeslices',
      timeSliceMinutes: 1,
      objective: 0.99,
      window: { type: 'rolling', days: 14 },
    });
    expect(messages(result.warnings)).toContain(
      "line 23: spec.budgetingMethod: Occurrences over a threshold metric is imported as Timeslices of one minute (each minute's sample is one occurrence)",
    );
  });

  it("the README's alert condition and notification target hold no SLO: nothing imported, nothing wrong", () => {
    const result = importSloSpecs(readFixture('slo', 'openslo_readme_alertcondition.yaml'));
    expect(result.specs).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(messages(result.warnings)).toEqual([
      'line 4: metadata.name: no SLO in this file uses this AlertCondition, so nothing of it was imported',
    ]);
  });
});

describe('references between documents', () => {
  const sliAndPolicy = `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: chat-availability
  labels:
    team: [ml-platform, oncall]
spec:
  service: llama-chat
  indicatorRef: chat-errors
  timeWindow:
    - duration: 4w
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.5
  alertPolicies:
    - alertPolicyRef: fast-burn
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: chat-errors
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        metricSourceRef: fleet-prometheus
        spec:
          query: sum(vllm_request_failure_total{model="llama"})
    total:
      metricSource:
        metricSourceRef: fleet-prometheus
        spec:
          query: sum(vllm_request_total{model="llama"})
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: fleet-prometheus
spec:
  type: Prometheus
  connectionDetails: { url: 'http://prometheus:9090' }
---
apiVersion: openslo/v1
kind: Service
metadata:
  name: llama-chat
spec:
  description: the chat model
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata:
  name: fast-burn
spec:
  alertWhenBreaching: true
  conditions:
    - conditionRef: cpu-usage-breach
  notificationTargets:
    - targetRef: OnCallDevopsMailNotification
`;

  it("an SLO that names its SLI, alert policy and the README's alert condition gets them all", () => {
    const result = importSloSpecs(
      `${readFixture('slo', 'openslo_readme_alertcondition.yaml')}${sliAndPolicy}`,
    );
    expect(result.problems).toEqual([]);
    expect(result.specs).toEqual([
      {
        name: 'chat-availability',
        displayName: '',
        description: '',
        service: { model: 'llama-chat', versions: [], site: '' },
        indicator: {
          type: 'availability',
          // counter: true — the plain counters are read as increases.
          source: {
            kind: 'promql',
            bad: 'sum(increase(vllm_request_failure_total{model="llama"}[5m]))',
            total: 'sum(increase(vllm_request_total{model="llama"}[5m]))',
          },
        },
        window: { type: 'rolling', days: 28 },
        budgetingMethod: 'Occurrences',
        objective: 0.995,
        timeSliceMinutes: 1,
        // Burn rate 2 over the 1 h lookback spends 2 × 60 / (28 × 1440) of the budget; alertAfter 5m is the short window.
        alerting: {
          windows: [
            {
              severity: 'page',
              longMinutes: 60,
              shortMinutes: 5,
              threshold: 2,
              budgetFraction: 120 / 40_320,
            },
          ],
          minEvents: 100,
          isEnabled: true,
        },
        labels: { team: 'ml-platform,oncall' },
      },
    ]);
    expect(messages(result.warnings)).toEqual([
      'line 82: spec.notificationTargets: Mirqab routes alerts through its own escalation policies; notification targets are not kept',
    ]);
  });

  it('a reference to a missing document is named', () => {
    const result = importSloSpecs(
      sliAndPolicy.replace('indicatorRef: chat-errors', 'indicatorRef: chat-latency'),
    );
    expect(result.specs).toEqual([]);
    expect(messages(result.problems)).toEqual([
      'line 10: spec.indicatorRef: no SLI named "chat-latency" in this file',
      'line 60: spec.conditions[0].conditionRef: no AlertCondition named "cpu-usage-breach" in this file',
    ]);
  });
});

describe('one invalid SLO never keeps the others out', () => {
  it('an unsupported query is named with its field and line; the other SLO imports', () => {
    const text = [
      sloYaml('chat-latency-p99', {
        query: 'histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m])))',
      }),
      sloYaml('chat-availability'),
    ].join('---\n');
    const result = importSloSpecs(text);
    expect(result.specs.map((s) => s.name)).toEqual(['chat-availability']);
    expect(messages(result.problems, 'slos.yaml')).toEqual([
      'slos.yaml line 16: spec.indicator.spec.ratioMetric.bad.metricSource.spec.query: PromQL: histogram_quantile() is not supported (in "histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m])))"); only rate() and increase() are',
    ]);
  });

  it('a YAML syntax error spoils only its own document', () => {
    const result = importSloSpecs(
      [
        'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: broken\n',
        sloYaml('chat-availability'),
      ].join('---\n'),
    );
    expect(result.specs.map((s) => s.name)).toEqual(['chat-availability']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(/^not valid YAML: /);
    expect(result.problems[0]?.line).toBe(4); // where the unclosed { is noticed
  });

  it('a second SLO with the same name is refused, pointing at the first', () => {
    const result = importSloSpecs(
      [sloYaml('chat-availability'), sloYaml('chat-availability')].join('---\n'),
    );
    expect(result.specs).toHaveLength(1);
    expect(messages(result.problems)).toEqual([
      'line 32: metadata.name: an SLO named "chat-availability" is already in this file (line 4)',
    ]);
  });
});

describe('fields Mirqab cannot keep are refused by path and line', () => {
  it.each([
    [
      'a rolling month',
      { window: '- duration: 1M\n      isRolling: true' },
      'line 23: spec.timeWindow[0].duration: a rolling 1M has no fixed length; use 30d, or a calendar window (isRolling: false)',
    ],
    [
      'a 5-day window',
      { window: '- duration: 5d\n      isRolling: true' },
      'line 23: spec.timeWindow[0].duration: a rolling window of 5d is not supported; use 7d, 14d, 28d (4w) or 30d',
    ],
    [
      'two time windows',
      { window: '- duration: 7d\n    - duration: 28d' },
      'line 24: spec.timeWindow[1]: only one time window per SLO is supported',
    ],
    [
      'a subquery',
      { query: 'sum(rate(errors_total[5m:1m]))' },
      'line 16: spec.indicator.spec.ratioMetric.bad.metricSource.spec.query: PromQL: a subquery is not supported (in "errors_total[5m:1m]")',
    ],
    [
      'an average',
      { query: 'avg(rate(errors_total[5m]))' },
      'line 16: spec.indicator.spec.ratioMetric.bad.metricSource.spec.query: PromQL: avg() is not supported (in "avg(rate(errors_total[5m]))"); only sum, sum by and sum without are',
    ],
  ])('%s', (_, options, message) => {
    const result = importSloSpecs(sloYaml('chat-availability', options));
    expect(result.specs).toEqual([]);
    expect(messages(result.problems)).toEqual([message]);
  });

  it('an objective of 100 % leaves no error budget', () => {
    const result = importSloSpecs(
      sloYaml('chat-availability').replace('target: 0.999', 'target: 1'),
    );
    expect(messages(result.problems)).toEqual([
      'line 27: spec.objectives[0].target: must be below 1',
    ]);
  });

  it('both target and targetPercent', () => {
    const result = importSloSpecs(
      sloYaml('chat-availability').replace(
        'target: 0.999',
        'target: 0.999\n      targetPercent: 99.9',
      ),
    );
    expect(messages(result.problems)).toEqual([
      'line 28: spec.objectives[0].targetPercent: give target or targetPercent, not both',
    ]);
  });

  it('a severity other than page or ticket', () => {
    const policy = `  alertPolicies:
    - kind: AlertPolicy
      metadata: { name: p }
      spec:
        conditions:
          - kind: AlertCondition
            metadata: { name: c }
            spec:
              severity: critical
              condition: { kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m }
`;
    const result = importSloSpecs(sloYaml('chat-availability', { extra: policy }));
    expect(messages(result.problems)).toEqual([
      'line 36: spec.alertPolicies[0].spec.conditions[0].spec.severity: "critical" is not a Mirqab severity: use page (wakes someone) or ticket (next working day)',
    ]);
  });

  it('a burn-rate rule that would spend more than the whole budget before firing', () => {
    const policy = `  alertPolicies:
    - kind: AlertPolicy
      metadata: { name: p }
      spec:
        conditions:
          - kind: AlertCondition
            metadata: { name: c }
            spec: { severity: page, condition: { kind: burnrate, threshold: 50, lookbackWindow: 1d, alertAfter: 1h } }
`;
    const result = importSloSpecs(sloYaml('chat-availability', { extra: policy }));
    expect(messages(result.problems)).toEqual([
      'line 35: spec.alertPolicies[0].spec.conditions[0].spec.condition.threshold: burn rate 50 over 1440 minutes would spend more than the whole error budget before alerting',
    ]);
  });

  it('a precomputed ratio that is not written as errors / total', () => {
    const raw = readFixture('slo', 'openslo_ratio-timeslices.yaml').replace(
      /ratioMetric:[\s\S]*?timeWindow:/,
      `ratioMetric:
        rawType: failure
        raw:
          metricSource:
            type: Prometheus
            spec:
              query: sum(slo:sli_error:ratio_rate5m)
  timeWindow:`,
    );
    expect(messages(importSloSpecs(raw).problems)).toEqual([
      'line 21: spec.indicator.spec.ratioMetric.raw.metricSource.spec.query: a precomputed ratio cannot be summed over the burn-rate windows; write it as good (or bad) / total, or give good/bad and total',
    ]);
    const split = importSloSpecs(
      raw.replace(
        'sum(slo:sli_error:ratio_rate5m)',
        'sum(rate(errors[5m])) / sum(rate(requests[5m]))',
      ),
    );
    expect(split.specs[0]?.indicator).toEqual({
      type: 'availability',
      source: { kind: 'promql', bad: 'sum(rate(errors[5m]))', total: 'sum(rate(requests[5m]))' },
    });
  });

  it('documents that are not SLO specs say what they are', () => {
    expect(
      messages(importSloSpecs(readFixture('slo', 'sloth_getting-started.expected.yml')).problems),
    ).toEqual([
      "line 6: groups: this is a Prometheus rules file (such as Sloth's generated output), not an SLO spec: import the SLO file it was generated from",
    ]);
    expect(messages(importSloSpecs('apiVersion: v1\nkind: ConfigMap\n').problems)).toEqual([
      'line 1: apiVersion: "v1" with kind "ConfigMap" is not an SLO format Mirqab reads; expected apiVersion openslo/v1, openslo/v1alpha (Sloth), pyrra.dev/v1alpha1, sloth.slok.dev/v1, or version prometheus/v1 (Sloth)',
    ]);
    expect(messages(importSloSpecs('apiVersion: openslo/v1\nkind: Dashboard\n').problems)).toEqual([
      'line 2: kind: "Dashboard" is not an OpenSLO v1 kind (SLO, SLI, AlertPolicy, AlertCondition, Service, DataSource, AlertNotificationTarget)',
    ]);
  });
});

describe("Mirqab's own signals", () => {
  const canonical = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: gpu-headroom
spec:
  service: fleet
  indicator:
    metadata: { name: gpu }
    spec:
      thresholdMetric:
        metricSource:
          type: Mirqab
          spec: { model: llama-3-70b, versions: "v7,v8", site: dubai-1, signal: gpu_utilization }
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Timeslices
  objectives: [{ op: lte, value: 95, target: 0.99, timeSliceWindow: 5m }]
`;

  it('a Mirqab metric source names the model service and reads the canonical signal', () => {
    const result = importSloSpecs(canonical);
    expect(result.problems).toEqual([]);
    expect(result.specs[0]).toMatchObject({
      service: { model: 'llama-3-70b', versions: ['v7', 'v8'], site: 'dubai-1' },
      indicator: { type: 'gpu_saturation', signal: 'utilization', ceilingPercent: 95 },
      timeSliceMinutes: 5,
    });
  });

  it('a comparison that contradicts the signal is refused', () => {
    expect(messages(importSloSpecs(canonical.replace('op: lte', 'op: gte')).problems)).toEqual([
      'line 16: spec.objectives[0].op: a gpu_utilization slice is good when compared with lte: use op lte',
    ]);
  });
});
