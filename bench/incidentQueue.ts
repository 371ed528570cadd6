// Incident queue in a real browser, against the issue target "The incident queue with 10,000
// incidents and 100,000 alerts in the store: render and filter under 200 ms in Chromium". The console
// runs in this process (real encrypted store, the web host serving the built renderer) with 90 days of
// incident history written straight into the store while it is closed, through the incident and alert
// repositories the pipeline and the incident service write with: 10,000 incidents (P1 to P5, a few
// hundred still open, the rest resolved, closed or canceled) and 100,000 alerts (10 an incident on
// average, some incidents with many more), with their timelines, commanders and escalation progress.
// In Debian's Chromium, timed inside the page with performance.now() (no Playwright round trips):
//   queue:  click on "Incidents" in the side navigation → first queue rows painted (page reloaded each
//           run, so the queue is fetched cold, as when an operator first opens it); from the same
//           click, also the time until the queue holds every incident, history included;
//   filter: the state filter to "All states" (every incident shown), the priority filter to P1, and a
//           service typed into the text filter key by key (the slowest key) → the rows matching and
//           painted; the headline is the slowest of the three;
//   sort:   click on the "Opened" column over all 10,000 → rows in the new order painted.
// "Painted": the queue shows the expected count (worked out here from incidents.list), then the next
// animation frame and a task after it.
// Baseline in the same run, runs interleaved with the queue runs: the same click to the empty queue of
// a second, fresh console (same browser, same renderer build). Also prints the console's own time for
// incidents.list, for every incident and for the open ones alone (its dispatch from Node, no WebSocket
// or JSON) and their size, to split server from render time.
// Env: RUNS (5), RENDERER_DIR (out/renderer).
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { checkRendererBuild, launchChromium, signIn, timeApi } from './support/browser.ts';
import { startHost } from '../main/host/server.ts';
import type { IncidentSummary } from '../shared/ipc/contract.ts';
import { silentLogger } from '../main/log.ts';
import type { IncidentState } from '../shared/domain/incidents/index.ts';
import { ADMIN_PASSWORD, machineLine, median, startBenchConsole } from './support/console.ts';
import { ALERTS, DAYS, INCIDENTS, RESPONDERS } from './support/incidentCatalogue.ts';
import { writeIncidentHistory } from './support/incidentHistory.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const VIEWPORT = { width: 1920, height: 1080 };
const rendererDir = process.env.RENDERER_DIR ?? join('out', 'renderer');
const ms = (v: number) => `${v.toFixed(0)} ms`;
const runsOf = (values: number[]) =>
  `median ${ms(median(values))} (runs ${values.map((v) => v.toFixed(0)).join(', ')})`;
const count = (n: number) => n.toLocaleString('en-US');

checkRendererBuild(rendererDir);

// ── The browser ───────────────────────────────────────────────────────────────────────────────

// Page-side code as text: bench/ compiles under tsconfig.node.json, which has no DOM types.
/**
 * Runs `act` (a function body acting on the page) and resolves with the ms until each of `steps`
 * (expressions, in the order they come true) holds and the frame showing it is painted.
 */
function timesInPage(page: Page, act: string, steps: string[]): Promise<number[]> {
  return page.evaluate<number[]>(`new Promise((resolve, reject) => {
    const steps = [${steps.map((step) => `() => (${step})`).join(', ')}];
    const times = [];
    let next = 0;
    let painted = 0;
    const afterPaint = (k) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        times[k] = performance.now() - start;
        if (++painted === steps.length) resolve(times);
      };
      channel.port2.postMessage(null);
    });
    const check = () => {
      while (next < steps.length && steps[next]()) afterPaint(next++);
      if (next < steps.length) return;
      observer.disconnect();
      clearTimeout(timer);
    };
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('not done within 60 s: ' + ${JSON.stringify(steps.join(' then '))})); }, 60000);
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    const start = performance.now();
    (() => { ${act} })();
    queueMicrotask(check);
  })`);
}

/** Runs `act` and resolves with the ms until `isDone` holds and the frame showing it is painted. */
async function timeInPage(page: Page, act: string, isDone: string): Promise<number> {
  return (await timesInPage(page, act, [isDone]))[0]!;
}

const q = (selector: string) => `document.querySelector(${JSON.stringify(selector)})`;
/**
 * The queue shows `n` incidents (its "Showing n of N" line and, unless none, rows) out of `total`,
 * or out of any number while it has not loaded every incident yet.
 */
