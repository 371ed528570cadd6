// One SLO as the list shows it: status, attainment, budget left, burn rate and a 24-hour sparkline.
import type { SloCoverage as DomainCoverage } from '../../shared/domain/slo/coverage.ts';
import type { SloSpec } from '../../shared/domain/slo/spec.ts';
import type { SloCoverage, SloSummary } from '../../shared/ipc/contract.ts';
import type { SloEntry } from './evaluator.ts';

function windowLabel(spec: SloSpec): string {
  return spec.window.type === 'rolling'
    ? `${spec.window.days}d rolling`
    : `calendar ${spec.window.unit}`;
}

export function coverageOf(c: DomainCoverage): SloCoverage {
  return {
    since: c.sinceMs === null ? null : new Date(c.sinceMs).toISOString(),
    observedMinutes: c.observedMinutes,
    windowMinutes: c.windowMinutes,
    fraction: c.fraction,
    isSufficient: c.isSufficient,
  };
}

export function summaryOf(entry: SloEntry, firingAlerts: number): SloSummary {
  const { stored, status } = entry;
  const spec = stored.spec;
  const pageRows = status?.burnRates.filter((r) => r.severity === 'page') ?? [];
  const fastest = pageRows.reduce<(typeof pageRows)[number] | null>(
    (a, b) => (a === null || b.longMinutes < a.longMinutes ? b : a),
    null,
  );
  const error = entry.error;
  return {
    name: stored.name,
    displayName: spec?.displayName || stored.name,
    model: spec?.service.model ?? '',
    indicator: spec?.indicator.type ?? '',
    objective: spec?.objective ?? null,
    window: spec ? windowLabel(spec) : '',
    budgetingMethod: spec?.budgetingMethod ?? null,
    status: !spec || error ? 'invalid' : (status?.status ?? 'no_data'),
    attainment: status?.attainment ?? null,
    budgetRemaining: status && status.total > 0 ? status.budget.remainingFraction : null,
    burnRate: fastest?.longBurnRate ?? status?.currentBurnRate ?? null,
    timeToExhaustionMinutes: status?.timeToExhaustionMinutes ?? null,
    coverage: status && !error ? coverageOf(status.coverage) : null,
    firingAlerts,
    sparkline: entry.recent.hourly(status?.window.endMs ?? entry.evaluatedAtMs ?? 0),
    error,
    evaluatedAt: entry.evaluatedAtMs === null ? null : new Date(entry.evaluatedAtMs).toISOString(),
  };
}
