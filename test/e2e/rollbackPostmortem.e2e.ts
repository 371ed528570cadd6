// From a bad deploy to a published postmortem, as two operators work it on the demo site: the model's
// bad version is deployed, its quality drops and an incident opens suggesting the rollback runbook; the
// admin dry-runs and starts it, a second operator (an ML engineer, in her own browser) approves the
// rollback, the health gate passes once the service recovers and the incident resolves; the admin
// writes the pre-filled postmortem, the ML engineer reviews and approves it, the admin publishes and
// exports it as PDF (read back with pdftotext), and the audit chain still verifies.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { CLOCK_STARTS_MINUTES_AGO, MODEL, shot, startDemo } from './demoSloSite.ts';
import { expect, test, type ConsoleProcess } from './fixtures.ts';
import { AuditPage } from './pages/AuditPage.ts';
import { IncidentPage } from './pages/IncidentPage.ts';
import { OperatorsPage } from './pages/OperatorsPage.ts';
import { PostmortemPage } from './pages/PostmortemPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';
import { SignInPage } from './pages/SignInPage.ts';

const run = promisify(execFile);
const ENGINEER = { username: 'amal', password: 'amal-password-12' };

test.use({ clockStartsMinutesAgo: CLOCK_STARTS_MINUTES_AGO });

/** A second operator in her own browser context, signed in through a fresh link from `mirqab serve`. */
async function signInElsewhere(browser: Browser, app: ConsoleProcess): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(await app.newLink());
  await new SignInPage(page).signIn(ENGINEER.username, ENGINEER.password);
  await expect(page.getByTestId('nav-incidents')).toBeVisible();
  return page;
}

/**
 * Moves the clock on a minute at a time until `check` passes: the demo's agents sample every two
 * seconds of real time, so each try waits a few seconds for their readings to reach the console.
 */
async function advanceUntil(app: ConsoleProcess, check: () => Promise<void>, most: number) {
  for (let i = 0; ; i++) {
    try {
      return await check();
    } catch (error) {
      if (i >= most) throw error;
    }
    await app.advanceClock(1);
  }
}

