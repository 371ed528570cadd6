// The SLO, Alerts and SLA screens for e2e specs: list rows, the editor's fields, the detail.
import type { Page } from '@playwright/test';

export interface LatencySloValues {
  name: string;
  displayName: string;
  model: string;
  thresholdSeconds: string;
  objectivePercent: string;
}

export class SloPage {
  constructor(private readonly page: Page) {}

  id(testId: string) {
    return this.page.getByTestId(testId);
  }

  async open(): Promise<void> {
    await this.id('nav-slo').click();
  }

  async openAlerts(): Promise<void> {
    await this.id('nav-alerts').click();
  }

  async openSlas(): Promise<void> {
    await this.id('nav-sla').click();
  }

  /** Opens the editor for a new SLO from the empty state or the list header, whichever shows. */
  async create(): Promise<void> {
    await this.page.locator('[data-testid="slo-empty-create"], [data-testid="slo-create"]').first().click();
    await this.id('slo-editor').waitFor();
  }

  async fillLatency(values: LatencySloValues): Promise<void> {
    await this.id('slo-name').fill(values.name);
    await this.id('slo-display-name').fill(values.displayName);
    await this.id('slo-model').fill(values.model);
    await this.id('slo-indicator-type').selectOption('latency');
    await this.id('slo-latency-seconds').fill(values.thresholdSeconds);
    await this.id('slo-objective').fill(values.objectivePercent);
  }

  /** The message shown beside a field (inside the same .field), or null. */
  fieldMessage(testId: string) {
    return this.page.locator('.field', { has: this.id(testId) }).locator('.field-error');
  }

  async backtest(): Promise<void> {
    await this.id('slo-backtest-run').click();
  }

  get backtestResult() {
    return this.page.locator('[data-testid="slo-backtest"], [data-testid="slo-backtest-error"]');
  }

  async save(): Promise<void> {
    await this.id('slo-save').click();
  }

  rows(filter: { status?: string } = {}) {
    return this.page.locator(`[data-testid="slo-row"]${filter.status ? `[data-status="${filter.status}"]` : ''}`);
  }

  row(name: string) {
    return this.page.locator(`[data-testid="slo-row"][data-name="${name}"]`);
  }

  detail(name: string) {
    return this.page.locator(`[data-testid="slo-detail"][data-name="${name}"]`);
  }

  get sliChart() {
    return this.id('slo-sli-chart');
  }

  get burnRows() {
    return this.id('slo-burn-row');
  }

  async back(): Promise<void> {
    await this.page.locator('[data-testid="slo-back"], [data-testid="slo-editor-back"]').first().click();
  }
}
