import { expect, type Page } from '@playwright/test';

/** The experiments page: plan one in the editor, start it on the routing, read its state. */
export class ExperimentsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-experiments').click();
    await expect(this.page.getByTestId('experiments-page')).toBeVisible();
  }

  async plan(fields: {
    name: string;
    model: string;
    control: string;
    variant: string;
    variantPercent: string;
  }) {
    await this.page.getByTestId('experiment-new').click();
    const editor = this.page.getByTestId('experiment-editor');
    await editor.getByTestId('experiment-name').fill(fields.name);
    await editor.getByTestId('experiment-model').fill(fields.model);
    await editor.getByTestId('experiment-control').fill(fields.control);
    await editor.getByTestId('experiment-variant').fill(fields.variant);
    await editor.getByTestId('experiment-split').fill(fields.variantPercent);
    await editor.getByTestId('experiment-save').click();
    await expect(this.detail()).toBeVisible();
  }

  detail() {
    return this.page.getByTestId('experiment-detail');
  }

  status() {
    return this.detail().getByTestId('experiment-status');
  }

  async start() {
    await this.detail().getByTestId('experiment-start').click();
    await expect(this.status()).toHaveAttribute('data-status', 'running');
  }
}
