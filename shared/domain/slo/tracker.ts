// The incremental evaluator: one per SLO, holding per-minute good/total in ring buffers and a running sum
// per window, so a new minute costs O(windows) and a late correction O(windows) too. It must agree with
// evaluateSlo (the full recompute) on the same history; the tests hold it to that.
import { newAlertRuleState, stepAlerts, type AlertRuleState } from './alerts.ts';
import { minuteEndMs, type MinutePoint, type MinuteSeries } from './history.ts';
import { planSlo, ThresholdClock, type EvaluationOptions, type SloPlan } from './plan.ts';
import type { SloSpec } from './spec.ts';
import { buildStatus, type SloStatus } from './status.ts';
import { MINUTE_MS } from '../time.ts';
import {
  calendarPeriod,
  maxWindowMinutes,
  minuteOf,
  sloWindowBounds,
  type WindowBounds,
} from './windows.ts';

// Bound once: some loaders (tsx) compile every call of an import into a property getter; these run every minute.
const stepAllAlerts = stepAlerts;
const MINUTE = MINUTE_MS;

/**
 * Feed minutes in time order with `ingest`; a minute at or before the last one fed is a late correction
 * and replaces that minute's values. `evaluate(nowMs)` slides the windows to `nowMs` (minutes with no
 * data count for nothing) and returns the status. Pass the end of the last minute whose data is
 * complete, not the wall clock: a minute evaluated before its data arrived is corrected later, but
 * alerts already raised on it stand (alert history is never rewritten). A `nowMs` before the last
 * minute fed reports as of that minute. Maintenance windows are fixed for a tracker's life; to change
 * past ones, build a new tracker from the stored history.
 */
export class SloTracker {
  readonly plan: SloPlan;
  private readonly capacity: number;
  /**
   * Each minute as fed (maintenance minutes zeroed). Held as float32 while every value is one exactly
   * (whole counts under 2^24 a minute, slices judged 0 or 1): half the memory, the same sums. The first
   * value float32 cannot hold exactly (an interpolated latency count, a RatioTimeslices score) widens
   * them all to float64 for the tracker's life.
   */
  private minuteGood: Float32Array | Float64Array;
  private minuteTotal: Float32Array | Float64Array;
  /** What each minute counts for: the minute itself (Occurrences) or its judged slice at the slice's last minute. */
  private unitGood: Float32Array | Float64Array;
  private unitTotal: Float32Array | Float64Array;
  private isNarrow = true;
  private readonly lengths: Int32Array;
  private readonly sumGood: Float64Array;
  private readonly sumTotal: Float64Array;
  private readonly states: AlertRuleState[];
  private readonly clock: ThresholdClock;
  private readonly rollingMinutes: number;
  /** Empty minutes after which every alert window is empty and the alert states have settled. */
  private readonly settleMinutes: number;
  /** Last minute stepped (meaningful once hasData); kept a small integer so slot arithmetic stays fast. */
  private head = 0;
  private hasData = false;
  /** The first minute fed with data (total > 0), from which coverage is counted; null until one. */
  private firstDataMinute: number | null = null;
  /** Minute indexes are stored relative to this, so ring slots never go negative. */
  private origin = 0;
  private windowStart = 0;
  private periodEnd = -Infinity;
  private windowGood = 0;
  private windowTotal = 0;
  private stepsSinceResync = 0;
  /** Integer counts add and subtract exactly; once fractions (RatioTimeslices) were counted, recount every lap. */
  private hasFractions = false;

