// The incremental tracker (what the console runs every cycle) must say exactly what the full recompute
// says about the same history: after loading, minute by minute, across gaps, corrections and month ends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateSlo,
  SloTracker,
  type EvaluationOptions,
  type MinutePoint,
  type SloSpec,
  type SloStatus,
} from '../../../shared/domain/slo/index.ts';
import { DAY, HOUR, MINUTE, sloSpec, steadyTraffic, toPoints } from './sloHistories.ts';

/**
 * The expected value with every non-timestamp number replaced by a matcher that allows float noise
 * (running sums of fractional values vs prefix sums): 8 significant digits, compared by
 * distance rather than by rounding, so two values either side of a rounding boundary still agree.
 */
function approximately(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (Number.isInteger(value) && Math.abs(value) > 1e6)) return value;
    return expect.closeTo(value, 8 - Math.floor(Math.log10(Math.max(1, Math.abs(value)))));
  }
  if (Array.isArray(value)) return value.map(approximately);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, approximately(v)]));
  return value;
}

// Late data never rewrites alert history, so after corrections only the counted figures must agree.
const withoutAlerts = ({ alerts: _a, status: _s, ...rest }: SloStatus) => rest;

const T0 = Date.parse('2025-03-01T00:00:00Z');
const OUTAGE = T0 + 20 * DAY + 10 * HOUR;