const showing = (n: number, total?: number) =>
  n === 0
    ? `!!${q('[data-testid="incident-no-match"]')}`
    : `${q('[data-testid="incident-showing"]')}?.textContent${
        total === undefined
          ? `.startsWith(${JSON.stringify(`Showing ${count(n)} of `)})`
          : ` === ${JSON.stringify(`Showing ${count(n)} of ${count(total)}`)}`
      } && !!${q('[data-testid="incident-row"]')}`;
/** Every incident is held: none of the history is still loading. */
const isHistoryLoaded = `!${q('[data-testid="incident-history-loading"]')}`;
const select = (testId: string, value: string) => `
  const el = ${q(`[data-testid="${testId}"]`)};
  el.value = ${JSON.stringify(value)};
  el.dispatchEvent(new Event('change', { bubbles: true }));`;
const type = (value: string) => `
  const el = ${q('[data-testid="incident-filter-text"]')};
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, ${JSON.stringify(value)});
  el.dispatchEvent(new Event('input', { bubbles: true }));`;
const click = (selector: string) => `${q(selector)}.click();`;

/** Reloads (the queue is fetched anew) and times opening the Incidents view through `steps`. */
async function timeOpenQueue(page: Page, steps: string[]): Promise<number[]> {
  await page.reload();
  await page.getByTestId('overview-site-name').waitFor();
  return timesInPage(page, click('[data-testid="nav-incidents"]'), steps);
}

