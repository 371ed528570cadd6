// Accounts in a real browser: the strength meter at setup, a used sign-in link's page, an admin
// who issues a new link that a second browser opens once, and an admin's password reset that the
// operator must replace at their next sign-in.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { OperatorsPage } from './pages/OperatorsPage.ts';
import { ADMIN_PASSWORD, SetupPage } from './pages/SetupPage.ts';
import { ShellPage } from './pages/ShellPage.ts';
import { SignInPage } from './pages/SignInPage.ts';

const TEMPORARY = 'temporary-cedar-41';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test('a used link says what to do, an admin issues a new one for a second browser, and a reset forces a new password', async ({
  app,
  page,
  browser,
}) => {
  // Setup rates the admin's password as it is typed, in English and in Arabic.
  await page.goto(app.url);
  const setup = new SetupPage(page);
  await setup.fill({
    siteName: 'Abu Dhabi DC1',
    passphrase: 'correct horse battery staple',
    adminUsername: 'admin',
    adminDisplayName: 'Site Admin',
    adminPassword: 'aaaaaaaaaa',
  });
  const meter = page.getByTestId('setup-admin-password-strength');
  await expect(meter).toContainText('Very weak');
  await expect(meter).toContainText('Repeated characters');
  await shot(page, 'password-strength-en');
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('lang-toggle').click();
  await expect(meter).toContainText('ضعيفة جدًا');
  await shot(page, 'password-strength-ar-dark');
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('setup-admin-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('setup-admin-password-confirm').fill(ADMIN_PASSWORD);
  await expect(meter).toContainText('Strong enough.');
  await setup.submit();
  await setup.confirmSaved();
  await new SignInPage(page).signIn('admin', ADMIN_PASSWORD);
  await expect(page.getByTestId('overview-site-name')).toBeVisible();

  // The printed link was used by this tab: a second browser gets a page that says what to do.
  const stale = await browser.newContext({ colorScheme: 'dark' });
  const stalePage = await stale.newPage();
  const refused = await stalePage.goto(app.url);
  expect(refused?.status()).toBe(401);
  await expect(stalePage.getByTestId('link-page-en')).toContainText(
    'This sign-in link can no longer be used',
  );
  await expect(stalePage.getByTestId('link-page-ar')).toContainText('إصدار رابط تسجيل دخول');
  await shot(stalePage, 'used-link-dark');

  // The admin adds Omar, then resets his password to a temporary one.
  const operators = new OperatorsPage(page);
  await operators.open();
  await operators.create({
    username: 'omar',
    displayName: 'Omar',
    role: 'operator',
    password: 'omar-password-1',
  });
  await operators.row('omar').getByTestId('operator-reset-password').click();
  await page.getByTestId('reset-password-value').fill(TEMPORARY);
  await shot(page, 'reset-password-en');
  await page.getByTestId('reset-password-submit').click();
  await expect(page.getByTestId('reset-password-dialog')).toBeHidden();

  // Settings → Sessions: a new one-time link, shown once (issued here from the Arabic console).
  await page.getByTestId('settings-tab-sessions').click();
  await new ShellPage(page).toggleLanguage();
  await page.getByTestId('signin-link-issue').click();
  const linkField = page.getByTestId('signin-link-url');
  await expect(linkField).toHaveValue(/token=.+#key=.+/);
  const issued = await linkField.inputValue();
  await shot(page, 'signin-link-ar-dark');
  await page.getByTestId('signin-link-done').click();
  await new ShellPage(page).toggleLanguage();

  // Omar opens it in his own browser, signs in with the temporary password and must replace it.
  const second = await stale.newPage();
  await second.goto(issued);
  await new SignInPage(second).signIn('omar', TEMPORARY);
  await expect(second.getByTestId('forced-password-page')).toBeVisible();
  await expect(second.getByTestId('nav-settings')).toHaveCount(0);
  await shot(second, 'forced-password-en');
  await second.getByTestId('security-password-current').fill(TEMPORARY);
  await second.getByTestId('security-password-next').fill('omars-own-lantern-88');
  await second.getByTestId('security-password-confirm').fill('omars-own-lantern-88');
  await second.getByTestId('security-password-submit').click();
  await expect(second.getByTestId('nav-settings')).toBeVisible();

  // The issued link worked once.
  const third = await browser.newContext();
  const reused = await (await third.newPage()).goto(issued);
  expect(reused?.status()).toBe(401);
  await third.close();
  await stale.close();
});
