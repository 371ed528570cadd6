// A model service's versions around a fake bridge: the panel on its SLO (running versions, the last
// known good, states, history), version changes as markers on the SLI charts, marking a version
// for ML engineers only, the Fleet view's way in, and Arabic.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { ModelVersionsDetail, VersionChange } from '../../shared/ipc/modelSchemas.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { cluster, detail as hostDetail, host, series } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { detail, summary } from './sloFixtures.ts';

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

const MODEL = 'fraud-scorer';
let nextId = 1;
const change = (patch: Partial<VersionChange>): VersionChange => ({
  id: nextId++,
  model: MODEL,
  hostId: 1,
  hostName: 'gpu-01',
  kind: 'deployed',
  source: 'agent',
  version: '1',
  fromVersion: null,
  actor: null,
  reason: null,
  incidentId: null,
  at: '2025-03-04T09:00:00.000Z',
  ...patch,
});

const versions = (): ModelVersionsDetail => ({
  model: MODEL,
  current: [
    { hostId: 1, hostName: 'gpu-01', version: '1', since: '2025-03-04T09:30:00.000Z' },
    { hostId: 2, hostName: 'gpu-02', version: '3', since: '2025-03-04T09:00:20.000Z' },
  ],
  lastKnownGood: { version: '1', since: '2025-02-20T09:00:00.000Z' },
  versions: [
    {
      version: '1',
      state: 'known_good',
      isSoaked: true,
      stateReason: null,
      stateBy: null,
      stateAt: null,
      firstSeenAt: '2025-02-20T08:00:00.000Z',
      lastSeenAt: '2025-03-04T09:59:00.000Z',
      hosts: 1,
    },
    {
      version: '3',
      state: 'suspect',
      isSoaked: false,
      stateReason: 'Incident #4 started 6 min after version 3 was deployed on gpu-01.',
      stateBy: 'system:incidents',
      stateAt: '2025-03-04T09:06:00.000Z',
      firstSeenAt: '2025-03-04T09:00:00.000Z',
      lastSeenAt: '2025-03-04T09:59:00.000Z',
      hosts: 1,
    },
  ],
  history: [
    change({
      kind: 'rolled_back',
      source: 'rollback_action',
      fromVersion: '3',
      actor: 'amal',
      at: '2025-03-04T09:30:00.000Z',
    }),
    change({
      kind: 'marked_suspect',
      source: 'incident',
      version: '3',
      hostId: null,
      hostName: null,
      incidentId: 4,
      actor: 'system:incidents',
      reason: 'Incident #4 started 6 min after version 3 was deployed on gpu-01.',
      at: '2025-03-04T09:06:00.000Z',
    }),
    change({
      hostId: 2,
      hostName: 'gpu-02',
      version: '3',
      fromVersion: '1',
      at: '2025-03-04T09:00:20.000Z',
    }),
    change({ version: '3', fromVersion: '1', source: 'deploy_action', actor: 'amal' }),
    change({ kind: 'reported', at: '2025-02-20T08:00:00.000Z' }),
  ],
  policy: { soakMinutes: 60, suspectWindowMinutes: 60 },
});

function bridgeFor(role: Role, extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'slo.list': () => [summary('fraud-latency')],
    'slo.get': ({ name }) => detail(name, { summary: summary(name) }),
    'fleet.list': () => [host(1)],
    'fleet.clusters': () => [cluster(1)],
    'fleet.host': ({ hostId }) => hostDetail(host(hostId)),
    'fleet.series': ({ range }) => series(range, [[Date.parse('2025-03-04T10:00:00Z'), 50]]),
    'models.versions': ({ model }) =>
      model === MODEL
        ? versions()
        : apiError('NOT_FOUND', `No host has reported a version of model "${model}".`),
    ...extra,
  });
}

async function openSloDetail() {
  fireEvent.click(await screen.findByTestId('nav-slo'));
  fireEvent.click((await screen.findAllByTestId('slo-row'))[0]!);
  return screen.findByTestId('slo-detail');
}

