// The SLO status an operator sees, from synthetic histories whose answers are worked out by hand:
// budget spent by a known outage, when pages and tickets fire, the low-traffic guard, maintenance.
import { describe, expect, it } from 'vitest';
import { backtestSlo, evaluateSlo, SloTracker } from '../../../shared/domain/slo/index.ts';
import { DAY, HOUR, MINUTE, sloSpec, steadyTraffic } from './sloHistories.ts';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const OUTAGE = T0 + 20 * DAY + 10 * HOUR;
const END = T0 + 30 * DAY;
// Starts 10 days early so the 30-day window is already full when the outage comes.
const FROM = T0 - 10 * DAY;
const thirtyMinuteOutage = steadyTraffic(FROM, 40 * 1440, 100, [
  { startMs: OUTAGE, minutes: 30, errorRate: 1 },
]);

describe('a 30-minute total outage in a 30-day 99.9 % SLO at 100 requests a minute', () => {
  it('consumes 69 % of the error budget (3,000 of 4,320 allowed failures)', () => {
    const status = evaluateSlo(sloSpec(), thirtyMinuteOutage, END);
    expect(status.total).toBe(4_320_000);
    expect(status.good).toBe(4_317_000);
    expect(status.attainment).toBeCloseTo(1 - 3000 / 4_320_000, 12);
    expect(status.budget).toMatchObject({ total: 4320, consumed: 3000, remaining: 1320 });
    expect(status.budget.consumedFraction).toBeCloseTo(0.6944, 4);
    expect(status.window).toEqual({ startMs: T0, endMs: END, lengthMinutes: 43_200 });
    expect(status.status).toBe('ok');
    expect(status.unit).toBe('events');
  });

  it('pages within 5 minutes (after the first bad minute) and tickets after 5 minutes: page before ticket', () => {
    const [page, ticket, ...rest] = backtestSlo(sloSpec(), thirtyMinuteOutage, {
      fromMs: T0,
      toMs: END,
    });
    expect(rest).toEqual([]);
    expect(page).toMatchObject({
      severity: 'page',
      fingerprint: 'checkout-availability/page/1h:5m+6h:30m',
      startMs: OUTAGE + MINUTE,
    });
    expect(ticket).toMatchObject({
      severity: 'ticket',
      fingerprint: 'checkout-availability/ticket/1d:2h+3d:6h',
      startMs: OUTAGE + 5 * MINUTE,
    });
    // The page holds until the 30-minute window is clean; the ticket until the 6-hour one is.
    expect(page?.endMs).toBe(OUTAGE + 60 * MINUTE);
    expect(ticket?.endMs).toBe(OUTAGE + 390 * MINUTE);
    // Peak: half the last hour failed (burn 500); a 30-minute outage in a day burns 20.8× over the day.
    expect(page?.peakBurnRate).toBe(500);
    expect(ticket?.peakBurnRate).toBeCloseTo(3000 / 144_000 / 0.001, 6);
  });

  it('ten minutes in, both alerts fire, the SLO is at risk, and the budget runs out in under 3½ hours at this rate', () => {
    const now = OUTAGE + 10 * MINUTE;
    const status = evaluateSlo(sloSpec(), thirtyMinuteOutage, now);
    expect(status.status).toBe('at_risk');
    expect(status.alerts.map((a) => [a.severity, a.state, a.firingSinceMs])).toEqual([
      ['page', 'firing', OUTAGE + MINUTE],
      ['ticket', 'firing', OUTAGE + 5 * MINUTE],
    ]);
    // Last hour: 1,000 of 6,000 requests failed, a burn rate of 166.7.
    expect(status.currentBurnRate).toBeCloseTo(1000 / 6000 / 0.001, 6);
    expect(status.budget.consumed).toBe(1000);
    const expected = (status.budget.remainingFraction * 43_200) / (1000 / 6000 / 0.001);
    expect(status.timeToExhaustionMinutes).toBeCloseTo(expected, 6);
    // 3,320 of 4,320 failures left, spent at 1/6 of the traffic: (3320 / 4320) × 43,200 / 166.7 = 199 minutes.
    expect(status.timeToExhaustionMinutes).toBeCloseTo(199.2, 1);
    const [fastPage] = status.burnRates;
    expect(fastPage).toMatchObject({
      severity: 'page',
      longMinutes: 60,
      shortMinutes: 5,
      threshold: 14.4,
      shortBurnRate: 1000,
      hasEnoughTraffic: true,
      isBurning: true,
    });
  });

  it('an hour after the outage the page is resolved (with its time) and nothing burns', () => {
    const status = evaluateSlo(sloSpec(), thirtyMinuteOutage, OUTAGE + 2 * HOUR);
    expect(status.alerts[0]).toMatchObject({
      state: 'resolved',
      resolvedAtMs: OUTAGE + HOUR,
      peakBurnRate: 500,
    });
    expect(status.alerts[1]).toMatchObject({ state: 'firing' });
    expect(status.currentBurnRate).toBe(0);
    expect(status.timeToExhaustionMinutes).toBeNull();
  });

  it('alerts carry the SLO name and labels for routing', () => {
    const spec = sloSpec({
      labels: { team: 'ranking', slo: 'spoofed' },
      service: { model: 'checkout-ranker', site: 'dxb-1' },
    });
    const [page] = evaluateSlo(spec, thirtyMinuteOutage, OUTAGE + 10 * MINUTE).alerts;
    expect(page).toMatchObject({
      sloName: 'checkout-availability',
      labels: {
        team: 'ranking',
        slo: 'checkout-availability',
        severity: 'page',
        model: 'checkout-ranker',
        site: 'dxb-1',
      },
    });
  });
});

