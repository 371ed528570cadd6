// An SLO with minutes of data in a 28-day window reads "not enough data yet": its coverage shown, its
// budget figures marked provisional (never red, never "Exhausted"), raised burn-rate thresholds
// explained, and a backtest that says how much data its "no alerts" rests on. English and Arabic.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Backtest } from '../../shared/ipc/contract.ts';
import { stripIsolates } from '../../renderer/i18n/format.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { stubCanvas } from './runbookFixtures.ts';
import { detail, NOW, summary } from './sloFixtures.ts';

stubCanvas();

const MINUTE = 60_000;
/** Twelve minutes into a 28-day window, after a fault: −256.6 % of the budget "left". */
const young = summary('young-latency', {
  status: 'not_enough_data',
  attainment: 0.9872,
  budgetRemaining: -2.566,
  timeToExhaustionMinutes: 2100,
  coverage: {
    since: new Date(NOW - 12 * MINUTE).toISOString(),
    observedMinutes: 12,
    windowMinutes: 28 * 1440,
    fraction: 12 / (28 * 1440),
    isSufficient: false,
  },
});

function bridge(backtest?: Backtest) {
  return createFakeBridge({
    ...signedInHandlers('ml_engineer'),
    'slo.list': () => [young],
    'slo.get': ({ name }) =>
      detail(name, {
        summary: young,
        burnRates: [
          {
            severity: 'ticket',
            longMinutes: 4320,
            shortMinutes: 360,
            budgetFraction: 0.1,
            threshold: 0.93,
            long: 25.6,
            short: 25.6,
            isGuarded: false,
            observedMinutes: 12,
            effectiveThreshold: 334.8,
          },
        ],
      }),
    ...(backtest ? { 'slo.backtest': () => backtest } : {}),
  });
}

const render = (language: 'en' | 'ar', backtest?: Backtest) =>
  renderApp(bridge(backtest), memoryPreferences({ 'mirqab.language': language }));

async function openDetail(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByTestId('nav-slo'));
  fireEvent.click(await screen.findByTestId('slo-row'));
  return screen.findByTestId('slo-coverage');
}

const figure = (key: string) =>
  screen.getByTestId('slo-figures').querySelector<HTMLElement>(`[data-figure="${key}"]`)!;

describe('an SLO on minutes of data', () => {
  it('lists as "Not enough data yet" with its budget marked provisional, not red', async () => {
    render('en');
    fireEvent.click(await screen.findByTestId('nav-slo'));
    const row = await screen.findByTestId('slo-row');
    expect(row.dataset.status).toBe('not_enough_data');
    expect(within(row).getByText('Not enough data yet')).toBeTruthy();
    const budget = within(row).getByTestId('slo-row-budget');
    expect(budget.textContent).toBe('-256.6 %');
    expect(budget.className).toContain('slo-provisional');
    expect(budget.className).not.toContain('slo-budget-danger');
    expect(budget.title).toBe('Provisional: 12 min of 28 d observed');
  });

  it('shows in its detail how much of the window has data and when verdicts start', async () => {
    render('en');
    const notice = await openDetail();
    expect(notice.textContent).toContain(
      'Not enough data yet — 12 min of 28 d (\u20660.03 %\u2069) observed.',
    );
    expect(notice.textContent).toContain(
      'provisional until \u206610 %\u2069 of the window (2 d 19 h) has data',
    );
    expect(within(notice).getByTestId('slo-coverage-bar').getAttribute('aria-valuenow')).toBe('0');
    // Never "Exhausted" on 12 minutes: the time left at the traffic seen, marked provisional.
    expect(figure('exhaustion').textContent).not.toContain('Exhausted');
    expect(figure('exhaustion').dataset.provisional).toBe('true');
    expect(figure('budget').classList.contains('slo-figure-danger')).toBe(false);
    expect(figure('attainment').classList.contains('slo-figure-danger')).toBe(false);
    expect(figure('coverage').textContent).toBe('Window with data0.03 %');
    // The 3-day ticket's threshold reads raised, with why.
    const threshold = screen.getByTestId('slo-burn-threshold');
    expect(threshold.dataset.raised).toBe('true');
    expect(threshold.textContent).toBe('335×raised from \u20660.93×\u2069: 12 min of 3 d observed');
  });

  it('says the same in Arabic', async () => {
    render('ar');
    const notice = await openDetail();
    expect(document.documentElement.dir).toBe('rtl');
    // Figures are isolated left to right inside the Arabic sentence (compared here without the marks).
    expect(notice.textContent).toContain('\u20660.03 %\u2069');
    expect(stripIsolates(notice.textContent)).toContain(
      'لا تكفي البيانات بعد — رُصد 12 دقيقة من 28 يوم (0.03 %).',
    );
    expect(stripIsolates(notice.textContent)).toContain('(2 يوم و19 ساعة)');
    expect(
      within(await screen.findByTestId('slo-detail')).getByText('لا تكفي البيانات بعد'),
    ).toBeTruthy();
  });
});

describe('a backtest over little data', () => {
  const backtest = (observedMinutes: number): Backtest => ({
    from: new Date(NOW - 30 * 1440 * MINUTE).toISOString(),
    to: new Date(NOW).toISOString(),
    attainment: 1,
    budgetConsumed: 0,
    coverage: {
      since: observedMinutes > 0 ? new Date(NOW - observedMinutes * MINUTE).toISOString() : null,
      observedMinutes,
      spanMinutes: 30 * 1440,
    },
    sli: [],
    alerts: [],
  });

  async function runBacktest(): Promise<HTMLElement> {
    fireEvent.click(await screen.findByTestId('nav-slo'));
    fireEvent.click(await screen.findByTestId('slo-create'));
    // The editor loads on first use (a separate chunk): give it time on a busy machine.
    await screen.findByTestId('slo-editor', {}, { timeout: 10_000 });
    fireEvent.change(screen.getByTestId('slo-name'), { target: { value: 'fraud-availability' } });
    fireEvent.change(screen.getByTestId('slo-model'), { target: { value: 'fraud-scorer' } });
    fireEvent.click(screen.getByTestId('slo-backtest-run'));
    return screen.findByTestId('slo-backtest');
  }

  it('says how much data it saw instead of "would not have alerted in the last 30 days"', async () => {
    render('en', backtest(2));
    const panel = await runBacktest();
    expect(within(panel).getByTestId('slo-backtest-seen').textContent).toBe(
      'Based on 2 min of data in the last 30 days.',
    );
    const quiet = within(panel).getByTestId('slo-backtest-quiet').textContent;
    expect(quiet).not.toContain('would not have alerted in the last 30 days');
    expect(quiet).toBe(
      'No alert in the 2 min of data seen; the rest of the last 30 days had none to judge.',
    );
  });

  it('keeps the plain sentence when the whole span had data', async () => {
    render('en', backtest(30 * 1440));
    const panel = await runBacktest();
    expect(within(panel).queryByTestId('slo-backtest-seen')).toBeNull();
    expect(within(panel).getByTestId('slo-backtest-quiet').textContent).toBe(
      'This SLO would not have alerted in the last 30 days.',
    );
  });
});
