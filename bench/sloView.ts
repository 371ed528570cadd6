// SLO view in a real browser, against the issue target "SLO list and detail render under 200 ms with
// 1,000 SLOs". The console runs in this process (real encrypted store, the web host serving the built
// renderer) with 1,000 SLOs (50 model services × 20) over DAYS days of 1-minute roll-ups written straight
// into the store while it is closed; the console's own evaluator then runs its first cycle on reopening.
// In Debian's Chromium, timed inside the page with performance.now() (no Playwright round trips):
//   list:   click on "SLOs" in the side navigation → first SLO rows painted (page reloaded each run, so
//           the SLO list is fetched cold, as when an operator first opens the view);
//   detail: click on an SLO row → its detail with the SLI chart drawn (a different SLO each run).
// "Painted": the element is in the DOM, then the next animation frame and a task after it.
// Baseline in the same run, runs interleaved with the list runs: the same click to the empty SLO list of
// a second, fresh console (same browser, same renderer build). Also prints the console's own time for
// slo.list and slo.get (its dispatch from Node, no WebSocket or JSON), to split server from render time.
// Env: DAYS (30), RUNS (5).
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { checkRendererBuild, launchChromium, signIn, timeApi } from './support/browser.ts';
import { startHost } from '../main/host/server.ts';
import { silentLogger } from '../main/log.ts';
import { upsertSlo } from '../main/slo/sloRepository.ts';
import { closeStore, openStore, parseRecoveryKey } from '../main/store/db.ts';
import { SloSpecSchema } from '../shared/domain/slo/spec.ts';
import { DAY_MS, MINUTE_MS } from '../shared/domain/time.ts';
import { machineLine, median, startBenchConsole, type BenchConsole } from './support/console.ts';

const SERVICES = 50;
const SLOS_PER_SERVICE = 20;
const SLO_COUNT = SERVICES * SLOS_PER_SERVICE;
const DAYS = Number(process.env.DAYS ?? 30);
const RUNS = Number(process.env.RUNS ?? 5);
const VIEWPORT = { width: 1920, height: 1080 };
const rendererDir = join('out', 'renderer');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (v: number) => `${v.toFixed(0)} ms`;
const runsOf = (values: number[]) =>
  `median ${ms(median(values))} (runs ${values.map((v) => v.toFixed(0)).join(', ')})`;

checkRendererBuild(rendererDir);

/** 50 model services with request and error counters, DAYS days of 1-minute roll-ups, 20 SLOs each. */
function writeSloHistory(c: BenchConsole): number {
  const db = openStore(c.dataDir, parseRecoveryKey(c.recoveryKey));
  const nowMs = Date.now() - (Date.now() % MINUTE_MS);
  const rollup = db.prepare(
    'INSERT INTO rollups_1m (series_id, bucket_ts, count, sum, min, max, last, last_ts) VALUES (?, ?, 1, ?, ?, ?, ?, ?)',
  );
  const addHost =
    db.prepare(`INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at, revoked_at, state)
    VALUES (?, ?, '127.0.0.1:1', ?, 'x', ?, ?, 'revoked')`);
  const addSeries = db.prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)');
  let rows = 0;
  db.transaction(() => {
    const at = new Date().toISOString();
    const services = Array.from({ length: SERVICES }, (_, i) => {
      const hostId = Number(
        addHost.run(`bench-${i}`, `infer-${i}`, c.clusterId, at, at).lastInsertRowid,
      );
      const series = (metric: string) =>
        Number(
          addSeries.run(hostId, metric, JSON.stringify({ model: `model-${i}`, version: 'v1' }))
            .lastInsertRowid,
        );
      return { requests: series('requests_total'), errors: series('errors_total'), r: 0, e: 0 };
    });
    for (let t = nowMs - (DAYS * 1440 + 120) * MINUTE_MS; t < nowMs; t += MINUTE_MS) {
      const minuteOfWeek = Math.floor(t / MINUTE_MS) % (7 * 1440);
      services.forEach((s, i) => {
        const traffic = 600 + 400 * Math.sin((t / DAY_MS) * 2 * Math.PI + i);
        // A 20-minute outage once a week per service, at a different hour for each: some SLOs burn budget.
        const isDown = minuteOfWeek >= 1440 * (i % 7) && minuteOfWeek < 1440 * (i % 7) + 20;
        s.r += Math.round(traffic);
        s.e += isDown ? Math.round(traffic) : Math.round(traffic * 0.0005);
        rollup.run(s.requests, t, s.r, s.r, s.r, s.r, t + 30_000);
        rollup.run(s.errors, t, s.e, s.e, s.e, s.e, t + 30_000);
        rows += 2;
      });
    }
    const objectives = [0.99, 0.995, 0.999, 0.9995, 0.9999];
    const windows = [7, 14, 28, 30] as const;
    for (let i = 0; i < SERVICES; i++) {
      for (let k = 0; k < SLOS_PER_SERVICE; k++) {
        const isThroughput = k % 5 === 4;
        upsertSlo(
          db,
          SloSpecSchema.parse({
            name: `model-${i}-slo-${k}`,
            service: { model: `model-${i}` },
            indicator: isThroughput
              ? { type: 'throughput', signal: 'requests_per_second', floor: 5 }
              : { type: 'availability', source: { kind: 'canonical' } },
            budgetingMethod: isThroughput ? 'Timeslices' : 'Occurrences',
            window: { type: 'rolling', days: windows[k % 4] },
            objective: objectives[k % 5],
          }),
          'bench',
          new Date(),
        );
      }
    }
  })();
  closeStore(db);
  return rows;
}

