// OpenSLO v1alpha as Sloth reads it (`sloth generate -i openslo.yml`): ratioMetrics with Prometheus
// queries per objective. Several objectives split like OpenSLO v1 (see openslo.ts), not Sloth's `-0`, `-1`.
import { IssueLog, type AcceptSpecs, type SpecDraft } from './importTypes.ts';
import { objectiveNames } from './openslo.ts';
import { percentToRatio } from './durations.ts';
import { latencyBucketSeconds, wrapCountersInIncrease } from './promql/index.ts';
import { checkQuery, finishSpec } from './specCheck.ts';
import type { Indicator, SloSpecInput, SloWindow } from './spec.ts';
import type { FieldReader } from './yamlFields.ts';

export const OPENSLO_V1ALPHA = 'openslo/v1alpha';
const DAYS_PER_UNIT: Record<string, number> = { Day: 1, Week: 7 };

export function importSlothOpenSlo(doc: FieldReader, accept: AcceptSpecs): void {
  const log = new IssueLog();
  const slo = doc.withLog(log);
  accept(readSlo(slo), log);
}

function readSlo(doc: FieldReader): SpecDraft[] {
  doc.warnUnknown(['apiVersion', 'kind', 'metadata', 'spec']);
  if (doc.at('kind').string() !== 'SLO')
    return (
      doc.at('kind').problem('only SLO documents of OpenSLO v1alpha are read (as Sloth does)') ?? []
    );
  const metadata = doc.at('metadata');
  const spec = doc.at('spec');
  spec.warnUnknown(['service', 'description', 'budgetingMethod', 'objectives', 'timeWindows']);
  const name = metadata.at('name').string(true) ?? '';
  const displayName = metadata.at('displayName').string() ?? '';
  const service = spec.at('service').string(true);
  const method = spec.at('budgetingMethod').string() ?? 'Occurrences';
  if (method !== 'Occurrences')
    spec
      .at('budgetingMethod')
      .problem('Sloth reads Occurrences only; import OpenSLO v1 for time slices');
  const window = readWindow(spec.at('timeWindows'));
  const objectives = spec.at('objectives').items();
  if (objectives.length === 0) spec.at('objectives').problem('is required: at least one objective');
  const names = objectiveNames(name, objectives);
  const indicators = objectives.map((objective) => readIndicator(objective.at('ratioMetrics')));
  if (service === undefined || !window) return [];
  const drafts: SpecDraft[] = [];
  objectives.forEach((objective, index) => {
    objective.warnUnknown(['displayName', 'ratioMetrics', 'target', 'value', 'op']);
    const target = objective.at('target').number(true);
    const indicator = indicators[index];
    if (target === undefined || !indicator) return;
    const objectiveName = objective.at('displayName').string();
    const input: SloSpecInput = {
      name: names[index] ?? name,
      displayName:
        objectives.length > 1
          ? [displayName, objectiveName].filter((part) => part).join(' — ')
          : displayName,
      description: spec.at('description').string() ?? '',
      service: { model: service },
      indicator,
      window,
      budgetingMethod: 'Occurrences',
      objective: target > 1 ? percentToRatio(target) : target,
    };
    const nameAt = objectives.length > 1 ? objective.at('displayName') : metadata.at('name');
    const fields = {
      name: nameAt,
      displayName: metadata.at('displayName'),
      description: spec.at('description'),
      service: spec.at('service'),
      indicator: objective.at('ratioMetrics'),
      objective: objective.at('target'),
    };
    const finished = finishSpec(input, fields, objective);
    if (finished) drafts.push({ spec: finished, nameAt });
  });
  return drafts;
}

function readWindow(list: FieldReader): SloWindow | undefined {
  const [item, extra] = list.items();
  if (!item) return { type: 'rolling', days: 30 };
  if (extra) return extra.problem('only one time window per SLO is supported');
  const count = item.at('count').number(true);
  const unit = item.at('unit').string(true) ?? '';
  const days = count === undefined ? undefined : count * (DAYS_PER_UNIT[unit] ?? Number.NaN);
  if (days === 7 || days === 14 || days === 28 || days === 30) return { type: 'rolling', days };
  return item.problem(
    `a window of ${count ?? '?'} ${unit} is not supported; use 7, 14, 28 or 30 days`,
  );
}

function readIndicator(ratio: FieldReader): Indicator | undefined {
  ratio.warnUnknown(['good', 'bad', 'total', 'counter']);
  const good = ratio.at('good');
  const bad = ratio.at('bad');
  if (good.exists === bad.exists)
    return ratio.problem('give exactly one of good or bad, with total');
  const isCounter = ratio.at('counter').boolean() === true;
  const read = (side: FieldReader) => {
    side.warnUnknown(['source', 'queryType', 'query', 'metadata']);
    const queryType = side.at('queryType').string() ?? 'promql';
    if (queryType !== 'promql') return side.at('queryType').problem('only promql queries are read');
    const text = side.at('query').string(true);
    const query =
      text === undefined
        ? undefined
        : isCounter
          ? wrapCountersInIncrease(text)
          : { ok: true as const, value: text };
    if (query && !query.ok) return side.at('query').problem(query.error.message);
    const plan = checkQuery(side.at('query'), query?.value);
    return plan && query ? { query: query.value, plan } : undefined;
  };
  const numerator = read(good.exists ? good : bad);
  const total = read(ratio.at('total'));
  if (!numerator || !total) return undefined;
  const source = good.exists
    ? { kind: 'promql' as const, good: numerator.query, total: total.query }
    : { kind: 'promql' as const, bad: numerator.query, total: total.query };
  const seconds = latencyBucketSeconds(numerator.plan);
  return seconds === undefined
    ? { type: 'availability', source }
    : { type: 'latency', thresholdSeconds: seconds, source };
}