describe('the tracker agrees with the full recompute', () => {
  const history = steadyTraffic(T0, 30 * 1440, 100, [
    { startMs: OUTAGE, minutes: 30, errorRate: 1 },
    { startMs: OUTAGE + 3 * DAY, minutes: 180, errorRate: 0.03 },
  ]);
  const points = toPoints(history);

  it('after loading 30 days of history, and then minute by minute through an outage', () => {
    const spec = sloSpec();
    const tracker = new SloTracker(spec);
    const loadUntil = (OUTAGE - T0) / MINUTE - 5;
    tracker.ingest(points.slice(0, loadUntil));
    expect(tracker.evaluate(T0 + loadUntil * MINUTE)).toEqual(
      evaluateSlo(spec, points.slice(0, loadUntil), T0 + loadUntil * MINUTE),
    );
    for (let i = loadUntil; i < loadUntil + 120; i += 1) {
      tracker.ingest([points[i]!]);
      const now = T0 + (i + 1) * MINUTE;
      expect(tracker.evaluate(now)).toEqual(evaluateSlo(spec, history, now));
    }
  });

  it('keeps whole counts in half the memory, and widens without losing a minute when a fraction arrives', () => {
    const spec = sloSpec();
    const tracker = new SloTracker(spec);
    tracker.ingestSeries(history);
    const narrow = tracker.bufferBytes;
    const end = T0 + 30 * DAY;
    expect(tracker.evaluate(end)).toEqual(evaluateSlo(spec, points, end));
    // An interpolated latency count is not a float32 value: from here on every minute is float64.
    const fraction = { t: end, good: 99.7, total: 100 };
    tracker.ingest([fraction]);
    expect(tracker.bufferBytes).toBe(2 * narrow);
    expect(tracker.evaluate(end + MINUTE)).toEqual(
      approximately(evaluateSlo(spec, [...points, fraction], end + MINUTE)),
    );
    // A count float32 cannot hold exactly (over 2^24 in a minute) widens too.
    const huge = new SloTracker(spec);
    huge.ingest([{ t: T0, good: 2 ** 24 + 1, total: 2 ** 24 + 1 }]);
    expect(huge.bufferBytes).toBe(narrow * 2);
    expect(huge.evaluate(T0 + MINUTE)).toEqual(
      evaluateSlo(spec, [{ t: T0, good: 2 ** 24 + 1, total: 2 ** 24 + 1 }], T0 + MINUTE),
    );
  });

  it('loaded column-wise in bulk, it gives the same status as fed point by point', () => {
    const spec = sloSpec();
    const bulk = new SloTracker(spec);
    bulk.ingestSeries(history);
    const end = T0 + 30 * DAY;
    expect(bulk.evaluate(end)).toEqual(evaluateSlo(spec, points, end));
    expect(bulk.countedUntilMs).toBe(end);
  });

  it.each([
    ['rolling 30-day', sloSpec(), 61],
    ['calendar-quarter', sloSpec({ window: { type: 'calendar', unit: 'quarter' } }), 125],
  ])(
    '%s: with no new data the windows still slide, and after the silence the tracker picks up again',
    (_kind, spec, silentDays) => {
      const tracker = new SloTracker(spec);
      tracker.ingestSeries(history);
      const later = T0 + silentDays * DAY + 7 * MINUTE;
      const status = tracker.evaluate(later);
      expect(status).toEqual(evaluateSlo(spec, history, later));
      expect(status.status).toBe('no_data');
      // Data resumes after the silence (longer than the buffers): the tracker jumped, and still agrees.
      const resumed = steadyTraffic(later, 90, 50, [
        { startMs: later + 30 * MINUTE, minutes: 10, errorRate: 1 },
      ]);
      tracker.ingestSeries(resumed);
      const all = [...points, ...toPoints(resumed)];
      expect(tracker.evaluate(later + 90 * MINUTE)).toEqual(
        evaluateSlo(spec, all, later + 90 * MINUTE),
      );
    },
  );

  it('late data correcting the last hour moves budget and burn rates exactly as a recompute of the corrected history', () => {
    const spec = sloSpec();
    const tracker = new SloTracker(spec);
    tracker.ingestSeries(history);
    const end = T0 + 30 * DAY;
    const corrected = points.map((p) => ({ ...p }));
    const late: MinutePoint[] = [];
    for (let i = corrected.length - 60; i < corrected.length; i += 7) {
      corrected[i] = { t: corrected[i]!.t, good: 40, total: 100 };
      late.push(corrected[i]!);
    }
    tracker.ingest(late);
    const full = evaluateSlo(spec, corrected, end);
    expect(withoutAlerts(tracker.evaluate(end))).toEqual(withoutAlerts(full));
    expect(full.budget.consumed).toBe(3000 + 180 * 3 + late.length * 60);
  });

  it('a calendar-month SLO in Dubai rolls over at local midnight on the 1st, minute by minute', () => {
    const spec = sloSpec({ window: { type: 'calendar', unit: 'month' } });
    const start = Date.parse('2025-03-31T18:00:00Z');
    const series = steadyTraffic(start, 240, 20, [
      { startMs: start + 110 * MINUTE, minutes: 20, errorRate: 0.5 },
    ]);
    const all = toPoints(series);
    const tracker = new SloTracker(spec);
    all.forEach((p, i) => {
      tracker.ingest([p]);
      const now = p.t + MINUTE;
      expect(tracker.evaluate(now)).toEqual(evaluateSlo(spec, all.slice(0, i + 1), now));
    });
    expect(tracker.evaluate(start + 240 * MINUTE).window.startMs).toBe(
      Date.parse('2025-03-31T20:00:00Z'),
    );
  });
});

