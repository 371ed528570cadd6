// What operators do with SLOs: list and inspect them, edit, import and export specs, backtest, attach
// an enforcement policy and decide its proposals. Every change is audited in the same transaction.
import { backtestCoverage, backtestSlo } from '../../shared/domain/slo/backtest.ts';
import { evaluateSlo } from '../../shared/domain/slo/evaluate.ts';
import { countedUnits, denseHistory } from '../../shared/domain/slo/history.ts';
import { unknownNameWarnings, type KnownNames } from '../../shared/domain/slo/knownNames.ts';
import { errorBudget } from '../../shared/domain/slo/math.ts';
import type { EnforcementPolicy } from '../../shared/domain/slo/sla.ts';
import type { SloSpec } from '../../shared/domain/slo/spec.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import { minuteOf } from '../../shared/domain/slo/windows.ts';
import type {
  Alert,
  Backtest,
  EnforcementAction,
  SloDetail,
  SloSummary,
} from '../../shared/ipc/contract.ts';
import { appendAudit } from '../audit/index.ts';
import { DomainError } from '../core/errors.ts';
import type { Actor } from '../identity/sessions.ts';
import type { AlertFilter } from './alertRepository.ts';
import type { Enforcer } from './enforcement.ts';
import { listActions } from './enforcementRepository.ts';
import type { SloEvaluator } from './evaluator.ts';
import { checkQueries, exportSlos, importSlos, type SloImportResult } from './catalog.ts';
import { knownNames } from './knownNames.ts';
import {
  deleteSlo,
  findPolicy,
  findSlo,
  renameSlo,
  setPolicy,
  upsertSlo,
} from './sloRepository.ts';
import { SliData } from './sliData.ts';
import type { SliPoint } from './sliSource.ts';
import { summaryOf } from './summary.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** The SLI per bucket (an hour over the window, a minute over the recent hours), null where nothing was counted. */
function bucketedSli(
  points: readonly SliPoint[],
  fromMs: number,
  toMs: number,
  bucketMs: number,
): { t: number; value: number | null }[] {
  const first = fromMs - (fromMs % bucketMs);
  const buckets = Math.max(0, Math.ceil((toMs - first) / bucketMs));
  const good = new Float64Array(buckets);
  const total = new Float64Array(buckets);
  for (const p of points) {
    const b = Math.floor((p.t - first) / bucketMs);
    if (b < 0 || b >= buckets) continue;
    good[b] = good[b]! + p.good;
    total[b] = total[b]! + p.total;
  }
  return Array.from({ length: buckets }, (_, b) => ({
    t: first + b * bucketMs,
    value: total[b]! > 0 ? good[b]! / total[b]! : null,
  }));
}

const hourlySli = (points: readonly SliPoint[], fromMs: number, toMs: number) =>
  bucketedSli(points, fromMs, toMs, HOUR_MS);

/** The detail's close-up: the last hours minute by minute, where an alert or an action's effect shows. */
const RECENT_SLI_HOURS = 6;
const RECENT_MIN_MINUTES = 60;

/** A young service's close-up starts where its data does (but spans at least an hour), not hours of blank axis earlier. */
function recentMinutes(
  points: { t: number; value: number | null }[],
): { t: number; value: number | null }[] {
  const firstWithData = points.findIndex((p) => p.value !== null);
  if (firstWithData < 0) return points.slice(-RECENT_MIN_MINUTES);
  return points.slice(Math.max(0, Math.min(firstWithData, points.length - RECENT_MIN_MINUTES)));
}

export class SloService {
  constructor(
    private readonly evaluator: SloEvaluator,
    private readonly enforcer: Enforcer,
  ) {}

  private get db() {
    return this.evaluator.options.store();
  }

  private now(): Date {
    return this.evaluator.options.clock.now();
  }

  private readRange(spec: SloSpec, fromMs: number, toMs: number): SliPoint[] {
    return new SliData(this.db).read(spec, fromMs, toMs);
  }

  list(): SloSummary[] {
    return this.evaluator.summaries();
  }

