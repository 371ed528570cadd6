// Fleet view in a real browser: the console (this process, real encrypted store, the web host) with
// 200 simulated agents × 8 GPUs streaming (bench/support/simFleet.ts: real agents, wss + mutual TLS),
// the Fleet view open in Debian's Chromium. Measures time to first render of the view (host rows, and
// the heatmap's 1,600 cells) and frame times (requestAnimationFrame) plus long tasks over MEASURE_S
// seconds of live updates while the bench scrolls the host table and hovers the heatmap.
// Baseline in the same run: the same measurements on the empty Fleet view (agents started, none enrolled).
// Env: HOSTS (200), GPUS (8), SAMPLE_MS (5000), MEASURE_S (10), RUNS (3 first renders each).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { startHost } from '../main/host/server.ts';
import { silentLogger } from '../main/log.ts';
import {
  ADMIN_PASSWORD,
  enrolAll,
  machineLine,
  median,
  startBenchConsole,
} from './support/console.ts';
import {
  describeFrames,
  startFrameProbe,
  stopFrameProbe,
  type FrameFigures,
} from './support/frameProbe.ts';

const HOSTS = Number(process.env.HOSTS ?? 200);
const GPUS = Number(process.env.GPUS ?? 8);
const MEASURE_S = Number(process.env.MEASURE_S ?? 10);
const RUNS = Number(process.env.RUNS ?? 3);
const VIEWPORT = { width: 1920, height: 1080 };
const rendererDir = join('out', 'renderer');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error('The renderer is not built: run `npm run build` first.');
  process.exit(2);
}

/** Reloads, opens the Fleet view and times it until `ready` holds; the store starts cold each run. */
async function timeFirstRender(
  page: Page,
  ready: (page: Page, clickedAt: number) => Promise<unknown>,
): Promise<number> {
  await page.reload();
  await page.getByTestId('overview-site-name').waitFor();
  const start = performance.now();
  await page.getByTestId('nav-fleet').click();
  await ready(page, start);
  return performance.now() - start;
}

/** MEASURE_S seconds of scrolling the host table (lower part of the screen) and hovering the heatmap (upper part). */
async function interact(page: Page): Promise<void> {
  const box = async (testId: string) => {
    const element = page.getByTestId(testId).first();
    return (await element.count()) > 0 ? element.boundingBox() : null;
  };
  const table = await box('fleet-host-table');
  const heatmap = await box('fleet-heatmap');
  const hoverTop = Math.max(60, heatmap?.y ?? 60);
  const hoverBottom = Math.min(
    VIEWPORT.height * 0.4,
    heatmap ? heatmap.y + heatmap.height : VIEWPORT.height * 0.4,
  );
  const wheelAt = table
    ? { x: table.x + table.width / 2, y: table.y + Math.min(table.height, 300) / 2 }
    : { x: VIEWPORT.width / 2, y: VIEWPORT.height * 0.75 };
  const end = Date.now() + MEASURE_S * 1000;
  for (let i = 0; Date.now() < end; i++) {
    if (i % 2 === 0) {
      await page.mouse.move(wheelAt.x, wheelAt.y);
      await page.mouse.wheel(0, i % 40 < 20 ? 160 : -160);
    } else {
      const x = 300 + ((i * 97) % (VIEWPORT.width - 600));
      const y = hoverTop + ((i * 53) % Math.max(1, hoverBottom - hoverTop));
      await page.mouse.move(x, y, { steps: 5 });
    }
    await sleep(40);
  }
}

/** The screen both measurements use: the host table's bottom at the bottom, the heatmap above it. */
async function frameView(page: Page): Promise<void> {
  const table = page.getByTestId('fleet-host-table');
  if (await table.count()) await table.scrollIntoViewIfNeeded();
}

