import type { Page } from '@playwright/test';

export class OperatorsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('settings-tab-operators').click();
  }

  async create(values: { username: string; displayName: string; role: string; password: string }) {
    await this.page.getByTestId('operator-create').click();
    await this.page.getByTestId('operator-username').fill(values.username);
    await this.page.getByTestId('operator-display-name').fill(values.displayName);
    await this.page.getByTestId('operator-role').selectOption(values.role);
    await this.page.getByTestId('operator-password').fill(values.password);
    await this.page.getByTestId('operator-submit').click();
  }

  row(username: string) {
    return this.page.locator(`[data-testid="operator-row"][data-username="${username}"]`);
  }
}
