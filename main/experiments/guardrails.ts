// An experiment's default guardrails: the model service's own SLOs, each turned into the harm the
// variant may do to its metric, plus latency and errors where no SLO covers them.
import type { Guardrail } from '../../shared/domain/experiments/analysis.ts';
import type { SloSpec } from '../../shared/domain/slo/spec.ts';

/** Tolerated when no SLO says otherwise: 10 % slower, one point more failures, two points less accurate. */
export const DEFAULT_GUARDRAILS: readonly Guardrail[] = [
  { metric: 'latency', maxHarm: 0.1 },
  { metric: 'errors', maxHarm: 0.01 },
  { metric: 'accuracy', maxHarm: 0.02 },
];

function fromSlo(name: string, spec: SloSpec): Guardrail | null {
  const indicator = spec.indicator;
  switch (indicator.type) {
    // The variant may not add more failures than the whole error budget allows.
    case 'availability':
      return { metric: 'errors', maxHarm: Math.max(1e-4, 1 - spec.objective), slo: name };
    case 'latency':
      return { metric: 'latency', maxHarm: 0.1, slo: name };
    case 'quality':
      if (indicator.signal === 'accuracy') return { metric: 'accuracy', maxHarm: 0.01, slo: name };
      if (indicator.signal === 'drift')
        return { metric: 'drift', maxHarm: indicator.threshold, slo: name };
      return null;
    default:
      return null;
  }
}

/** The service's SLOs first (tightest per metric), then the defaults for metrics they leave out. */
export function defaultGuardrails(
  model: string,
  slos: readonly { name: string; spec: SloSpec | null }[],
): Guardrail[] {
  const byMetric = new Map<string, Guardrail>();
  for (const slo of slos) {
    if (!slo.spec || slo.spec.service.model !== model) continue;
    const guardrail = fromSlo(slo.name, slo.spec);
    const known = guardrail && byMetric.get(guardrail.metric);
    if (guardrail && (!known || guardrail.maxHarm < known.maxHarm))
      byMetric.set(guardrail.metric, guardrail);
  }
  for (const fallback of DEFAULT_GUARDRAILS)
    if (!byMetric.has(fallback.metric)) byMetric.set(fallback.metric, fallback);
  return [...byMetric.values()];
}
