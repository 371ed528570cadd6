// A model's drift on its page (the Fleet view's model versions): loading, the empty state before any
// agent follows the model's log, and per-feature drift with the test used and why, in English and Arabic.
import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelDrift } from '../../shared/ipc/driftChannels.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { cluster, detail as hostDetail, host, series } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';

const original = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext');
beforeAll(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    value: () => null,
  });
});
afterAll(() => {
  if (original) Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', original);
});

const T0 = Date.parse('2025-03-04T09:00:00Z');
const window = (i: number, share: number) => ({
  id: i + 1,
  version: '3',
  hostId: 1,
  startMs: T0 + i * 60_000,
  endMs: T0 + (i + 1) * 60_000,
  rows: 1200,
  driftShare: i === 0 ? null : share,
  datasetDrift: i === 0 ? null : share >= 0.5,
  estimatedAccuracy: 0.84,
  accuracy: i === 0 ? null : 0.83,
});

const drifting = (model: string): ModelDrift => ({
  model,
  hosts: [
    { id: 1, name: 'gpu-01' },
    { id: 2, name: 'gpu-02' },
  ],
  references: [
    {
      version: '3',
      windowId: 1,
      pinnedBy: 'auto',
      pinnedAt: T0 + 61_000,
      startMs: T0,
      endMs: T0 + 60_000,
      rows: 1200,
    },
  ],
  windows: [window(0, 0), window(1, 0), window(2, 0.6)],
  features: [
    {
      name: 'feature_a',
      test: 'wasserstein',
      reason: 'large_reference_numeric',
      threshold: 0.1,
      points: [
        { t: T0 + 120_000, value: 0.02, drifted: false, hostId: 1 },
        { t: T0 + 180_000, value: 1.9, drifted: true, hostId: 1 },
      ],
    },
    {
      name: 'region',
      test: 'jensenshannon',
      reason: 'large_reference_categorical',
      threshold: 0.1,
      points: [
        { t: T0 + 120_000, value: 0.01, drifted: false, hostId: 1 },
        { t: T0 + 180_000, value: 0.03, drifted: false, hostId: 1 },
      ],
    },
  ],
});

function bridgeWith(drift: Handlers['drift.model']) {
  return createFakeBridge({
    ...signedInHandlers('ml_engineer'),
    'fleet.list': () => [host(1)],
    'fleet.clusters': () => [cluster(1)],
    'fleet.host': ({ hostId }) => hostDetail(host(hostId)),
    'fleet.series': ({ range }) => series(range, [[Date.parse('2025-03-04T10:00:00Z'), 50]]),
    'drift.model': drift,
  });
}

async function openModelPage() {
  fireEvent.click(await screen.findByTestId('nav-fleet'));
  fireEvent.click((await screen.findAllByTestId('fleet-host-row'))[0]!);
  const rows = await screen.findAllByTestId('fleet-model-row');
  fireEvent.click(within(rows[0]!).getByTestId('fleet-model-versions'));
  const dialog = await screen.findByTestId('model-versions-dialog');
  return within(dialog).getByTestId('drift-panel');
}

describe('model drift', () => {
  it('says so when no agent has sent drift for the model yet', async () => {
    renderApp(
      bridgeWith(({ model }) => ({ model, hosts: [], references: [], windows: [], features: [] })),
    );
    const panel = await openModelPage();
    expect(await within(panel).findByTestId('drift-empty')).toBeTruthy();
  });

  it('shows each feature with the test used and why, the most drifted first, and the dataset drift', async () => {
    renderApp(bridgeWith(({ model }) => drifting(model)));
    const panel = await openModelPage();
    const rows = await within(panel).findAllByTestId('drift-feature-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/feature_a.*Wasserstein distance.*above 1,000 rows, numeric.*Drifted/),
      expect.stringMatching(/region.*Jensen–Shannon.*categories.*Stable/),
    ]);
    expect(within(panel).getByTestId<HTMLSelectElement>('drift-feature-select').value).toBe(
      'feature_a',
    );
    expect(within(panel).getByText('Estimated accuracy (CBPE)')).toBeTruthy();
    expect(within(panel).getAllByText('Drifted').length).toBeGreaterThan(1); // the dataset too
  });

  it("a drifting host is not hidden by another host's newer, steady window", async () => {
    renderApp(
      bridgeWith(({ model }) => {
        const d = drifting(model);
        // Host 2 reports a steady window after host 1's drifting one.
        const steady = { t: T0 + 240_000, value: 0.01, drifted: false, hostId: 2 };
        return {
          ...d,
          windows: [...d.windows, { ...window(3, 0), id: 9, hostId: 2 }],
          features: d.features.map((f) => ({ ...f, points: [...f.points, steady] })),
        };
      }),
    );
    const panel = await openModelPage();
    expect((await within(panel).findByTestId('drift-hosts')).textContent).toBe('on 1 of 2 hosts');
    expect(within(panel).getAllByText('Drifted').length).toBeGreaterThan(1); // the dataset too
    // Each feature is judged by each host's newest figure, and names the host furthest towards drift.
    const rows = within(panel).getAllByTestId('drift-feature-row');
    expect(rows[0]!.textContent).toMatch(
      /feature_a.*1\.9.*worst host: gpu-01.*Drifted on 1 of 2 hosts/,
    );
    expect(rows[1]!.textContent).toMatch(/region.*Stable on all 2 hosts/);
  });

  it('reads in Arabic', async () => {
    renderApp(
      bridgeWith(({ model }) => drifting(model)),
      memoryPreferences({ 'mirqab.language': 'ar' }),
    );
    const panel = await openModelPage();
    expect(await within(panel).findByText('انحراف الخصائص')).toBeTruthy();
    const rows = await within(panel).findAllByTestId('drift-feature-row');
    expect(rows[0]!.textContent).toMatch(/مسافة فاسرشتاين/);
    expect(rows[0]!.textContent).toMatch(/منحرفة/);
  });
});
