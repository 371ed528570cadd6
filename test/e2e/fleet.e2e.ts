// The demo site end to end: an admin starts the simulated fleet from the empty Fleet view, its hosts
// come online marked SIMULATED, and a GPU's charts move as telemetry arrives. Then a day of one host's
// history: the 24 h clocks chart shades the clock event reasons from each bucket's end.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expect, test } from './fixtures.ts';
import { FleetPage } from './pages/FleetPage.ts';
import { setUpAndSignIn } from './pages/SetupPage.ts';

/** test/helpers/historyAgent.ts in a child process: its pairing details, and a promise of "COMMITTED". */
async function startHistoryAgent() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/historyAgent.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  let committed!: () => void;
  const isCommitted = new Promise<void>((resolve) => (committed = resolve));
  const pairing = await new Promise<{ address: string; pairingCode: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the history agent exited (${code})`)));
    lines.on('line', (line) => {
      if (line.startsWith('{'))
        resolve(JSON.parse(line) as { address: string; pairingCode: string });
      if (line === 'COMMITTED') committed();
    });
  });
  return { ...pairing, isCommitted, stop: () => child.stdin.end() };
}

test('start the demo site, drill into a GPU and watch its charts move', async ({ app, page }) => {
  test.setTimeout(180_000);
  const shot = (name: string) =>
    page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  const fleet = new FleetPage(page);
  await setUpAndSignIn(page, app.url);

  await fleet.open();
  await expect(page.getByTestId('fleet-empty')).toBeVisible();
  await shot('fleet-empty-en');
  await fleet.startDemo();
  await expect(fleet.hostRows({ simulated: true })).toHaveCount(6, { timeout: 90_000 });
  await expect(fleet.hostRows({ state: 'online' })).toHaveCount(6, { timeout: 60_000 });
  const heatmap = page.getByTestId('fleet-heatmap');
  await expect(heatmap).toBeVisible();
  await expect
    .poll(async () => Number(await heatmap.getAttribute('data-cells')), { timeout: 30_000 })
    .toBe(6 * 8);
  // The heatmap's cells come from fleet.gpus (one call per cluster), never one fleet.host per host.
  expect(fleet.calls).toContain('fleet.gpus');
  expect(fleet.calls).not.toContain('fleet.host');
  await shot('fleet-overview-en');
  // At 1280 px every host name and every column of the list is whole: nothing is cut off.
  const isWhole = (el: HTMLElement | SVGElement) => el.scrollWidth <= el.clientWidth;
  expect(await page.getByTestId('fleet-host-name').first().evaluate(isWhole)).toBe(true);
  expect(await page.locator('.fleet-table .vtable-head .vtable-row').evaluate(isWhole)).toBe(true);

  await fleet.hostRows().first().click();
  await expect(page.getByTestId('fleet-host-detail')).toBeVisible();
  await shot('fleet-host-en');
  await fleet.gpuRow(0).getByRole('button').click();
  await expect(page.getByTestId('fleet-gpu-detail')).toBeVisible();

  const utilisation = fleet.chart('gpu_utilization_percent');
  await expect(utilisation).toBeVisible();
  await expect
    .poll(async () => Number(await utilisation.getAttribute('data-points')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  const firstLast = await utilisation.getAttribute('data-last-ts');
  await expect
    .poll(() => utilisation.getAttribute('data-last-ts'), { timeout: 30_000 })
    .not.toBe(firstLast);
  await shot('fleet-gpu-en');

  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await shot('fleet-gpu-ar');
});

test("a day of history: the 24 h clocks chart shades each bucket's clock event reasons, in English and Arabic", async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  const agent = await startHistoryAgent();
  try {
    const fleet = new FleetPage(page);
    await setUpAndSignIn(page, app.url);
    await fleet.open();
    await fleet.enrol({
      address: agent.address,
      pairingCode: agent.pairingCode,
      name: 'dgx-h100-07',
      clusterName: 'DGX pod A',
    });
    await agent.isCommitted;

    await expect(fleet.hostRows({ state: 'online' })).toHaveCount(1, { timeout: 30_000 });
    await expect
      .poll(
        async () => Number(await page.getByTestId('fleet-heatmap').getAttribute('data-cells')),
        { timeout: 30_000 },
      )
      .toBe(2);
    await fleet.hostRows().first().click();
    await fleet.gpuRow(0).getByRole('button').click();
    await fleet.pickRange('24h');

    const clocks = fleet.chart('gpu_sm_clock_mhz');
    await expect(clocks).toHaveAttribute('data-status', 'ready');
    // Power cap, HW thermal (inside it), SW thermal overnight, HW slowdown: four stretches.
    await expect
      .poll(async () => Number(await clocks.getAttribute('data-bands')), { timeout: 30_000 })
      .toBe(4);
    const legend = clocks.getByTestId('fleet-reason-legend');
    await expect(legend).toHaveAttribute('data-rollup', 'true');
    await expect(legend).toContainText("Clock event reasons at each bucket's end");
    await expect(legend).toContainText('SW power cap');
    await clocks.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/fleet-gpu-24h-en.png', fullPage: true });
    await clocks.screenshot({ path: 'test-results/screens/fleet-gpu-24h-clocks-en.png' });

    await page.getByTestId('lang-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(legend).toContainText('أسباب أحداث الساعة في نهاية كل فترة تجميع');
    await expect(legend).toContainText('سقف الطاقة البرمجي');
    await page.screenshot({ path: 'test-results/screens/fleet-gpu-24h-ar.png', fullPage: true });
    await clocks.screenshot({ path: 'test-results/screens/fleet-gpu-24h-clocks-ar.png' });
  } finally {
    agent.stop();
  }
});
