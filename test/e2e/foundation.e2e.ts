// A new site from first run to a verified, exported audit trail, as an admin and then a viewer,
// in English and in Arabic. Screenshots of each main screen go to test-results/screens/.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { AuditPage } from './pages/AuditPage.ts';
import { OperatorsPage } from './pages/OperatorsPage.ts';
import { SetupPage } from './pages/SetupPage.ts';
import { ShellPage } from './pages/ShellPage.ts';
import { SignInPage } from './pages/SignInPage.ts';

const SITE = 'Abu Dhabi DC1 <img src=x onerror="window.__xss=1">';
const VIEWER_NAME = 'Vera <script>window.__xss=2</script>';
const ADMIN_PASSWORD = 'admin-password-1';
const VIEWER_PASSWORD = 'viewer-password-1';

test('first run, sign-in, operators, audit verify and export, Arabic layout, viewer limits', async ({
  app,
  page,
}) => {
  const shot = (name: string) =>
    page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  const shell = new ShellPage(page);
  const setup = new SetupPage(page);
  const signIn = new SignInPage(page);
  const audit = new AuditPage(page);
  const operators = new OperatorsPage(page);

  await page.goto(app.url);
  await expect(page.getByTestId('setup-site-name')).toBeVisible();
  await shot('setup-en');
  await setup.fill({
    siteName: SITE,
    passphrase: 'correct horse battery staple',
    adminUsername: 'admin',
    adminDisplayName: 'Site Admin',
    adminPassword: ADMIN_PASSWORD,
  });
  await setup.submit();

  await expect(page.getByTestId('recovery-key')).toBeVisible();
  expect(await setup.recoveryKey()).toMatch(/^[0-9a-f]{64}$/i);
  await expect(page.getByTestId('recovery-continue')).toBeDisabled();
  await shot('recovery-key-en');
  await setup.confirmSaved();

  await signIn.signIn('admin', 'not-the-password');
  await expect(signIn.error).toBeVisible();
  await shot('sign-in-en');
  await signIn.signIn('admin', ADMIN_PASSWORD);

  await expect(page.getByTestId('overview-site-name')).toHaveText(SITE);
  await expect(page.getByTestId('overview-operator')).toContainText('Site Admin');
  await shot('overview-en');

  await operators.open();
  await operators.create({
    username: 'vera',
    displayName: VIEWER_NAME,
    role: 'viewer',
    password: VIEWER_PASSWORD,
  });
  await expect(operators.row('vera')).toContainText(VIEWER_NAME);
  await shot('settings-operators-en');

  await shell.go('audit');
  await expect(audit.rows({ action: 'auth.signIn', outcome: 'failure' })).toHaveCount(1);
  await expect(audit.rows({ action: 'operators.create', outcome: 'success' })).toHaveCount(1);
  const verified = await audit.verify();
  await expect(verified).toHaveAttribute('data-ok', 'true');
  const exported = await audit.exportBundle();
  await expect(exported).toContainText('audit-log.jsonl');
  await shot('audit-en');

  // The exported bundle verifies offline, with no store and no key.
  const exportsDir = join(app.dataDir, 'exports');
  const [bundle] = readdirSync(exportsDir);
  const verdict = execFileSync(
    process.execPath,
    ['bin/mirqab.mjs', 'audit', 'verify-bundle', join(exportsDir, bundle!)],
    { encoding: 'utf8' },
  );
  expect(verdict).toMatch(/^ok: \d+ entries/);

  await shell.toggleLanguage();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  const navBox = await shell.nav('audit').boundingBox();
  const mainBox = await page.locator('main').boundingBox();
  expect(navBox && mainBox && navBox.x > mainBox.x, 'navigation sits on the right in Arabic').toBe(
    true,
  );
  await shot('audit-ar');
  await shell.go('overview');
  await expect(page.getByTestId('overview-site-name')).toHaveText(SITE);
  await shot('overview-ar');
  await operators.open();
  await expect(operators.row('vera')).toBeVisible();
  await shot('settings-operators-ar');

  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();

  // Signing out ends the browser session too: signing in again takes a fresh link from `mirqab serve`.
  await shell.signOut();
  await expect(page.getByTestId('session-ended')).toHaveAttribute('data-reason', 'signed-out');
  await shot('signed-out-ar');
  await page.goto(await app.newLink());
  await expect(page.getByTestId('signin-username')).toBeVisible();
  await shot('sign-in-ar');
  await signIn.signIn('vera', VIEWER_PASSWORD);
  await expect(page.getByTestId('overview-site-name')).toBeVisible();
  await expect(shell.nav('audit')).toHaveCount(0);
  await shell.go('settings');
  await expect(page.getByTestId('settings-tab-operators')).toHaveCount(0);
  await expect(page.getByTestId('operator-create')).toHaveCount(0);
  await shot('settings-viewer-ar');

  // The backend refuses what the UI hides, over the same signed-in browser session.
  const refused = await shell.rawCall('operators.create', {
    username: 'eve',
    displayName: 'Eve',
    role: 'admin',
    password: 'eve-password-12',
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('the API refuses a socket without the sign-in cookie, and a reused sign-in link', async ({
  app,
  page,
  browser,
}) => {
  await page.goto(app.url);
  await expect(page.getByTestId('setup-site-name')).toBeVisible();
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  const response = await other.goto(app.url);
  expect(response?.status()).toBe(401);
  await stranger.close();
});

test('first run in Arabic with the dark theme, and the command palette', async ({ app, page }) => {
  const shot = (name: string) =>
    page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  const setup = new SetupPage(page);
  await page.goto(app.url);
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot('setup-ar-dark');
  await setup.fill({
    siteName: 'موقع العين',
    passphrase: 'correct horse battery staple',
    adminUsername: 'admin',
    adminDisplayName: 'مدير الموقع',
    adminPassword: ADMIN_PASSWORD,
  });
  await setup.submit();
  await expect(page.getByTestId('recovery-key')).toBeVisible();
  await shot('recovery-key-ar-dark');
  await setup.confirmSaved();
  await new SignInPage(page).signIn('admin', ADMIN_PASSWORD);
  await expect(page.getByTestId('overview-site-name')).toHaveText('موقع العين');
  await shot('overview-ar-dark');

  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await page.keyboard.type('audit');
  await shot('command-palette-ar-dark');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);
  await expect(page.locator('[data-testid="audit-row"]').first()).toBeVisible();
});