  constructor(spec: SloSpec, options: EvaluationOptions = {}) {
    this.plan = planSlo(spec, options);
    this.lengths = Int32Array.from(this.plan.lengths);
    const longest = Math.max(maxWindowMinutes(spec.window), ...this.plan.lengths);
    // Slack of one slice so a correction can always re-judge its whole slice.
    this.capacity = longest + this.plan.sliceMinutes + 1;
    this.minuteGood = new Float32Array(this.capacity);
    this.minuteTotal = new Float32Array(this.capacity);
    const isEvents = this.plan.unit === 'events';
    this.unitGood = isEvents ? this.minuteGood : new Float32Array(this.capacity);
    this.unitTotal = isEvents ? this.minuteTotal : new Float32Array(this.capacity);
    this.sumGood = new Float64Array(this.lengths.length);
    this.sumTotal = new Float64Array(this.lengths.length);
    this.states = this.plan.rules.map(newAlertRuleState);
    this.clock = new ThresholdClock(this.plan);
    this.rollingMinutes = spec.window.type === 'rolling' ? maxWindowMinutes(spec.window) : 0;
    this.settleMinutes = Math.max(...this.plan.lengths) + this.plan.sliceMinutes + 1;
    // Spread recounts over the lap so trackers loaded together do not all recount in the same cycle.
    for (let i = 0; i < spec.name.length; i += 1)
      this.stepsSinceResync =
        (this.stepsSinceResync * 31 + spec.name.charCodeAt(i)) % this.capacity;
  }

  /** Bytes held by the minute buffers (what grows with the window's length). */
  get bufferBytes(): number {
    const own = this.minuteGood.byteLength + this.minuteTotal.byteLength;
    return this.unitGood === this.minuteGood
      ? own
      : own + this.unitGood.byteLength + this.unitTotal.byteLength;
  }

  /** Whether the minute buffers are still float32 (every value so far exact in it). */
  get isFloat32(): boolean {
    return this.isNarrow;
  }

  /** From now on every buffer holds float64 (values so far copied exactly). */
  private widen(): void {
    const isEvents = this.unitGood === this.minuteGood;
    this.minuteGood = Float64Array.from(this.minuteGood);
    this.minuteTotal = Float64Array.from(this.minuteTotal);
    this.unitGood = isEvents ? this.minuteGood : Float64Array.from(this.unitGood);
    this.unitTotal = isEvents ? this.minuteTotal : Float64Array.from(this.unitTotal);
    this.isNarrow = false;
  }

  /** End (exclusive, ms) of the last minute counted, or null before any data. */
  get countedUntilMs(): number | null {
    return this.hasData ? minuteEndMs(this.head) : null;
  }

  ingest(points: readonly MinutePoint[]): void {
    for (const p of points) this.ingestMinute(minuteOf(p.t), p.good, p.total);
  }

  /** Bulk form of `ingest` for loading history without one object per minute. */
  ingestSeries(series: MinuteSeries): void {
    const first = minuteOf(series.startMs);
    for (let i = 0; i < series.total.length; i += 1)
      this.ingestMinute(first + i, series.good[i] ?? 0, series.total[i] ?? 0);
  }

  evaluate(nowMs: number): SloStatus {
    const last = minuteOf(nowMs) - 1;
    if (!this.hasData) return this.status(last, 0, 0);
    if (last > this.head) this.advanceTo(last);
    return this.status(this.head, this.windowGood, this.windowTotal);
  }

  private status(lastMinute: number, good: number, total: number): SloStatus {
    return buildStatus(this.plan, {
      bounds: this.hasData
        ? this.bounds()
        : sloWindowBounds(this.plan.spec.window, minuteEndMs(lastMinute), this.plan.timeZone),
      good,
      total,
      sumGood: this.sumGood,
      sumTotal: this.sumTotal,
      states: this.states,
      isInMaintenance: this.plan.maintenance.has(lastMinute),
      firstDataMinute: this.firstDataMinute,
    });
  }

  /** The SLO window ending at head, from what step() already knows (no time-zone work per evaluation). */
  private bounds(): WindowBounds {
    const endMs = minuteEndMs(this.head);
    if (this.rollingMinutes > 0)
      return {
        startMs: endMs - this.rollingMinutes * MINUTE,
        endMs,
        lengthMinutes: this.rollingMinutes,
      };
    return {
      startMs: this.windowStart * MINUTE,
      endMs,
      lengthMinutes: this.periodEnd - this.windowStart,
    };
  }