describe('model versions', () => {
  it("shows what runs where, the last known good, each version's state and the history on the model's SLO; version changes mark its SLI charts", async () => {
    renderApp(bridgeFor('viewer'));
    const page = await openSloDetail();
    const panel = await within(page).findByTestId('model-versions');
    await waitFor(() => expect(within(panel).getByTestId('model-lkg').dataset.version).toBe('1'));
    expect(
      within(panel)
        .getAllByTestId('model-running')
        .map((r) => r.dataset.host),
    ).toEqual(['gpu-01', 'gpu-02']);
    expect(
      within(panel)
        .getAllByTestId('model-version')
        .map((r) => [r.dataset.version, r.dataset.state]),
    ).toEqual([
      ['3', 'suspect'],
      ['1', 'known_good'],
    ]);
    expect(within(panel).getByText('(served the soak period)')).toBeTruthy();
    const history = within(panel).getAllByTestId('model-change');
    expect(history.map((li) => li.dataset.kind)).toEqual([
      'rolled_back',
      'marked_suspect',
      'deployed',
      'deployed',
      'reported',
    ]);
    expect(within(history[0]!).getByText('gpu-01: rolled back from 3 to 1')).toBeTruthy();
    expect(within(history[0]!).getByText('rollback action · amal')).toBeTruthy();
    expect(within(history[1]!).getByText('by incident #4')).toBeTruthy();
    // Times in the site's zone: 09:30 UTC is 13:30 in Dubai.
    expect(within(history[0]!).getByText('2025-03-04 13:30:00')).toBeTruthy();
    // The enforcement action, the deploy (both hosts within a minute: one line) and the rollback.
    expect(within(page).getByTestId('slo-sli-chart').dataset.markers).toBe('3');
    expect(within(page).getByTestId('slo-recent-chart').dataset.markers).toBe('3');
    // A viewer reads; only ML engineers and admins mark.
    expect(within(panel).queryByTestId('model-mark-good')).toBeNull();
    expect(within(panel).queryByTestId('model-mark-suspect')).toBeNull();
  });

  it('lets an ML engineer mark a version good with a reason; a blank reason is refused before anything is sent', async () => {
    const marks: unknown[] = [];
    const bridge = bridgeFor('ml_engineer', {
      'models.markGood': (input) => (marks.push(input), { done: true as const }),
    });
    renderApp(bridge);
    const panel = await within(await openSloDetail()).findByTestId('model-versions');
    const row = (await within(panel).findAllByTestId('model-version'))[0]!;
    expect(within(row).queryByTestId('model-mark-suspect')).toBeNull(); // already suspect
    fireEvent.click(within(row).getByTestId('model-mark-good'));
    const dialog = await screen.findByTestId('model-mark-dialog');
    fireEvent.click(within(dialog).getByTestId('model-mark-confirm'));
    expect(await within(dialog).findByText('Say why, in up to 500 characters.')).toBeTruthy();
    expect(marks).toEqual([]);
    fireEvent.change(within(dialog).getByTestId('model-mark-reason'), {
      target: { value: '  Re-evaluated offline: the regression was the data slice  ' },
    });
    const loads = bridge.calls.filter((c) => c.channel === 'models.versions').length;
    fireEvent.click(within(dialog).getByTestId('model-mark-confirm'));
    await waitFor(() => expect(screen.queryByTestId('model-mark-dialog')).toBeNull());
    expect(marks).toEqual([
      {
        model: MODEL,
        version: '3',
        reason: 'Re-evaluated offline: the regression was the data slice',
      },
    ]);
    expect(bridge.calls.filter((c) => c.channel === 'models.versions').length).toBeGreaterThan(
      loads,
    );
    expect(await screen.findByText('fraud-scorer version 3 is marked known good.')).toBeTruthy();
  });

  it('shows a load error with a retry, and refreshes only for its own model on models.changed', async () => {
    let failing = true;
    const bridge = bridgeFor('viewer', {
      'models.versions': () => (failing ? apiError('INTERNAL', 'store busy') : versions()),
    });
    renderApp(bridge);
    const panel = await within(await openSloDetail()).findByTestId('model-versions');
    fireEvent.click(await within(panel).findByText('Try again'));
    failing = false;
    fireEvent.click(await within(panel).findByText('Try again'));
    expect(await within(panel).findByTestId('model-lkg')).toBeTruthy();
    const loads = bridge.calls.filter((c) => c.channel === 'models.versions').length;
    bridge.emit('models.changed', { models: ['other-model'] });
    bridge.emit('models.changed', { models: [MODEL] });
    await waitFor(() =>
      expect(bridge.calls.filter((c) => c.channel === 'models.versions').length).toBe(loads + 1),
    );
  });

  it('opens from a model row on the Fleet view, in Arabic', async () => {
    renderApp(bridgeFor('ml_engineer'), memoryPreferences({ 'mirqab.language': 'ar' }));
    fireEvent.click(await screen.findByTestId('nav-fleet'));
    fireEvent.click((await screen.findAllByTestId('fleet-host-row'))[0]!);
    const rows = await screen.findAllByTestId('fleet-model-row');
    fireEvent.click(within(rows[0]!).getByTestId('fleet-model-versions'));
    const dialog = await screen.findByTestId('model-versions-dialog');
    const panel = within(dialog).getByTestId('model-versions');
    expect(panel.dataset.model).toBe('falcon-40b');
    // No host reported this one to the fake: the panel says so, in Arabic.
    expect(
      await within(panel).findByText('لم يبلّغ أي مضيف عن إصدار لهذا النموذج بعد.'),
    ).toBeTruthy();
    // The model's name is isolated from the Arabic around it.
    expect(within(panel).getByText('إصدارات \u2068falcon-40b\u2069')).toBeTruthy();
  });
});
