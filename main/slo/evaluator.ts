// SLO evaluation: one incremental tracker per SLO, fed each cycle with the minutes that completed since
// the last one (and the few before, which late telemetry may still change). Each cycle writes the alert
// stream in one transaction, hands newly firing alerts to enforcement and tells the renderer.
import { planSlo } from '../../shared/domain/slo/plan.ts';
import { SloTracker } from '../../shared/domain/slo/tracker.ts';
import { sloWindowBounds } from '../../shared/domain/slo/windows.ts';
import type { SloStatus } from '../../shared/domain/slo/status.ts';
import { missingPart, type SloSpec } from '../../shared/domain/slo/spec.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { Alert, SloSummary } from '../../shared/ipc/contract.ts';
import type { Logger } from '../log.ts';
import type { Clock } from '../core/clock.ts';
import type { EventBus } from '../core/events.ts';
import type { WritableDb } from '../store/types.ts';
import {
  countFiring,
  listAlerts,
  observeRule,
  type AlertFilter,
  type RuleObservation,
} from './alertRepository.ts';
import type { Enforcer } from './enforcement.ts';
import { findPolicy, listSlos, type StoredSlo } from './sloRepository.ts';
import { SliData } from './sliData.ts';
import type { SliPoint } from './sliSource.ts';
import { summaryOf } from './summary.ts';
import { RecentMinutes } from './recentMinutes.ts';

export interface SloConfig {
  evaluateEveryMs: number;
  /** Minutes re-read every cycle because late telemetry (a resent spool) may still change them. */
  lateMinutes: number;
}

const DEFAULT_SLO_CONFIG: SloConfig = { evaluateEveryMs: MINUTE_MS, lateMinutes: 5 };

/** One SLO as the evaluator holds it. */
export interface SloEntry {
  stored: StoredSlo;
  tracker: SloTracker | null;
  status: SloStatus | null;
  /** Why it cannot be evaluated (invalid spec, failing query). */
  error: string | null;
  recent: RecentMinutes;
  evaluatedAtMs: number | null;
}

export interface SloEvaluatorOptions {
  store: () => WritableDb;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  timeZone: () => string;
  enforcer: Enforcer;
  config?: Partial<SloConfig>;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** SLOs reading the same data, each from its own first minute. */
interface ReadGroup {
  spec: SloSpec;
  to: number;
  members: { entry: SloEntry; from: number }[];
}

/** The points at or after `from` (points are sorted by time). */
function pointsFrom(points: readonly SliPoint[], from: number): readonly SliPoint[] {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < from) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? points : points.slice(lo);
}
const minuteFloor = (ms: number) => ms - (ms % MINUTE_MS);

/**
 * The window pair an alert reports: of the severity's pairs, one burning in both windows beats one that
 * is not, then the one furthest over its own threshold (two pairs can show the same burn rate while only
 * the longer one, with its lower threshold, crosses it). While a long window is not yet covered by
 * data its raised threshold is the one that counts, and the one the alert reports.
 */
function hardestRow(status: SloStatus, severity: string) {
  const rows = status.burnRates.filter((r) => r.severity === severity);
  const overThreshold = (r: (typeof rows)[number]) => (r.longBurnRate ?? -1) / r.effectiveThreshold;
  return rows.reduce(
    (a, b) =>
      (Number(b.isBurning) - Number(a.isBurning) || overThreshold(b) - overThreshold(a)) > 0
        ? b
        : a,
    rows[0]!,
  );
}

/**
 * What the views show of an SLO's evaluation, in one comparable string. When it moves (a new minute
 * counted, a late correction, a new status or error) the cycle names the SLO in slo.changed, so an
 * open detail refetches; an unchanged status alone would leave its figures and charts stale.
 */
function viewKey(entry: SloEntry): string {
  const s = entry.status;
  return s ? `${s.status}|${s.window.endMs}|${s.good}|${s.total}` : `error|${entry.error ?? ''}`;
}

export class SloEvaluator {
  readonly config: SloConfig;
  private entries = new Map<string, SloEntry>();
  private timer: NodeJS.Timeout | null = null;
  private cycle: Promise<void> | null = null;
  private isLoaded = false;