  private slot(minute: number): number {
    return (minute - this.origin) % this.capacity;
  }

  private ingestMinute(minute: number, good: number, total: number): void {
    if (!this.hasData) {
      this.hasData = true;
      this.head = minute - 1;
      this.origin = minute - 2 * this.capacity;
    }
    if (total > 0 && (this.firstDataMinute === null || minute < this.firstDataMinute))
      this.firstDataMinute = minute;
    if (minute > this.head) {
      this.advanceTo(minute - 1);
      this.write(minute, good, total);
      this.step(minute);
    } else {
      this.correct(minute, good, total);
    }
  }

  private write(minute: number, good: number, total: number): void {
    const s = this.slot(minute);
    const isOff = this.plan.maintenance.has(minute);
    // Same clamp as denseHistory: NaN or negative counts are 0, good never exceeds total (counter resets).
    const t = total > 0 && !isOff ? total : 0;
    const g = good > 0 ? (good < t ? good : t) : 0;
    if (this.isNarrow && (Math.fround(g) !== g || Math.fround(t) !== t)) this.widen();
    this.minuteGood[s] = g;
    this.minuteTotal[s] = t;
  }

  /** Steps through minutes with no data; after a gap longer than the buffers it jumps once nothing is left. */
  private advanceTo(target: number): void {
    const stepUntil = target - this.head > this.capacity ? this.head + this.settleMinutes : target;
    while (this.head < stepUntil) {
      const m = this.head + 1;
      this.write(m, 0, 0);
      this.step(m);
    }
    if (this.head < target) this.jumpTo(target);
  }

  /** Every window is empty by now and the alert states have settled: start afresh at `target`. */
  private jumpTo(target: number): void {
    this.minuteGood.fill(0);
    this.minuteTotal.fill(0);
    this.unitGood.fill(0);
    this.unitTotal.fill(0);
    this.sumGood.fill(0);
    this.sumTotal.fill(0);
    this.windowGood = this.windowTotal = 0;
    this.head = target;
    this.origin = target - 2 * this.capacity;
    if (this.rollingMinutes > 0) {
      this.windowStart = target - this.rollingMinutes + 1;
    } else {
      const period = calendarPeriod(this.calendarUnit(), target * MINUTE, this.plan.timeZone);
      this.windowStart = minuteOf(period.startMs);
      this.periodEnd = minuteOf(period.endMs);
    }
  }

  private calendarUnit(): 'month' | 'quarter' {
    const w = this.plan.spec.window;
    return w.type === 'calendar' ? w.unit : 'month';
  }

  /** Counts minute `m` (already written) into every window and steps the alerts at its end. */
  private step(m: number): void {
    const s = this.slot(m);
    const capacity = this.capacity;
    if (this.plan.unit === 'slices') this.judgeSliceEndingAt(m);
    this.head = m;
    const g = this.unitGood[s]!;
    const t = this.unitTotal[s]!;
    if (!this.hasFractions && (g % 1 !== 0 || t % 1 !== 0)) this.hasFractions = true;
    // The minute leaving a window of length L sits L slots back (every L < capacity).
    for (let j = 0; j < this.lengths.length; j += 1) {
      let out = s - this.lengths[j]!;
      if (out < 0) out += capacity;
      this.sumGood[j] = this.sumGood[j]! + g - this.unitGood[out]!;
      this.sumTotal[j] = this.sumTotal[j]! + t - this.unitTotal[out]!;
    }
    if (this.rollingMinutes > 0) {
      let out = s - this.rollingMinutes;
      if (out < 0) out += capacity;
      this.windowGood += g - this.unitGood[out]!;
      this.windowTotal += t - this.unitTotal[out]!;
      this.windowStart = m - this.rollingMinutes + 1;
    } else {
      if (m >= this.periodEnd) {
        const period = calendarPeriod(this.calendarUnit(), m * MINUTE, this.plan.timeZone);
        this.windowStart = minuteOf(period.startMs);
        this.periodEnd = minuteOf(period.endMs);
        this.windowGood = this.windowTotal = 0;
      }
      this.windowGood += g;
      this.windowTotal += t;
    }
    const endMs = (m + 1) * MINUTE;
    stepAllAlerts(
      this.plan,
      this.clock.at(endMs),
      this.sumGood,
      this.sumTotal,
      this.states,
      endMs,
      this.plan.maintenance.has(m),
      this.firstDataMinute,
    );
    // Running sums of fractional values (RatioTimeslices) drift; recounting once per lap costs O(1) a minute.
    this.stepsSinceResync += 1;
    if (this.stepsSinceResync >= capacity && this.hasFractions) this.resync();
  }

