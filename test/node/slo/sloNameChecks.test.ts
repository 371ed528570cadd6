// Mistakes that used to pass silently: a query on a metric nobody reports, a misspelt model, a policy
// naming a host the fleet does not have, and an import file whose problems surfaced a few per round.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSloSpecs } from '../../../shared/domain/slo/import.ts';
import { unknownNameWarnings } from '../../../shared/domain/slo/knownNames.ts';
import { SloSpecSchema, type SloSpecInput } from '../../../shared/domain/slo/spec.ts';
import { MINUTE, setUpSloSite, steadyTraffic, type SloSite } from './sloSite.ts';

const DAY = 24 * 60 * MINUTE;

const promQlAvailability = (bad: string): SloSpecInput => ({
  name: 'llama-errors',
  service: { model: 'llama-3-8b' },
  indicator: {
    type: 'availability',
    source: { kind: 'promql', bad, total: 'sum(rate(requests_total{model="llama-3-8b"}[5m]))' },
  },
  window: { type: 'rolling', days: 7 },
  objective: 0.999,
});

/** Six distinct problems over four documents: YAML, schema, PromQL, a duplicate name, a foreign format. */
const SIX_PROBLEMS = `version: "prometheus/v1"
service: "chat"
slos:
  - name: "availability"
    objective: 140
    sli:
      events:
        error_query: sum(rate(errors_total{model="chat"}[{{.window}}])
        total_query: sum(rate(requests_total[{{.window}}])) offset 5m
---
version: "prometheus/v1"
service: "chat"
slos:
  - name: "availability"
    objective: 99.5
    sli:
      events:
        error_query: sum(rate(errors_total[{{.window}}]))
        total_query: sum(rate(requests_total[{{.window}}]))
---
apiVersion: example.com/v9
kind: Thing
---
version: "prometheus/v1"
service: [chat
`;

describe('names an SLO refers to', () => {
  let site: SloSite;
  const now = () => site.clock.now().getTime();
  beforeEach(async () => {
    site = await setUpSloSite();
    site.writeService('llama-3-8b', 'v7', steadyTraffic(now() - 2 * DAY, now(), 1000));
  });
  afterEach(() => site.cleanup());

  it('lists the models, metrics and hosts the fleet has reported', async () => {
    site.exec(
      `INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at, state)
       VALUES ('agent-live', 'gpu-live-1', '127.0.0.1:2', 1, 'f', '2026-01-01T00:00:00Z', 'online')`,
    );
    expect(await site.admin.must('slo.knownNames', {})).toEqual({
      models: ['llama-3-8b'],
      metrics: ['errors_total', 'requests_total'],
      hosts: ['gpu-live-1'], // the revoked host is not offered
    });
  });

  it('a backtest whose error query names a metric nobody reports has no attainment, not 100 %', async () => {
    const typo = await site.admin.must('slo.backtest', {
      spec: promQlAvailability('sum(rate(erors_total{model="llama-3-8b"}[5m]))'),
      days: 1,
    });
    expect(typo.attainment).toBeNull();
    expect(typo.budgetConsumed).toBeNull();
    const right = await site.admin.must('slo.backtest', {
      spec: promQlAvailability('sum(rate(errors_total{model="llama-3-8b"}[5m]))'),
      days: 1,
    });
    expect(right.attainment).toBe(1);
  });

  it('an import dry run warns about an unknown metric and an unknown model, naming them', async () => {
    const text = `version: "prometheus/v1"
service: "llama-3-8b"
slos:
  - name: "errors"
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(erors_total[{{.window}}]))
        total_query: sum(rate(requests_total[{{.window}}]))
`;
    const result = await site.admin.must('slo.import', { text, dryRun: true });
    const warnings = result.warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warnings).toContain(
      'llama-3-8b-errors: indicator.source.bad: no host has reported "erors_total"; check the metric name, or this query reads no data',
    );
    expect(result.problems).toEqual([]);
    expect(result.slos).toEqual([{ name: 'llama-3-8b-errors', replaces: false }]);
  });

  it('warns about a model no service reports when the indicator reads the model’s own signals', async () => {
    const known = await site.admin.must('slo.knownNames', {});
    const spec = SloSpecSchema.parse({
      name: 'lama-availability',
      service: { model: 'lama-3-8b' },
      indicator: { type: 'availability', source: { kind: 'canonical' } },
      window: { type: 'rolling', days: 7 },
      objective: 0.999,
    });
    expect(unknownNameWarnings(spec, known)).toEqual([
      {
        path: 'service.model',
        message:
          'no service of a model named "lama-3-8b" has reported telemetry; check the spelling, or the SLO will read no data',
      },
    ]);
    expect(
      unknownNameWarnings({ ...spec, service: { ...spec.service, model: 'llama-3-8b' } }, known),
    ).toEqual([]);
  });

  it('a dry run reports all six problems of a file at once', async () => {
    const result = await site.admin.must('slo.import', { text: SIX_PROBLEMS, dryRun: true });
    expect(result.slos).toEqual([]);
    expect(result.problems.map((p) => [p.line, p.message])).toEqual([
      [26, expect.stringMatching(/^not valid YAML: /) as unknown],
      [5, 'must be a percentage above 0 and below 100, such as 99.9'],
      [8, 'PromQL: syntax error at column 50: the query ends too early'],
      [9, expect.stringMatching(/^PromQL: the offset modifier is not supported/) as unknown],
      [14, 'an SLO named "chat-availability" is already in this file (line 4)'],
      [
        21,
        expect.stringMatching(
          /^"example.com\/v9" with kind "Thing" is not an SLO format/,
        ) as unknown,
      ],
    ]);
  });
});

