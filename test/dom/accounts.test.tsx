// Accounts in the console: a live strength meter on every new password (English and Arabic), a
// forced change after an admin's reset, a wrong current password named as such, an admin's reset
// and sign-in link, and the recovery key screen asking before the page is left.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppStatus, Operator, SessionInfo } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, sessionFor, signedInHandlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

const fill = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

const uninitialised = (): AppStatus => ({
  state: 'uninitialised',
  siteName: null,
  timeZone: 'Asia/Dubai',
  shell: 'browser',
  version: '0.1.0',
  signedIn: null,
});

function fillSetup(adminPassword: string) {
  fill('setup-site-name', 'Abu Dhabi DC1');
  fill('setup-passphrase', 'correct horse battery staple');
  fill('setup-passphrase-confirm', 'correct horse battery staple');
  fill('setup-admin-username', 'admin');
  fill('setup-admin-display-name', 'Site Admin');
  fill('setup-admin-password', adminPassword);
  fill('setup-admin-password-confirm', adminPassword);
}

const leaveIsBlocked = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('password strength', () => {
  it('rates the password as it is typed, says why it is weak and refuses it before sending', async () => {
    const bridge = createFakeBridge({ 'app.status': uninitialised });
    renderApp(bridge);
    await screen.findByTestId('setup-site-name');
    fillSetup('aaaaaaaaaa');
    const meter = await screen.findByTestId('setup-admin-password-strength');
    await waitFor(() => expect(meter.dataset.score).toBe('0'));
    expect(meter.textContent).toContain('Password strength: Very weak');
    expect(meter.textContent).toContain('Repeated characters like “aaa” are easy to guess.');
    expect(meter.textContent).toContain('Add more words that are less common.');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByText(/Too easy to guess: see the suggestions/)).toBeTruthy();
    expect(bridge.calls.some((c) => c.channel === 'setup.create')).toBe(false);

    fill('setup-admin-password', 'cedar-lantern-orbit-7');
    await waitFor(() =>
      expect(screen.getByTestId('setup-admin-password-strength').textContent).toContain(
        'Strong enough.',
      ),
    );
  });

  it('speaks Arabic, and counts the account’s own name against the password', async () => {
    const bridge = createFakeBridge({ 'app.status': uninitialised });
    renderApp(bridge, memoryPreferences({ 'mirqab.language': 'ar' }));
    await screen.findByTestId('setup-site-name');
    fillSetup('Admin2026!');
    const meter = await screen.findByTestId('setup-admin-password-strength');
    await waitFor(() => expect(meter.textContent).toContain('قوة كلمة المرور'));
    expect(meter.textContent).toContain('لا تستخدم اسم المستخدم أو اسم الشخص أو اسم الموقع.');
    expect(meter.textContent).toContain('سهلة التخمين');
  });
});

describe('the recovery key screen', () => {
  it('asks before the page is left until the key is confirmed saved', async () => {
    let state: AppStatus['state'] = 'uninitialised';
    const bridge = createFakeBridge({
      'app.status': () => ({ ...uninitialised(), state }),
      'setup.create': () => {
        state = 'ready';
        return { recoveryKey: '0123456789abcdef'.repeat(4) };
      },
    });
    renderApp(bridge);
    await screen.findByTestId('setup-site-name');
    expect(leaveIsBlocked()).toBe(false);
    fillSetup('cedar-lantern-orbit-7');
    fireEvent.click(screen.getByTestId('setup-submit'));
    await screen.findByTestId('recovery-key');
    expect(leaveIsBlocked()).toBe(true);
    fireEvent.click(screen.getByTestId('recovery-saved'));
    expect(leaveIsBlocked()).toBe(false);
  });
});

describe('changing a password', () => {
  it('a wrong current password is named as such', async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('viewer'),
      'auth.changePassword': () =>
        apiError('WRONG_CURRENT_PASSWORD', 'The current password is wrong.'),
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-settings'));
    fireEvent.click(await screen.findByTestId('settings-tab-security'));
    fill('security-password-current', 'not-my-password');
    fill('security-password-next', 'cedar-lantern-orbit-7');
    fill('security-password-confirm', 'cedar-lantern-orbit-7');
    fireEvent.click(screen.getByTestId('security-password-submit'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The current password is wrong.');
    expect(alert.textContent).not.toContain('Wrong username or password');
  });

  it('after an admin’s reset, nothing opens until the operator chooses their own password', async () => {
    let session: SessionInfo = { ...sessionFor('operator'), mustChangePassword: true };
    const bridge = createFakeBridge({
      ...signedInHandlers('operator'),
      'app.status': () => ({
        ...uninitialised(),
        state: 'ready',
        siteName: 'Abu Dhabi DC1',
        signedIn: session,
      }),
      'auth.changePassword': () => {
        session = sessionFor('operator');
        return { done: true as const };
      },
      'auth.whoami': () => session,
    });
    renderApp(bridge);
    await screen.findByTestId('forced-password-page');
    expect(screen.queryByTestId('nav-settings')).toBeNull();
    fill('security-password-current', 'temporary-cedar-41');
    fill('security-password-next', 'my-own-lantern-88');
    fill('security-password-confirm', 'my-own-lantern-88');
    fireEvent.click(screen.getByTestId('security-password-submit'));
    await screen.findByTestId('nav-settings');
    expect(screen.queryByTestId('forced-password-page')).toBeNull();
  });
});

describe('an admin', () => {
  const omar: Operator = {
    id: 2,
    username: 'omar',
    displayName: 'Omar',
    role: 'operator',
    disabled: false,
    createdAt: '2026-11-02T06:00:00.000Z',
  };

  it('resets another operator’s password with a temporary one', async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('admin'),
      'operators.list': () => [omar],
      'operators.lockouts': () => [],
      'operators.resetPassword': () => ({ done: true as const }),
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-settings'));
    fireEvent.click(await screen.findByTestId('settings-tab-operators'));
    const row = await screen.findByTestId('operator-row');
    fireEvent.click(within(row).getByTestId('operator-reset-password'));
    const dialog = await screen.findByTestId('reset-password-dialog');
    expect(dialog.textContent).toContain('Reset the password of Omar');
    fill('reset-password-value', 'temporary-cedar-41');
    fireEvent.click(within(dialog).getByTestId('reset-password-submit'));
    await waitFor(() => expect(screen.queryByTestId('reset-password-dialog')).toBeNull());
    expect(
      bridge.calls.filter((c) => c.channel === 'operators.resetPassword').map((c) => c.input),
    ).toEqual([{ username: 'omar', password: 'temporary-cedar-41' }]);
  });

  it('issues a one-time sign-in link from Sessions and shows it once', async () => {
    const url = 'http://127.0.0.1:4780/?token=abc#key=def';
    const bridge = createFakeBridge({
      ...signedInHandlers('admin'),
      'sessions.list': () => [],
      'sessions.issueLink': () => ({ url, expiresAt: '2026-11-26T06:05:00.000Z' }),
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-settings'));
    fireEvent.click(await screen.findByTestId('settings-tab-sessions'));
    fireEvent.click(await screen.findByTestId('signin-link-issue'));
    const shown = await screen.findByTestId<HTMLInputElement>('signin-link-url');
    expect(shown.value).toBe(url);
    expect(screen.getByTestId('signin-link-dialog').textContent).toContain(
      'Opens once, until 10:05',
    );
    fireEvent.click(screen.getByTestId('signin-link-done'));
    await waitFor(() => expect(screen.queryByTestId('signin-link-url')).toBeNull());
    expect(bridge.calls.filter((c) => c.channel === 'sessions.issueLink')).toHaveLength(1);
  });
});