  /** Writes minute `m`'s judged slice (slice methods); 0/0 unless `m` ends a slice. */
  private judgeSliceEndingAt(m: number): void {
    const s = this.slot(m);
    const k = this.plan.sliceMinutes;
    this.unitGood[s] = this.unitTotal[s] = 0;
    if ((m + 1) % k !== 0) return;
    let g = 0;
    let t = 0;
    for (let x = m - k + 1; x <= m; x += 1) {
      const xs = this.slot(x);
      g += this.minuteGood[xs]!;
      t += this.minuteTotal[xs]!;
    }
    const score = this.plan.scoreSlice(g, t);
    if (!Number.isNaN(score)) {
      if (this.isNarrow && Math.fround(score) !== score) this.widen();
      this.unitGood[s] = score;
      this.unitTotal[s] = 1;
    }
  }

  /** Replaces a minute already counted and moves every window holding it by the difference. */
  private correct(minute: number, good: number, total: number): void {
    // Too old to matter: outside every window (and its slice's first minute may be overwritten).
    if (minute <= this.head - this.capacity + this.plan.sliceMinutes) return;
    const k = this.plan.sliceMinutes;
    const counted = this.plan.unit === 'events' ? minute : Math.floor(minute / k) * k + k - 1;
    const s = this.slot(counted);
    const oldGood = this.unitGood[s]!;
    const oldTotal = this.unitTotal[s]!;
    this.write(minute, good, total);
    // A slice still open is judged when its last minute is stepped.
    if (counted > this.head) return;
    if (this.plan.unit === 'slices') this.judgeSliceEndingAt(counted);
    const dg = this.unitGood[s]! - oldGood;
    const dt = this.unitTotal[s]! - oldTotal;
    if (dg === 0 && dt === 0) return;
    if (dg % 1 !== 0 || dt % 1 !== 0) this.hasFractions = true;
    for (let j = 0; j < this.lengths.length; j += 1) {
      if (counted > this.head - this.lengths[j]!) {
        this.sumGood[j] = this.sumGood[j]! + dg;
        this.sumTotal[j] = this.sumTotal[j]! + dt;
      }
    }
    if (counted >= this.windowStart) {
      this.windowGood += dg;
      this.windowTotal += dt;
    }
  }

  private resync(): void {
    this.stepsSinceResync = 0;
    const sumFrom = (from: number): [number, number] => {
      let g = 0;
      let t = 0;
      for (let m = from; m <= this.head; m += 1) {
        const s = this.slot(m);
        g += this.unitGood[s]!;
        t += this.unitTotal[s]!;
      }
      return [g, t];
    };
    for (let j = 0; j < this.lengths.length; j += 1) {
      [this.sumGood[j], this.sumTotal[j]] = sumFrom(this.head - this.lengths[j]! + 1);
    }
    [this.windowGood, this.windowTotal] = sumFrom(this.windowStart);
  }
}
