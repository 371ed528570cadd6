// A new SLO is judged on the data it has: minutes of a 28-day window make its figures provisional (not
// "breached, budget −6,570 %"), and a burn-rate alert fires only once the budget share it stands for
// was actually spent in the minutes observed (a 3-day ticket does not fire four minutes in).
import { describe, expect, it } from 'vitest';
import {
  backtestCoverage,
  backtestSlo,
  coveredThreshold,
  evaluateSlo,
  MIN_VERDICT_COVERAGE,
  SloTracker,
  windowCoverage,
  type MinutePoint,
} from '../../../shared/domain/slo/index.ts';
import { DAY, HOUR, MINUTE, sloSpec, steadyTraffic, toPoints } from './sloHistories.ts';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const latency28d = () => sloSpec({ window: { type: 'rolling', days: 28 } });

describe('coverage of the window', () => {
  it('counts from the first minute of data to the window end, as a share of the whole window', () => {
    const bounds = { startMs: T0, endMs: T0 + 28 * DAY, lengthMinutes: 28 * 1440 };
    const twelveMinutes = windowCoverage(bounds, (T0 + 28 * DAY) / MINUTE - 12);
    expect(twelveMinutes).toMatchObject({
      observedMinutes: 12,
      windowMinutes: 40_320,
      isSufficient: false,
      sinceMs: T0 + 28 * DAY - 12 * MINUTE,
    });
    expect(twelveMinutes.fraction).toBeCloseTo(12 / 40_320, 12);
    // Data older than the window: the whole window is covered.
    expect(windowCoverage(bounds, T0 / MINUTE - 500)).toMatchObject({
      observedMinutes: 40_320,
      fraction: 1,
      isSufficient: true,
      sinceMs: T0,
    });
    expect(windowCoverage(bounds, null)).toMatchObject({ observedMinutes: 0, sinceMs: null });
  });

  it('verdicts start at a tenth of the window: 2 d 19 h 12 min of 28 days', () => {
    expect(MIN_VERDICT_COVERAGE).toBe(0.1);
    // Alerting off: the ticket would (rightly) fire on this burn and make the SLO "at risk" first.
    const spec = sloSpec({ window: { type: 'rolling', days: 28 }, alerting: { isEnabled: false } });
    const required = 4032; // minutes
    // 0.2 % errors: a 99.9 % objective missed, judged only once enough of the window has data.
    const history = steadyTraffic(T0, required, 1000, [
      { startMs: T0, minutes: required, errorRate: 0.002 },
    ]);
    const short = evaluateSlo(spec, history, T0 + (required - 1) * MINUTE);
    expect(short.coverage.isSufficient).toBe(false);
    expect(short.status).toBe('not_enough_data');
    const enough = evaluateSlo(spec, history, T0 + required * MINUTE);
    expect(enough.coverage).toMatchObject({ observedMinutes: required, isSufficient: true });
    expect(enough.status).toBe('breached');
  });
});

describe('a new 28-day SLO with ten minutes of data and a 4-minute fault on 1 of 6 hosts', () => {
  const history = steadyTraffic(T0, 10, 600, [
    { startMs: T0 + 3 * MINUTE, minutes: 4, errorRate: 1 / 6 },
  ]);
  const now = T0 + 10 * MINUTE;

  it('is "not enough data yet", with the coverage it has, instead of breached', () => {
    const status = evaluateSlo(latency28d(), history, now);
    expect(status.status).toBe('not_enough_data');
    expect(status.coverage).toMatchObject({
      sinceMs: T0,
      observedMinutes: 10,
      windowMinutes: 40_320,
      isSufficient: false,
    });
    // The figures are still there (the UI marks them provisional): 400 bad of 6,000, budget 6.
    expect(status.attainment).toBeCloseTo(1 - 400 / 6000, 12);
    expect(status.budget.remainingFraction).toBeLessThan(0);
  });

  it('does not read as already exhausted: time to exhaustion uses the whole window at the traffic seen', () => {
    const status = evaluateSlo(latency28d(), history, now);
    // 28 days at 600 a minute allow 24,192 failures; 400 are spent, so 98.3 % is left; the last
    // hour burns 66.7× (400 bad of 6,000), which spends the rest in about 10 hours, not "0".
    const left = 1 - 400 / 24_192;
    const burn = 400 / 6000 / 0.001;
    expect(status.timeToExhaustionMinutes).toBeCloseTo((left * 40_320) / burn, 6);
  });

  it('the incremental tracker says the same, minute by minute', () => {
    const spec = latency28d();
    const tracker = new SloTracker(spec);
    const points = toPoints(history);
    for (let i = 0; i < points.length; i += 1) {
      tracker.ingest([points[i]!]);
      const at = T0 + (i + 1) * MINUTE;
      expect(tracker.evaluate(at)).toEqual(evaluateSlo(spec, points, at));
    }
  });
});

