// What a postmortem takes from its incident: the record and timeline, the model and version the
// alerts named, the affected SLOs with their SLI around the incident and how much of each error
// budget the incident burned.
import { errorAllowance } from '../../shared/domain/slo/math.ts';
import { sloWindowBounds } from '../../shared/domain/slo/windows.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { PipelineAlert, TimelineEntry } from '../../shared/ipc/incidentSchemas.ts';
import type { PostmortemChart } from '../../shared/ipc/postmortemSchemas.ts';
import { listAlertRows, rowToAlert } from '../incidents/alertRepository.ts';
import { getIncident, listTimeline } from '../incidents/incidentRepository.ts';
import type { IncidentRow } from '../incidents/incidentRows.ts';
import { DomainError } from '../core/errors.ts';
import { incidentVersion } from '../models/index.ts';
import { SliData } from '../slo/sliData.ts';
import { findSlo, listSlos } from '../slo/sloRepository.ts';
import type { ReadableDb } from '../store/types.ts';

/** The charts start this long before the incident opened and end this long after it resolved. */
const CHART_MARGIN_MS = 30 * MINUTE_MS;
/** At most this many points per chart: long incidents are drawn in coarser buckets. */
const MAX_CHART_POINTS = 360;

export interface IncidentFacts {
  incident: IncidentRow;
  timeline: TimelineEntry[];
  alerts: PipelineAlert[];
  model: string | null;
  modelVersion: string | null;
  /** SLOs over the incident's service, and any an SLO alert of the incident named. */
  slos: string[];
}

const first = (values: readonly (string | undefined)[]) =>
  values.find((v): v is string => v !== undefined && v.trim() !== '') ?? null;

export function incidentFacts(db: ReadableDb, incidentId: number): IncidentFacts {
  const incident = getIncident(db, incidentId);
  if (!incident) throw new DomainError('NOT_FOUND', `There is no incident ${incidentId}.`);
  const alerts = listAlertRows(db, { incidentId, limit: 1000 }).map(rowToAlert);
  const labels = alerts.map((a) => a.labels);
  const named = labels.flatMap((l) => (l.slo ? [l.slo] : []));
  const served =
    incident.service === null
      ? []
      : listSlos(db)
          .filter((s) => s.spec?.service.model === incident.service)
          .map((s) => s.name);
  const model = first([
    ...labels.flatMap((l) => [l.model, l.model_name]),
    incident.service ?? undefined,
  ]);
  const hostName = first(labels.flatMap((l) => [l.host, l.hostname]));
  return {
    incident,
    timeline: listTimeline(db, incidentId),
    alerts,
    model,
    // Model-quality alerts name no version: the one the incident marked suspect, or deployed just before.
    modelVersion:
      first(labels.flatMap((l) => [l.version, l.model_version])) ??
      (model
        ? incidentVersion(db, { model, hostName, incidentId, startedAtMs: incident.opened_at })
        : null),
    slos: [...new Set([...named, ...served])].sort(),
  };
}

export interface ChartWindow {
  fromMs: number;
  toMs: number;
  /** Where the incident's own minutes end (resolution, or now). */
  incidentEndMs: number;
}

export function chartWindow(incident: IncidentRow, nowMs: number): ChartWindow {
  const incidentEndMs = Math.min(incident.resolved_at ?? nowMs, nowMs);
  return {
    fromMs: incident.opened_at - CHART_MARGIN_MS,
    toMs: Math.max(
      incident.opened_at + MINUTE_MS,
      Math.min(incidentEndMs + CHART_MARGIN_MS, nowMs),
    ),
    incidentEndMs,
  };
}

/** One SLO's SLI over the window and the share of its error budget the incident's minutes consumed. */
export function sloChart(
  db: ReadableDb,
  sloName: string,
  incident: IncidentRow,
  window: ChartWindow,
  timeZone: string,
): PostmortemChart {
  const stored = findSlo(db, sloName);
  const base = { slo: sloName, displayName: sloName, objective: null, points: [] };
  if (!stored) return { ...base, budgetConsumed: null, error: 'this SLO no longer exists' };
  if (!stored.spec) return { ...base, budgetConsumed: null, error: stored.error };
  const spec = stored.spec;
  const described = {
    ...base,
    displayName: spec.displayName || sloName,
    objective: spec.objective,
  };
  try {
    const data = new SliData(db);
    const bounds = sloWindowBounds(spec.window, window.incidentEndMs, timeZone);
    const budgetFrom = Math.min(bounds.startMs, window.fromMs);
    const points = data.read(spec, budgetFrom, Math.max(window.toMs, window.incidentEndMs));
    let windowTotal = 0;
    let incidentBad = 0;
    for (const p of points) {
      if (p.t >= bounds.startMs && p.t < window.incidentEndMs) windowTotal += p.total;
      if (p.t >= incident.opened_at && p.t < window.incidentEndMs) incidentBad += p.total - p.good;
    }
    const budget = windowTotal * errorAllowance(spec.objective);
    const bucketMs =
      Math.max(1, Math.ceil((window.toMs - window.fromMs) / MINUTE_MS / MAX_CHART_POINTS)) *
      MINUTE_MS;
    const buckets = new Map<number, { good: number; total: number }>();
    for (const p of points) {
      if (p.t < window.fromMs || p.t >= window.toMs) continue;
      const t = window.fromMs + Math.floor((p.t - window.fromMs) / bucketMs) * bucketMs;
      const b = buckets.get(t) ?? { good: 0, total: 0 };
      b.good += p.good;
      b.total += p.total;
      buckets.set(t, b);
    }
    return {
      ...described,
      points: [...buckets].map(([t, b]) => ({ t, value: b.total > 0 ? b.good / b.total : null })),
      budgetConsumed: budget > 0 ? incidentBad / budget : null,
      error: null,
    };
  } catch (error) {
    return {
      ...described,
      budgetConsumed: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The largest share of any SLO's budget the incident consumed, or null when none could be read. */
export function largestBudgetConsumed(charts: readonly PostmortemChart[]): number | null {
  const known = charts.flatMap((c) => (c.budgetConsumed === null ? [] : [c.budgetConsumed]));
  return known.length === 0 ? null : Math.max(...known);
}
