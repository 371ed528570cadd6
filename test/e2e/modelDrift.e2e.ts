// Drift on the demo site, as an ML engineer sees it: the simulated services log their predictions,
// the agents follow the logs and send sketches only, and the model's versions dialog shows each
// feature's drift with the test used and why, in English and Arabic, timed in the site's own clock.
import { expect, test } from './fixtures.ts';
import { CLOCK_STARTS_MINUTES_AGO, MODEL, shot, startDemo } from './demoSloSite.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

test("a covariate shift on the demo site shows on the model's drift panel, each feature with its test", async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const site = await startDemo(page, app);
  await site.fleet.open();
  await expect(page.getByTestId('fleet-host-detail')).toBeVisible();
  // A few minutes of traffic make the reference window; then the inputs shift on one host.
  for (let i = 0; i < 3; i++) await app.advanceClock(2);
  await site.fleet.injectFault({ kind: 'covariate_shift', target: MODEL, minutes: 60 });
  for (let i = 0; i < 3; i++) await app.advanceClock(2);

  const modelRow = page.getByTestId('fleet-model-row').filter({ hasText: MODEL });
  await modelRow.getByTestId('fleet-model-versions').click();
  const panel = page.getByTestId('drift-panel');
  const rows = panel.getByTestId('drift-feature-row');
  await expect(rows.filter({ hasText: 'feature_a' })).toContainText('Wasserstein', {
    timeout: 30_000,
  });
  await expect(rows.filter({ hasText: 'region' })).toContainText('Jensen');
  // The shifted host's windows arrive while the panel is open and it is furthest towards drift (a
  // steady host's 1,200-row window may still cross the threshold by chance, so the count is not fixed).
  await expect(rows.filter({ hasText: 'feature_a' })).toContainText(
    /worst host: sim-gpu-01.*Drifted on \d of \d hosts/,
    { timeout: 30_000 },
  );
  await shot(page, 'model-drift-en');
  await page.keyboard.press('Escape');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await modelRow.getByTestId('fleet-model-versions').click();
  await expect(rows.filter({ hasText: 'feature_a' })).toContainText('فاسرشتاين');
  await shot(page, 'model-drift-ar');
});
