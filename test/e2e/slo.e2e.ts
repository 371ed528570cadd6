// SLOs on the demo site: an admin creates a latency SLO for a simulated model through the editor
// (validated as typed, backtested), sees its status, burn rates, SLI and budget, sets a fail-over
// policy, and sees the same screens in Arabic. The console's clock is moved on through the demo's
// history rather than waited for (fixtures.ts). Screenshots go to test-results/screens/.
import { expect, test } from './fixtures.ts';
import {
  CLOCK_STARTS_MINUTES_AGO,
  MODEL,
  SLO,
  setFailOverPolicy,
  shot,
  startDemo,
} from './demoSloSite.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';
import { SloPage } from './pages/SloPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

test('an admin creates a latency SLO in the editor, validated as typed and backtested, and sees its status, burn rates and budget, in English and Arabic', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const slo = new SloPage(page);
  await slo.open();
  await expect(page.getByTestId('slo-empty')).toBeVisible();
  await shot(page, 'slo-empty-en');

  const site = await startDemo(page, app);
  await slo.open();
  await slo.create();
  await slo.fillLatency({
    name: SLO,
    displayName: 'Demo model under 2.5 s',
    model: MODEL,
    thresholdSeconds: '2.5',
    objectivePercent: '100',
  });
  await expect(slo.fieldMessage('slo-objective')).toHaveText(
    'Enter a percentage above 0 and below 100, e.g. 99.9.',
  );
  await slo.id('slo-objective').fill('99.5');
  await expect(slo.fieldMessage('slo-objective')).toHaveCount(0);
  await slo.backtest();
  await expect(slo.backtestResult).toBeVisible({ timeout: 60_000 });
  // Ten minutes of the demo in 30 days: the backtest says so rather than "would not have alerted".
  await expect(slo.id('slo-backtest-seen')).toContainText('of data in the last 30 days');
  await shot(page, 'slo-editor-en');
  await slo.save();

  const detail = slo.detail(SLO);
  await expect(detail).toBeVisible();
  await expect(detail).not.toHaveAttribute('data-status', 'invalid', { timeout: 30_000 });
  await expect(slo.burnRows.first()).toBeVisible();
  await expect(slo.sliChart).toBeVisible();
  // Minutes of a 28-day window: not judged yet, with what was observed.
  await expect(slo.id('slo-coverage')).toContainText('Not enough data yet', { timeout: 30_000 });
  await setFailOverPolicy(site);
  await shot(page, 'slo-detail-en');

  await slo.back();
  await expect(slo.row(SLO)).toBeVisible();
  // The demo's ten minutes so far are whole minutes now: the budget is counted from them.
  await expect(slo.row(SLO)).not.toHaveAttribute('data-budget', '', { timeout: 30_000 });
  await expect(slo.row(SLO)).toHaveAttribute('data-status', 'not_enough_data');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(slo.row(SLO)).toBeVisible();
  await shot(page, 'slo-list-ar');
  await slo.row(SLO).click();
  await expect(detail).toBeVisible();
  await expect(slo.burnRows.first()).toBeVisible();
  await expect(slo.id('slo-coverage')).toContainText('لا تكفي البيانات بعد');
  await shot(page, 'slo-detail-ar');
  await page.getByTestId('slo-edit').click();
  await expect(page.getByTestId('slo-editor')).toBeVisible();
  await slo.id('slo-objective').fill('100');
  await expect(slo.fieldMessage('slo-objective')).toBeVisible();
  await shot(page, 'slo-editor-ar');
});