async function measure(
  page: Page,
  label: string,
  traffic: { sent: Map<string, number>; bytes: number },
): Promise<FrameFigures> {
  await frameView(page);
  traffic.sent.clear();
  traffic.bytes = 0;
  const cpu = process.cpuUsage();
  await startFrameProbe(page);
  await interact(page);
  const figures = await stopFrameProbe(page);
  const used = process.cpuUsage(cpu);
  console.log(describeFrames(label, figures, MEASURE_S));
  const calls = [...traffic.sent].map(([c, n]) => `${c} ×${n}`).join(', ') || 'none';
  console.log(
    `  API from the page: ${calls}; ${(traffic.bytes / 1024).toFixed(0)} KiB received; console process CPU ${(((used.user + used.system) / 1e6 / MEASURE_S) * 100).toFixed(0)} %`,
  );
  return figures;
}

console.log(machineLine());
const c = await startBenchConsole();
const host = await startHost({ app: c.app, rendererDir, logger: silentLogger });
const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), 'support', 'simFleet.ts')],
  {
    env: { ...process.env, HOSTS: String(HOSTS), GPUS: String(GPUS) },
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
  const agents: { address: string; pairingCode: string; name: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'READY') resolve();
      else if (line.startsWith('{')) agents.push(JSON.parse(line) as (typeof agents)[number]);
    });
  });
  console.log(
    `browser: ${browser.version()} headless, viewport ${VIEWPORT.width}×${VIEWPORT.height}; simulator: ${agents.length} agents × ${GPUS} GPUs up`,
  );

  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  const traffic = { sent: new Map<string, number>(), bytes: 0 };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const channel =
        typeof payload === 'string'
          ? String((JSON.parse(payload) as { channel?: unknown }).channel)
          : '?';
      traffic.sent.set(channel, (traffic.sent.get(channel) ?? 0) + 1);
    });
    socket.on('framereceived', ({ payload }) => void (traffic.bytes += payload.length));
  });
  await page.goto(host.issueLink());
  await page.getByTestId('signin-username').fill('admin');
  await page.getByTestId('signin-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('overview-site-name').waitFor();

  // Baseline: the empty Fleet view, same browser, same page, agents running but not enrolled.
  const emptyRenders: number[] = [];
  for (let i = 0; i < RUNS; i++)
    emptyRenders.push(await timeFirstRender(page, (p) => p.getByTestId('fleet-empty').waitFor()));
  const baseline = await measure(page, 'baseline (empty Fleet view)', traffic);

  const start = performance.now();
  await enrolAll(c, agents);
  for (;;) {
    const hosts = await c.admin.must('fleet.list', {});
    if (hosts.filter((h) => h.state === 'online' && h.gpuCount === GPUS).length === agents.length)
      break;
    await sleep(250);
  }
  console.log(
    `enrolled, online and streaming: ${agents.length} hosts × ${GPUS} GPUs in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  const cells = `[data-testid="fleet-heatmap"][data-cells="${agents.length * GPUS}"]`;
  const rows: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    full.push(
      await timeFirstRender(page, async (p, clickedAt) => {
        await p.getByTestId('fleet-host-row').first().waitFor();
        rows.push(performance.now() - clickedAt);
        await p.locator(cells).waitFor({ timeout: 60_000 });
      }),
    );
  }
  const live = await measure(
    page,
    `Fleet view (${agents.length} hosts × ${GPUS} GPUs, live)`,
    traffic,
  );
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  console.log(
    `first render, ${agents.length} hosts: host rows ${rows.map(ms).join(', ')}; heatmap filled (${agents.length * GPUS} cells) ${full.map(ms).join(', ')}`,
  );
  console.log(`first render, empty Fleet view: ${emptyRenders.map(ms).join(', ')}`);
  console.log(
    `fleetView: ${live.p95Ms.toFixed(1)} ms p95 frame time with ${agents.length} hosts × ${GPUS} GPUs live, first render ${median(full).toFixed(0)} ms (baseline: ${baseline.p95Ms.toFixed(1)} ms p95 frame time on the empty Fleet view, first render ${median(emptyRenders).toFixed(0)} ms)`,
  );
  child.stdin.write('STOP\n');
  await Promise.race([exited, sleep(20_000)]);
} finally {
  await browser.close();
  if (child.exitCode === null) child.kill('SIGTERM');
  await host.close();
  c.cleanup();
}
