import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeToken } from '../../shared/ipc/incidentSchemas.ts';
import { apiError, createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

const SECRET = `mqi_${'k'.repeat(43)}`;
const settings = () => ({
  siteName: 'Abu Dhabi DC1',
  timeZone: 'Asia/Dubai',
  lockAfterMinutes: 15,
  residency: 'AE',
});

function token(overrides: Partial<IntakeToken> & Pick<IntakeToken, 'id' | 'name'>): IntakeToken {
  return {
    createdBy: 'admin',
    createdAt: '2026-11-20T06:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}

/** A backend holding intake tokens, as the console keeps them: secrets are never listed. */
function intakeBackend() {
  let tokens: IntakeToken[] = [
    token({ id: 1, name: 'dc1-alertmanager', lastUsedAt: '2026-11-26T05:59:00.000Z' }),
    token({
      id: 2,
      name: 'old-alertmanager',
      revokedAt: '2026-11-21T06:00:00.000Z',
      revokedBy: 'fatima',
    }),
  ];
  return createFakeBridge({
    ...signedInHandlers('admin'),
    'settings.get': settings,
    'intake.listTokens': () => tokens,
    'intake.createToken': ({ name }) => {
      if (tokens.some((t) => t.name === name))
        return apiError('CONFLICT', `An intake token named "${name}" already exists.`);
      const info = token({ id: 3, name, createdAt: '2026-11-26T06:00:00.000Z' });
      tokens = [...tokens, info];
      return { token: SECRET, info };
    },
    'intake.revokeToken': ({ id }) => {
      tokens = tokens.map((t) =>
        t.id === id ? { ...t, revokedAt: '2026-11-26T06:01:00.000Z', revokedBy: 'admin' } : t,
      );
      return { done: true as const };
    },
  });
}

const copied: string[] = [];
beforeEach(() => {
  copied.length = 0;
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
  });
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

async function openIntakeTab() {
  fireEvent.click(await screen.findByTestId('nav-settings'));
  fireEvent.click(await screen.findByTestId('settings-tab-intake'));
  await screen.findAllByTestId('intake-token-row');
}

const row = (name: string) =>
  screen.getAllByTestId('intake-token-row').find((r) => r.dataset.name === name)!;

describe('Settings → Alert intake', () => {
  it('lists the tokens with their last delivery and state, live ones revocable', async () => {
    renderApp(intakeBackend());
    await openIntakeTab();
    const live = row('dc1-alertmanager');
    expect(live.textContent).toContain('Active');
    expect(live.textContent).toContain('09:59');
    expect(within(live).getByTestId('intake-revoke')).toBeTruthy();
    const old = row('old-alertmanager');
    expect(old.textContent).toContain('Revoked');
    expect(old.textContent).toContain('Never');
    expect(within(old).queryByTestId('intake-revoke')).toBeNull();
  });

  it('creates a token and shows it once, with copy buttons and the Alertmanager receiver', async () => {
    const bridge = intakeBackend();
    renderApp(bridge);
    await openIntakeTab();
    fireEvent.click(screen.getByTestId('intake-create'));
    fireEvent.click(screen.getByTestId('intake-create-submit'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/letters, digits/);
    expect(bridge.calls.some((c) => c.channel === 'intake.createToken')).toBe(false);

    fireEvent.change(screen.getByTestId('intake-name'), { target: { value: 'dc1-alertmanager' } });
    fireEvent.click(screen.getByTestId('intake-create-submit'));
    expect(await screen.findByText(/already exists/)).toBeTruthy();

    fireEvent.change(screen.getByTestId('intake-name'), { target: { value: ' dc2 primary ' } });
    fireEvent.click(screen.getByTestId('intake-create-submit'));
    expect((await screen.findByTestId('intake-token')).textContent).toBe(SECRET);
    expect(bridge.calls.filter((c) => c.channel === 'intake.createToken').at(-1)?.input).toEqual({
      name: 'dc2 primary',
    });
    const snippet = screen.getByTestId('intake-snippet').textContent ?? '';
    expect(snippet).toContain(`url: ${window.location.origin}/intake/alertmanager`);
    expect(snippet).toMatch(/http_config:\n\s+authorization:\n\s+credentials: mqi_k+\n/);

    fireEvent.click(screen.getByTestId('intake-copy-token'));
    await waitFor(() => expect(copied).toEqual([SECRET]));
    expect(screen.getByTestId('intake-copy-token').textContent).toBe('Copied');
    fireEvent.click(screen.getByTestId('intake-copy-snippet'));
    await waitFor(() => expect(copied[1]).toBe(snippet));

    // Escape does not close it by accident: the token cannot be shown again.
    fireEvent.keyDown(screen.getByTestId('intake-created-dialog'), { key: 'Escape' });
    expect(screen.getByTestId('intake-created-dialog')).toBeTruthy();
    fireEvent.click(screen.getByTestId('intake-done'));
    await waitFor(() => expect(screen.queryByTestId('intake-token')).toBeNull());
    expect(row('dc2 primary').textContent).toContain('Active');
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('revokes a token only after the operator confirms', async () => {
    const bridge = intakeBackend();
    renderApp(bridge);
    await openIntakeTab();
    fireEvent.click(within(row('dc1-alertmanager')).getByTestId('intake-revoke'));
    const dialog = await screen.findByTestId('intake-revoke-dialog');
    expect(dialog.textContent).toContain('refused');
    fireEvent.click(within(dialog).getByText('Cancel'));
    expect(bridge.calls.some((c) => c.channel === 'intake.revokeToken')).toBe(false);

    fireEvent.click(within(row('dc1-alertmanager')).getByTestId('intake-revoke'));
    fireEvent.click(await screen.findByTestId('intake-revoke-confirm'));
    await waitFor(() => expect(row('dc1-alertmanager').textContent).toContain('Revoked'));
    expect(
      bridge.calls.filter((c) => c.channel === 'intake.revokeToken').map((c) => c.input),
    ).toEqual([{ id: 1 }]);
  });

  it('speaks Arabic', async () => {
    renderApp(intakeBackend());
    await openIntakeTab();
    fireEvent.click(screen.getByTestId('lang-toggle'));
    await waitFor(() =>
      expect(screen.getByTestId('settings-tab-intake').textContent).toBe('استقبال التنبيهات'),
    );
    expect(row('old-alertmanager').textContent).toContain('ملغى');
    expect(screen.getByTestId('intake-create').textContent).toBe('إنشاء رمز');
  });

  it('is shown to admins only', async () => {
    renderApp(
      createFakeBridge({ ...signedInHandlers('incident_commander'), 'settings.get': settings }),
    );
    fireEvent.click(await screen.findByTestId('nav-settings'));
    await screen.findByTestId('settings-tab-site');
    expect(screen.queryByTestId('settings-tab-intake')).toBeNull();
  });
});
