// The starting point the SLO specs share: a signed-in admin on the demo site, with a latency SLO on a
// simulated model and, where a spec needs it, a fail-over policy. The console's clock starts half an
// hour back (see fixtures.ts) so the specs can move it on through history instead of waiting for it.
import type { Page } from '@playwright/test';
import { expect, type ConsoleProcess } from './fixtures.ts';
import { FleetPage } from './pages/FleetPage.ts';
import { SloPage } from './pages/SloPage.ts';

export const SLO = 'demo-model-latency';
// gpt2-small answers in ~1.3 s; 2.5 s is one of its histogram's bucket bounds, so the SLI is exact.
export const MODEL = 'gpt2-small';
/** How far back the console's clock starts: as far as the specs move it on in all (at most 60 minutes). */
export const CLOCK_STARTS_MINUTES_AGO = 60;
/**
 * Minutes of the spike before the page fires. The SLO is minutes old: until its 1-hour page window
 * holds an hour of data, the page waits for 2 % of the 28-day budget to be really spent. The faulty
 * host's slow requests burn it about 22× too fast, so that takes some 37 minutes of spike.
 */
const SPIKE_MINUTES = 44;

export interface DemoSloSite {
  fleet: FleetPage;
  slo: SloPage;
  /** The first demo host: the specs break its model. */
  faultyHost: string;
  faultyHostId: string;
  /** The second demo host, where the fail-over moves the model's traffic. */
  standbyHost: string;
}

/** Screenshots to test-results/screens/; the console scrolls inside <main>, so the viewport grows to show all of it. */
export async function shot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(
    () => (document.querySelector('main')?.scrollHeight ?? 0) + 60,
  );
  await page.setViewportSize({ width: 1280, height: Math.min(4000, Math.max(800, height)) });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Starts the demo site and opens its first host, which names the simulated model the SLO is about. */
export async function startDemo(page: Page, app: ConsoleProcess): Promise<DemoSloSite> {
  const fleet = new FleetPage(page);
  await fleet.startDemoSite();
  const [faultyHost, standbyHost] = await fleet
    .hostRows()
    .locator('.fleet-host-name .truncate')
    .allInnerTexts();
  const faultyHostId = (await fleet.hostRows().first().getAttribute('data-host-id'))!;
  // Ten minutes of the demo's traffic, so the model has history to backtest and whole minutes to count.
  await app.advanceClock(10);
  await fleet.hostRows().first().click();
  await expect(page.getByTestId('fleet-model-row').filter({ hasText: MODEL }).first()).toBeVisible({
    timeout: 30_000,
  });
  return {
    fleet,
    slo: new SloPage(page),
    faultyHost: faultyHost!,
    faultyHostId,
    standbyHost: standbyHost!,
  };
}

/** Creates the latency SLO through the editor, leaving its detail shown. */
export async function createLatencySlo(slo: SloPage): Promise<void> {
  await slo.open();
  await slo.create();
  await slo.fillLatency({
    name: SLO,
    displayName: 'Demo model under 2.5 s',
    model: MODEL,
    thresholdSeconds: '2.5',
    objectivePercent: '99.5',
  });
  await slo.save();
  await expect(slo.detail(SLO)).toBeVisible();
}

/** The policy the enforcement specs use: when the page alert fires, propose failing the model over to the standby host. */
export async function setFailOverPolicy(site: DemoSloSite): Promise<void> {
  await site.slo.setPolicy({
    hostId: site.faultyHostId,
    action: 'fail_over',
    params: { model: MODEL, standby: site.standbyHost },
  });
  await expect(site.slo.id('slo-policy-facts')).toContainText('fail_over');
}

/**
 * Breaks the model on the faulty host (its requests take five times as long, for an hour: longer than
 * any spec, so only a fail-over brings the SLI back), then moves the clock on until the page alert fires.
 * The SLO has under an hour of data: it reads "not enough data yet" (figures provisional), then "at
 * risk" once the page fires.
 */
export async function breakModelUntilPaged(
  page: Page,
  app: ConsoleProcess,
  site: DemoSloSite,
): Promise<void> {
  await site.fleet.open(); // the Fleet view reopens on the host last shown
  await expect(page.getByTestId('fleet-host-detail')).toBeVisible();
  await site.fleet.injectFault({ kind: 'latency_spike', target: MODEL, minutes: 60 });
  // Ten minutes at a time, the operator moving between screens (each loads from the console) after
  // every step, so the session is never idle long enough to lock.
  for (let moved = 0; moved < SPIKE_MINUTES; moved += 10) {
    await app.advanceClock(Math.min(10, SPIKE_MINUTES - moved));
    await site.slo.openAlerts();
    await site.slo.open();
    await expect(site.slo.shown(SLO)).toBeVisible();
  }
  // The spike's minutes reach the console just after its clock passes them, and count as late telemetry:
  // once they do, the budget is overspent (provisionally: minutes of a 28-day window); the next minute
  // steps the burn-rate alerts over them.
  await site.slo.open();
  await expect(site.slo.shown(SLO)).toHaveAttribute('data-provisional', 'true', {
    timeout: 30_000,
  });
  await expect(site.slo.shown(SLO)).toHaveAttribute('data-budget', /^-/, { timeout: 30_000 });
  await app.advanceClock(1);
  await site.slo.openAlerts();
  await expect(site.slo.firingPage(SLO)).toBeVisible({ timeout: 60_000 });
  await site.slo.open();
  await expect(site.slo.shown(SLO)).toHaveAttribute('data-status', 'at_risk', { timeout: 60_000 });
}
