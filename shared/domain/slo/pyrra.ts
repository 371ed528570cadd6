// Pyrra ServiceLevelObjective → SloSpec. Pyrra's `metric` is a plain counter selector, so each side becomes
// sum(increase(<metric>[5m])); the SLO's metadata.name is both its name and its model service.
import { asRollingDays, isObjectivePercent, percentToRatio } from './durations.ts';
import { IssueLog, type AcceptSpecs } from './importTypes.ts';
import { latencyBucketSeconds, parsePromQl, WRAPPED_COUNTER_RANGE } from './promql/index.ts';
import { parsePromDuration } from './promql/literals.ts';
import { checkQuery, finishSpec } from './specCheck.ts';
import type { Indicator, SloSpecInput } from './spec.ts';
import type { FieldReader } from './yamlFields.ts';

export const PYRRA_V1ALPHA1 = 'pyrra.dev/v1alpha1';

export function importPyrra(doc: FieldReader, accept: AcceptSpecs): void {
  const log = new IssueLog();
  const slo = doc.withLog(log);
  const spec = readSlo(slo);
  accept(spec ? [{ spec, nameAt: slo.at('metadata', 'name') }] : [], log);
}

function readSlo(doc: FieldReader) {
  doc.warnUnknown(['apiVersion', 'kind', 'metadata', 'spec']);
  const metadata = doc.at('metadata');
  const spec = doc.at('spec');
  if (doc.at('kind').string() !== 'ServiceLevelObjective')
    return doc.at('kind').problem('must be ServiceLevelObjective');
  spec.warnUnknown(['description', 'target', 'window', 'indicator', 'alerting']);
  const name = metadata.at('name').string(true);
  const namespace = metadata.at('namespace').string();
  let target = spec.at('target').number(true);
  if (target !== undefined && !isObjectivePercent(target))
    target = spec
      .at('target')
      .problem('must be a percentage above 0 and below 100, such as "99.9"');
  const window = readWindow(spec.at('window'));
  const indicator = readIndicator(spec.at('indicator'));
  const alerting = spec.at('alerting');
  alerting.warnUnknown(
    ['disabled'],
    'Prometheus alert rule settings are not kept: Mirqab names alerts after the SLO and evaluates burn rates itself',
  );
  // Stand-ins for the parts already reported, so the schema still checks every other field.
  const input: SloSpecInput = {
    name: name ?? 'name',
    description: spec.at('description').string() ?? '',
    service: { model: name ?? 'name' },
    indicator: indicator ?? { type: 'availability', source: { kind: 'canonical' } },
    window: { type: 'rolling', days: window ?? 30 },
    budgetingMethod: 'Occurrences',
    objective: percentToRatio(target ?? 99),
    alerting: { isEnabled: alerting.at('disabled').boolean() !== true },
    // The namespace is kept as a label so SLOs of one Kubernetes namespace stay findable together.
    labels: {
      ...metadata.at('labels').stringMap(),
      ...(namespace === undefined ? {} : { namespace }),
    },
  };
  const fields = {
    name: metadata.at('name'),
    description: spec.at('description'),
    service: metadata.at('name'),
    indicator: spec.at('indicator'),
    objective: spec.at('target'),
    labels: metadata.at('labels'),
  };
  const checked = finishSpec(input, fields, doc);
  const isComplete = name !== undefined && target !== undefined && window !== undefined;
  return isComplete && indicator ? checked : undefined;
}

function readWindow(field: FieldReader): 7 | 14 | 28 | 30 | undefined {
  const text = field.string(true);
  if (text === undefined) return undefined;
  const ms = parsePromDuration(text);
  const days = ms === undefined ? undefined : asRollingDays(ms / 60_000);
  return (
    days ?? field.problem(`a window of ${text} is not supported; use 7d, 14d, 28d (4w) or 30d`)
  );
}

function readIndicator(indicator: FieldReader): Indicator | undefined {
  indicator.warnUnknown(['ratio', 'latency']);
  const ratio = indicator.at('ratio');
  const latency = indicator.at('latency');
  for (const other of ['latencyNative', 'bool_gauge', 'boolGauge']) {
    if (indicator.at(other).exists)
      return indicator
        .at(other)
        .problem(`Pyrra ${other} indicators are not supported; use ratio or latency`);
  }
  if (ratio.exists === latency.exists)
    return indicator.problem('give exactly one of ratio or latency');
  const body = ratio.exists ? ratio : latency;
  body.warnUnknown(
    ratio.exists ? ['errors', 'total', 'grouping'] : ['success', 'total', 'grouping'],
  );
  const grouping = body.at('grouping').items();
  if (grouping.length > 0) {
    const labels = grouping.map((item) => item.string() ?? '').join(', ');
    body
      .at('grouping')
      .warn(
        `Mirqab evaluates one SLO over all ${labels} values together; one SLO per ${labels} is not kept`,
      );
  }
  const numeratorAt = body.at(ratio.exists ? 'errors' : 'success', 'metric');
  const numerator = counterQuery(numeratorAt);
  const total = counterQuery(body.at('total', 'metric'));
  if (!numerator || !total) return undefined;
  if (ratio.exists)
    return {
      type: 'availability',
      source: { kind: 'promql', bad: numerator.query, total: total.query },
    };
  const seconds = latencyBucketSeconds(numerator.plan);
  if (seconds === undefined)
    return numeratorAt.problem(
      'a latency success metric reads one histogram bucket: add le="<seconds>"',
    );
  return {
    type: 'latency',
    thresholdSeconds: seconds,
    source: { kind: 'promql', good: numerator.query, total: total.query },
  };
}

/** Pyrra's plain counter selector as the per-minute increase Mirqab sums. */
function counterQuery(field: FieldReader) {
  const metric = field.string(true);
  if (metric === undefined) return undefined;
  const selector = parsePromQl(metric);
  if (!selector.ok) return field.problem(selector.error.message);
  if (selector.value.kind !== 'gauge')
    return field.problem(
      'Pyrra\'s metric is one counter selector, such as http_requests_total{code=~"5.."}',
    );
  const query = `sum(increase(${metric.trim()}[${WRAPPED_COUNTER_RANGE}]))`;
  const plan = checkQuery(field, query);
  return plan ? { query, plan } : undefined;
}
