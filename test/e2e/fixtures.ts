// One fixture for every e2e spec: a real `mirqab serve` process on a fresh temp data dir, and a
// page whose console errors and crashes go to the test log.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';

export interface ConsoleProcess {
  url: string;
  /** Asks `mirqab serve` for another one-time link, as an operator pressing Enter in its terminal. */
  newLink(): Promise<string>;
  dataDir: string;
  process: ChildProcess;
  stderr: string[];
}

async function startServe(dataDir: string): Promise<ConsoleProcess> {
  const child = spawn(process.execPath, ['bin/mirqab.mjs', 'serve', '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, MIRQAB_E2E: '1', MIRQAB_PASSPHRASE: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const links: string[] = [];
  const linkWaiters: ((link: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const link = /(http:\/\/\S+\?token=\S+)/.exec(line)?.[1];
    if (!link) return;
    const waiter = linkWaiters.shift();
    if (waiter) waiter(link);
    else links.push(link);
  });
  const nextLink = () =>
    new Promise<string>((resolve, reject) => {
      const ready = links.shift();
      if (ready) return resolve(ready);
      linkWaiters.push(resolve);
      child.once('exit', (code) => reject(new Error(`mirqab serve exited (${code}): ${stderr.join('\n')}`)));
    });
  const url = await nextLink();
  const newLink = () => {
    const link = nextLink();
    child.stdin.write('\n');
    return link;
  };
  return { url, newLink, dataDir, process: child, stderr };
}

export const test = base.extend<{ app: ConsoleProcess }>({
  // reason: Playwright requires a destructuring pattern for a fixture's dependencies, even when empty.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mirqab-e2e-'));
    const app = await startServe(dataDir);
    await use(app);
    app.process.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  },
  page: async ({ page }, use, testInfo) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') testInfo.annotations.push({ type: `console.${msg.type()}`, description: msg.text() });
    });
    page.on('pageerror', (error) => testInfo.annotations.push({ type: 'pageerror', description: error.message }));
    page.on('crash', () => testInfo.annotations.push({ type: 'crash', description: 'renderer crashed' }));
    await use(page);
  },
});

export { expect };
