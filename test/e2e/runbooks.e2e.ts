// Runbooks as an operator uses them on the demo site: a bad version is deployed, an incident on the
// model suggests the built-in rollback, a runbook for the demo host is imported on the Runbooks page,
// its dry-run shows the host, action and parameters, and the run waits for a second operator's
// approval, which the operator who started it cannot give; in English and Arabic.
import { expect, test } from './fixtures.ts';
import { CLOCK_STARTS_MINUTES_AGO, MODEL, shot, startDemo } from './demoSloSite.ts';
import { IncidentPage } from './pages/IncidentPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

const runbookFor = (host: string) => `apiVersion: mirqab/v1
kind: Runbook
name: demo-rollback
version: 1
title: Roll ${MODEL} back on ${host}
steps:
  - id: confirm
    type: manual
    title: Confirm {{incident.service}} regressed after the deploy
  - id: roll-back
    type: action
    title: Roll {{incident.service}} back to version 1
    action: rollback_model
    host: ${host}
    params:
      model: "{{incident.service}}"
      version: "1"
`;

test('an incident suggests the rollback runbook; a dry-run shows what runs; the requester cannot approve', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const site = await startDemo(page, app);
  await site.fleet.open();
  await site.fleet.injectFault({ kind: 'bad_model_deploy', target: MODEL, minutes: 60 });

  // The library: the six built-ins, and an import checked before it is stored.
  await page.getByTestId('nav-runbooks').click();
  await expect(page.getByTestId('runbook-row')).toHaveCount(6);
  await page
    .getByTestId('runbook-source')
    .fill(runbookFor(site.faultyHost).replace('version: 1\n', 'version: one\n'));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('runbook-problems')).toContainText(
    '4:1 version: must be a whole number',
  );
  await page.getByTestId('runbook-source').fill(runbookFor(site.faultyHost));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('runbook-valid')).toBeVisible();
  await page.getByTestId('runbook-import').click();
  await expect(page.getByTestId('runbook-yaml')).toContainText('name: demo-rollback');
  await shot(page, 'runbooks-library-en');

  const incidents = new IncidentPage(page);
  await incidents.open();
  await incidents.declare({
    title: `${MODEL} answers badly since the deploy`,
    impact: 'medium',
    urgency: 'high',
    category: 'model_accuracy',
    service: MODEL,
  });
  const panel = page.getByTestId('incident-runbooks');
  await expect(
    panel.getByTestId('runbook-suggestion').filter({ hasText: 'last known-good' }),
  ).toBeVisible();
  await panel.getByTestId('runbook-pick').selectOption('demo-rollback');
  await panel.getByRole('button', { name: 'Dry-run' }).last().click();
  const plan = panel.getByTestId('runbook-dry-run');
  await expect(plan.getByTestId('runbook-plan-params').last()).toHaveText(
    `model=${MODEL} version=1`,
  );
  await expect(plan).toContainText(site.faultyHost);
  await panel.getByTestId('runbook-start').click();
  await panel.getByTestId('runbook-step-done').click(); // the box goes once the step is done
  const approve = panel.getByTestId('runbook-approve');
  await expect(approve).toBeDisabled();
  await expect(panel).toContainText('another operator must approve');
  await shot(page, 'runbooks-incident-en');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(panel).toContainText('بانتظار الموافقة');
  await shot(page, 'runbooks-incident-ar');
});
