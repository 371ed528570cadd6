// A console that keeps its place, in a real browser on a real `mirqab serve`: every screen has an
// address that survives a reload and works with Back and Forward; the command palette finds hosts
// and GPUs; a restarted server sends the tab to a new sign-in link and back to the same screen.
import type { Page } from '@playwright/test';
import { shot } from './demoSloSite.ts';
import { expect, test } from './fixtures.ts';
import { FleetPage } from './pages/FleetPage.ts';
import { ADMIN_PASSWORD, setUpAndSignIn } from './pages/SetupPage.ts';
import { SignInPage } from './pages/SignInPage.ts';

const hashOf = (page: Page) => page.evaluate(() => location.hash);
const selectedTab = (page: Page, tab: string) =>
  expect(page.getByTestId(`settings-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');

test('every screen has an address that survives a reload and works with Back and Forward', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  await expect(page.getByTestId('overview-site-name')).toBeVisible();
  await expect.poll(() => hashOf(page)).toBe('#/overview');

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-security').click();
  await expect.poll(() => hashOf(page)).toBe('#/settings/security');
  await page.getByTestId('nav-audit').click();
  await expect.poll(() => hashOf(page)).toBe('#/audit');

  await page.reload();
  await expect(page.locator('[data-testid="audit-row"]').first()).toBeVisible();
  expect(await hashOf(page)).toBe('#/audit');

  await page.goBack();
  await selectedTab(page, 'security');
  await page.goBack();
  await selectedTab(page, 'site');
  await page.goForward();
  await selectedTab(page, 'security');
  await page.goForward();
  await expect(page.locator('[data-testid="audit-row"]').first()).toBeVisible();

  // A pasted address opens its screen.
  await page.goto(`${new URL(app.url).origin}/?e2e=1#/settings/site`);
  await selectedTab(page, 'site');
});

test('after a server restart the tab says what to do and comes back to the same screen', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-security').click();
  await expect.poll(() => hashOf(page)).toBe('#/settings/security');

  // The server stops: the tab keeps trying, then says what to check.
  await app.stop();
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('connection-retry')).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('mirqab serve');
  await shot(page, 'connection-unreachable-en');
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('theme-toggle').click();
  await expect(banner).toContainText('mirqab serve');
  await shot(page, 'connection-unreachable-ar-dark');

  // It comes back without this browser session: the tab asks for a new sign-in link.
  await app.restart();
  await page.getByTestId('connection-retry').click();
  await expect(page.getByTestId('session-ended')).toHaveAttribute('data-reason', 'lost');
  await expect(banner).toHaveCount(0);
  await shot(page, 'session-lost-ar-dark');

  // The new link, in the same tab: unlock the store, sign in, and the tab is where it was.
  await page.goto(app.url);
  await page.getByTestId('unlock-passphrase').fill('correct horse battery staple');
  await page.getByTestId('unlock-submit').click();
  await new SignInPage(page).signIn('admin', ADMIN_PASSWORD);
  await selectedTab(page, 'security');
  expect(await hashOf(page)).toBe('#/settings/security');
});

test('the command palette finds the demo fleet’s hosts and GPUs and opens the one chosen', async ({
  app,
  page,
}) => {
  await setUpAndSignIn(page, app.url);
  const fleet = new FleetPage(page);
  await fleet.startDemoSite();
  await page.getByTestId('nav-overview').click();

  const group = (name: string) => page.locator(`[cmdk-group][data-group="${name}"]`);
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('gpu 02');
  await expect(group('hosts').locator('[cmdk-item]').first()).toBeVisible();
  await expect(group('gpus').locator('[cmdk-item]').first()).toBeVisible();
  await shot(page, 'command-palette-search-en');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId('theme-toggle').click();
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('gpu 02');
  const host = group('hosts').locator('[cmdk-item]').first();
  await expect(host).toBeVisible();
  await shot(page, 'command-palette-search-ar-dark');
  const hostId = (await host.getAttribute('data-testid'))!.replace('palette-host-', '');
  await host.click();
  await expect.poll(() => hashOf(page)).toBe(`#/fleet/hosts/${hostId}`);
});
