import { expect, type Page } from '@playwright/test';

export class FleetPage {
  /** Channels the page called over the web host's API socket, in order. */
  readonly calls: string[] = [];

  constructor(private readonly page: Page) {
    page.on('websocket', (socket) => {
      if (!socket.url().endsWith('/api')) return;
      socket.on('framesent', ({ payload }) => {
        const channel =
          typeof payload === 'string'
            ? (JSON.parse(payload) as { channel?: unknown }).channel
            : undefined;
        if (typeof channel === 'string') this.calls.push(channel);
      });
    });
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-fleet').click();
  }

  async startDemo(): Promise<void> {
    await this.page.getByTestId('fleet-start-demo').click();
  }

  /** Opens the Fleet view, starts the demo site and waits until its six simulated hosts are online. */
  async startDemoSite(): Promise<void> {
    await this.open();
    await this.startDemo();
    await expect(this.hostRows({ state: 'online' })).toHaveCount(6, { timeout: 90_000 });
  }

  /** Breaks something on the host shown (the demo site's fault dialog), for `minutes` of simulated time. */
  async injectFault(values: { kind: string; target: string; minutes: number }): Promise<void> {
    const t = (id: string) => this.page.getByTestId(id);
    await t('fleet-fault').click();
    await t('fleet-fault-kind').selectOption(values.kind);
    await t('fleet-fault-target').selectOption(values.target);
    await t('fleet-fault-minutes').fill(String(values.minutes));
    await t('fleet-fault-confirm').click();
    await t('fleet-fault-dialog').waitFor({ state: 'detached' });
  }

  /** Enrols one agent into a new cluster through the enrol dialog. */
  async enrol(values: {
    address: string;
    pairingCode: string;
    name: string;
    clusterName: string;
  }): Promise<void> {
    const t = (id: string) => this.page.getByTestId(id);
    await t('fleet-enrol').click();
    await t('fleet-enrol-address').fill(values.address);
    await t('fleet-enrol-code').fill(values.pairingCode);
    await t('fleet-enrol-name').fill(values.name);
    await t('fleet-enrol-cluster-name').fill(values.clusterName);
    await t('fleet-enrol-submit').click();
    await t('fleet-enrol-dialog').waitFor({ state: 'detached' });
  }

  async pickRange(range: 'live' | '1h' | '24h' | '7d' | '30d'): Promise<void> {
    await this.page.locator(`[data-testid="fleet-range"][data-range="${range}"]`).click();
  }

  hostRows(filter: { simulated?: boolean; state?: string } = {}) {
    let selector = '[data-testid="fleet-host-row"]';
    if (filter.simulated !== undefined) selector += `[data-simulated="${filter.simulated}"]`;
    if (filter.state) selector += `[data-state="${filter.state}"]`;
    return this.page.locator(selector);
  }

  gpuRow(index: number) {
    return this.page.locator(`[data-testid="fleet-gpu-row"][data-gpu-index="${index}"]`);
  }

  chart(metric: string) {
    return this.page.locator(`[data-testid="fleet-chart"][data-metric="${metric}"]`);
  }
}
