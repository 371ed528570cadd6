// SLAs and their compliance reports: attainment of each SLO over a calendar period (maintenance
// left out), the verdict against the SLA's target, the credit owed and the breaches (firing alerts).
// Exports are written as PDF, CSV and HTML with the signed checkpoint file beside them, stamped with a fresh audit checkpoint and audited.
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { evaluateSlo } from '../../shared/domain/slo/evaluate.ts';
import { parsePeriod, type Period } from '../../shared/domain/slo/period.ts';
import { serviceCreditFor, type SlaSpec } from '../../shared/domain/slo/sla.ts';
import type { SloSpec } from '../../shared/domain/slo/spec.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { SlaReport, SlaSummary } from '../../shared/ipc/contract.ts';
import { appendAudit, createCheckpoint } from '../audit/index.ts';
import { incidentsForServices } from '../incidents/incidentRepository.ts';
import { DomainError } from '../core/errors.ts';
import { alertsBetween } from '../slo/alertRepository.ts';
import { deleteSla, findSla, listSlas, upsertSla, type StoredSla } from '../slo/slaRepository.ts';
import type { ReadableDb } from '../store/types.ts';
import { listHostRecords } from '../fleet/hosts.ts';
import { SliData } from '../slo/sliData.ts';
import type { SliPoint } from '../slo/sliSource.ts';
import { findSlo } from '../slo/sloRepository.ts';
import { auditExport, type ReportActor, type ReportExportOptions } from './reportExportFiles.ts';

export type SlaReportsOptions = ReportExportOptions;
export type { ReportActor };

export interface SlaReportRequest {
  /** Count simulated (demo) hosts' data too; the report then says SIMULATED DATA on every page. */
  includeSimulated?: boolean;
}

/** SLI data from real hosts only, or (when asked) from every host. */
function sliData(db: ReadableDb, includeSimulated: boolean): SliData {
  if (includeSimulated) return new SliData(db);
  const simulated = new Set(listHostRecords(db).flatMap((h) => (h.simulated ? [h.id] : [])));
  return new SliData(db, (series) => !simulated.has(series.hostId));
}

const hasData = (spec: SloSpec, data: SliData, fromMs: number, toMs: number): boolean => {
  try {
    return data.read(spec, fromMs, toMs).some((p) => p.total > 0);
  } catch {
    return false;
  }
};

function toSummary(s: StoredSla): SlaSummary {
  return {
    name: s.name,
    displayName: s.spec?.displayName || s.name,
    customer: s.spec?.customer ?? '',
    target: s.spec?.target ?? null,
    period: s.spec?.period ?? '',
    slos: s.spec?.slos ?? [],
    spec: s.spec,
    error: s.error,
  };
}

/** SLI per local day of the period (good/total summed within the day). */
function dailySli(
  points: readonly SliPoint[],
  period: Period,
  timeZone: string,
): { t: number; value: number | null }[] {
  const days: { t: number; end: number; good: number; total: number }[] = [];
  for (let day = new TZDate(period.fromMs, timeZone); day.getTime() < period.toMs;) {
    const next = new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + 1, timeZone);
    days.push({ t: day.getTime(), end: next.getTime(), good: 0, total: 0 });
    day = next;
  }
  let d = 0;
  for (const p of points) {
    while (d < days.length && p.t >= days[d]!.end) d++;
    const bucket = days[d];
    if (!bucket || p.t < bucket.t) continue;
    bucket.good += p.good;
    bucket.total += p.total;
  }
  return days.map((x) => ({ t: x.t, value: x.total > 0 ? x.good / x.total : null }));
}

export class SlaReports {
  constructor(private readonly options: SlaReportsOptions) {}

  private get db() {
    return this.options.store();
  }

  list(): SlaSummary[] {
    return listSlas(this.db).map(toSummary);
  }

  save(spec: SlaSpec, actor: ReportActor): SlaSummary {
    const db = this.db;
    const now = this.options.clock.now();
    const missing = spec.slos.filter((name) => !findSlo(db, name));
    if (missing.length > 0)
      throw new DomainError(
        'BAD_REQUEST',
        `slos: there is no SLO named ${missing.map((n) => `"${n}"`).join(', ')}`,
      );
    db.transaction(() => {
      const { created } = upsertSla(db, spec, actor.username, now);
      appendAudit(
        db,
        {
          actor: actor.username,
          role: actor.role,
          action: created ? 'sla.create' : 'sla.update',
          target: `sla:${spec.name}`,
          outcome: 'success',
          details: { spec },
        },
        now,
      );
    })();
    return toSummary(findSla(db, spec.name)!);
  }

  remove(name: string, actor: ReportActor): void {
    const db = this.db;
    const now = this.options.clock.now();
    db.transaction(() => {
      if (!deleteSla(db, name))
        throw new DomainError('NOT_FOUND', `There is no SLA named "${name}".`);
      appendAudit(
        db,
        {
          actor: actor.username,
          role: actor.role,
          action: 'sla.delete',
          target: `sla:${name}`,
          outcome: 'success',
        },
        now,
      );
    })();
  }

