// What the browser benches share: the built renderer they serve (refused when missing, warned about
// when older than its sources), Debian's Chromium launched as the e2e tests launch it, an admin
// signed in on a console's web host, and the console's own time for one API call.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { RunningHost } from '../../main/host/server.ts';
import { ADMIN_PASSWORD } from './console.ts';

export interface Viewport {
  width: number;
  height: number;
}

/** Exits (2) when `rendererDir` holds no build; warns when the renderer or shared sources are newer. */
export function checkRendererBuild(rendererDir: string): void {
  const builtIndex = join(rendererDir, 'index.html');
  if (!existsSync(builtIndex)) {
    console.error(`The renderer is not built (no ${builtIndex}): run \`npm run build\` first.`);
    process.exit(2);
  }
  const newestSource = Math.max(
    ...['renderer', 'shared'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs),
    ),
  );
  if (newestSource > statSync(builtIndex).mtimeMs)
    console.warn(
      `warning: ${rendererDir} is older than the renderer sources; run \`npm run build\` to measure the current code.`,
    );
}

/** Debian's Chromium, headless, never a downloaded browser; prints its version and the viewport. */
export async function launchChromium(viewport: Viewport): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  console.log(
    `browser: Chromium ${browser.version()} headless, viewport ${viewport.width}×${viewport.height}`,
  );
  return browser;
}

/** A browser page signed in to `host` as the admin, on the Overview. */
export async function signIn(
  browser: Browser,
  host: RunningHost,
  viewport: Viewport,
): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(host.issueLink());
  await page.getByTestId('signin-username').fill('admin');
  await page.getByTestId('signin-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('overview-site-name').waitFor();
  return page;
}

/** The console's own time for one call (its dispatch from Node) and the size of what it returns. */
export async function timeApi(
  call: () => Promise<unknown>,
): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const value = await call();
  return { ms: performance.now() - start, bytes: JSON.stringify(value).length };
}