describe('the page state machine', () => {
  const slowBurn = steadyTraffic(FROM, 40 * 1440, 100, [
    { startMs: OUTAGE, minutes: 120, errorRate: 0.02 },
  ]);

  it('a 2 % error rate (burn rate 20) shows the page pending within 4 minutes and fires when the hour has burnt 2 % of the budget (44 minutes)', () => {
    expect(evaluateSlo(sloSpec(), slowBurn, OUTAGE + 3 * MINUTE).alerts[0]?.state).toBe('inactive');
    const pending = evaluateSlo(sloSpec(), slowBurn, OUTAGE + 10 * MINUTE).alerts[0];
    expect(pending).toMatchObject({
      state: 'pending',
      pendingSinceMs: OUTAGE + 4 * MINUTE,
      firingSinceMs: null,
    });
    expect(evaluateSlo(sloSpec(), slowBurn, OUTAGE + 43 * MINUTE).alerts[0]?.state).toBe('pending');
    expect(evaluateSlo(sloSpec(), slowBurn, OUTAGE + 44 * MINUTE).alerts[0]).toMatchObject({
      state: 'firing',
      firingSinceMs: OUTAGE + 44 * MINUTE,
    });
  });

  it('with forMinutes the condition must hold that long before it fires', () => {
    const before = evaluateSlo(sloSpec(), thirtyMinuteOutage, OUTAGE + 5 * MINUTE, {
      forMinutes: 5,
    }).alerts[0];
    expect(before).toMatchObject({ state: 'pending', pendingSinceMs: OUTAGE + MINUTE });
    const after = evaluateSlo(sloSpec(), thirtyMinuteOutage, OUTAGE + 6 * MINUTE, { forMinutes: 5 })
      .alerts[0];
    expect(after).toMatchObject({ state: 'firing', firingSinceMs: OUTAGE + 6 * MINUTE });
  });

  it('a rule that has never fired is inactive', () => {
    expect(evaluateSlo(sloSpec(), thirtyMinuteOutage, OUTAGE).alerts.map((a) => a.state)).toEqual([
      'inactive',
      'inactive',
    ]);
  });

  it('with alerting off there are no alerts, but the burn rates are still shown', () => {
    const status = evaluateSlo(
      sloSpec({ alerting: { isEnabled: false } }),
      thirtyMinuteOutage,
      OUTAGE + 10 * MINUTE,
    );
    expect(status.alerts).toEqual([]);
    expect(status.burnRates).toHaveLength(4);
    expect(status.burnRates[0]?.isBurning).toBe(true);
  });
});

