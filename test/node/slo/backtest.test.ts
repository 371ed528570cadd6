// "Had this SLO existed over the last 30 days, here is when it would have alerted."
import { describe, expect, it } from 'vitest';
import { backtestSlo } from '../../../shared/domain/slo/index.ts';
import { DAY, HOUR, MINUTE, sloSpec, steadyTraffic, toPoints } from './sloHistories.ts';

const T0 = Date.parse('2025-06-01T00:00:00Z');
const END = T0 + 40 * DAY;
const FIRST = T0 + 5 * DAY + 3 * HOUR;
const SECOND = T0 + 33 * DAY + 14 * HOUR;
// 40 days of history; a backtest of the last 30 starts at day 10 (the days before prime the windows).
const history = steadyTraffic(T0, 40 * 1440, 200, [
  { startMs: FIRST, minutes: 15, errorRate: 1 },
  { startMs: SECOND, minutes: 240, errorRate: 0.01 },
]);

describe('backtest over the last 30 days', () => {
  it('an outage 35 days ago, resolved long before the 30 days began, is left out', () => {
    const everything = backtestSlo(sloSpec(), history, { fromMs: T0, toMs: END });
    expect(everything.map((a) => a.severity)).toEqual(['page', 'ticket', 'page']);
    const lastThirty = backtestSlo(sloSpec(), history, { fromMs: END - 30 * DAY, toMs: END });
    expect(lastThirty).toEqual(everything.slice(2));
  });

  it('a 1 % error rate for 4 hours (burn rate 10) pages through the 6-hour window after 217 minutes, and opens no ticket', () => {
    const [page, ...rest] = backtestSlo(sloSpec(), history, { fromMs: END - 30 * DAY, toMs: END });
    expect(rest).toEqual([]);
    // 6h window: 10 × m / 360 > 6 first at m = 217; the 1h pair needs 14.4, more than 10 ever reaches.
    // It resolves 12 minutes after the errors stop: 18 of the 30-minute window's minutes at burn 10 is 6, not above it.
    // Tickets need 10 % of the budget in a day or three: 432 minutes at burn 10.
    expect(page).toEqual({
      severity: 'page',
      fingerprint: 'checkout-availability/page/1h:5m+6h:30m',
      startMs: SECOND + 217 * MINUTE,
      endMs: SECOND + 252 * MINUTE,
      peakBurnRate: 10,
    });
  });

  it('an alert still firing when the backtest ends has no end, and its peak so far', () => {
    const alerts = backtestSlo(sloSpec(), history, { fromMs: T0, toMs: FIRST + 10 * MINUTE });
    expect(alerts.map((a) => [a.severity, a.endMs])).toEqual([
      ['page', null],
      ['ticket', null],
    ]);
    // Ten of the last 60 minutes failed entirely.
    expect(alerts[0]?.peakBurnRate).toBeCloseTo(10 / 60 / 0.001, 6);
  });

  it('gives the same answer from per-minute points as from columns', () => {
    const fromPoints = backtestSlo(sloSpec(), toPoints(history), { fromMs: T0, toMs: END });
    expect(fromPoints).toEqual(backtestSlo(sloSpec(), history, { fromMs: T0, toMs: END }));
  });

  it('a threshold SLO (GPU memory under its ceiling, judged per minute) pages after an hour-long breach begins', () => {
    const judged = steadyTraffic(T0, 10 * 1440, 1, [
      { startMs: T0 + 5 * DAY, minutes: 90, errorRate: 1 },
    ]);
    const spec = sloSpec({
      indicator: { type: 'gpu_saturation', signal: 'memory', ceilingPercent: 90 },
      budgetingMethod: 'Timeslices',
      objective: 0.99,
    });
    const [page] = backtestSlo(spec, judged, { fromMs: T0, toMs: T0 + 10 * DAY });
    // Threshold 0.02 × 720 = 14.4 → 14.4 % of the last hour's slices bad: 9 minutes (8/60 = 13.3 % is not enough).
    expect(page).toMatchObject({ severity: 'page', startMs: T0 + 5 * DAY + 9 * MINUTE });
  });
});
