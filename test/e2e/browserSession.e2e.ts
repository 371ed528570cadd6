// The attack on browser mode, with a real browser: another service on 127.0.0.1 receives the
// console's cookie (browsers do not separate cookies by port) and replays it. It must get nothing.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { expect, test } from './fixtures.ts';
import { SetupPage } from './pages/SetupPage.ts';
import { ShellPage } from './pages/ShellPage.ts';
import { SignInPage } from './pages/SignInPage.ts';

const ADMIN_PASSWORD = 'admin-password-1';

/** A neighbouring local service (a notebook server, another user's listener) that keeps every Cookie header. */
async function startNeighbour(): Promise<{ server: Server; origin: string; cookies: string[] }> {
  const cookies: string[] = [];
  const server = createServer((req, res) => {
    cookies.push(req.headers.cookie ?? '');
    res
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<!doctype html><title>neighbour</title>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cookies };
}

/** Replays what the neighbour received against the console's API, as its owner would. */
async function replay(consoleOrigin: string, cookie: string): Promise<string> {
  const ws = new WebSocket(`${consoleOrigin.replace('http', 'ws')}/api`, ['mirqab'], {
    headers: { cookie, origin: consoleOrigin },
  });
  return new Promise((resolve) => {
    ws.once('error', (error) => resolve(error.message));
    ws.once('open', () => {
      ws.send(JSON.stringify({ id: 1, channel: 'auth.whoami', input: {} }));
      ws.once('message', (data) => {
        ws.close();
        resolve((data as Buffer).toString('utf8'));
      });
    });
  });
}

test('a cookie leaked to another local port cannot drive the console; the page key stays with the page', async ({
  app,
  page,
  context,
}) => {
  const shot = (name: string) =>
    page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  const consoleOrigin = new URL(app.url).origin;
  await page.goto(app.url);
  await expect(page).toHaveURL(/\/(\?e2e=1)?$/); // the key left the address bar
  const setup = new SetupPage(page);
  await setup.fill({
    siteName: 'Abu Dhabi DC1',
    passphrase: 'correct horse battery staple',
    adminUsername: 'admin',
    adminDisplayName: 'Site Admin',
    adminPassword: ADMIN_PASSWORD,
  });
  await setup.submit();
  await setup.confirmSaved();
  await new SignInPage(page).signIn('admin', ADMIN_PASSWORD);
  await expect(page.getByTestId('overview-site-name')).toBeVisible();

  // The operator's browser visits a neighbouring service on another port: it sends the console's cookie.
  const neighbour = await startNeighbour();
  const other = await context.newPage();
  await other.goto(`${neighbour.origin}/x`);
  const leaked = neighbour.cookies.find((c) => c.includes('mirqab_browser_'));
  expect(leaked, 'the browser really hands the cookie to another port').toBeDefined();
  // Its pages cannot read the console page's key: sessionStorage is per origin, so per port.
  expect(await other.evaluate(() => sessionStorage.getItem('mirqab.pageKey'))).toBeNull();

  // Replayed with the console's Origin, the cookie alone is refused.
  expect(await replay(consoleOrigin, leaked!)).toMatch(/403/);
  neighbour.server.close();

  // The operator's own tab keeps working, across a reload too.
  await page.reload();
  await expect(page.getByTestId('overview-site-name')).toBeVisible();
  expect(await new ShellPage(page).rawCall('auth.whoami', {})).toMatchObject({
    ok: true,
    value: { operator: { username: 'admin' } },
  });

  // A tab opened by hand at the console's address has the cookie but no key: it says what to do.
  await other.goto(`${consoleOrigin}/`);
  await expect(other.getByTestId('session-ended')).toHaveAttribute('data-reason', 'no-key');
  await other.screenshot({ path: 'test-results/screens/session-no-key-en.png', fullPage: true });

  // Signing out ends the browser session: the page says so, and a reload cannot bring it back.
  await new ShellPage(page).signOut();
  await expect(page.getByTestId('session-ended')).toHaveAttribute('data-reason', 'signed-out');
  await shot('session-signed-out-en');
  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(401);
});
