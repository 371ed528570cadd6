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
  /**
   * Moves the console's clock (and the demo site's simulated agents with it) on by `minutes`, through
   * the `advance` test hook on the serve process's stdin; resolves once it says the clock moved.
   */
  advanceClock(minutes: number): Promise<void>;
  /**
   * Stops `mirqab serve` and starts it again on the same port and data dir, as an operator
   * restarting the server; `url` is then the new server's first link. Resolves once it serves.
   */
  restart(): Promise<void>;
  /** Stops `mirqab serve` (a later restart() starts it again). */
  stop(): Promise<void>;
  dataDir: string;
  process: ChildProcess;
  stderr: string[];
}

export interface ConsoleOptions {
  /**
   * Starts the console's clock this many minutes before now (MIRQAB_E2E_START): a spec that then moves
   * it on by no more than that keeps it behind the browser's own clock, never ahead of it.
   */
  clockStartsMinutesAgo: number | undefined;
}

type Serve = Omit<ConsoleProcess, 'restart' | 'stop'>;

async function startServe(dataDir: string, options: ConsoleOptions, port = 0): Promise<Serve> {
  const start =
    options.clockStartsMinutesAgo === undefined
      ? {}
      : {
          MIRQAB_E2E_START: new Date(
            Date.now() - options.clockStartsMinutesAgo * 60_000,
          ).toISOString(),
        };
  const child = spawn(
    process.execPath,
    ['bin/mirqab.mjs', 'serve', '--data-dir', dataDir, '--port', String(port)],
    {
      env: { ...process.env, MIRQAB_E2E: '1', MIRQAB_PASSPHRASE: '', ...start },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const links: string[] = [];
  const linkWaiters: ((link: string) => void)[] = [];
  const clockWaiters: (() => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('Clock advanced to ')) return clockWaiters.shift()?.();
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
      child.once('exit', (code) =>
        reject(new Error(`mirqab serve exited (${code}): ${stderr.join('\n')}`)),
      );
    });
  const url = await nextLink();
  const newLink = () => {
    const link = nextLink();
    child.stdin.write('\n');
    return link;
  };
  const advanceClock = (minutes: number) =>
    new Promise<void>((resolve, reject) => {
      // One listener per call, removed once the clock moved: a spec may move it on many times.
      const onExit = (code: number | null) =>
        reject(new Error(`mirqab serve exited (${code}): ${stderr.join('\n')}`));
      clockWaiters.push(() => {
        child.off('exit', onExit);
        resolve();
      });
      child.once('exit', onExit);
      child.stdin.write(`advance ${minutes}\n`);
    });
  return { url, newLink, advanceClock, dataDir, process: child, stderr };
}

export const test = base.extend<{ app: ConsoleProcess } & ConsoleOptions>({
  clockStartsMinutesAgo: [undefined, { option: true }],
  app: async ({ clockStartsMinutesAgo }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mirqab-e2e-'));
    const serve = await startServe(dataDir, { clockStartsMinutesAgo });
    const stop = async () => {
      if (app.process.exitCode !== null || app.process.signalCode !== null) return;
      const exited = new Promise((resolve) => app.process.once('exit', resolve));
      app.process.kill('SIGTERM');
      await exited;
    };
    const app: ConsoleProcess = {
      ...serve,
      stop,
      async restart() {
        await stop();
        const port = Number(new URL(app.url).port);
        Object.assign(app, await startServe(dataDir, { clockStartsMinutesAgo }, port));
      },
    };
    await use(app);
    app.process.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  },
  page: async ({ page }, use, testInfo) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning')
        testInfo.annotations.push({ type: `console.${msg.type()}`, description: msg.text() });
    });
    page.on('pageerror', (error) =>
      testInfo.annotations.push({ type: 'pageerror', description: error.message }),
    );
    page.on('crash', () =>
      testInfo.annotations.push({ type: 'crash', description: 'renderer crashed' }),
    );
    await use(page);
  },
});

export { expect };