describe('an enforcement policy', () => {
  let site: SloSite;
  beforeEach(async () => {
    site = await setUpSloSite();
    const now = site.clock.now().getTime();
    site.writeService('llama-3-8b', 'v7', steadyTraffic(now - DAY, now, 1000));
    site.writeService('llama-3-8b', 'v7', steadyTraffic(now - DAY, now, 1000));
    await site.admin.must('slo.save', { spec: promQlAvailability('sum(rate(errors_total[5m]))') });
  });
  afterEach(() => site.cleanup());

  const failOver = (standby: string, hostId = 1) => ({
    name: 'llama-errors',
    policy: {
      hostId,
      action: 'fail_over',
      params: { model: 'llama-3-8b', standby },
      cooldownMinutes: 30,
      maxPerDay: 3,
    },
  });

  it('naming a standby host the fleet does not have is refused, naming the host', async () => {
    const refused = await site.admin.call('slo.setPolicy', failOver('sim-gpu-99'));
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'standby: there is no host named "sim-gpu-99" in the fleet (hosts: infer-1, infer-2).',
      },
    });
    expect((await site.admin.must('slo.get', { name: 'llama-errors' })).policy).toBeNull();
    await site.admin.must('slo.setPolicy', failOver('infer-2'));
    expect((await site.admin.must('slo.get', { name: 'llama-errors' })).policy).toMatchObject({
      params: { standby: 'infer-2' },
    });
  });

  it('naming a host id the fleet does not have is refused', async () => {
    expect(await site.admin.call('slo.setPolicy', failOver('infer-2', 99))).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'There is no host #99 in the fleet.' },
    });
  });
});

describe('an OpenSLO ratio with two broken queries', () => {
  it('reports both queries in one round', () => {
    const text = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: chat-ratio
spec:
  service: chat
  indicator:
    metadata:
      name: chat-good
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(good_total[5m])
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(requests_total[5m])) offset 1h
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`;
    expect(importSloSpecs(text).problems.map((p) => [p.line, p.message])).toEqual([
      [17, 'PromQL: syntax error at column 25: the query ends too early'],
      [22, expect.stringMatching(/^PromQL: the offset modifier is not supported/) as unknown],
    ]);
  });
});

describe('a Pyrra SLO with a bad target and a bad name', () => {
  it('reports both in one round', () => {
    const text = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: Caddy_Errors
spec:
  target: "140"
  window: 4w
  indicator:
    ratio:
      errors:
        metric: caddy_http_requests_total{code=~"5.."}
      total:
        metric: caddy_http_requests_total
`;
    expect(importSloSpecs(text).problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'must be a percentage above 0 and below 100, such as "99.9"'],
      [4, 'use lower-case letters, digits and dashes (not at either end)'],
    ]);
  });
});
