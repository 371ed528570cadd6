// How one SLO is counted, worked out once from its spec: the budgeting unit, how a time slice is judged,
// which window lengths need running sums, and the alert rules with their traffic guards.
import {
  alertFingerprint,
  alertLabels,
  alertWindowShapes,
  resolveAlertWindows,
  SEVERITY_ORDER,
  type ResolvedAlertWindow,
} from './alertWindows.ts';
import { errorAllowance } from './math.ts';
import type { AlertSeverity, AlertWindow, BudgetingMethod, SloSpec } from './spec.ts';
import { MINUTE_MS } from '../time.ts';
import {
  DEFAULT_TIME_ZONE,
  MaintenanceSchedule,
  sloWindowBounds,
  type MaintenanceInterval,
} from './windows.ts';

export interface EvaluationOptions {
  /** IANA zone of the site, for calendar windows; Asia/Dubai when absent. */
  timeZone?: string;
  /** Declared maintenance: minutes inside count for nothing and fire no alert. */
  maintenance?: readonly MaintenanceInterval[];
  /** Minutes a burn-rate condition must hold before it fires; 0 fires at once (the short window already debounces). */
  forMinutes?: number;
  /** Below this share of budget left an SLO is "at risk"; 0.25 unless given. */
  atRiskRemainingFraction?: number;
}

export type BudgetUnit = 'events' | 'slices';

/** One long/short pair of a rule, pointing at the running sums it reads. */
export interface RulePair {
  /** Index into the SLO's resolved alert windows (and their thresholds). */
  windowIndex: number;
  /** Indexes into `SloPlan.lengths`. */
  longIdx: number;
  shortIdx: number;
  /** The long window's length in minutes (how much data it needs before it is covered). */
  longMinutes: number;
  /** Low-traffic guard: the long window must count at least this many events (or slices). */
  minUnits: number;
}

/** One alert per severity: it fires when any of its pairs burns above threshold in both windows. */
export interface PlannedRule {
  severity: AlertSeverity;
  fingerprint: string;
  labels: Record<string, string>;
  pairs: RulePair[];
}

export interface SloPlan {
  spec: SloSpec;
  /** 1 − objective. */
  allowance: number;
  unit: BudgetUnit;
  /** Minutes per judged slice; 1 for Occurrences, where every minute counts as it is. */
  sliceMinutes: number;
  timeZone: string;
  maintenance: MaintenanceSchedule;
  forMs: number;
  atRiskRemainingFraction: number;
  /** Distinct window lengths (minutes) that need running sums: every alert window and the last hour. */
  lengths: readonly number[];
  /** Index in `lengths` of the last hour, the "current" burn rate behind time-to-exhaustion. */
  hourIdx: number;
  /** One pair per resolved alert window, in the same order (also when alerting is off, for the burn-rate view). */
  pairs: RulePair[];
  rules: PlannedRule[];
  /** The alert windows with thresholds for an SLO window of this many minutes (cached: calendar lengths vary). */
  windowsFor(sloWindowMinutes: number): {
    windows: ResolvedAlertWindow[];
    thresholds: Float64Array;
  };
  /** A slice's contribution to good: see `sliceScore`. */
  scoreSlice(good: number, total: number): number;
}

export const DEFAULT_AT_RISK_REMAINING_FRACTION = 0.25;
/** The window behind the "current" burn rate: the Workbook's fastest page window. */
export const CURRENT_BURN_MINUTES = 60;

export function budgetUnit(method: BudgetingMethod): BudgetUnit {
  return method === 'Occurrences' ? 'events' : 'slices';
}

/**
 * Judges one slice from the good/total of its minutes (OpenSLO v1): Timeslices scores 1 when the slice
 * reaches `target`, else 0; RatioTimeslices scores the slice's own good/total. NaN when it has no data.
 */
export function sliceScore(
  method: BudgetingMethod,
  good: number,
  total: number,
  target: number,
): number {
  if (!(total > 0)) return NaN;
  const ratio = good / total;
  return method === 'RatioTimeslices' ? ratio : ratio >= target ? 1 : 0;
}