  detail(name: string): SloDetail {
    let entry = this.evaluator.entry(name);
    if (!entry) {
      const stored = findSlo(this.db, name);
      entry = stored ? this.evaluator.load(stored) : undefined;
    }
    if (!entry) throw new DomainError('NOT_FOUND', `There is no SLO named "${name}".`);
    const db = this.db;
    const summary = summaryOf(
      entry,
      this.evaluator.alerts({ sloName: name, state: 'firing', limit: 1000 }).length,
    );
    const base = {
      summary,
      spec: entry.stored.spec,
      policy: findPolicy(db, name),
      alerts: this.evaluator.alerts({ sloName: name, limit: 200 }),
      actions: listActions(db, name),
    };
    const status = entry.status;
    const spec = entry.stored.spec;
    if (!status || !spec)
      return {
        ...base,
        windowStart: null,
        windowEnd: null,
        budget: null,
        sli: [],
        recentSli: [],
        burnDown: [],
        burnRates: [],
      };

    const { startMs, endMs } = status.window;
    let sli: SloDetail['sli'] = [];
    let recentSli: SloDetail['recentSli'] = [];
    let burnDown: SloDetail['burnDown'] = [];
    try {
      const points = this.readRange(spec, startMs, endMs);
      sli = hourlySli(points, startMs, endMs);
      recentSli = recentMinutes(
        bucketedSli(
          points,
          Math.max(startMs, endMs - RECENT_SLI_HOURS * HOUR_MS),
          endMs,
          MINUTE_MS,
        ),
      );
      burnDown = this.burnDown(spec, points, startMs, endMs);
    } catch (error) {
      summary.error = error instanceof Error ? error.message : String(error);
    }
    return {
      ...base,
      summary,
      windowStart: iso(startMs),
      windowEnd: iso(endMs),
      budget: {
        total: status.budget.total,
        consumed: status.budget.consumed,
        remaining: status.budget.remaining,
        unit: status.unit === 'events' ? 'events' : 'minutes',
      },
      sli,
      recentSli,
      burnDown,
      burnRates: status.burnRates.map((r) => ({
        severity: r.severity,
        longMinutes: r.longMinutes,
        shortMinutes: r.shortMinutes,
        budgetFraction: r.budgetFraction,
        threshold: r.threshold,
        long: r.longBurnRate,
        short: r.shortBurnRate,
        isGuarded: !r.hasEnoughTraffic,
        observedMinutes: r.observedMinutes,
        effectiveThreshold: Number.isFinite(r.effectiveThreshold) ? r.effectiveThreshold : null,
      })),
    };
  }

  /** Budget left at the end of each hour of the window, counted as the tracker counts (slices judged). */
  private burnDown(
    spec: SloSpec,
    points: readonly SliPoint[],
    startMs: number,
    endMs: number,
  ): SloDetail['burnDown'] {
    const plan = this.evaluator.plan(spec);
    const lastMinute = minuteOf(endMs) - 1;
    const dense = denseHistory(
      plan,
      points.filter((p) => p.t >= startMs),
      lastMinute,
    );
    if (!dense) return [];
    const units = countedUnits(plan, dense);
    const out: SloDetail['burnDown'] = [];
    let good = 0;
    let total = 0;
    for (let i = 0; i < units.total.length; i++) {
      good += units.good[i]!;
      total += units.total[i]!;
      const t = (dense.firstMinute + i + 1) * MINUTE_MS;
      if (t % HOUR_MS === 0 || i === units.total.length - 1) {
        out.push({
          t,
          value:
            total > 0
              ? errorBudget({ objective: spec.objective, good, total }).remainingFraction
              : null,
        });
      }
    }
    return out;
  }

  save(spec: SloSpec, previousName: string | undefined, actor: Actor): SloSummary {
    checkQueries(spec);
    const db = this.db;
    const now = this.now();
    const renaming = previousName !== undefined && previousName !== spec.name;
    db.transaction(() => {
      if (renaming) {
        if (!findSlo(db, previousName))
          throw new DomainError('NOT_FOUND', `There is no SLO named "${previousName}".`);
        if (findSlo(db, spec.name))
          throw new DomainError('CONFLICT', `An SLO named "${spec.name}" already exists.`);
        renameSlo(db, previousName, spec.name);
      }
      const { created } = upsertSlo(db, spec, actor.username, now);
      appendAudit(
        db,
        {
          actor: actor.username,
          role: actor.role,
          action: created ? 'slo.create' : 'slo.update',
          target: `slo:${spec.name}`,
          outcome: 'success',
          details: { spec, ...(renaming ? { renamedFrom: previousName } : {}) },
        },
        now,
      );
    })();
    if (renaming) this.evaluator.forget(previousName);
    const entry = this.evaluator.load(findSlo(db, spec.name)!);
    this.evaluator.options.events.emit('slo.changed', {
      names: [spec.name],
      isAlertsChanged: false,
    });
    return summaryOf(entry, 0);
  }

