// The demo site end to end: an admin starts the simulated fleet from the empty Fleet view, its hosts
// come online marked SIMULATED, and a GPU's charts move as telemetry arrives.
import { expect, test } from './fixtures.ts';
import { FleetPage } from './pages/FleetPage.ts';
import { SetupPage } from './pages/SetupPage.ts';
import { SignInPage } from './pages/SignInPage.ts';

const ADMIN_PASSWORD = 'admin-password-1';

test('start the demo site, drill into a GPU and watch its charts move', async ({ app, page }) => {
  test.setTimeout(180_000);
  const shot = (name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  const setup = new SetupPage(page);
  const fleet = new FleetPage(page);
  await page.goto(app.url);
  await setup.fill({ siteName: 'Abu Dhabi DC1', passphrase: 'correct horse battery staple', adminUsername: 'admin', adminDisplayName: 'Site Admin', adminPassword: ADMIN_PASSWORD });
  await setup.submit();
  await setup.confirmSaved();
  await new SignInPage(page).signIn('admin', ADMIN_PASSWORD);

  await fleet.open();
  await expect(page.getByTestId('fleet-empty')).toBeVisible();
  await shot('fleet-empty-en');
  await fleet.startDemo();
  await expect(fleet.hostRows({ simulated: true })).toHaveCount(6, { timeout: 90_000 });
  await expect(fleet.hostRows({ state: 'online' })).toHaveCount(6, { timeout: 60_000 });
  const heatmap = page.getByTestId('fleet-heatmap');
  await expect(heatmap).toBeVisible();
  await expect.poll(async () => Number(await heatmap.getAttribute('data-cells')), { timeout: 30_000 }).toBe(6 * 8);
  await shot('fleet-overview-en');

  await fleet.hostRows().first().click();
  await expect(page.getByTestId('fleet-host-detail')).toBeVisible();
  await shot('fleet-host-en');
  await fleet.gpuRow(0).getByRole('button').click();
  await expect(page.getByTestId('fleet-gpu-detail')).toBeVisible();

  const utilisation = fleet.chart('gpu_utilization_percent');
  await expect(utilisation).toBeVisible();
  await expect.poll(async () => Number(await utilisation.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(0);
  const firstLast = await utilisation.getAttribute('data-last-ts');
  await expect.poll(() => utilisation.getAttribute('data-last-ts'), { timeout: 30_000 }).not.toBe(firstLast);
  await shot('fleet-gpu-en');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await shot('fleet-gpu-ar');
});