describe('the low-traffic guard', () => {
  // One request every 10 minutes: 6 an hour, 144 a day. Three of them fail in a row one night.
  const quietNight = (() => {
    const series = steadyTraffic(T0, 30 * 1440, 0);
    for (let i = 0; i < 30 * 1440; i += 10) series.total[i] = series.good[i] = 1;
    const first = (OUTAGE - T0) / MINUTE;
    for (const i of [first, first + 10, first + 20]) series.good[i] = 0;
    return series;
  })();

  it('three failed requests in a quiet hour page nobody, but the day saw enough traffic to open a ticket', () => {
    const alerts = backtestSlo(sloSpec(), quietNight, { fromMs: T0, toMs: END });
    expect(alerts.map((a) => a.severity)).toEqual(['ticket']);
    const status = evaluateSlo(sloSpec(), quietNight, OUTAGE + 21 * MINUTE);
    expect(status.burnRates[0]).toMatchObject({
      longCount: 6,
      minCount: 100,
      hasEnoughTraffic: false,
      isBurning: false,
    });
  });

  it('with the guard off (minEvents 0) the same three failures page', () => {
    const alerts = backtestSlo(sloSpec({ alerting: { minEvents: 0 } }), quietNight, {
      fromMs: T0,
      toMs: END,
    });
    expect(alerts.map((a) => a.severity)).toContain('page');
  });

  it('for 1-minute slices the guard asks at most for a full long window of slices', () => {
    const spec = sloSpec({
      indicator: { type: 'threshold', query: 'up', op: 'gte', value: 1 },
      budgetingMethod: 'Timeslices',
    });
    const status = evaluateSlo(spec, steadyTraffic(T0, 1440, 1), T0 + DAY);
    expect(status.burnRates.map((b) => b.minCount)).toEqual([60, 100, 100, 100]);
  });
});

describe('maintenance windows', () => {
  it('an outage inside declared maintenance spends no budget and alerts nobody', () => {
    const maintenance = [{ startMs: OUTAGE - 5 * MINUTE, endMs: OUTAGE + 35 * MINUTE }];
    const status = evaluateSlo(sloSpec(), thirtyMinuteOutage, END, { maintenance });
    expect(status.total).toBe(4_320_000 - 40 * 100);
    expect(status.budget.consumed).toBe(0);
    expect(status.attainment).toBe(1);
    expect(
      backtestSlo(sloSpec(), thirtyMinuteOutage, { fromMs: T0, toMs: END, maintenance }),
    ).toEqual([]);
    expect(
      evaluateSlo(sloSpec(), thirtyMinuteOutage, OUTAGE + 10 * MINUTE, { maintenance })
        .isInMaintenance,
    ).toBe(true);
  });

  it('an outage that outlasts maintenance by 10 minutes counts only those 10, and pages only after maintenance ends', () => {
    const maintenance = [{ startMs: OUTAGE, endMs: OUTAGE + 20 * MINUTE }];
    expect(evaluateSlo(sloSpec(), thirtyMinuteOutage, END, { maintenance }).budget.consumed).toBe(
      1000,
    );
    const [page] = backtestSlo(sloSpec(), thirtyMinuteOutage, {
      fromMs: T0,
      toMs: END,
      maintenance,
    });
    expect(page).toMatchObject({ severity: 'page', startMs: OUTAGE + 21 * MINUTE });
  });

  it('a firing page resolves when maintenance begins', () => {
    const maintenance = [{ startMs: OUTAGE + 10 * MINUTE, endMs: OUTAGE + 12 * MINUTE }];
    const status = evaluateSlo(sloSpec(), thirtyMinuteOutage, OUTAGE + 11 * MINUTE, {
      maintenance,
    });
    expect(status.alerts[0]).toMatchObject({
      state: 'resolved',
      resolvedAtMs: OUTAGE + 11 * MINUTE,
    });
  });
});

