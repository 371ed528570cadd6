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

  /** The Alerts page on its SLO burn-rate tab (the page opens on the stream from every source). */
  async openAlerts(): Promise<void> {
    await this.id('nav-alerts').click();
    await this.id('alerts-tab-slo').click();
  }

  async openSlas(): Promise<void> {
    await this.id('nav-sla').click();
  }

  /** Opens the editor for a new SLO from the empty state or the list header, whichever shows. */
  async create(): Promise<void> {
    await this.page
      .locator('[data-testid="slo-empty-create"], [data-testid="slo-create"]')
      .first()
      .click();
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
    return this.page.locator(
      `[data-testid="slo-row"]${filter.status ? `[data-status="${filter.status}"]` : ''}`,
    );
  }

  row(name: string) {
    return this.page.locator(`[data-testid="slo-row"][data-name="${name}"]`);
  }

  detail(name: string) {
    return this.page.locator(`[data-testid="slo-detail"][data-name="${name}"]`);
  }

  /** The SLO's row or its detail, whichever the SLO view shows (it reopens on the last one shown). */
  shown(name: string) {
    return this.page
      .locator(
        `[data-testid="slo-row"][data-name="${name}"], [data-testid="slo-detail"][data-name="${name}"]`,
      )
      .first();
  }

  get sliChart() {
    return this.id('slo-sli-chart');
  }

  get burnRows() {
    return this.id('slo-burn-row');
  }

  /** Sets the shown SLO's enforcement policy: the action to propose on this host when the page alert fires. */
  async setPolicy(values: {
    hostId: string;
    action: string;
    params: Record<string, string>;
  }): Promise<void> {
    await this.id('slo-policy-edit').click();
    await this.id('slo-policy-host').selectOption(values.hostId);
    await this.id('slo-policy-action').selectOption(values.action);
    for (const [name, value] of Object.entries(values.params))
      await this.id(`slo-policy-param-${name}`).fill(value);
    await this.id('slo-policy-save').click();
  }

  /** The page alert of an SLO while it fires. */
  firingPage(name: string) {
    return this.page.locator(
      `[data-testid="alert-row"][data-slo="${name}"][data-severity="page"][data-state="firing"]`,
    );
  }

  get actions() {
    return this.id('slo-action');
  }

  get recentChart() {
    return this.id('slo-recent-chart');
  }

  async back(): Promise<void> {
    await this.page
      .locator('[data-testid="slo-back"], [data-testid="slo-editor-back"]')
      .first()
      .click();
  }
}
