// A game day as a team runs it: the facilitator starts the bad-deploy drill at 60× from the Drills
// page and joins it, the DRILL banner shows on every screen, the drill's incident is acknowledged and
// the rollback runbook run with a second operator's approval from her own browser, the facilitator
// ends the drill, reads the score and exports the report as PDF; the views in English and Arabic.
import type { Browser, Page } from '@playwright/test';
import { shot } from './demoSloSite.ts';
import { expect, test, type ConsoleProcess } from './fixtures.ts';
import { IncidentPage } from './pages/IncidentPage.ts';
import { OperatorsPage } from './pages/OperatorsPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';
import { SignInPage } from './pages/SignInPage.ts';

const ENGINEER = { username: 'amal', password: 'amal-password-12' };
const SCENARIO = 'bad-model-deploy';

async function signInElsewhere(browser: Browser, app: ConsoleProcess): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(await app.newLink());
  await new SignInPage(page).signIn(ENGINEER.username, ENGINEER.password);
  await expect(page.getByTestId('nav-incidents')).toBeVisible();
  return page;
}

/** Joins the live drill from the notice every screen shows; the page reloads into the drill. */
async function joinDrill(page: Page): Promise<void> {
  await page.getByTestId('drill-notice').getByTestId('drill-join').click();
  await expect(page.getByTestId('drill-banner')).toBeVisible();
}

test('a facilitator runs a compressed drill that the team responds to, then reads its score and exports its report', async ({
  app,
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await setUpAndSignIn(page, app.url);
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

  // The facilitator reads the scenario and starts it at 60×.
  await page.getByTestId('nav-drills').click();
  const row = page.locator(`[data-testid="drill-scenario-row"][data-name="${SCENARIO}"]`);
  await row.getByRole('button').first().click();
  await expect(page.getByTestId('drill-scenario')).toContainText('rollback-model');
  await shot(page, 'drills-scenarios-en');
  await row.getByTestId('drill-start-open').click();
  await page.getByTestId('drill-start-speed').selectOption('60');
  await page.getByTestId('drill-start-team').fill('Blue team');
  await page.getByTestId('drill-start-confirm').click();
  await expect(page.getByTestId('drill-live')).toBeVisible();
  await expect(page.getByTestId('drill-live-state')).toHaveText('Running', { timeout: 60_000 });

  // Both join; the banner stays on every screen, the Incidents page shows the drill's incidents.
  await joinDrill(page);
  await joinDrill(engineer);
  await shot(page, 'drills-live-en');
  const incidents = new IncidentPage(page);
  await incidents.open();
  await expect(page.getByTestId('drill-banner')).toContainText('DRILL');
  await expect(page.getByTestId('drill-banner-title')).toHaveText(/llama-3-8b/);
  const incidentRow = incidents.rows().first();
  await expect(incidentRow).toBeVisible({ timeout: 60_000 });
  await incidentRow.click();
  const incidentId = await incidents.openedId();
  await incidents.acknowledge();
  await shot(page, 'drills-banner-incident-en');

  const panel = page.getByTestId('incident-runbooks');
  const suggestion = panel.locator(
    '[data-testid="runbook-suggestion"][data-runbook="rollback-model"]',
  );
  await suggestion.getByRole('button', { name: 'Dry-run' }).click();
  await panel.getByTestId('runbook-start').click();
  const runView = panel.getByTestId('runbook-run');
  await panel.getByTestId('runbook-step-done').click(); // the box goes once the step is done
  await expect(
    runView.locator('[data-testid="runbook-step"][data-status="awaiting_approval"]'),
  ).toBeVisible();

  // The second operator approves the rollback inside the drill, from her own browser.
  const hers = new IncidentPage(engineer);
  await hers.open();
  await hers.openIncident(incidentId);
  await engineer.getByTestId('incident-runbooks').getByTestId('runbook-approve').click();
  await expect(runView.getByTestId('runbook-step').nth(1)).toHaveAttribute(
    'data-status',
    'succeeded',
    { timeout: 30_000 },
  );

  // The facilitator ends the drill: every screen goes back to the site, the score shows.
  await page.getByTestId('nav-drills').click();
  await page.getByTestId('drill-tab-live').click();
  await page.getByTestId('drill-end').click();
  await page.getByTestId('drill-end-confirm-confirm').click();
  const score = page.getByTestId('drill-score');
  await expect(score).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('drill-banner')).toHaveCount(0);
  await expect(engineer.getByTestId('drill-banner')).toHaveCount(0, { timeout: 30_000 });
  expect(Number(await score.getAttribute('data-score'))).toBeGreaterThan(0);
  await expect(
    page.locator('[data-testid="drill-component"][data-key="acknowledge"]'),
  ).toHaveAttribute('data-fraction', /^(1|0\.5)$/);
  await expect(page.locator('[data-testid="drill-component"][data-key="runbook"]')).toHaveAttribute(
    'data-fraction',
    '1',
  );

  await page.getByTestId('drill-export-pdf').click();
  await expect(page.getByTestId('drill-export-file').filter({ hasText: /\.pdf/ })).toBeVisible();
  await shot(page, 'drills-run-en');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('drill-run')).toContainText('تفصيل النتيجة');
  await shot(page, 'drills-run-ar');
  await page.getByTestId('drill-run-back').click();
  await page.getByTestId('drill-tab-history').click();
  await expect(page.getByTestId('drill-run-row')).toHaveCount(1);
  await shot(page, 'drills-history-ar');
});
