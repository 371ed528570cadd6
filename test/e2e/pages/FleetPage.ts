import type { Page } from '@playwright/test';

export class FleetPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-fleet').click();
  }

  async startDemo(): Promise<void> {
    await this.page.getByTestId('fleet-start-demo').click();
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