  report(name: string, periodLabel: string, request: SlaReportRequest = {}): SlaReport {
    const isSimulated = request.includeSimulated === true;
    const db = this.db;
    const stored = findSla(db, name);
    if (!stored) throw new DomainError('NOT_FOUND', `There is no SLA named "${name}".`);
    if (!stored.spec)
      throw new DomainError('CONFLICT', stored.error ?? 'The stored SLA is invalid.');
    const sla = stored.spec;
    const timeZone = this.options.timeZone();
    const period = parsePeriod(periodLabel, timeZone);
    if (!period) throw new DomainError('BAD_REQUEST', 'period: use YYYY-MM or YYYY-Qn');
    const nowMs = this.options.clock.now().getTime();
    // A period still running is reported up to the last complete minute.
    const endMs = Math.min(period.toMs, nowMs - (nowMs % MINUTE_MS));
    if (endMs <= period.fromMs)
      throw new DomainError('BAD_REQUEST', `period: ${periodLabel} has not started yet`);
    const maintenance = sla.maintenance
      .map((w) => ({ startMs: Date.parse(w.start), endMs: Date.parse(w.end), reason: w.reason }))
      .filter((w) => w.endMs > period.fromMs && w.startMs < endMs);
    const maintenanceMinutes = maintenance.reduce(
      (n, w) => n + (Math.min(w.endMs, endMs) - Math.max(w.startMs, period.fromMs)) / MINUTE_MS,
      0,
    );
    const data = sliData(db, isSimulated);
    const specs = sla.slos.flatMap((n) => findSlo(db, n)?.spec ?? []);
    // A real report never counts demo hosts; where they are all there is, say so instead of "No data".
    if (
      !isSimulated &&
      !specs.some((spec) => hasData(spec, data, period.fromMs, endMs)) &&
      specs.some((spec) => hasData(spec, sliData(db, true), period.fromMs, endMs))
    )
      throw new DomainError(
        'SIMULATED_DATA_ONLY',
        `Only simulated (demo) hosts have data for the SLOs of SLA "${name}" in ${periodLabel}, and real reports leave simulated hosts out. To see one anyway, include simulated data (the console's option, or mirqab report sla --include-simulated): it is marked SIMULATED DATA on every page.`,
      );

    const slos = sla.slos.map((sloName) => {
      const slo = findSlo(db, sloName);
      const empty = {
        name: sloName,
        displayName: sloName,
        objective: null,
        attainment: null,
        budgetConsumed: null,
        isMet: null,
        daily: [],
        breaches: [],
      };
      if (!slo) return { ...empty, error: 'this SLO no longer exists' };
      if (!slo.spec) return { ...empty, error: slo.error };
      const spec = slo.spec;
      try {
        const points = data.read(spec, period.fromMs, endMs);
        const periodSpec = { ...spec, window: { type: 'calendar' as const, unit: sla.period } };
        const status = evaluateSlo(periodSpec, points, endMs, { timeZone, maintenance });
        const attainment = status.total > 0 ? status.attainment : null;
        const breaches = alertsBetween(db, sloName, period.fromMs, endMs)
          .filter((a) => a.firingAt !== null)
          .map((a) => ({
            severity: a.severity,
            start: a.firingAt!,
            end: a.resolvedAt,
            alertId: a.id,
          }));
        const inMaintenance = (t: number) => maintenance.some((w) => t >= w.startMs && t < w.endMs);
        return {
          name: sloName,
          displayName: spec.displayName || sloName,
          objective: spec.objective,
          attainment,
          budgetConsumed: status.total > 0 ? status.budget.consumedFraction : null,
          isMet: attainment === null ? null : attainment >= sla.target,
          error: null,
          daily: dailySli(
            points.filter((p) => !inMaintenance(p.t)),
            { ...period, toMs: endMs },
            timeZone,
          ),
          breaches,
        };
      } catch (error) {
        return {
          ...empty,
          displayName: spec.displayName || sloName,
          objective: spec.objective,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    });
    const services = sla.slos.flatMap((name) => findSlo(db, name)?.spec?.service.model ?? []);
    const incidents = incidentsForServices(db, [...new Set(services)], period.fromMs, endMs);
    const judged = slos.filter((s) => s.isMet !== null);
    const isMet = judged.length === 0 ? null : judged.every((s) => s.isMet);
    const worst = judged.reduce((m, s) => Math.min(m, s.attainment ?? 1), 1);
    return {
      sla: sla.name,
      displayName: sla.displayName || sla.name,
      customer: sla.customer,
      period: periodLabel,
      from: new Date(period.fromMs).toISOString(),
      to: new Date(period.toMs).toISOString(),
      timeZone,
      target: sla.target,
      attainment: judged.length === 0 ? null : worst,
      isMet,
      creditPercent: isMet === false ? serviceCreditFor(sla.credits, worst) : 0,
      maintenanceMinutes: Math.round(maintenanceMinutes),
      isSimulated,
      maintenance: maintenance.map((w) => ({
        start: new Date(w.startMs).toISOString(),
        end: new Date(w.endMs).toISOString(),
        reason: w.reason,
      })),
      slos,
      incidents,
      generatedAt: new Date(nowMs).toISOString(),
    };
  }

  /** Writes the report under <data>/exports, stamped with the audit checkpoint signed just before. */
  async exportReport(
    name: string,
    periodLabel: string,
    actor: ReportActor,
    language: 'en' | 'ar' = 'en',
    request: SlaReportRequest = {},
  ) {
    const report = this.report(name, periodLabel, request);
    const db = this.db;
    const now = this.options.clock.now();
    const checkpoint = createCheckpoint(db, now);
    const stamp = {
      siteName: this.options.siteName(),
      checkpoint,
      generatedBy: actor.username,
      language,
    };
    const dir = this.options.exportDir ?? join(this.options.dataDir, 'exports', 'reports');
    // Loaded on first export: the renderer (ECharts server-side) is large and most sessions never export.
    const { exportSlaReport } = await import('./exportSlaReport.ts');
    const written = await exportSlaReport({ report, stamp, dir, printer: this.options.printer });
    return auditExport(db, this.options.clock.now(), {
      actor,
      action: 'sla.export',
      target: `sla:${name}`,
      details: { period: periodLabel, language, includesSimulated: report.isSimulated },
      directory: written.directory,
      files: written.files,
      checkpoint,
    });
  }
}