  remove(name: string, actor: Actor): void {
    const db = this.db;
    const now = this.now();
    db.transaction(() => {
      if (!deleteSlo(db, name))
        throw new DomainError('NOT_FOUND', `There is no SLO named "${name}".`);
      appendAudit(
        db,
        {
          actor: actor.username,
          role: actor.role,
          action: 'slo.delete',
          target: `slo:${name}`,
          outcome: 'success',
        },
        now,
      );
    })();
    this.evaluator.forget(name);
    this.evaluator.options.events.emit('slo.changed', { names: [name], isAlertsChanged: false });
  }

  knownNames(): KnownNames {
    return knownNames(this.db);
  }

  backtest(spec: SloSpec, days: number): Backtest {
    checkQueries(spec);
    const plan = this.evaluator.plan(spec);
    const toMs = this.now().getTime() - (this.now().getTime() % MINUTE_MS);
    const fromMs = toMs - days * DAY_MS;
    // Earlier minutes prime the alert windows so the first day is judged like any other.
    const primeMinutes = Math.max(...plan.lengths);
    let points: SliPoint[];
    try {
      points = this.readRange(spec, fromMs - primeMinutes * MINUTE_MS, toMs);
    } catch (error) {
      throw new DomainError('BAD_REQUEST', error instanceof Error ? error.message : String(error));
    }
    const timeZone = this.evaluator.options.timeZone();
    const intervals = backtestSlo(spec, points, { fromMs, toMs, timeZone });
    const seen = backtestCoverage(points, fromMs, toMs);
    // A query on a metric nobody reports counts nothing, and nothing counted is no data, not 100 %.
    const isBlind = unknownNameWarnings(spec, knownNames(this.db)).length > 0;
    const inRange = isBlind ? [] : points.filter((p) => p.t >= fromMs);
    // The backtest judges its own span, so a 30-day window over 30 days reads as the SLO would have.
    const status =
      inRange.length > 0
        ? evaluateSlo(
            {
              ...spec,
              window: {
                type: 'rolling',
                days: days <= 7 ? 7 : days <= 14 ? 14 : days <= 28 ? 28 : 30,
              },
            },
            inRange,
            toMs,
            { timeZone },
          )
        : null;
    return {
      from: iso(fromMs),
      to: iso(toMs),
      attainment: status?.attainment ?? null,
      budgetConsumed: status && status.total > 0 ? status.budget.consumedFraction : null,
      coverage: {
        since: seen.sinceMs === null ? null : iso(seen.sinceMs),
        observedMinutes: seen.observedMinutes,
        spanMinutes: seen.spanMinutes,
      },
      sli: hourlySli(inRange, fromMs, toMs),
      alerts: intervals.map((a) => ({
        severity: a.severity,
        start: iso(a.startMs),
        end: a.endMs === null ? null : iso(a.endMs),
        peakBurnRate: a.peakBurnRate ?? 0,
      })),
    };
  }

  importText(text: string, dryRun: boolean, actor: Actor): SloImportResult {
    const db = this.db;
    const result = importSlos(db, text, {
      dryRun,
      actor,
      now: this.now(),
      timeZone: this.evaluator.options.timeZone(),
    });
    if (!dryRun && result.slos.length > 0) {
      for (const { name } of result.slos) this.evaluator.load(findSlo(db, name)!);
      this.evaluator.options.events.emit('slo.changed', {
        names: result.slos.map((s) => s.name),
        isAlertsChanged: false,
      });
    }
    return result;
  }

  exportYaml(names: string[] | undefined): { yaml: string; count: number } {
    return exportSlos(this.db, names);
  }

  setPolicy(name: string, policy: EnforcementPolicy | null, actor: Actor): void {
    const db = this.db;
    const now = this.now();
    db.transaction(() => {
      const slo = findSlo(db, name);
      if (!slo) throw new DomainError('NOT_FOUND', `There is no SLO named "${name}".`);
      if (policy) this.enforcer.checkPolicy(policy);
      setPolicy(db, slo.id, policy, actor.username, now);
      appendAudit(
        db,
        {
          actor: actor.username,
          role: actor.role,
          action: 'slo.setPolicy',
          target: `slo:${name}`,
          outcome: 'success',
          details: { policy },
        },
        now,
      );
    })();
    this.evaluator.options.events.emit('slo.changed', { names: [name], isAlertsChanged: false });
  }

  decide(actionId: number, approve: boolean, actor: Actor): Promise<EnforcementAction> {
    return this.enforcer.decide(actionId, approve, actor);
  }

  alerts(filter: AlertFilter): Alert[] {
    return this.evaluator.alerts(filter);
  }
}
