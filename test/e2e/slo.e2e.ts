// SLOs end to end on the demo site: an admin creates a latency SLO for a simulated model through
// the editor (validated as typed, backtested), opens its detail, sees the alert stream and an SLA
// report, in English and Arabic. Screenshots of each screen go to test-results/screens/.
import { expect, test } from './fixtures.ts';
import { FleetPage } from './pages/FleetPage.ts';
import { SetupPage } from './pages/SetupPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { SloPage } from './pages/SloPage.ts';

const ADMIN_PASSWORD = 'admin-password-1';
const SLO = 'demo-model-latency';

test('create a latency SLO for a simulated model and open its detail', async ({ app, page }) => {
  test.setTimeout(240_000);
  // The console scrolls inside <main>: grow the viewport to the content so the shot shows all of it.
  const shot = async (name: string) => {
    const height = await page.evaluate(() => (document.querySelector('main')?.scrollHeight ?? 0) + 60);
    await page.setViewportSize({ width: 1280, height: Math.min(4000, Math.max(800, height)) });
    await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  };
  const setup = new SetupPage(page);
  const fleet = new FleetPage(page);
  const slo = new SloPage(page);
  await page.goto(app.url);
  await setup.fill({ siteName: 'Abu Dhabi DC1', passphrase: 'correct horse battery staple', adminUsername: 'admin', adminDisplayName: 'Site Admin', adminPassword: ADMIN_PASSWORD });
  await setup.submit();
  await setup.confirmSaved();
  await new SignInPage(page).signIn('admin', ADMIN_PASSWORD);

  await slo.open();
  await expect(page.getByTestId('slo-empty')).toBeVisible();
  await shot('slo-empty-en');

  // The demo site's first host names the simulated model the SLO is about.
  await fleet.open();
  await fleet.startDemo();
  await expect(fleet.hostRows({ state: 'online' })).toHaveCount(6, { timeout: 90_000 });
  await fleet.hostRows().first().click();
  const modelRow = page.getByTestId('fleet-model-row').first();
  await expect(modelRow).toBeVisible({ timeout: 30_000 });
  const model = (await modelRow.locator('td').first().innerText()).trim();
  expect(model).not.toBe('');

  await slo.open();
  await slo.create();
  await slo.fillLatency({ name: SLO, displayName: 'Demo model p99 under 2 s', model, thresholdSeconds: '2', objectivePercent: '100' });
  await expect(slo.fieldMessage('slo-objective')).toHaveText('Enter a percentage above 0 and below 100, e.g. 99.9.');
  await slo.id('slo-objective').fill('99');
  await expect(slo.fieldMessage('slo-objective')).toHaveCount(0);
  await slo.backtest();
  await expect(slo.backtestResult).toBeVisible({ timeout: 60_000 });
  await shot('slo-editor-en');
  await slo.save();

  const detail = slo.detail(SLO);
  await expect(detail).toBeVisible();
  await expect(detail).not.toHaveAttribute('data-status', 'invalid', { timeout: 30_000 });
  await expect(slo.burnRows.first()).toBeVisible();
  await expect(slo.sliChart).toBeVisible();
  await shot('slo-detail-en');

  await slo.back();
  await expect(slo.row(SLO)).toBeVisible();
  await shot('slo-list-en');

  await slo.openAlerts();
  await expect(page.locator('[data-testid="alerts-empty"], [data-testid="alert-row"]').first()).toBeVisible();
  await shot('alerts-en');

  await slo.openSlas();
  await page.getByTestId('sla-empty-create').click();
  await page.getByTestId('sla-name').fill('demo-customer');
  await page.getByTestId('sla-customer').fill('Demo Bank');
  await page.locator(`[data-testid="sla-slo-option"][data-slo="${SLO}"]`).check();
  await page.getByTestId('sla-save').click();
  const report = page.getByTestId('sla-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('sla-figures')).toBeVisible({ timeout: 30_000 });
  await shot('sla-report-en');

  // The same screens in Arabic, right to left.
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await shot('sla-report-ar');
  await slo.openAlerts();
  await shot('alerts-ar');
  await slo.open();
  await expect(slo.row(SLO)).toBeVisible();
  await shot('slo-list-ar');
  await slo.row(SLO).click();
  await expect(detail).toBeVisible();
  await expect(slo.burnRows.first()).toBeVisible();
  await shot('slo-detail-ar');
  await page.getByTestId('slo-edit').click();
  await expect(page.getByTestId('slo-editor')).toBeVisible();
  await slo.id('slo-objective').fill('100');
  await expect(slo.fieldMessage('slo-objective')).toBeVisible();
  await shot('slo-editor-ar');
});
