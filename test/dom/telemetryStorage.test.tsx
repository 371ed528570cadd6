// Settings → Telemetry storage: what an operator and an auditor read (size on disk, budget, retention,
// oldest data kept, the last budget drop), an admin setting the budget with the form checking it
// first, the command line's budget shown read-only, and the loading, error and Arabic states.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { TelemetryStorage } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { stubPaletteLayout } from './paletteLayout.ts';

const DAY = 86_400_000;

function storage(overrides: Partial<TelemetryStorage> = {}): TelemetryStorage {
  return {
    databaseBytes: 1_340_000_000,
    walBytes: 4_200_000,
    usedBytes: 1_300_000_000,
    diskBudget: { bytes: null, source: 'settings' },
    retention: { rawMs: 2 * DAY, rollup1mMs: 30 * DAY, rollup1hMs: 400 * DAY },
    oldest: {
      raw: '2026-11-24T06:00:00.000Z',
      rollup1m: '2026-10-27T06:00:00.000Z',
      rollup1h: null,
    },
    lastBudgetDrop: null,
    ...overrides,
  };
}

/** A backend keeping the budget as the console does: read back as bytes, bad sizes refused. */
function storageBackend(role: Role, initial: TelemetryStorage = storage(), extra: Handlers = {}) {
  let current = initial;
  return createFakeBridge({
    ...signedInHandlers(role),
    'settings.get': () => ({
      siteName: 'Abu Dhabi DC1',
      timeZone: 'Asia/Dubai',
      lockAfterMinutes: 15,
      residency: 'AE',
    }),
    'telemetryStorage.get': () => current,
    'telemetryStorage.setDiskBudget': ({ diskBudget }) => {
      if (diskBudget === '60 GB') return apiError('INTERNAL', 'The store could not be written.');
      const bytes = diskBudget === '' ? null : Number.parseFloat(diskBudget) * 1e9;
      current = { ...current, diskBudget: { bytes, source: 'settings' } };
      return current;
    },
    ...extra,
  });
}

async function openStorageTab() {
  fireEvent.click(await screen.findByTestId('nav-settings'));
  fireEvent.click(await screen.findByTestId('settings-tab-storage'));
  return screen.findByTestId('telemetry-storage-facts');
}

/** A fact's text as read, without the bidi isolates around its figures. */
const fact = (testId: string) =>
  (screen.getByTestId(testId).textContent ?? '').replace(/[\u2066-\u2069]/g, '');

const budgetInput = () => screen.getByTestId<HTMLInputElement>('storage-budget-input');