describe('calendar windows in the site time zone', () => {
  const monthly = sloSpec({ window: { type: 'calendar', unit: 'month' } });
  const from = Date.parse('2025-02-25T00:00:00Z');
  const history = steadyTraffic(from, 40 * 1440, 10);

  it('a March SLO in Asia/Dubai starts at 20:00 UTC on 28 February and is 31 days long', () => {
    const now = Date.parse('2025-03-15T10:00:00Z');
    const status = evaluateSlo(monthly, history, now);
    const start = Date.parse('2025-02-28T20:00:00Z');
    expect(status.window).toEqual({ startMs: start, endMs: now, lengthMinutes: 31 * 1440 });
    expect(status.total).toBe(((now - start) / MINUTE) * 10);
    // 2 % of a 744-hour budget in an hour.
    expect(status.burnRates[0]?.threshold).toBe(14.88);
  });

  it('at local midnight on 1 April the view still shows March; a minute later April has begun', () => {
    const midnight = Date.parse('2025-03-31T20:00:00Z');
    expect(evaluateSlo(monthly, history, midnight).window.startMs).toBe(
      Date.parse('2025-02-28T20:00:00Z'),
    );
    const april = evaluateSlo(monthly, history, midnight + MINUTE);
    expect(april.window).toEqual({
      startMs: midnight,
      endMs: midnight + MINUTE,
      lengthMinutes: 30 * 1440,
    });
    expect(april.total).toBe(10);
  });

  it('a UTC site starts the month at midnight UTC; a quarter in Dubai starts on 31 December at 20:00 UTC', () => {
    const now = Date.parse('2025-03-15T10:00:00Z');
    expect(evaluateSlo(monthly, history, now, { timeZone: 'UTC' }).window.startMs).toBe(
      Date.parse('2025-03-01T00:00:00Z'),
    );
    const quarterly = sloSpec({ window: { type: 'calendar', unit: 'quarter' } });
    expect(evaluateSlo(quarterly, history, now).window).toMatchObject({
      startMs: Date.parse('2024-12-31T20:00:00Z'),
      lengthMinutes: 90 * 1440,
    });
  });
});

