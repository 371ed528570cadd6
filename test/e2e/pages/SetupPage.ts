import type { Page } from '@playwright/test';
import { SignInPage } from './SignInPage.ts';

export const ADMIN_PASSWORD = 'admin-password-1';

export interface SetupValues {
  siteName: string;
  passphrase: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
}

export class SetupPage {
  constructor(private readonly page: Page) {}

  async fill(values: SetupValues): Promise<void> {
    const t = (id: string) => this.page.getByTestId(id);
    await t('setup-site-name').fill(values.siteName);
    await t('setup-passphrase').fill(values.passphrase);
    await t('setup-passphrase-confirm').fill(values.passphrase);
    await t('setup-admin-username').fill(values.adminUsername);
    await t('setup-admin-display-name').fill(values.adminDisplayName);
    await t('setup-admin-password').fill(values.adminPassword);
    await t('setup-admin-password-confirm').fill(values.adminPassword);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('setup-submit').click();
  }

  /** Reads the recovery key (shown once) as 64 hex characters. */
  async recoveryKey(): Promise<string> {
    const text = await this.page.getByTestId('recovery-key').innerText();
    return text.replace(/[^0-9a-fA-F]/g, '');
  }

  async confirmSaved(): Promise<void> {
    await this.page.getByTestId('recovery-saved').check();
    await this.page.getByTestId('recovery-continue').click();
  }
}

/** First run of a new site (Abu Dhabi DC1, admin), then the admin signs in. */
export async function setUpAndSignIn(page: Page, url: string): Promise<void> {
  const setup = new SetupPage(page);
  await page.goto(url);
  await setup.fill({
    siteName: 'Abu Dhabi DC1',
    passphrase: 'correct horse battery staple',
    adminUsername: 'admin',
    adminDisplayName: 'Site Admin',
    adminPassword: ADMIN_PASSWORD,
  });
  await setup.submit();
  await setup.confirmSaved();
  await new SignInPage(page).signIn('admin', ADMIN_PASSWORD);
}
