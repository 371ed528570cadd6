import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Contact, Delivery, DeliveryLog, NotifySettings } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

const settings: NotifySettings = {
  smtp: {
    enabled: true,
    host: 'relay.dc1.example',
    port: 587,
    security: 'starttls',
    verifyCertificate: true,
    username: 'mirqab',
    from: 'mirqab@dc1.example',
    hasPassword: true,
  },
  webhook: { enabled: false, url: '', headerName: null, hasSecret: false },
  retry: { maxAttempts: 8, firstDelayMs: 30_000, maxDelayMs: 600_000 },
};

const delivery = (overrides: Partial<Delivery>): Delivery => ({
  id: 1,
  incidentId: 12,
  channel: 'smtp',
  recipients: ['amal@dc1.example'],
  subject: '[Mirqab] P1 incident #12: llama-3-8b availability burning',
  state: 'sent',
  attempts: 1,
  maxAttempts: 8,
  nextAttemptAt: null,
  lastError: null,
  isTest: false,
  createdBy: null,
  createdAt: '2026-11-26T06:00:00.000Z',
  finishedAt: '2026-11-26T06:00:01.000Z',
  ...overrides,
});

const log: DeliveryLog = {
  items: [
    delivery({
      id: 3,
      state: 'failed',
      attempts: 8,
      lastError: 'connect ECONNREFUSED 10.0.0.25:25',
      finishedAt: '2026-11-26T06:36:00.000Z',
    }),
    delivery({
      id: 2,
      channel: 'webhook',
      recipients: [],
      state: 'pending',
      attempts: 2,
      nextAttemptAt: '2026-11-26T06:02:30.000Z',
      lastError: 'The webhook answered 503 Service Unavailable',
    }),
    delivery({ id: 1 }),
  ],
  failedCount: 1,
};

function adminHandlers(overrides: Handlers = {}): Handlers {
  let contacts: Contact[] = [
    { username: 'admin', displayName: 'Site Admin', email: null, isDisabled: false },
    { username: 'amal', displayName: 'Amal', email: 'amal@dc1.example', isDisabled: false },
  ];
  return {
    ...signedInHandlers('admin'),
    'settings.get': () => ({
      siteName: 'Abu Dhabi DC1',
      timeZone: 'Asia/Dubai',
      lockAfterMinutes: 15,
      residency: 'AE',
    }),
    'notify.settings': () => settings,
    'notify.saveSettings': (input) => ({
      ...settings,
      smtp: { ...settings.smtp, ...input.smtp, hasPassword: input.smtp.password !== null },
    }),
    'notify.contacts': () => contacts,
    'notify.setContact': ({ username, email }) => {
      contacts = contacts.map((c) => (c.username === username ? { ...c, email } : c));
      return contacts.find((c) => c.username === username)!;
    },
    'notify.deliveries': () => log,
    'notify.retry': ({ id }) => delivery({ id, state: 'pending', attempts: 8, maxAttempts: 16 }),
    'notify.test': ({ channel, to }) =>
      delivery({
        id: 9,
        channel,
        isTest: true,
        recipients: to ? [to] : [],
        state: 'failed',
        lastError: 'Invalid login: 535 Authentication failed',
      }),
    ...overrides,
  };
}

async function openNotifications() {
  fireEvent.click(await screen.findByTestId('nav-settings'));
  fireEvent.click(await screen.findByTestId('settings-tab-notifications'));
  return screen.findByTestId('notify-tab');
}

