// Burn-rate alerting on the demo site: a latency spike injected into a simulated host fires the SLO's
// page alert, which shows on the Alerts screen (English and Arabic), and the error budget falls.
// The clock is moved on through the spike's minutes rather than waited for (fixtures.ts).
import { expect, test } from './fixtures.ts';
import {
  breakModelUntilPaged,
  CLOCK_STARTS_MINUTES_AGO,
  createLatencySlo,
  SLO,
  shot,
  startDemo,
} from './demoSloSite.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

test('a latency spike on a simulated model fires the page alert and burns the error budget', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const site = await startDemo(page, app);
  const { slo } = site;
  await createLatencySlo(slo);
  await slo.back();
  await expect(slo.row(SLO)).not.toHaveAttribute('data-budget', '', { timeout: 30_000 });
  const budgetBefore = Number(await slo.row(SLO).getAttribute('data-budget'));

  await breakModelUntilPaged(page, app, site);
  await shot(page, 'alerts-en');
  await slo.open();
  await expect
    .poll(async () => Number(await slo.row(SLO).getAttribute('data-budget')), { timeout: 30_000 })
    .toBeLessThan(budgetBefore);
  await shot(page, 'slo-list-en');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await slo.openAlerts();
  await expect(slo.firingPage(SLO)).toBeVisible();
  await shot(page, 'alerts-ar');
});
