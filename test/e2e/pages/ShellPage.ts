import type { Page } from '@playwright/test';

export class ShellPage {
  constructor(private readonly page: Page) {}

  nav(area: 'overview' | 'audit' | 'settings') {
    return this.page.getByTestId(`nav-${area}`);
  }

  async go(area: 'overview' | 'audit' | 'settings'): Promise<void> {
    await this.nav(area).click();
  }

  async toggleLanguage(): Promise<void> {
    await this.page.getByTestId('lang-toggle').click();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('signout').click();
  }

  /** Waits for the next pushed event the backend sends (window.__e2e, present only in e2e mode). */
  async waitForEvent(name: string): Promise<unknown> {
    return this.page.evaluate((event) => {
      const hooks = (window as unknown as { __e2e: { waitForEvent(n: string): Promise<unknown> } })
        .__e2e;
      return hooks.waitForEvent(event);
    }, name);
  }

  /** Sends one raw API request over the page's own browser session (cookie + page key), bypassing the UI. */
  async rawCall(channel: string, input: unknown): Promise<unknown> {
    return this.page.evaluate(
      ({ channel, input }) =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(`ws://${location.host}/api`, [
            'mirqab',
            `mirqab-key.${sessionStorage.getItem('mirqab.pageKey') ?? ''}`,
          ]);
          ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel, input }));
          ws.onmessage = (message) => {
            const frame = JSON.parse(String(message.data)) as {
              type: string;
              id?: number;
              result?: unknown;
            };
            if (frame.type === 'result' && frame.id === 1) {
              ws.close();
              resolve(frame.result);
            }
          };
          ws.onerror = () => reject(new Error('socket error'));
        }),
      { channel, input },
    );
  }
}