describe('Settings → Telemetry storage', () => {
  beforeAll(stubPaletteLayout);

  it('opens from the keyboard: the command palette finds it by "disk budget"', async () => {
    renderApp(storageBackend('auditor'));
    await screen.findByTestId('overview-site-name');
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const input = await screen.findByTestId('palette-input');
    fireEvent.change(input, { target: { value: 'disk budget' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByTestId('telemetry-storage-facts')).toBeTruthy();
    expect(window.location.hash).toBe('#/settings/storage');
  });

  it('shows the size on disk, no budget, the retention by age and the oldest data kept', async () => {
    renderApp(storageBackend('admin'));
    await openStorageTab();
    expect(fact('storage-size')).toMatch(
      /1\.3 GB.*database 1\.3 GB \+ write-ahead log 4\.2 MB; 1\.3 GB in use/,
    );
    expect(fact('storage-budget')).toBe('No budget ');
    expect(fact('storage-retention')).toBe(
      'raw samples 48 hours, 1-minute roll-ups 30 days, 1-hour roll-ups 400 days',
    );
    expect(fact('storage-oldest-raw')).toMatch(/24 Nov.*10:00/);
    expect(fact('storage-oldest-hour')).toBe('None kept yet');
    expect(fact('storage-last-drop')).toBe('Never');
  });

  it('tells when the budget last dropped data, and what went', async () => {
    const drop = {
      at: '2026-11-26T05:00:00.000Z',
      met: true,
      budgetBytes: 50e9,
      afterBytes: 49_800_000_000,
      droppedRawSamples: 1_200_000,
      droppedRollups1m: 0,
      droppedRollups1h: 0,
    };
    renderApp(storageBackend('auditor', storage({ lastBudgetDrop: drop })));
    await openStorageTab();
    expect(fact('storage-last-drop')).toMatch(
      /26 Nov.*09:00: 1,200,000 raw samples, 0 1-minute and 0 1-hour roll-ups dropped; the store used 49\.8 GB of 50 GB after\./,
    );
  });

  it('lets an admin set the budget, checking the size before sending it', async () => {
    const bridge = storageBackend('admin');
    renderApp(bridge);
    await openStorageTab();
    const save = screen.getByTestId<HTMLButtonElement>('storage-budget-save');
    fireEvent.change(budgetInput(), { target: { value: 'lots' } });
    expect(screen.getByRole('alert').textContent).toBe(
      'Write a size, such as 50 GB, 512 MB or 2 TB.',
    );
    expect(save.disabled).toBe(true);
    fireEvent.change(budgetInput(), { target: { value: '10 MB' } });
    expect(screen.getByRole('alert').textContent).toBe('The smallest budget accepted is 64 MiB.');
    fireEvent.change(budgetInput(), { target: { value: '50 GB' } });
    expect(save.disabled).toBe(false);
    // Enter in the field saves, as in every form.
    fireEvent.submit(budgetInput().form!);
    expect(
      await screen.findByText('Disk budget saved; a retention pass is applying it now.'),
    ).toBeTruthy();
    expect(bridge.calls.filter((c) => c.channel === 'telemetryStorage.setDiskBudget')).toEqual([
      { channel: 'telemetryStorage.setDiskBudget', input: { diskBudget: '50 GB' } },
    ]);
    await waitFor(() => expect(fact('storage-budget')).toMatch(/50 GB/));
    expect(budgetInput().value).toBe('50 GB');
  });

  it("shows the console's refusal and keeps what the admin typed", async () => {
    renderApp(storageBackend('admin'));
    await openStorageTab();
    fireEvent.change(budgetInput(), { target: { value: '60 GB' } });
    fireEvent.click(screen.getByTestId('storage-budget-save'));
    expect(await screen.findByText('The store could not be written.')).toBeTruthy();
    expect(budgetInput().value).toBe('60 GB');
  });

  it('shows a budget set by the command line read-only, saying where to change it', async () => {
    const fromCli = storage({ diskBudget: { bytes: 200e9, source: 'commandLine' } });
    renderApp(storageBackend('admin', fromCli));
    await openStorageTab();
    expect(fact('storage-budget')).toMatch(/200 GB.*Set by the command line/);
    expect(fact('storage-command-line')).toMatch(/mirqab serve --telemetry-disk-budget/);
    expect(budgetInput().readOnly).toBe(true);
    expect(budgetInput().value).toBe('200 GB');
    expect(screen.queryByTestId('storage-budget-save')).toBeNull();
  });

  it('lets an auditor read it all but not change the budget', async () => {
    renderApp(storageBackend('auditor'));
    await openStorageTab();
    expect(screen.getByText(/can see the disk budget but not change it/)).toBeTruthy();
    expect(budgetInput().readOnly).toBe(true);
    expect(screen.queryByTestId('storage-budget-save')).toBeNull();
  });

  it('says when it cannot load, and loads on Try again', async () => {
    let fail = true;
    renderApp(
      storageBackend('admin', storage(), {
        'telemetryStorage.get': () =>
          fail ? apiError('INTERNAL', 'The store could not be read.') : storage(),
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-settings'));
    fireEvent.click(await screen.findByTestId('settings-tab-storage'));
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toMatch(/The store could not be read\./);
    fail = false;
    fireEvent.click(within(notice).getByRole('button'));
    expect(await screen.findByTestId('telemetry-storage-facts')).toBeTruthy();
  });

  it('reloads when the console says telemetry storage changed (a retention pass finished)', async () => {
    let current = storage();
    const bridge = storageBackend('admin', current, { 'telemetryStorage.get': () => current });
    renderApp(bridge);
    await openStorageTab();
    current = storage({ databaseBytes: 2_000_000_000 });
    bridge.emit('telemetryStorage.changed', {});
    await waitFor(() => expect(fact('storage-size')).toMatch(/^2 GB/));
  });

  it('reads in Arabic', async () => {
    const prefs = memoryPreferences();
    prefs.set('mirqab.language', 'ar');
    renderApp(storageBackend('admin'), prefs);
    await openStorageTab();
    expect(screen.getByRole('heading', { name: 'تخزين بيانات القياس' })).toBeTruthy();
    expect(fact('storage-budget')).toBe('بلا حصة ');
    expect(fact('storage-retention')).toMatch(/يومان|ساعة/);
  });
});
