// Enforcement on the demo site: the SLO's firing page alert proposes failing the model over to the
// standby host; an operator's approval runs it on the simulated agent, which moves the traffic, and the
// next whole minutes meet the objective again. The clock is moved on rather than waited for (fixtures.ts).
import { expect, test } from './fixtures.ts';
import {
  breakModelUntilPaged,
  CLOCK_STARTS_MINUTES_AGO,
  createLatencySlo,
  MODEL,
  SLO,
  setFailOverPolicy,
  shot,
  startDemo,
} from './demoSloSite.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

test('the page alert proposes a fail-over; once approved it moves the traffic and the SLI recovers', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const site = await startDemo(page, app);
  const { slo } = site;
  await createLatencySlo(slo);
  await setFailOverPolicy(site);

  await breakModelUntilPaged(page, app, site);
  await slo.open(); // on the SLO's detail, shown last
  await expect(slo.detail(SLO)).toBeVisible();
  const action = slo.actions.first();
  await expect(action).toHaveAttribute('data-status', 'proposed', { timeout: 30_000 });
  await action.getByTestId('slo-action-approve').click();
  await expect(action).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(action).toContainText(
    `${MODEL}: traffic moved from ${site.faultyHost} to ${site.standbyHost}`,
  );

  // The minute-by-minute close-up marks the action; with the traffic off the slow host, the whole
  // minutes after it meet the objective again.
  await expect(slo.recentChart).toHaveAttribute('data-markers', '1');
  await app.advanceClock(3);
  await expect
    .poll(async () => Number(await slo.recentChart.getAttribute('data-last')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(0.995);
  await shot(page, 'slo-enforcement-en');
});
