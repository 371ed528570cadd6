// The incident queue, one incident's detail, the declare dialog and the paging bar, for e2e specs.
import type { Page } from '@playwright/test';

export interface DeclareValues {
  title: string;
  impact: 'high' | 'medium' | 'low';
  urgency: 'high' | 'medium' | 'low';
  category?: string;
  service?: string;
  note?: string;
}

export interface QueueFilter {
  text?: string;
  priority?: string;
  /** A state, 'open' (the default) or 'all'. */
  state?: string;
  category?: string;
  service?: string;
}

export class IncidentPage {
  constructor(private readonly page: Page) {}

  id(testId: string) {
    return this.page.getByTestId(testId);
  }

  async open(): Promise<void> {
    await this.id('nav-incidents').click();
    await this.id('incidents-page').waitFor();
  }

  /** Queue rows as shown (virtualised: only those near the scroll position are in the page). */
  rows(filter: { priority?: string; state?: string } = {}) {
    let selector = '[data-testid="incident-row"]';
    if (filter.priority) selector += `[data-priority="${filter.priority}"]`;
    if (filter.state) selector += `[data-state="${filter.state}"]`;
    return this.page.locator(selector);
  }

  row(incidentId: number) {
    return this.page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`);
  }

  async filter(values: QueueFilter): Promise<void> {
    if (values.text !== undefined) await this.id('incident-filter-text').fill(values.text);
    if (values.priority) await this.id('incident-filter-priority').selectOption(values.priority);
    if (values.state) await this.id('incident-filter-state').selectOption(values.state);
    if (values.category) await this.id('incident-filter-category').selectOption(values.category);
    if (values.service) await this.id('incident-filter-service').selectOption(values.service);
  }

  async clearFilter(): Promise<void> {
    await this.id('incident-filter-clear').click();
  }

  async sortBy(column: string): Promise<void> {
    await this.id(`incident-sort-${column}`).click();
  }

  /** Declares an incident and waits for its detail; returns its id. */
  async declare(values: DeclareValues): Promise<number> {
    await this.page
      .locator('[data-testid="incident-declare"], [data-testid="incident-empty-declare"]')
      .first()
      .click();
    const dialog = this.id('incident-declare-dialog');
    await dialog.waitFor();
    await this.id('incident-declare-title').fill(values.title);
    await this.id('incident-declare-impact').selectOption(values.impact);
    await this.id('incident-declare-urgency').selectOption(values.urgency);
    if (values.category) await this.id('incident-declare-category').selectOption(values.category);
    if (values.service) await this.id('incident-declare-service').fill(values.service);
    if (values.note) await this.id('incident-declare-note').fill(values.note);
    await this.id('incident-declare-submit').click();
    await dialog.waitFor({ state: 'detached' });
    return this.openedId();
  }

  async openIncident(incidentId: number): Promise<void> {
    await this.row(incidentId).click();
    await this.id('incident-header').waitFor();
  }

  /** One incident's detail, once shown. */
  detail(incidentId: number) {
    return this.page.locator(`[data-testid="incident-detail"][data-incident-id="${incidentId}"]`);
  }

  /** The id of the incident whose detail is shown. */
  async openedId(): Promise<number> {
    const detail = this.id('incident-detail');
    await this.id('incident-header').waitFor();
    return Number(await detail.getAttribute('data-incident-id'));
  }

  async back(): Promise<void> {
    await this.id('incident-back').click();
  }

  /** The lifecycle moves the detail offers, as target states. */
  async offeredMoves(): Promise<string[]> {
    const buttons = this.id('incident-transition');
    return Promise.all(
      (await buttons.all()).map(async (b) => (await b.getAttribute('data-to')) ?? ''),
    );
  }

  /** Moves the open incident to `to`, with an optional note; waits for the dialog to close. */
  async transition(to: string, note?: string): Promise<void> {
    await this.page.locator(`[data-testid="incident-transition"][data-to="${to}"]`).click();
    const dialog = this.id('incident-transition-dialog');
    if (note) await this.id('incident-transition-note').fill(note);
    await this.id('incident-transition-confirm').click();
    await dialog.waitFor({ state: 'detached' });
  }

  async acknowledge(): Promise<void> {
    await this.id('incident-acknowledge').click();
    await this.id('incident-acknowledge').waitFor({ state: 'detached' });
  }

  async setPriority(values: {
    impact: 'high' | 'medium' | 'low';
    urgency: 'high' | 'medium' | 'low';
    reason: string;
  }): Promise<void> {
    await this.id('incident-set-priority').click();
    const dialog = this.id('incident-priority-dialog');
    await this.id('incident-priority-impact').selectOption(values.impact);
    await this.id('incident-priority-urgency').selectOption(values.urgency);
    await this.id('incident-priority-reason').fill(values.reason);
    await this.id('incident-priority-confirm').click();
    await dialog.waitFor({ state: 'detached' });
  }

  async addNote(text: string): Promise<void> {
    const entries = this.timelineEntries();
    const before = await entries.count();
    await this.id('incident-note-text').fill(text);
    await this.id('incident-note-add').click();
    await entries.nth(before).waitFor();
  }

  async handOff(role: 'commander' | 'scribe' | 'communications', username: string) {
    const input = this.page.locator(`[data-testid="incident-role-username"][data-role="${role}"]`);
    await input.fill(username);
    await input.press('Enter');
    await this.page
      .locator(`[data-testid="incident-role"][data-role="${role}"]`)
      .getByTestId('incident-role-holder')
      .getByText(username, { exact: true })
      .waitFor();
  }

  state() {
    return this.id('incident-state');
  }

  timelineEntries(kind?: string) {
    const selector = '[data-testid="incident-timeline-entry"]';
    return this.page.locator(kind ? `${selector}[data-kind="${kind}"]` : selector);
  }

  alerts() {
    return this.id('incident-alert');
  }

  async judgeAlert(alertId: number, verdict: 'useful' | 'noise'): Promise<void> {
    const button = this.page
      .locator(`[data-testid="incident-alert"][data-alert-id="${alertId}"]`)
      .locator(`[data-testid="incident-alert-verdict"][data-verdict="${verdict}"]`);
    await button.click();
    await this.page.waitForFunction(
      (el) => el?.getAttribute('aria-pressed') === 'true',
      await button.elementHandle(),
    );
  }

  // ── The paging bar (on every screen) and the counts ─────────────────────────

  pagingBar() {
    return this.id('paging-bar');
  }

  pagingRow(incidentId: number) {
    return this.page.locator(`[data-testid="paging-row"][data-incident-id="${incidentId}"]`);
  }

  async acknowledgePage(incidentId: number): Promise<void> {
    const row = this.pagingRow(incidentId);
    await row.getByTestId('paging-acknowledge').click();
    await row.waitFor({ state: 'detached' });
  }

  async openFromPage(incidentId: number): Promise<void> {
    await this.pagingRow(incidentId).getByTestId('paging-open').click();
    await this.id('incident-header').waitFor();
  }

  navCount(which: 'incidents' | 'firing') {
    return this.id(`nav-count-${which}`);
  }
}