// Page-side code as text: bench/ compiles under tsconfig.node.json, which has no DOM types.
/** Clicks `click` and resolves with the ms until `shown` is in the DOM and the frame showing it is painted. */
function timeClickInPage(page: Page, click: string, shown: string): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const shown = ${JSON.stringify(shown)};
    const target = document.querySelector(${JSON.stringify(click)});
    if (!target) return reject(new Error('nothing to click: ' + ${JSON.stringify(click)}));
    const afterPaint = (start) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - start);
      channel.port2.postMessage(null);
    });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('not shown within 60 s: ' + shown)); }, 60000);
    const observer = new MutationObserver(() => {
      if (!document.querySelector(shown)) return;
      observer.disconnect();
      clearTimeout(timer);
      afterPaint(start);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const start = performance.now();
    target.click();
  })`);
}

/** Reloads (the SLO list is fetched anew) and times opening the SLO view until `shown` is painted. */
async function timeOpenSloView(page: Page, shown: string): Promise<number> {
  await page.reload();
  await page.getByTestId('overview-site-name').waitFor();
  return timeClickInPage(page, '[data-testid="nav-slo"]', shown);
}

console.log(machineLine());
const cleanups: (() => Promise<void> | void)[] = [];
try {
  // The site with 1,000 SLOs: history written while the console is closed, then opened again.
  const created = await startBenchConsole();
  created.close();
  cleanups.push(() => created.cleanup());
  let start = performance.now();
  const rows = writeSloHistory(created);
  const writeS = (performance.now() - start) / 1000;
  start = performance.now();
  const c = await startBenchConsole.reopen(created.dataDir, created.recoveryKey);
  cleanups.unshift(() => c.cleanup());
  for (;;) {
    const slos = await c.admin.must('slo.list', {});
    if (slos.length === SLO_COUNT && slos.every((s) => s.evaluatedAt !== null)) break;
    if (performance.now() - start > 15 * MINUTE_MS)
      throw new Error(
        `first evaluation cycle not done after 15 min (${slos.filter((s) => s.evaluatedAt).length} of ${slos.length} evaluated)`,
      );
    await sleep(500);
  }
  const firstCycleS = (performance.now() - start) / 1000;
  console.log(
    `data: ${SLO_COUNT} SLOs over ${SERVICES} services, ${DAYS} days of 1-minute roll-ups (${rows.toLocaleString('en')} rows written in ${writeS.toFixed(1)} s); first evaluation cycle ${firstCycleS.toFixed(1)} s (console reopened → every SLO evaluated)`,
  );

  // Baseline console: fresh, no SLOs.
  const empty = await startBenchConsole();
  cleanups.push(() => empty.cleanup());

  const slos = await c.admin.must('slo.list', {});
  const statuses = new Map<string, number>();
  for (const s of slos) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  console.log(`statuses: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}`);
  const listApi: { ms: number; bytes: number }[] = [];
  const getApi: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    listApi.push(await timeApi(() => c.admin.must('slo.list', {})));
    getApi.push(
      await timeApi(() => c.admin.must('slo.get', { name: slos[(i * 97) % slos.length]!.name })),
    );
  }
  const kib = (figures: { bytes: number }[]) =>
    `${(median(figures.map((f) => f.bytes)) / 1024).toFixed(0)} KiB`;
  console.log(
    `slo.list API: ${runsOf(listApi.map((f) => f.ms))}, ${kib(listApi)}; slo.get API: ${runsOf(getApi.map((f) => f.ms))}, ${kib(getApi)} (console dispatch from Node)`,
  );

  const host = await startHost({ app: c.app, rendererDir, logger: silentLogger });
  cleanups.unshift(() => host.close());
  const emptyHost = await startHost({ app: empty.app, rendererDir, logger: silentLogger });
  cleanups.unshift(() => emptyHost.close());
  const browser = await launchChromium(VIEWPORT);
  cleanups.unshift(() => browser.close());
  const page = await signIn(browser, host, VIEWPORT);
  const emptyPage = await signIn(browser, emptyHost, VIEWPORT);

  // List and baseline, interleaved so both see the same load on the machine.
  const listRuns: number[] = [];
  const emptyRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    listRuns.push(await timeOpenSloView(page, '[data-testid="slo-row"]'));
    emptyRuns.push(await timeOpenSloView(emptyPage, '[data-testid="slo-empty"]'));
  }
  const rowsInDom = await page.getByTestId('slo-row').count();

  // Detail: a different SLO each run (its detail is fetched anew), back to the list in between.
  const detailRuns: number[] = [];
  const opened: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const name = await page.getByTestId('slo-row').nth(i).getAttribute('data-name');
    if (!name) throw new Error(`no SLO row ${i} to open`);
    opened.push(name);
    detailRuns.push(
      await timeClickInPage(
        page,
        `[data-testid="slo-row"][data-name="${name}"]`,
        `[data-testid="slo-detail"][data-name="${name}"] [data-testid="slo-sli-chart"] canvas`,
      ),
    );
    await page.getByTestId('slo-back').click();
    await page.getByTestId('slo-row').first().waitFor();
  }

  console.log(
    `list render (${SLO_COUNT.toLocaleString('en')} SLOs, ${rowsInDom} rows in the DOM): ${runsOf(listRuns)}`,
  );
  console.log(`detail render (SLI chart drawn; ${opened.join(', ')}): ${runsOf(detailRuns)}`);
  console.log(`baseline (empty SLO list, fresh second console): ${runsOf(emptyRuns)}`);
  console.log(
    `sloView: ${ms(median(listRuns))} list, ${ms(median(detailRuns))} detail with ${SLO_COUNT.toLocaleString('en')} SLOs (baseline: ${ms(median(emptyRuns))} empty SLO list)`,
  );
} finally {
  for (const cleanup of cleanups) {
    await Promise.resolve()
      .then(cleanup)
      .catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
  }
}
