// Settings → Telemetry storage in a real browser against `mirqab serve`: the demo site's telemetry
// on disk, an admin setting the disk budget from the keyboard (a bad size refused first), the audit
// log naming the change, and the section in Arabic.
import { expect, test } from './fixtures.ts';
import { shot } from './demoSloSite.ts';
import { AuditPage } from './pages/AuditPage.ts';
import { FleetPage } from './pages/FleetPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';
import { ShellPage } from './pages/ShellPage.ts';

test('an admin reads telemetry storage and sets a disk budget, audited, in English and Arabic', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  // The demo site's six simulated hosts give the store real telemetry to show.
  await new FleetPage(page).startDemoSite();

  const shell = new ShellPage(page);
  await shell.go('settings');
  await page.getByTestId('settings-tab-storage').click();
  const t = (id: string) => page.getByTestId(id);
  await expect(t('storage-budget')).toHaveText(/No budget/);
  await expect(t('storage-retention')).toHaveText(
    'raw samples 48 hours, 1-minute roll-ups 30 days, 1-hour roll-ups 400 days',
  );
  await expect(t('storage-size')).toHaveText(/\d+(\.\d)? [KMG]B/);

  // From the keyboard: a size too small is refused as typed; Enter saves a good one.
  const field = t('storage-budget-input');
  await field.focus();
  await page.keyboard.type('10 MB');
  await expect(page.getByRole('alert')).toHaveText('The smallest budget accepted is 64 MiB.');
  await field.fill('');
  await page.keyboard.type('50 GB');
  const passDone = shell.waitForEvent('telemetryStorage.changed');
  await page.keyboard.press('Enter');
  await expect(
    page.getByText('Disk budget saved; a retention pass is applying it now.'),
  ).toBeVisible();
  await expect(t('storage-budget')).toHaveText(/50 GB/);
  await passDone;
  // The demo's samples are kept now, and the section (opened again) says how old the oldest is.
  await expect(async () => {
    await page.getByTestId('settings-tab-site').click();
    await page.getByTestId('settings-tab-storage').click();
    await expect(t('storage-oldest-raw')).not.toHaveText('None kept yet', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(t('storage-last-drop')).toHaveText('Never');
  await shot(page, 'telemetry-storage-en');
  await page.getByRole('button', { name: 'Dismiss' }).click();

  await shell.go('audit');
  const change = new AuditPage(page).rows({ action: 'settings.telemetryDiskBudget' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('Telemetry disk budget changed');

  await shell.go('settings');
  await page.getByTestId('settings-tab-storage').click();
  await shell.toggleLanguage();
  await expect(page.getByRole('heading', { name: 'تخزين بيانات القياس' })).toBeVisible();
  await expect(t('storage-budget')).toHaveText(/50 GB/);
  await shot(page, 'telemetry-storage-ar');
});