describe('the tracker agrees with the full recompute on random histories (property)', () => {
  const segment = fc.record({
    minutes: fc.integer({ min: 1, max: 900 }),
    perMinute: fc.integer({ min: 0, max: 20 }),
    errorRate: fc.constantFrom(0, 0, 0.01, 0.05, 0.3, 1),
    isMissing: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
  });
  const scenario = fc.record({
    method: fc.constantFrom('Occurrences', 'Timeslices', 'RatioTimeslices'),
    sliceMinutes: fc.constantFrom(1, 3, 5),
    window: fc.constantFrom(
      { type: 'rolling', days: 7 } as const,
      { type: 'calendar', unit: 'month' } as const,
    ),
    objective: fc.constantFrom(0.9, 0.99, 0.999),
    isCustomAlerting: fc.boolean(),
    minEvents: fc.integer({ min: 0, max: 60 }),
    forMinutes: fc.constantFrom(0, 0, 3),
    startOffsetMinutes: fc.integer({ min: 0, max: 4 * 1440 }),
    segments: fc.array(segment, { minLength: 1, maxLength: 24 }),
    maintenance: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 12_000 }),
        minutes: fc.integer({ min: 1, max: 240 }),
      }),
      { maxLength: 2 },
    ),
    cuts: fc.array(fc.integer({ min: 1, max: 12_000 }), { maxLength: 5 }),
    corrections: fc.array(
      fc.record({
        back: fc.integer({ min: 0, max: 180 }),
        good: fc.integer({ min: 0, max: 20 }),
        extra: fc.integer({ min: 0, max: 5 }),
      }),
      { maxLength: 6 },
    ),
  });

  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

  function build(s: Scenario): {
    spec: SloSpec;
    options: EvaluationOptions;
    points: MinutePoint[];
  } {
    const isSlices = s.method !== 'Occurrences';
    const spec = sloSpec({
      window: s.window,
      objective: s.objective,
      budgetingMethod: s.method,
      timeSliceMinutes: isSlices ? s.sliceMinutes : 1,
      timeSliceTarget: s.method === 'Timeslices' ? 0.9 : undefined,
      alerting: {
        minEvents: s.minEvents,
        windows: s.isCustomAlerting
          ? [
              { severity: 'page', longMinutes: 30, shortMinutes: 5, budgetFraction: 0.02 },
              {
                severity: 'ticket',
                longMinutes: 180,
                shortMinutes: 15,
                budgetFraction: 0.05,
                threshold: 2,
              },
            ]
          : undefined,
      },
    });
    // Around a Dubai month end, so calendar windows roll over inside the history.
    const start = Date.parse('2025-03-28T00:00:00Z') + s.startOffsetMinutes * MINUTE;
    const points: MinutePoint[] = [];
    let minute = 0;
    for (const seg of s.segments) {
      for (let i = 0; i < seg.minutes; i += 1, minute += 1) {
        if (seg.isMissing) continue;
        points.push({
          t: start + minute * MINUTE,
          good: Math.round(seg.perMinute * (1 - seg.errorRate)),
          total: seg.perMinute,
        });
      }
    }
    const maintenance = s.maintenance.map((m) => ({
      startMs: start + m.at * MINUTE,
      endMs: start + (m.at + m.minutes) * MINUTE,
    }));
    return { spec, options: { maintenance, forMinutes: s.forMinutes }, points };
  }

  it('fed in chunks with evaluations between them (alerts included)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { spec, options, points } = build(s);
        const tracker = new SloTracker(spec, options);
        const cuts = [...new Set(s.cuts.map((c) => Math.min(c, points.length)))].sort(
          (a, b) => a - b,
        );
        let from = 0;
        for (const cut of [...cuts, points.length]) {
          tracker.ingest(points.slice(from, cut));
          from = cut;
          if (cut === 0) continue;
          // Evaluate at the end of the last minute fed, or later when the next data is further on.
          const next = points[cut]?.t ?? Infinity;
          const now = Math.min(points[cut - 1]!.t + 3 * MINUTE, next);
          const fed = points.slice(0, cut);
          expect(tracker.evaluate(now)).toEqual(
            approximately(evaluateSlo(spec, fed, now, options)),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('after late corrections of the last three hours, budget and burn rates match a recompute', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { spec, options, points } = build(s);
        if (points.length === 0) return;
        const tracker = new SloTracker(spec, options);
        tracker.ingest(points);
        const byMinute = new Map(points.map((p) => [p.t, p]));
        const lastT = points[points.length - 1]!.t;
        for (const c of s.corrections) {
          const fix = { t: lastT - c.back * MINUTE, good: c.good, total: c.good + c.extra };
          tracker.ingest([fix]);
          byMinute.set(fix.t, fix);
        }
        const corrected = [...byMinute.values()].sort((a, b) => a.t - b.t);
        const now = lastT + MINUTE;
        expect(withoutAlerts(tracker.evaluate(now))).toEqual(
          approximately(withoutAlerts(evaluateSlo(spec, corrected, now, options))),
        );
      }),
      { numRuns: 60 },
    );
  });
});
