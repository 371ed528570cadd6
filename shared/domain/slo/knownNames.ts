// The names an SLO may refer to — models, metrics and hosts the fleet has reported — and the checks that
// warn when a spec names one nobody reports: a typo there passes validation and then reads no data.
import { parsePromQl, type PromQlPlan } from './promql/index.ts';
import { EVENT_INDICATORS, type SloSpec } from './spec.ts';

export interface KnownNames {
  /** Models whose services report telemetry (the `model` label). */
  models: string[];
  /** Every metric name some host has reported. */
  metrics: string[];
  /** Enrolled hosts that are not revoked, by name. */
  hosts: string[];
}

export interface NameWarning {
  /** The spec field, such as `service.model` or `indicator.source.bad`. */
  path: string;
  message: string;
}

function metricsOfPlan(plan: PromQlPlan, into: Set<string>): void {
  switch (plan.kind) {
    case 'number':
      return;
    case 'gauge':
    case 'counter':
      into.add(plan.selector.metric);
      return;
    case 'sum':
      return metricsOfPlan(plan.expr, into);
    case 'binary':
      metricsOfPlan(plan.left, into);
      return metricsOfPlan(plan.right, into);
  }
}

/** The metric names a query selects, in order of appearance; none when it does not compile. */
export function metricsOfQuery(query: string): string[] {
  const plan = parsePromQl(query);
  if (!plan.ok) return [];
  const found = new Set<string>();
  metricsOfPlan(plan.value, found);
  return [...found];
}

/** The metrics a query selects that no host has reported. */
export function unknownMetricsOf(query: string, known: KnownNames): string[] {
  const metrics = new Set(known.metrics);
  return metricsOfQuery(query).filter((m) => !metrics.has(m));
}

/** Every PromQL query in a spec, with the field it sits in. */
export function queriesOfSpec(spec: SloSpec): { field: string; query: string }[] {
  const i = spec.indicator;
  if (i.type === 'threshold')
    return i.query === undefined ? [] : [{ field: 'indicator.query', query: i.query }];
  if ((i.type === 'availability' || i.type === 'latency') && i.source.kind === 'promql') {
    const source = i.source;
    return (['good', 'bad', 'total'] as const).flatMap((k) =>
      source[k] === undefined ? [] : [{ field: `indicator.source.${k}`, query: source[k] }],
    );
  }
  return [];
}

/** True when the indicator reads the model's canonical signals (so the model name selects its data). */
export function readsModelSignals(spec: SloSpec): boolean {
  const i = spec.indicator;
  if (i.type === 'threshold') return false;
  return !EVENT_INDICATORS.includes(i.type) || ('source' in i && i.source.kind === 'canonical');
}

export const unknownModelMessage = (model: string) =>
  `no service of a model named "${model}" has reported telemetry; check the spelling, or the SLO will read no data`;

export const unknownMetricsMessage = (metrics: readonly string[]) =>
  `no host has reported ${metrics.map((m) => `"${m}"`).join(', ')}; check the metric name, or this query reads no data`;

/** Warnings for the names in a spec that nothing in the fleet reports. */
export function unknownNameWarnings(spec: SloSpec, known: KnownNames): NameWarning[] {
  const warnings: NameWarning[] = [];
  if (readsModelSignals(spec) && !known.models.includes(spec.service.model))
    warnings.push({ path: 'service.model', message: unknownModelMessage(spec.service.model) });
  for (const { field, query } of queriesOfSpec(spec)) {
    const unknown = unknownMetricsOf(query, known);
    if (unknown.length > 0) warnings.push({ path: field, message: unknownMetricsMessage(unknown) });
  }
  return warnings;
}