/** The queue's text filter as the renderer applies it (incidentsViewSlice's matchesIncidentFilter). */
function matchesText(i: IncidentSummary, text: string): boolean {
  const needle = text.trim().toLowerCase().replace(/^#/, '');
  if (!needle) return true;
  return (
    String(i.id) === needle ||
    i.title.toLowerCase().includes(needle) ||
    (i.service?.toLowerCase().includes(needle) ?? false) ||
    (i.cluster?.toLowerCase().includes(needle) ?? false) ||
    (i.commander?.toLowerCase().includes(needle) ?? false)
  );
}

console.log(machineLine());
const cleanups: (() => Promise<void> | void)[] = [];
try {
  // The site with 90 days of incidents: written while the console is closed, then opened again.
  const created = await startBenchConsole();
  for (const r of RESPONDERS)
    await created.admin.must('operators.create', {
      username: r.username,
      displayName: r.username,
      role: r.role,
      password: ADMIN_PASSWORD,
    });
  created.close();
  cleanups.push(() => created.cleanup());
  let start = performance.now();
  const data = writeIncidentHistory(created);
  const writeS = (performance.now() - start) / 1000;
  start = performance.now();
  const c = await startBenchConsole.reopen(created.dataDir, created.recoveryKey);
  cleanups.unshift(() => c.cleanup());
  const reopenS = (performance.now() - start) / 1000;
  console.log(
    `data: ${count(data.incidents)} incidents (${[...data.states].map(([s, n]) => `${s} ${count(n)}`).join(', ')}) and ${count(data.alerts)} alerts over ${DAYS} days, up to ${data.maxAlerts} alerts on one incident, ${count(data.timeline)} timeline entries; written in ${writeS.toFixed(1)} s, console reopened in ${reopenS.toFixed(1)} s`,
  );

  // Baseline console: fresh, no incidents.
  const empty = await startBenchConsole();
  cleanups.push(() => empty.cleanup());

  const { items, total } = await c.admin.must('incidents.list', {});
  if (items.length !== INCIDENTS || total !== INCIDENTS)
    throw new Error(`incidents.list returned ${items.length} of ${total}, not ${INCIDENTS}`);
  const listApi: { ms: number; bytes: number }[] = [];
  const openApi: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    listApi.push(await timeApi(() => c.admin.must('incidents.list', {})));
    openApi.push(
      await timeApi(() =>
        c.admin.must('incidents.list', { states: ['new', 'in_progress', 'on_hold'] }),
      ),
    );
  }
  const kib = (figures: { bytes: number }[]) =>
    `${count(Math.round(median(figures.map((f) => f.bytes)) / 1024))} KiB`;
  console.log(
    `incidents.list API (console dispatch from Node): every incident ${runsOf(listApi.map((f) => f.ms))}, ${kib(listApi)} as JSON; open ones ${runsOf(openApi.map((f) => f.ms))}, ${kib(openApi)}`,
  );

  // What each step should show, worked out from the queue's rows as the renderer filters them.
  const isOpenState = (s: IncidentState) => s === 'new' || s === 'in_progress' || s === 'on_hold';
  const openCount = items.filter((i) => isOpenState(i.state)).length;
  const p1Count = items.filter((i) => i.priority === 'P1').length;
  const term = 'llm-chat';
  const keys = [...term].map((_, k) => term.slice(0, k + 1));
  const keyCounts = keys.map((t) => items.filter((i) => matchesText(i, t)).length);
  const oldest = items.reduce((a, b) =>
    a.openedAt < b.openedAt || (a.openedAt === b.openedAt && a.id > b.id) ? a : b,
  );

  const host = await startHost({ app: c.app, rendererDir, logger: silentLogger });
  cleanups.unshift(() => host.close());
  const emptyHost = await startHost({ app: empty.app, rendererDir, logger: silentLogger });
  cleanups.unshift(() => emptyHost.close());
  const browser = await launchChromium(VIEWPORT);
  cleanups.unshift(() => browser.close());
  const page = await signIn(browser, host, VIEWPORT);
  const emptyPage = await signIn(browser, emptyHost, VIEWPORT);

  const queueRuns: number[] = [];
  const historyRuns: number[] = [];
  const emptyRuns: number[] = [];
  const stateRuns: number[] = [];
  const priorityRuns: number[] = [];
  const typeRuns: number[] = [];
  const sortRuns: number[] = [];
  let rowsInDom = 0;
  for (let i = 0; i < RUNS; i++) {
    // Queue and baseline, interleaved so both see the same load on the machine.
    const [queue, history] = await timeOpenQueue(page, [
      showing(openCount),
      `${showing(openCount, INCIDENTS)} && ${isHistoryLoaded}`,
    ]);
    queueRuns.push(queue!);
    historyRuns.push(history!);
    const [empty] = await timeOpenQueue(emptyPage, [`!!${q('[data-testid="incident-empty"]')}`]);
    emptyRuns.push(empty!);
    rowsInDom = await page.locator('[data-testid="incident-row"]').count();
    // Filters on the queue just opened, once it holds every incident: every state, then P1 only,
    // then back and a service typed.
    stateRuns.push(
      await timeInPage(page, select('incident-filter-state', 'all'), showing(INCIDENTS, INCIDENTS)),
    );
    priorityRuns.push(
      await timeInPage(page, select('incident-filter-priority', 'P1'), showing(p1Count, INCIDENTS)),
    );
    await timeInPage(
      page,
      select('incident-filter-priority', 'all'),
      showing(INCIDENTS, INCIDENTS),
    );
    const perKey: number[] = [];
    for (const [k, t] of keys.entries())
      perKey.push(await timeInPage(page, type(t), showing(keyCounts[k]!, INCIDENTS)));
    typeRuns.push(Math.max(...perKey));
    await timeInPage(page, type(''), showing(INCIDENTS, INCIDENTS));
    // Sort every incident by when it opened (oldest first).
    sortRuns.push(
      await timeInPage(
        page,
        click('[data-testid="incident-sort-opened"]'),
        `${q('[data-testid="incident-row"]')}?.dataset.incidentId === ${JSON.stringify(String(oldest.id))}`,
      ),
    );
  }

  const filterMedian = Math.max(median(stateRuns), median(priorityRuns), median(typeRuns));
  console.log(
    `queue render (${count(INCIDENTS)} incidents held, ${count(openCount)} open shown, ${rowsInDom} rows in the DOM): ${runsOf(queueRuns)}`,
  );
  console.log(
    `every incident held (the queue's rows for any filter; from the same click): ${runsOf(historyRuns)}`,
  );
  console.log(`filter state → all (${count(INCIDENTS)} shown): ${runsOf(stateRuns)}`);
  console.log(`filter priority → P1 (${count(p1Count)} shown): ${runsOf(priorityRuns)}`);
  console.log(
    `filter text "${term}" typed key by key (${keyCounts.map(count).join(' → ')} shown; slowest key): ${runsOf(typeRuns)}`,
  );
  console.log(`sort by opened (${count(INCIDENTS)} rows): ${runsOf(sortRuns)}`);
  console.log(`baseline (empty queue, fresh second console): ${runsOf(emptyRuns)}`);
  console.log(
    `incidentQueue: median ${ms(median(queueRuns))} queue, ${ms(filterMedian)} filter with ${count(INCIDENTS)} incidents and ${count(ALERTS)} alerts (baseline: empty queue ${ms(median(emptyRuns))})`,
  );
} finally {
  for (const cleanup of cleanups) {
    await Promise.resolve()
      .then(cleanup)
      .catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
  }
}