test('a bad deploy is rolled back with a second operator’s approval, and its postmortem reviewed, published and exported', async ({
  app,
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await setUpAndSignIn(page, app.url);
  const site = await startDemo(page, app);
  // While the demo's model detectors learn its healthy readings, the admin adds the ML engineer.
  const operators = new OperatorsPage(page);
  await operators.open();
  await operators.create({
    username: ENGINEER.username,
    displayName: 'Amal (ML engineer)',
    role: 'ml_engineer',
    password: ENGINEER.password,
  });
  await expect(operators.row(ENGINEER.username)).toBeVisible();
  const engineer = await signInElsewhere(browser, app);

  // The ML engineer vouches for the version the demo runs, so a rollback has somewhere to go back to.
  await engineer.getByTestId('nav-fleet').click();
  await engineer
    .locator(`[data-testid="fleet-host-row"][data-host-id="${site.faultyHostId}"]`)
    .click();
  await engineer
    .getByTestId('fleet-model-row')
    .filter({ hasText: MODEL })
    .getByTestId('fleet-model-versions')
    .click();
  const versionOne = engineer
    .getByTestId('model-versions-dialog')
    .locator('[data-testid="model-version"][data-version="1"]');
  await versionOne.getByTestId('model-mark-good').click();
  await engineer.getByTestId('model-mark-reason').fill('Served every demo request well');
  await engineer.getByTestId('model-mark-confirm').click();
  await expect(versionOne).toHaveAttribute('data-state', 'known_good');
  await engineer.keyboard.press('Escape');

  await site.fleet.open();
  await expect(page.getByTestId('fleet-host-detail')).toBeVisible();
  await site.fleet.injectFault({ kind: 'bad_model_deploy', target: MODEL, minutes: 60 });

  // The model's quality alert opens an incident on the model.
  const incidents = new IncidentPage(page);
  await incidents.open();
  const incidentRow = incidents.rows().filter({ hasText: MODEL });
  await advanceUntil(app, () => expect(incidentRow.first()).toBeVisible({ timeout: 5_000 }), 10);
  await incidentRow.first().click();
  const incidentId = await incidents.openedId();

  const panel = page.getByTestId('incident-runbooks');
  const suggestion = panel.locator(
    '[data-testid="runbook-suggestion"][data-runbook="rollback-model"]',
  );
  await expect(suggestion).toBeVisible();
  await suggestion.getByRole('button', { name: 'Dry-run' }).click();
  const plan = panel.getByTestId('runbook-dry-run');
  await expect(
    plan.locator('[data-testid="runbook-plan-step"][data-destructive="true"]'),
  ).toContainText(site.faultyHost);
  await expect(plan.getByTestId('runbook-plan-params').nth(1)).toHaveText(
    `model=${MODEL} version=1`,
  );
  await panel.getByTestId('runbook-start').click();
  const runView = panel.getByTestId('runbook-run');
  await panel.getByTestId('runbook-step-done').click(); // the box goes once the step is done
  await expect(
    runView.locator('[data-testid="runbook-step"][data-status="awaiting_approval"]'),
  ).toBeVisible();
  await expect(panel.getByTestId('runbook-approve')).toBeDisabled();

  // The ML engineer approves the rollback from her own browser.
  const hers = new IncidentPage(engineer);
  await hers.open();
  await hers.openIncident(incidentId);
  await engineer.getByTestId('incident-runbooks').getByTestId('runbook-approve').click();
  const rollback = runView.getByTestId('runbook-step').nth(1);
  await expect(rollback).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(rollback).toContainText('approved by amal');

  // The service recovers on the version rolled back to: the gate passes, the incident resolves.
  await advanceUntil(
    app,
    () => expect(rollback).toContainText('SLI recovered', { timeout: 5_000 }),
    10,
  );
  // The last step names the version the incident is about, though its alerts name none.
  await expect(runView.getByTestId('runbook-step').nth(2)).toContainText(
    'Name the suspect version (3)',
  );
  await panel.getByTestId('runbook-step-done').click(); // the box goes once the step is done
  await expect(runView).toHaveAttribute('data-state', 'succeeded');
  await advanceUntil(
    app,
    () => expect(incidents.state()).toHaveAttribute('data-state', 'resolved', { timeout: 5_000 }),
    10,
  );
  await shot(page, 'rollback-postmortem-incident');

  const pm = new PostmortemPage(page);
  await pm.createFromIncident();
  await expect(pm.preview('timeline')).toContainText('rollback');
  await pm.write('rootCauses', `Version 3 of **${MODEL}** was deployed without a shadow check.`);
  await pm.save();
  await pm.setReviewers(ENGINEER.username);
  await pm.id('pm-submit').click();
  await expect(pm.id('pm-editor')).toHaveAttribute('data-state', 'in_review');

  await engineer.getByTestId('nav-postmortems').click();
  await engineer.getByTestId('pm-row').first().getByRole('button').click();
  await engineer.getByTestId('pm-decide').getByRole('button', { name: 'Approve' }).click();
  await expect(engineer.getByTestId('pm-reviewers').locator('li')).toHaveAttribute(
    'data-decision',
    'approved',
  );
  await engineer.context().close();

  await pm.id('pm-publish').click();
  await expect(pm.id('pm-editor')).toHaveAttribute('data-state', 'published');
  await shot(page, 'rollback-postmortem-published');
  const written = await pm.export('pdf', 'en');
  const file = /: (postmortem-\d+-r1-en\.pdf)/.exec(written)?.[1];
  expect(file).toBeTruthy();
  const { stdout } = await run('pdftotext', [
    '-enc',
    'UTF-8',
    join(app.dataDir, 'exports', 'reports', file!),
    '-',
  ]);
  const text = stdout.replace(/\s+/g, ' ');
  expect(text).toContain(`Version 3 of ${MODEL} was deployed without a shadow check.`);
  expect(text).toContain(ENGINEER.username);
  expect(text).toContain('Version: 3');

  await page.getByTestId('nav-audit').click();
  const audit = new AuditPage(page);
  await expect(audit.rows({ action: 'runbook.step.approve' })).toHaveCount(1);
  await expect(audit.rows({ action: 'runbook.healthGate.pass' })).toHaveCount(1);
  await expect(audit.rows({ action: 'postmortem.publish' })).toHaveCount(1);
  await expect(await audit.verify()).toHaveAttribute('data-ok', 'true');
});
