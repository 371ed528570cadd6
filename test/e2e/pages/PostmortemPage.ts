// The Postmortems page, the editor and the incident's postmortem panel, for e2e specs.
import type { Page } from '@playwright/test';

export class PostmortemPage {
  constructor(private readonly page: Page) {}

  id(testId: string) {
    return this.page.getByTestId(testId);
  }

  /** From an incident's detail: creates its postmortem and waits for the editor. */
  async createFromIncident(): Promise<void> {
    await this.id('incident-postmortem-create').click();
    await this.id('pm-editor').waitFor();
  }

  async write(section: string, text: string): Promise<void> {
    await this.id(`pm-input-${section}`).fill(text);
  }

  async save(): Promise<void> {
    await this.id('pm-save').click();
    await this.page.locator('[data-testid="pm-save"]:disabled').waitFor();
  }

  preview(section: string) {
    return this.id(`pm-section-${section}`).getByTestId('markdown-preview');
  }

  async setReviewers(usernames: string): Promise<void> {
    await this.id('pm-reviewers-input').fill(usernames);
    await this.page.getByRole('button', { name: /set reviewers/i }).click();
    await this.id('pm-reviewers').waitFor();
  }

  async export(format: 'md' | 'pdf', language: 'en' | 'ar'): Promise<string> {
    await this.id('pm-export-language').selectOption(language);
    await this.id(`pm-export-${format}`).click();
    const result = this.id('pm-export-result');
    await result.waitFor();
    return (await result.textContent()) ?? '';
  }
}
