import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, createFakeBridge, sessionFor, signedInHandlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

describe('app shell', () => {
  it('switching to Arabic sets dir="rtl" and lang="ar" on <html> and remembers the choice', async () => {
    const { prefs } = renderApp(createFakeBridge(signedInHandlers('admin')));
    await screen.findByTestId('overview-site-name');
    expect(document.documentElement.dir).toBe('ltr');

    fireEvent.click(screen.getByTestId('lang-toggle'));

    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    expect(document.documentElement.lang).toBe('ar');
    expect(screen.getByTestId('nav-overview').textContent).toBe('نظرة عامة');
    expect(prefs.get('mirqab.language')).toBe('ar');
  });

  it('hides the audit log from a viewer and shows it to an incident commander', async () => {
    const viewer = renderApp(createFakeBridge(signedInHandlers('viewer')));
    await screen.findByTestId('nav-overview');
    expect(screen.getByTestId('nav-settings')).toBeTruthy();
    expect(screen.queryByTestId('nav-audit')).toBeNull();
    viewer.unmount();

    renderApp(createFakeBridge(signedInHandlers('incident_commander')));
    expect(await screen.findByTestId('nav-audit')).toBeTruthy();
  });

  it('a viewer sees no operators tab in settings', async () => {
    renderApp(
      createFakeBridge({
        ...signedInHandlers('viewer'),
        'settings.get': () => ({
          siteName: 'Abu Dhabi DC1',
          timeZone: 'Asia/Dubai',
          lockAfterMinutes: 15,
          residency: 'AE',
        }),
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-settings'));
    await screen.findByTestId('settings-tab-site');
    expect(screen.queryByTestId('settings-tab-operators')).toBeNull();
    expect(screen.queryByTestId('settings-save')).toBeNull();
  });

  it('any call answered SESSION_LOCKED shows the lock screen, and the password resumes', async () => {
    let locked = true;
    const bridge = createFakeBridge({
      ...signedInHandlers('admin'),
      'overview.get': () =>
        locked
          ? apiError('SESSION_LOCKED', 'locked for inactivity')
          : {
              siteName: 'Abu Dhabi DC1',
              timeZone: 'Asia/Dubai',
              residency: 'AE',
              operatorCount: 1,
              activeSessions: 1,
              auditCount: 0,
              recentAudit: [],
            },
      'auth.unlock': ({ password }) => {
        if (password !== 'admin-password-1') return apiError('INVALID_CREDENTIALS');
        locked = false;
        return sessionFor('admin');
      },
    });
    renderApp(bridge);
    fireEvent.change(await screen.findByTestId('session-lock-password'), {
      target: { value: 'admin-password-1' },
    });
    fireEvent.click(screen.getByTestId('session-unlock-submit'));
    expect((await screen.findByTestId('overview-site-name')).textContent).toBe('Abu Dhabi DC1');
  });

  it('a pushed session.locked event locks the screen', async () => {
    const bridge = createFakeBridge(signedInHandlers('admin'));
    renderApp(bridge);
    await screen.findByTestId('overview-site-name');
    bridge.emit('session.locked', { reason: 'inactivity' });
    expect(await screen.findByTestId('session-lock-password')).toBeTruthy();
  });

  it('a wrong password reads "Wrong username or password"', async () => {
    renderApp(
      createFakeBridge({
        'app.status': () => ({
          state: 'ready',
          siteName: 'DC1',
          timeZone: 'Asia/Dubai',
          shell: 'browser',
          version: '0.1.0',
          signedIn: null,
        }),
        'auth.signIn': () => apiError('INVALID_CREDENTIALS', 'invalid credentials'),
      }),
    );
    fireEvent.change(await screen.findByTestId('signin-username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByTestId('signin-password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByTestId('signin-submit'));
    expect((await screen.findByTestId('signin-error')).textContent).toBe(
      'Wrong username or password.',
    );
  });
});
