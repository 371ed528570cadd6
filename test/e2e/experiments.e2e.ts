// A model experiment on the demo site, as an ML engineer runs it: plan version 3 of the demo model
// against version 1 on half its traffic, start it on the routing, and let the demo's traffic
// run: version 3 is slower, so the latency guardrail stops the experiment on its own, traffic goes
// back to version 1, and the audit log shows the start, the split and the stop, in English and Arabic.
import { expect, test } from './fixtures.ts';
import { CLOCK_STARTS_MINUTES_AGO, MODEL, shot, startDemo } from './demoSloSite.ts';
import { AuditPage } from './pages/AuditPage.ts';
import { ExperimentsPage } from './pages/ExperimentsPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

test('a variant slower than control is stopped by the latency guardrail and traffic goes back to control, audited', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  await startDemo(page, app);
  const experiments = new ExperimentsPage(page);
  await experiments.open();
  await expect(page.getByTestId('experiment-new')).toBeVisible();
  await experiments.plan({
    name: 'Demo model version 3',
    model: MODEL,
    control: '1',
    variant: '3',
    variantPercent: '50',
  });
  await expect(experiments.status()).toHaveAttribute('data-status', 'draft');
  await experiments.start();
  await expect(page).toHaveURL(/#\/experiments\/\d+$/);

  // A few minutes of the demo's traffic: version 3 answers about 20 % slower than version 1.
  // Moved on two minutes at a time, as the operator's page keeps reading (a long jump would lock the session).
  await expect
    .poll(
      async () => {
        await app.advanceClock(2);
        return experiments.status().getAttribute('data-status');
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe('stopped');
  const stop = experiments.detail().getByTestId('experiment-stop-reason');
  await expect(stop).toHaveAttribute('data-stop-kind', 'guardrail');
  await expect(stop).toContainText('latency');
  await expect(experiments.detail().getByTestId('experiment-rollback')).toHaveAttribute(
    'data-rolled-back',
    'true',
  );
  await expect(
    experiments.detail().getByTestId('experiment-guardrail-latency').locator('[data-breached]'),
  ).toHaveAttribute('data-breached', 'true');
  await shot(page, 'experiment-stopped-en');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(stop).toContainText('أوقفها حاجز');
  await shot(page, 'experiment-stopped-ar');
  await page.getByTestId('lang-toggle').click();

  await page.getByTestId('nav-audit').click();
  const audit = new AuditPage(page);
  await expect(audit.rows({ action: 'experiment.start' })).toHaveCount(1);
  await expect(audit.rows({ action: 'experiment.stop', outcome: 'success' })).toHaveCount(1);
  // The split and its rollback went through the hosts' declared action, each audited.
  await expect(audit.rows({ action: 'fleet.runAction' }).first()).toBeVisible();
});