  constructor(readonly options: SloEvaluatorOptions) {
    this.config = { ...DEFAULT_SLO_CONFIG, ...options.config };
  }

  start(): void {
    if (this.timer) return;
    const run = () =>
      void this.evaluateNow().catch((error: unknown) =>
        this.options.logger.error('slo: evaluation cycle failed', { error: String(error) }),
      );
    this.timer = setInterval(run, this.config.evaluateEveryMs);
    this.timer.unref();
    run();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.entries.clear();
    this.isLoaded = false;
  }

  entry(name: string): SloEntry | undefined {
    return this.entries.get(name);
  }

  allEntries(): SloEntry[] {
    return [...this.entries.values()];
  }

  /** Runs one cycle now (or joins the one running); the first also loads every SLO's history. */
  evaluateNow(): Promise<void> {
    this.cycle ??= this.runCycle().finally(() => {
      this.cycle = null;
    });
    return this.cycle;
  }

  /** A reader over the open store; the series cache it reads through lives in main/telemetry, per connection. */
  private sliData(): SliData {
    return new SliData(this.options.store());
  }

  /** Builds (or rebuilds after an edit) one SLO's tracker from its stored history. */
  load(stored: StoredSlo): SloEntry {
    const entry = this.newEntry(stored);
    for (const group of this.groupsOf([entry], true)) this.feedGroup(group);
    return entry;
  }

  forget(name: string): void {
    this.entries.delete(name);
  }

  private newEntry(stored: StoredSlo): SloEntry {
    const entry: SloEntry = {
      stored,
      tracker: null,
      status: null,
      error: stored.error,
      recent: new RecentMinutes(),
      evaluatedAtMs: null,
    };
    this.entries.set(stored.name, entry);
    return entry;
  }

  private fail(entry: SloEntry, error: unknown): void {
    entry.error = error instanceof Error ? error.message : String(error);
    entry.status = null;
    this.options.logger.warn('slo: evaluation failed', {
      slo: entry.stored.name,
      error: entry.error,
    });
  }

  /**
   * SLOs that read the same indicator of the same model service (twenty objectives and windows over one
   * service's requests) share one read per cycle: from the earliest minute any of them needs.
   */
  private groupsOf(entries: readonly SloEntry[], isFirst: boolean): ReadGroup[] {
    const to = minuteFloor(this.options.clock.now().getTime());
    const groups = new Map<string, ReadGroup>();
    for (const entry of entries) {
      const spec = entry.stored.spec;
      if (!spec) continue;
      // Valid but not evaluable yet (an imported spec with no query): said in its row, not logged each cycle.
      const missing = missingPart(spec.indicator);
      if (missing !== null) {
        entry.error = missing;
        entry.status = null;
        continue;
      }
      try {
        entry.tracker ??= new SloTracker(spec, { timeZone: this.options.timeZone() });
        const tracker = entry.tracker;
        // A fresh tracker reads its whole history (window or longest alert window); a running one the last few minutes.
        const from =
          isFirst || tracker.countedUntilMs === null
            ? to -
              Math.max(
                ...tracker.plan.lengths,
                sloWindowBounds(spec.window, to, tracker.plan.timeZone).lengthMinutes,
              ) *
                MINUTE_MS
            : tracker.countedUntilMs - this.config.lateMinutes * MINUTE_MS;
        const key = JSON.stringify([spec.indicator, spec.service]);
        const group = groups.get(key) ?? { spec, to, members: [] };
        group.members.push({ entry, from });
        groups.set(key, group);
      } catch (error) {
        this.fail(entry, error);
      }
    }
    return [...groups.values()];
  }

  private feedGroup(group: ReadGroup): void {
    const nowMs = this.options.clock.now().getTime();
    const from = Math.min(...group.members.map((m) => m.from));
    let points: SliPoint[];
    try {
      points = this.sliData().read(group.spec, from, group.to);
    } catch (error) {
      for (const m of group.members) {
        this.fail(m.entry, error);
        m.entry.evaluatedAtMs = nowMs;
      }
      return;
    }
    for (const { entry, from: memberFrom } of group.members) {
      try {
        const mine = pointsFrom(points, memberFrom);
        entry.tracker!.ingest(mine);
        entry.recent.record(mine);
        entry.status = entry.tracker!.evaluate(group.to);
        entry.error = null;
      } catch (error) {
        this.fail(entry, error);
      }
      entry.evaluatedAtMs = nowMs;
    }
  }

