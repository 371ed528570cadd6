// Web host: from `mirqab serve` process start to a signed-in, rendered Overview in Chromium, and
// the renderer bundle's size. Baseline in the same run: a bare Node HTTP server process serving a
// blank page to the same browser.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';

const RUNS = 5;
const env = {
  ...process.env,
  MIRQAB_PASSPHRASE: 'bench passphrase 123',
  MIRQAB_ADMIN_PASSWORD: 'bench-password-1',
};

function firstUrl(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /(http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeConsole(browser: Browser, dataDir: string): Promise<number> {
  const start = performance.now();
  const child = spawn(
    process.execPath,
    ['bin/mirqab.mjs', 'serve', '--data-dir', dataDir, '--port', '0'],
    { env, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const url = await firstUrl(child);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('signin-username').fill('admin');
  await page.getByTestId('signin-password').fill('bench-password-1');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('overview-site-name').waitFor();
  const elapsed = performance.now() - start;
  await context.close();
  child.kill('SIGTERM');
  return elapsed;
}

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('<!doctype html><title>x</title><p id=ok>ok')).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port + '/'); });`;

async function timeBaseline(browser: Browser): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, ['-e', BARE_SERVER], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await firstUrl(child);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#ok').waitFor();
  const elapsed = performance.now() - start;
  await context.close();
  child.kill('SIGTERM');
  return elapsed;
}

function bundleSize(): { raw: number; gzip: number } {
  const assets = join('out', 'renderer', 'assets');
  let raw = 0;
  let gzip = 0;
  for (const name of readdirSync(assets)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const body = readFileSync(join(assets, name));
    raw += statSync(join(assets, name)).size;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip };
}

const work = mkdtempSync(join(tmpdir(), 'mirqab-bench-host-'));
const dataDir = join(work, 'site');
execFileSync(
  process.execPath,
  ['bin/mirqab.mjs', 'init', '--data-dir', dataDir, '--site', 'Bench site'],
  { env, stdio: 'ignore' },
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, node ${process.version}`,
  );
  await timeBaseline(browser); // warm the browser and the file cache
  const consoleRuns: number[] = [];
  const baselineRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baselineRuns.push(await timeBaseline(browser));
    consoleRuns.push(await timeConsole(browser, dataDir));
  }
  const { raw, gzip } = bundleSize();
  console.log(
    `renderer bundle: ${(raw / 1024).toFixed(0)} KiB raw, ${(gzip / 1024).toFixed(0)} KiB gzip (js + css)`,
  );
  console.log(`console runs (ms): ${consoleRuns.map((v) => v.toFixed(0)).join(', ')}`);
  console.log(`baseline runs (ms): ${baselineRuns.map((v) => v.toFixed(0)).join(', ')}`);
  console.log(
    `host: ${median(consoleRuns).toFixed(0)} ms to signed-in Overview (baseline: ${median(baselineRuns).toFixed(0)} ms bare node server + blank page)`,
  );
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
