import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../shared/ipc/contract.ts';
import { createFakeBridge } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

const KEY = '0123456789abcdef'.repeat(4);

describe('first run', () => {
  it('shows the recovery key once and will not continue until the operator ticks that it is saved', async () => {
    let state: AppStatus['state'] = 'uninitialised';
    const bridge = createFakeBridge({
      'app.status': () => ({
        state,
        siteName: null,
        timeZone: 'Asia/Dubai',
        shell: 'browser',
        version: '0.1.0',
        signedIn: null,
      }),
      'setup.create': () => {
        state = 'ready';
        return { recoveryKey: KEY };
      },
    });
    renderApp(bridge);
    await screen.findByTestId('setup-site-name');

    const fill = (testId: string, value: string) =>
      fireEvent.change(screen.getByTestId(testId), { target: { value } });
    fill('setup-site-name', 'Abu Dhabi DC1');
    fill('setup-passphrase', 'correct horse battery staple');
    fill('setup-passphrase-confirm', 'correct horse battery staple');
    fill('setup-admin-username', 'admin');
    fill('setup-admin-display-name', 'Site Admin');
    fill('setup-admin-password', 'admin-password-1');
    fill('setup-admin-password-confirm', 'admin-password-1');
    fireEvent.click(screen.getByTestId('setup-submit'));

    const key = await screen.findByTestId('recovery-key');
    expect(key.textContent).toBe(KEY.match(/.{4}/g)!.join(''));
    expect(key.querySelectorAll('.recovery-group')).toHaveLength(16);
    expect(bridge.calls.find((c) => c.channel === 'setup.create')?.input).toMatchObject({
      siteName: 'Abu Dhabi DC1',
      timeZone: 'Asia/Dubai',
      adminUsername: 'admin',
    });

    const proceed = screen.getByTestId('recovery-continue');
    expect((proceed as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(proceed);
    expect(screen.getByTestId('recovery-key')).toBeTruthy();

    fireEvent.click(screen.getByTestId('recovery-saved'));
    expect((proceed as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(proceed);

    await screen.findByTestId('signin-username');
    expect(screen.queryByTestId('recovery-key')).toBeNull();
  });

  it('explains each invalid field inline and sends nothing', async () => {
    const bridge = createFakeBridge({
      'app.status': () => ({
        state: 'uninitialised',
        siteName: null,
        timeZone: 'Asia/Dubai',
        shell: 'browser',
        version: '0.1.0',
        signedIn: null,
      }),
    });
    renderApp(bridge);
    fireEvent.change(await screen.findByTestId('setup-passphrase'), {
      target: { value: 'too short' },
    });
    fireEvent.change(screen.getByTestId('setup-admin-username'), {
      target: { value: 'Admin User' },
    });
    fireEvent.click(screen.getByTestId('setup-submit'));
    await waitFor(() => expect(screen.getByText('At least 12 characters.')).toBeTruthy());
    expect(screen.getByText('Lower-case letters, digits, dot, dash or underscore.')).toBeTruthy();
    expect(bridge.calls.some((c) => c.channel === 'setup.create')).toBe(false);
  });
});