  private async runCycle(): Promise<void> {
    const { store, logger, events } = this.options;
    let db: WritableDb;
    try {
      db = store();
    } catch {
      return; // the store is locked: nothing to evaluate
    }
    const isFirst = !this.isLoaded;
    if (isFirst) {
      for (const stored of listSlos(db)) this.newEntry(stored);
      this.isLoaded = true;
    }
    const before = new Map([...this.entries].map(([name, e]) => [name, viewKey(e)]));
    let i = 0;
    for (const group of this.groupsOf([...this.entries.values()], isFirst)) {
      this.feedGroup(group);
      // A thousand SLOs must not hold the event loop (and the UI's calls) for the whole cycle.
      if (++i % 10 === 0) await yieldToLoop();
    }
    const changed = [...this.entries]
      .filter(([name, e]) => viewKey(e) !== before.get(name))
      .map(([name]) => name);
    let isAlertsChanged = false;
    try {
      isAlertsChanged = this.recordAlerts(db);
    } catch (error) {
      logger.error('slo: writing alerts failed', { error: String(error) });
    }
    events.emit('slo.changed', { names: changed, isAlertsChanged });
  }

  /** Writes every rule's state to the alert stream in one transaction; enforcement runs after commit. */
  private recordAlerts(db: WritableDb): boolean {
    const nowMs = this.options.clock.now().getTime();
    const firing: { sloName: string; alertId: number; severity: 'page' | 'ticket' }[] = [];
    let isChanged = false;
    db.transaction(() => {
      for (const entry of this.entries.values()) {
        if (!entry.status) continue;
        for (const alert of entry.status.alerts) {
          const row = hardestRow(entry.status, alert.severity);
          const state =
            alert.state === 'pending' || alert.state === 'firing' ? alert.state : 'inactive';
          const burn = alert.burnRate ?? 0;
          const threshold = Number.isFinite(row.effectiveThreshold)
            ? row.effectiveThreshold
            : row.threshold;
          const observation: RuleObservation = {
            fingerprint: alert.fingerprint,
            sloName: alert.sloName,
            severity: alert.severity,
            state,
            summary: `${entry.stored.spec?.displayName || alert.sloName}: error budget burning ${burn.toFixed(1)}× too fast (${row.longMinutes} min / ${row.shortMinutes} min windows, threshold ${Number(threshold.toFixed(2))})`,
            labels: alert.labels,
            longMinutes: row.longMinutes,
            shortMinutes: row.shortMinutes,
            threshold,
            burnRateLong: row.longBurnRate ?? 0,
            burnRateShort: row.shortBurnRate ?? 0,
          };
          const change = observeRule(db, observation, nowMs);
          if (!change) continue;
          isChanged = true;
          if (change.isNewlyFiring)
            firing.push({
              sloName: alert.sloName,
              alertId: change.alertId,
              severity: alert.severity,
            });
        }
      }
    })();
    for (const f of firing)
      this.options.enforcer.onFiring(f.sloName, f.alertId, f.severity, findPolicy(db, f.sloName));
    return isChanged;
  }

  summaries(): SloSummary[] {
    const db = this.options.store();
    const firing = countFiring(db);
    return this.allEntries()
      .map((e) => summaryOf(e, firing.get(e.stored.name) ?? 0))
      .sort(
        (a, b) =>
          (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity) ||
          a.name.localeCompare(b.name),
      );
  }

  alerts(filter: AlertFilter): Alert[] {
    return listAlerts(this.options.store(), filter);
  }

  /** The plan of a spec with this site's options (for views that count like the tracker). */
  plan(spec: SloSpec) {
    return planSlo(spec, { timeZone: this.options.timeZone() });
  }
}