describe('burn-rate alerts wait for the data their long window reasons about', () => {
  // 0.84 % errors from the first minute on a 30-day 99.9 % SLO: burn 8.4, over the 3 d ticket's
  // threshold (1) and the 6 h page's (6), under the 1 h page's (14.4).
  const history = steadyTraffic(T0, 12 * 60, 1000, [
    { startMs: T0, minutes: 12 * 60, errorRate: 0.0084 },
  ]);

  it('four minutes in, nothing fires or is even pending', () => {
    const status = evaluateSlo(sloSpec(), history, T0 + 4 * MINUTE);
    expect(status.alerts.map((a) => a.state)).toEqual(['inactive', 'inactive']);
    const ticket3d = status.burnRates.find((r) => r.longMinutes === 4320)!;
    expect(ticket3d).toMatchObject({ observedMinutes: 4, threshold: 1, isBurning: false });
    expect(ticket3d.effectiveThreshold).toBeCloseTo(1080, 9);
  });

  it('each rule fires once the budget share it stands for was spent: the page at 5 %, the ticket at 10 %', () => {
    const budget = 0.001 * 1000 * 43_200;
    const spentAt = (ms: number) => (((ms - T0) / MINUTE) * 1000 * 0.0084) / budget;
    const fired = backtestSlo(sloSpec(), history, { fromMs: T0, toMs: T0 + 12 * HOUR });
    expect(fired.map((a) => a.severity)).toEqual(['page', 'ticket']);
    const [page, ticket] = fired;
    expect(spentAt(page!.startMs)).toBeGreaterThan(0.05);
    expect(spentAt(page!.startMs - MINUTE)).toBeLessThanOrEqual(0.05);
    expect(spentAt(ticket!.startMs)).toBeGreaterThan(0.1);
    expect(spentAt(ticket!.startMs - MINUTE)).toBeLessThanOrEqual(0.1);
  });

  it('a total outage on a brand-new SLO still pages at the end of its first minute: 25 % errors over the 4 minutes seen is 2 % of the budget', () => {
    const outage = steadyTraffic(T0, 20, 1000, [
      { startMs: T0 + 3 * MINUTE, minutes: 10, errorRate: 1 },
    ]);
    const [page] = backtestSlo(sloSpec(), outage, { fromMs: T0, toMs: T0 + 20 * MINUTE });
    expect(page).toMatchObject({ severity: 'page', startMs: T0 + 4 * MINUTE });
  });

  it('a covered long window keeps its own threshold; an empty one cannot fire', () => {
    expect(coveredThreshold(1, 4320, 4320)).toBe(1);
    expect(coveredThreshold(1, 4320, 9000)).toBe(1);
    expect(coveredThreshold(6, 360, 36)).toBe(60);
    expect(coveredThreshold(6, 360, 0)).toBe(Infinity);
  });
});

describe('what a backtest saw', () => {
  const from = T0 + 30 * DAY - 30 * DAY;
  const to = T0 + 30 * DAY;

  it('two minutes of data in 30 days is two minutes, not 30 days', () => {
    const points: MinutePoint[] = [
      { t: to - 2 * MINUTE, good: 10, total: 10 },
      { t: to - MINUTE, good: 10, total: 10 },
    ];
    expect(backtestCoverage(points, from, to)).toEqual({
      sinceMs: to - 2 * MINUTE,
      observedMinutes: 2,
      spanMinutes: 43_200,
    });
  });

  it('data from before the span covers all of it; none covers nothing', () => {
    const older = steadyTraffic(from - DAY, 31 * 1440, 10);
    expect(backtestCoverage(older, from, to)).toMatchObject({
      sinceMs: from,
      observedMinutes: 43_200,
    });
    expect(backtestCoverage([], from, to)).toMatchObject({ sinceMs: null, observedMinutes: 0 });
  });
});