describe('budgeting methods', () => {
  // One day of 5-minute slices at 100 requests a minute; 10 slices run at 90 % good, 2 have no data.
  const day = (() => {
    const series = steadyTraffic(T0, 1440, 100);
    for (let s = 0; s < 10; s += 1) for (let i = 0; i < 5; i += 1) series.good[s * 50 + i] = 90;
    for (const s of [200, 201])
      for (let i = 0; i < 5; i += 1) series.good[s * 5 + i] = series.total[s * 5 + i] = 0;
    return series;
  })();
  const latency = {
    type: 'latency',
    thresholdSeconds: 0.5,
    source: { kind: 'canonical' },
  } as const;

  it('Occurrences counts requests: 500 failures in 143,000', () => {
    const status = evaluateSlo(sloSpec({ indicator: latency, objective: 0.99 }), day, T0 + DAY);
    expect([status.good, status.total, status.unit]).toEqual([142_500, 143_000, 'events']);
  });

  it('Timeslices counts 5-minute slices that reach 95 % good: 276 of 286 (empty slices do not count)', () => {
    const spec = sloSpec({
      indicator: latency,
      objective: 0.95,
      budgetingMethod: 'Timeslices',
      timeSliceMinutes: 5,
      timeSliceTarget: 0.95,
    });
    const status = evaluateSlo(spec, day, T0 + DAY);
    expect([status.good, status.total, status.unit]).toEqual([276, 286, 'slices']);
    expect(status.budget).toMatchObject({ total: 14.3, consumed: 10 });
  });

  it("RatioTimeslices averages each slice's own ratio", () => {
    const spec = sloSpec({
      indicator: latency,
      objective: 0.95,
      budgetingMethod: 'RatioTimeslices',
      timeSliceMinutes: 5,
    });
    const status = evaluateSlo(spec, day, T0 + DAY);
    expect(status.total).toBe(286);
    expect(status.attainment).toBeCloseTo((276 + 10 * 0.9) / 286, 12);
  });

  it('a slice still in progress is not counted until it ends', () => {
    const spec = sloSpec({
      indicator: latency,
      objective: 0.95,
      budgetingMethod: 'Timeslices',
      timeSliceMinutes: 5,
      timeSliceTarget: 0.95,
    });
    expect(evaluateSlo(spec, day, T0 + 13 * MINUTE).total).toBe(2);
    expect(evaluateSlo(spec, day, T0 + 15 * MINUTE).total).toBe(3);
  });

  it('pre-judged threshold minutes: a 5-minute slice is good only when every judged minute in it was', () => {
    const judged = steadyTraffic(T0, 60, 1);
    judged.good[7] = 0;
    judged.total[20] = judged.good[20] = 0;
    const spec = sloSpec({
      indicator: { type: 'threshold', query: 'up', op: 'gte', value: 1 },
      budgetingMethod: 'Timeslices',
      objective: 0.9,
    });
    expect(evaluateSlo(spec, judged, T0 + HOUR)).toMatchObject({ good: 58, total: 59 });
    const fiveMinute = evaluateSlo({ ...spec, timeSliceMinutes: 5 }, judged, T0 + HOUR);
    expect(fiveMinute).toMatchObject({ good: 11, total: 12 });
  });
});

describe('overall status', () => {
  it('no data is "no_data", not a perfect score', () => {
    const status = evaluateSlo(sloSpec(), [], END);
    expect(status).toMatchObject({
      status: 'no_data',
      attainment: null,
      good: 0,
      total: 0,
      currentBurnRate: null,
      timeToExhaustionMinutes: null,
    });
    expect(status.budget.remainingFraction).toBe(1);
    expect(status.alerts.map((a) => a.state)).toEqual(['inactive', 'inactive']);
  });

  it('a steady 0.2 % error rate for 30 days breaches a 99.9 % SLO and leaves no time to exhaustion', () => {
    const status = evaluateSlo(
      sloSpec(),
      steadyTraffic(T0, 30 * 1440, 1000, [{ startMs: T0, minutes: 30 * 1440, errorRate: 0.002 }]),
      END,
    );
    expect(status.attainment).toBeCloseTo(0.998, 12);
    expect(status.status).toBe('breached');
    expect(status.budget.remainingFraction).toBeCloseTo(-1, 9);
    expect(status.timeToExhaustionMinutes).toBe(0);
  });

  it('a minute reporting more good requests than total (a counter reset) or garbage counts never lifts attainment above 100 %', () => {
    const odd = steadyTraffic(T0, 60, 10);
    odd.good[5] = 25;
    odd.good[6] = -3;
    odd.total[7] = Number.NaN;
    const status = evaluateSlo(sloSpec(), odd, T0 + HOUR);
    expect(status).toMatchObject({ good: 580, total: 590 });
    const tracker = new SloTracker(sloSpec());
    tracker.ingestSeries(odd);
    expect(tracker.evaluate(T0 + HOUR)).toEqual(status);
  });

  it('less than a quarter of the budget left is "at risk" even when nothing is firing', () => {
    const spent = steadyTraffic(FROM, 40 * 1440, 100, [
      { startMs: OUTAGE, minutes: 33, errorRate: 1 },
    ]);
    const status = evaluateSlo(sloSpec(), spent, END);
    expect(status.budget.remainingFraction).toBeLessThan(0.25);
    expect(status.alerts.some((a) => a.state === 'firing')).toBe(false);
    expect(status.status).toBe('at_risk');
  });
});
