import type { Page } from '@playwright/test';

export class AuditPage {
  constructor(private readonly page: Page) {}

  rows(filter: { action?: string; outcome?: string } = {}) {
    let selector = '[data-testid="audit-row"]';
    if (filter.action) selector += `[data-action="${filter.action}"]`;
    if (filter.outcome) selector += `[data-outcome="${filter.outcome}"]`;
    return this.page.locator(selector);
  }

  async verify() {
    await this.page.getByTestId('audit-verify').click();
    return this.page.getByTestId('audit-verify-result');
  }

  async exportBundle() {
    await this.page.getByTestId('audit-export').click();
    return this.page.getByTestId('audit-export-result');
  }
}
