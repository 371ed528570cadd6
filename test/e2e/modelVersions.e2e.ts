// A bad deploy on the demo site, as an operator sees it: the fault dialog deploys the model's bad
// version on one host; the model's SLO shows the version change on its SLI charts and the Versions
// panel shows what each host runs, the last known good and the history, in English and Arabic.
import { expect, test } from './fixtures.ts';
import {
  CLOCK_STARTS_MINUTES_AGO,
  createLatencySlo,
  MODEL,
  SLO,
  shot,
  startDemo,
} from './demoSloSite.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

test('a bad version deployed on the demo site shows on its SLO: a marker on the SLI charts and the version history', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const site = await startDemo(page, app);
  await createLatencySlo(site.slo);

  await site.fleet.open(); // reopens on the first host
  await expect(page.getByTestId('fleet-host-detail')).toBeVisible();
  await site.fleet.injectFault({ kind: 'bad_model_deploy', target: MODEL, minutes: 60 });
  await app.advanceClock(2);
  const modelRow = page.getByTestId('fleet-model-row').filter({ hasText: MODEL });
  await expect(modelRow).toHaveCount(1, { timeout: 30_000 });
  await expect(modelRow).toContainText('3', { timeout: 30_000 });
  await modelRow.getByTestId('fleet-model-versions').click();
  const dialog = page.getByTestId('model-versions-dialog');
  await expect(dialog.getByTestId('model-change').first()).toHaveAttribute('data-kind', 'deployed');
  await shot(page, 'model-versions-dialog-en');
  await page.keyboard.press('Escape');

  await site.slo.open();
  await expect(site.slo.detail(SLO)).toBeVisible();
  const panel = page.getByTestId('model-versions');
  await expect(
    panel.getByTestId('model-running').filter({ hasText: site.faultyHost }),
  ).toContainText('3');
  await expect(panel.getByTestId('model-version')).toHaveCount(2);
  await expect(page.getByTestId('slo-recent-chart')).toHaveAttribute('data-markers', '1');
  await shot(page, 'model-versions-slo-en');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(panel).toContainText('السجل');
  await shot(page, 'model-versions-slo-ar');
});