export function planSlo(spec: SloSpec, options: EvaluationOptions = {}): SloPlan {
  const method = spec.budgetingMethod;
  const unit = budgetUnit(method);
  const sliceMinutes = unit === 'events' ? 1 : spec.timeSliceMinutes;
  // Pre-judged minutes (threshold indicators) with no target: a slice is good only when all its minutes are.
  const sliceTarget = spec.timeSliceTarget ?? 1;
  const shapes = alertWindowShapes(spec);

  const lengths: number[] = [];
  const indexOf = (minutes: number): number => {
    const at = lengths.indexOf(minutes);
    if (at >= 0) return at;
    lengths.push(minutes);
    return lengths.length - 1;
  };
  const hourIdx = indexOf(CURRENT_BURN_MINUTES);
  const pairs = shapes.map((w, windowIndex) =>
    pairOf(w, windowIndex, indexOf, sliceMinutes, unit, spec.alerting.minEvents),
  );
  const rules: PlannedRule[] = !spec.alerting.isEnabled
    ? []
    : SEVERITY_ORDER.flatMap((severity) => {
        const mine = shapes.flatMap((w, i) => (w.severity === severity ? [i] : []));
        if (mine.length === 0) return [];
        const fingerprint = alertFingerprint(
          spec.name,
          severity,
          mine.map((i) => shapes[i]!),
        );
        return [
          {
            severity,
            fingerprint,
            labels: alertLabels(spec, severity),
            pairs: mine.map((i) => pairs[i]!),
          },
        ];
      });

  const cache = new Map<number, { windows: ResolvedAlertWindow[]; thresholds: Float64Array }>();
  return {
    spec,
    allowance: errorAllowance(spec.objective),
    unit,
    sliceMinutes,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    maintenance: new MaintenanceSchedule(options.maintenance),
    forMs: Math.max(0, options.forMinutes ?? 0) * MINUTE_MS,
    atRiskRemainingFraction: options.atRiskRemainingFraction ?? DEFAULT_AT_RISK_REMAINING_FRACTION,
    lengths,
    hourIdx,
    pairs,
    rules,
    windowsFor(sloWindowMinutes) {
      let entry = cache.get(sloWindowMinutes);
      if (entry === undefined) {
        const windows = resolveAlertWindows(shapes, sloWindowMinutes);
        entry = { windows, thresholds: Float64Array.from(windows, (w) => w.threshold) };
        cache.set(sloWindowMinutes, entry);
      }
      return entry;
    },
    scoreSlice: (good, total) => sliceScore(method, good, total, sliceTarget),
  };
}

function pairOf(
  w: AlertWindow,
  windowIndex: number,
  indexOf: (minutes: number) => number,
  sliceMinutes: number,
  unit: BudgetUnit,
  minEvents: number,
): RulePair {
  // A long window holds at most longMinutes / sliceMinutes slices; a higher guard would silence it for ever.
  const minUnits =
    unit === 'events' ? minEvents : Math.min(minEvents, Math.floor(w.longMinutes / sliceMinutes));
  return {
    windowIndex,
    longIdx: indexOf(w.longMinutes),
    shortIdx: indexOf(w.shortMinutes),
    longMinutes: w.longMinutes,
    minUnits,
  };
}

/** Thresholds for the SLO window holding each minute; recomputed only when a calendar period turns. */
export class ThresholdClock {
  private untilMs = -Infinity;
  private fromMs = Infinity;
  thresholds: Float64Array = new Float64Array(0);

  constructor(private readonly plan: SloPlan) {}

  /** Call with the end (exclusive) of the minute being evaluated. */
  at(endMs: number): Float64Array {
    if (endMs > this.untilMs || endMs <= this.fromMs) {
      const window = this.plan.spec.window;
      const bounds = sloWindowBounds(window, endMs, this.plan.timeZone);
      this.thresholds = this.plan.windowsFor(bounds.lengthMinutes).thresholds;
      // Rolling windows never change length; a calendar one holds until its period ends.
      this.fromMs = window.type === 'rolling' ? -Infinity : bounds.startMs;
      this.untilMs =
        window.type === 'rolling' ? Infinity : bounds.startMs + bounds.lengthMinutes * MINUTE_MS;
    }
    return this.thresholds;
  }
}
