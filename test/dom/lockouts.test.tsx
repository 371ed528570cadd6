import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Lockout, Operator } from '../../shared/ipc/contract.ts';
import { apiError, createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

const operators: Operator[] = [
  {
    id: 1,
    username: 'admin',
    displayName: 'Site Admin',
    role: 'admin',
    disabled: false,
    createdAt: '2026-11-01T06:00:00.000Z',
  },
  {
    id: 2,
    username: 'omar',
    displayName: 'Omar',
    role: 'operator',
    disabled: false,
    createdAt: '2026-11-02T06:00:00.000Z',
  },
];

describe('failed-attempt lockouts', () => {
  it('the operators tab shows who is held back until when, and an admin clears it', async () => {
    let lockouts: Lockout[] = [
      { scope: 'account', id: 'omar', failures: 5, lockedUntil: '2026-11-26T06:00:30.000Z' },
      {
        scope: 'source',
        id: 'browser 203.0.113.7',
        failures: 20,
        lockedUntil: '2026-11-26T06:04:00.000Z',
      },
    ];
    const bridge = createFakeBridge({
      ...signedInHandlers('admin'),
      'settings.get': () => ({
        siteName: 'Abu Dhabi DC1',
        timeZone: 'Asia/Dubai',
        lockAfterMinutes: 15,
        residency: 'AE',
      }),
      'operators.list': () => operators,
      'operators.lockouts': () => lockouts,
      'operators.clearLockout': ({ scope, id }) => {
        lockouts = lockouts.filter((l) => !(l.scope === scope && l.id === id));
        return { done: true as const };
      },
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-settings'));
    fireEvent.click(await screen.findByTestId('settings-tab-operators'));

    const omarRow = await waitFor(() => {
      const row = screen.getAllByTestId('operator-row').find((r) => r.dataset.username === 'omar');
      if (!row) throw new Error('no row for omar yet');
      return row;
    });
    expect(within(omarRow).getByTestId('operator-lockout').textContent).toBe(
      'Held back until 10:00:30',
    );
    const adminRow = screen
      .getAllByTestId('operator-row')
      .find((r) => r.dataset.username === 'admin')!;
    expect(within(adminRow).queryByTestId('operator-lockout')).toBeNull();
    const others = screen.getByTestId('lockouts-other');
    expect(others.textContent).toContain('browser 203.0.113.7');
    expect(others.textContent).toContain('Held back until 10:04:00');

    fireEvent.click(within(omarRow).getByTestId('lockout-clear'));
    await waitFor(() => expect(within(omarRow).queryByTestId('operator-lockout')).toBeNull());
    expect(
      bridge.calls.filter((c) => c.channel === 'operators.clearLockout').map((c) => c.input),
    ).toEqual([{ scope: 'account', id: 'omar' }]);
    expect(screen.getByTestId('lockouts-other').textContent).toContain('browser 203.0.113.7');
  });

  it('a held-back unlock says, in Arabic too, when to try again in the site zone', async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('admin'),
      'overview.get': () => apiError('SESSION_LOCKED', 'locked for inactivity'),
      'auth.unlock': () => ({
        code: 'TOO_MANY_ATTEMPTS' as const,
        message:
          'Too many failed attempts for this account; try again after 10:05:30 (Asia/Dubai), or ask an admin to clear the lockout.',
        retryAt: '2026-11-26T06:05:30.000Z',
      }),
    });
    renderApp(bridge);
    fireEvent.change(await screen.findByTestId('session-lock-password'), {
      target: { value: 'admin-password-1' },
    });
    fireEvent.click(screen.getByTestId('session-unlock-submit'));
    const error = await screen.findByTestId('session-lock-error');
    expect(error.dataset.code).toBe('TOO_MANY_ATTEMPTS');
    expect(error.textContent).toBe('Too many failed attempts. Try again after 10:05:30.');
    fireEvent.click(screen.getByTestId('lang-toggle'));
    await waitFor(() =>
      expect(screen.getByTestId('session-lock-error').textContent).toContain('محاولات فاشلة كثيرة'),
    );
    expect(screen.getByTestId('session-lock-error').textContent).toMatch(/10:05:30|١٠:٠٥:٣٠/);
  });
});