describe('the Notifications settings tab', () => {
  it('an admin saves the relay keeping its password, and the delivery log shows the failed page with its reason', async () => {
    const bridge = createFakeBridge(adminHandlers());
    renderApp(bridge);
    await openNotifications();

    const host = await screen.findByTestId('notify-smtp-host');
    expect((host as HTMLInputElement).value).toBe('relay.dc1.example');
    expect(screen.getByText('A password is saved. Leave this blank to keep it.')).toBeTruthy();
    expect(screen.getByTestId('notify-retry-policy').textContent).toBe(
      "A delivery that fails is tried again after 30 s; each wait doubles, up to 10 min, for 8 attempts in all. Then it is marked failed in the log below and on the incident's timeline.",
    );

    fireEvent.change(screen.getByTestId('notify-smtp-port'), { target: { value: '25' } });
    fireEvent.change(screen.getByTestId('notify-smtp-security'), { target: { value: 'none' } });
    fireEvent.click(screen.getByTestId('notify-save'));
    await waitFor(() =>
      expect(bridge.calls.some((c) => c.channel === 'notify.saveSettings')).toBe(true),
    );
    const saved = bridge.calls.find((c) => c.channel === 'notify.saveSettings')!.input as {
      smtp: Record<string, unknown>;
      webhook: Record<string, unknown>;
    };
    expect(saved.smtp).toEqual({
      enabled: true,
      host: 'relay.dc1.example',
      port: 25,
      security: 'none',
      verifyCertificate: true,
      username: 'mirqab',
      from: 'mirqab@dc1.example',
    });
    expect(saved.webhook).toEqual({ enabled: false, url: '', headerName: null });
    expect(await screen.findByText('The notification channels are saved.')).toBeTruthy();

    const rows = await screen.findAllByTestId('notify-delivery-row');
    expect(rows.map((r) => r.dataset.state)).toEqual(['failed', 'pending', 'sent']);
    expect(rows[0]!.className).toBe('notify-row-failed');
    expect(within(rows[0]!).getByTestId('notify-delivery-detail').textContent).toBe(
      'connect ECONNREFUSED 10.0.0.25:25',
    );
    // The next try in the site's zone (Dubai, UTC+4).
    expect(within(rows[1]!).getByTestId('notify-delivery-detail').textContent).toBe(
      'Next try 10:02:30The webhook answered 503 Service Unavailable',
    );
    expect(screen.getByTestId('notify-failed-count').textContent).toBe('Failed deliveries: 1');
    expect(within(rows[1]!).queryByTestId('notify-delivery-retry')).toBeNull();

    fireEvent.click(within(rows[0]!).getByTestId('notify-delivery-retry'));
    expect(await screen.findByText('Delivery #3 is queued again.')).toBeTruthy();
    expect(bridge.calls.filter((c) => c.channel === 'notify.retry').map((c) => c.input)).toEqual([
      { id: 3 },
    ]);
  });

  it('a test that the relay refuses says why; a pushed delivery change refreshes the log', async () => {
    const bridge = createFakeBridge(adminHandlers());
    renderApp(bridge);
    await openNotifications();
    fireEvent.change(await screen.findByTestId('notify-test-to'), {
      target: { value: 'noc@dc1.example' },
    });
    fireEvent.click(screen.getByTestId('notify-test-smtp'));
    const result = await screen.findByTestId('notify-test-result');
    expect(result.dataset.state).toBe('failed');
    expect(result.textContent).toBe(
      'The test could not be delivered: Invalid login: 535 Authentication failed',
    );
    expect(bridge.calls.find((c) => c.channel === 'notify.test')!.input).toEqual({
      channel: 'smtp',
      to: 'noc@dc1.example',
    });

    const before = bridge.calls.filter((c) => c.channel === 'notify.deliveries').length;
    bridge.emit('notify.changed', { deliveryIds: [3] });
    await waitFor(() =>
      expect(bridge.calls.filter((c) => c.channel === 'notify.deliveries').length).toBe(before + 1),
    );
  });

  it("an admin edits an operator's address in the contacts table", async () => {
    const bridge = createFakeBridge(adminHandlers());
    renderApp(bridge);
    await openNotifications();
    const row = await waitFor(() => {
      const found = screen
        .getAllByTestId('notify-contact-row')
        .find((r) => r.dataset.username === 'amal');
      if (!found) throw new Error('no row for amal yet');
      return found;
    });
    fireEvent.click(within(row).getByTestId('notify-contact-edit'));
    const input = within(row).getByTestId('notify-contact-input');
    fireEvent.change(input, { target: { value: 'not an address' } });
    expect(within(row).getByTestId<HTMLButtonElement>('notify-contact-save').disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'amal.k@dc1.example' } });
    fireEvent.click(within(row).getByTestId('notify-contact-save'));
    await waitFor(() => expect(row.textContent).toContain('amal.k@dc1.example'));
    expect(bridge.calls.find((c) => c.channel === 'notify.setContact')!.input).toEqual({
      username: 'amal',
      email: 'amal.k@dc1.example',
    });
  });

  it('an operator only keeps their own address, in Arabic too', async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('operator'),
      'settings.get': () => ({
        siteName: 'Abu Dhabi DC1',
        timeZone: 'Asia/Dubai',
        lockAfterMinutes: 15,
        residency: 'AE',
      }),
      'notify.contacts': () => [
        { username: 'operator', displayName: 'Test operator', email: null, isDisabled: false },
      ],
      'notify.setContact': ({ username, email }) => ({
        username,
        displayName: 'Test operator',
        email,
        isDisabled: false,
      }),
    });
    const prefs = memoryPreferences();
    prefs.set('mirqab.language', 'ar');
    renderApp(bridge, prefs);
    fireEvent.click(await screen.findByTestId('nav-settings'));
    const tab = await screen.findByTestId('settings-tab-notifications');
    expect(tab.textContent).toBe('الإشعارات');
    fireEvent.click(tab);
    const form = await screen.findByTestId('notify-my-address');
    expect(within(form).getByText('عنوان بريدك الإلكتروني')).toBeTruthy();
    expect(screen.queryByTestId('notify-channels')).toBeNull();
    expect(screen.queryByTestId('notify-log')).toBeNull();
    expect(bridge.calls.some((c) => c.channel === 'notify.settings')).toBe(false);

    fireEvent.change(screen.getByTestId('notify-my-email'), {
      target: { value: 'op@dc1.example' },
    });
    fireEvent.click(screen.getByTestId('notify-my-save'));
    expect(await screen.findByText('تم حفظ عنوانك.')).toBeTruthy();
    expect(bridge.calls.find((c) => c.channel === 'notify.setContact')!.input).toEqual({
      username: 'operator',
      email: 'op@dc1.example',
    });
  });

  it('shows an empty log, and a log that cannot be read with a way to try again', async () => {
    let fail = true;
    const bridge = createFakeBridge(
      adminHandlers({
        'notify.deliveries': () =>
          fail ? apiError('INTERNAL', 'store busy') : { items: [], failedCount: 0 },
      }),
    );
    renderApp(bridge);
    await openNotifications();
    const logSection = await screen.findByTestId('notify-log');
    const retry = await within(logSection).findByText('Try again');
    fail = false;
    fireEvent.click(retry);
    expect(await within(logSection).findByText('Nothing has been sent yet.')).toBeTruthy();
    expect(screen.queryByTestId('notify-failed-count')).toBeNull();
  });
});
