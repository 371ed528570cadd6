import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { FleetHost } from '../../shared/ipc/contract.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { cluster, detail, gpusOf, host, series, VALID_CODE, XSS } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';

// jsdom has no canvas: charts show their note instead, and still report what they would draw.
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

function fleetBridge(role: Role, hosts: FleetHost[], extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'fleet.list': () => hosts,
    'fleet.clusters': () => [cluster(1)],
    'fleet.host': ({ hostId }) => detail(hosts.find((h) => h.id === hostId) ?? host(hostId)),
    'fleet.gpus': ({ clusterId }) =>
      gpusOf(hosts.filter((h) => clusterId === undefined || h.clusterId === clusterId)),
    'fleet.series': ({ range }) => series(range, [[Date.parse('2025-03-04T10:00:00Z'), 50]]),
    ...extra,
  });
}

async function openFleet() {
  fireEvent.click(await screen.findByTestId('nav-fleet'));
  return screen.findAllByTestId('fleet-host-row');
}

describe('fleet view', () => {
  it('lists hosts with their connection state and marks simulated hosts SIMULATED', async () => {
    const hosts = [
      host(1, { state: 'online' }),
      host(2, { state: 'silent', simulated: true, name: 'sim-node-002' }),
      host(3, {
        state: 'refused',
        stateReason: 'certificate does not match the pinned one',
        clockOffsetMs: 2400,
      }),
    ];
    renderApp(fleetBridge('operator', hosts));
    const rows = await openFleet();
    expect(rows.map((r) => [r.dataset.hostId, r.dataset.state, r.dataset.simulated])).toEqual([
      ['1', 'online', 'false'],
      ['2', 'silent', 'true'],
      ['3', 'refused', 'false'],
    ]);
    expect(within(rows[1]!).getByText('SIMULATED')).toBeTruthy();
    expect(within(rows[0]!).queryByText('SIMULATED')).toBeNull();
    expect(within(rows[1]!).getByText('Silent')).toBeTruthy();
    // Last seen in the site zone (Asia/Dubai, UTC+4); a clock offset over 1 s is flagged.
    expect(within(rows[0]!).getByText('2025-03-04 14:05:09')).toBeTruthy();
    expect(rows[2]!.querySelector('[data-offset-warn]')?.textContent).toBe('+2,400 ms');
    const counts = screen.getAllByTestId('fleet-count');
    expect(counts.find((c) => c.dataset.state === 'refused')?.dataset.count).toBe('1');
  });

  it('groups clusters under their sites, unnamed site last', async () => {
    const hosts = [host(1), host(2, { clusterId: 2 }), host(3, { clusterId: 3 })];
    renderApp(
      fleetBridge('viewer', hosts, {
        'fleet.clusters': () => [
          cluster(1, { site: 'Dubai DC2' }),
          cluster(2, { name: 'auh-cpu', site: 'Abu Dhabi DC1', kind: 'cpu_pool' }),
          cluster(3, { name: 'lab', site: '' }),
        ],
      }),
    );
    await openFleet();
    const sites = await screen.findAllByTestId('fleet-site');
    expect(sites.map((s) => within(s).getByRole('heading', { level: 2 }).textContent)).toEqual([
      'Abu Dhabi DC1',
      'Dubai DC2',
      'No site',
    ]);
    expect(
      within(sites[0]!)
        .getAllByTestId('fleet-cluster')
        .map((c) => c.dataset.clusterId),
    ).toEqual(['2']);
  });

  it('lets an admin break a simulated host for a drill, and never offers it for a real host', async () => {
    const faults: unknown[] = [];
    const hosts = [host(1, { simulated: true, name: 'sim-node-001' }), host(2)];
    renderApp(
      fleetBridge('admin', hosts, {
        'fleet.demoFault': (input) => (faults.push(input), { done: true as const }),
      }),
    );
    const rows = await openFleet();
    fireEvent.click(rows[1]!);
    await screen.findByTestId('fleet-host-detail');
    expect(screen.queryByTestId('fleet-fault')).toBeNull();
    fireEvent.click(screen.getByTestId('fleet-back'));
    fireEvent.click((await screen.findAllByTestId('fleet-host-row'))[0]!);
    fireEvent.click(await screen.findByTestId('fleet-fault'));
    const dialog = await screen.findByTestId('fleet-fault-dialog');
    fireEvent.change(within(dialog).getByTestId('fleet-fault-kind'), {
      target: { value: 'latency_spike' },
    });
    const model = within(dialog).getByTestId<HTMLSelectElement>('fleet-fault-target');
    fireEvent.change(model, { target: { value: model.options[1]!.value } });
    fireEvent.change(within(dialog).getByTestId('fleet-fault-minutes'), { target: { value: '0' } });
    expect(
      within(dialog).getByText('Enter a number of minutes above 0 (at most 7 days).'),
    ).toBeTruthy();
    fireEvent.change(within(dialog).getByTestId('fleet-fault-minutes'), {
      target: { value: '15' },
    });
    fireEvent.click(within(dialog).getByTestId('fleet-fault-confirm'));
    await waitFor(() =>
      expect(faults).toEqual([
        {
          kind: 'latency_spike',
          target: { host: 'sim-node-001', model: model.options[1]!.value },
          durationSeconds: 900,
        },
      ]),
    );
  });

  it('shows a host name from an agent as text, never as markup', async () => {
    const hosts = [host(1, { name: XSS, clusterName: XSS })];
    renderApp(fleetBridge('viewer', hosts));
    const [row] = await openFleet();
    expect(within(row!).getAllByText(XSS)).toHaveLength(2);
    fireEvent.click(row!);
    const page = await screen.findByTestId('fleet-host-detail');
    await within(page).findAllByText(XSS); // the name and the agent event's message
    expect(document.querySelector('img')).toBeNull();
  });

  it('gives a viewer no way to enrol or revoke hosts', async () => {
    renderApp(fleetBridge('viewer', [host(1)]));
    const [row] = await openFleet();
    expect(screen.queryByTestId('fleet-enrol')).toBeNull();
    fireEvent.click(row!);
    await screen.findAllByTestId('fleet-gpu-row');
    expect(screen.queryByTestId('fleet-revoke')).toBeNull();
  });

  it('explains how to enrol the first host, with the button only for admins', async () => {
    renderApp(fleetBridge('admin', []));
    fireEvent.click(await screen.findByTestId('nav-fleet'));
    const empty = await screen.findByTestId('fleet-empty');
    expect(empty.textContent).toContain('mirqab-agent init');
    expect(within(empty).getByTestId('fleet-enrol')).toBeTruthy();
  });

  it('checks the pairing code format before enrolling', async () => {
    const enrolled: unknown[] = [];
    renderApp(
      fleetBridge('admin', [host(1)], {
        'fleet.enrol': (input) => {
          enrolled.push(input);
          return host(9, { name: input.name });
        },
      }),
    );
    await openFleet();
    fireEvent.click(screen.getByTestId('fleet-enrol'));
    fireEvent.change(screen.getByTestId('fleet-enrol-address'), {
      target: { value: '10.0.4.17:7443' },
    });
    fireEvent.change(screen.getByTestId('fleet-enrol-name'), { target: { value: 'gpu-node-009' } });
    fireEvent.change(screen.getByTestId('fleet-enrol-code'), { target: { value: 'mq1.abc.def' } });
    fireEvent.click(screen.getByTestId('fleet-enrol-submit'));
    expect(await screen.findByText(/A pairing code looks like mq1.<64 hex>.<32 hex>/)).toBeTruthy();
    expect(enrolled).toEqual([]);

    // Pasted in upper case with a line break: accepted and sent normalised.
    const pasted = `${VALID_CODE.slice(0, 40).toUpperCase()}\n${VALID_CODE.slice(40)}`;
    fireEvent.change(screen.getByTestId('fleet-enrol-code'), { target: { value: pasted } });
    fireEvent.click(screen.getByTestId('fleet-enrol-submit'));
    await waitFor(() =>
      expect(enrolled).toEqual([
        { address: '10.0.4.17:7443', pairingCode: VALID_CODE, name: 'gpu-node-009', clusterId: 1 },
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId('fleet-enrol-dialog')).toBeNull());
  });

  it('lets an admin revoke a host after confirming', async () => {
    const revoked: number[] = [];
    renderApp(
      fleetBridge('admin', [host(1)], {
        'fleet.revoke': ({ hostId }) => (revoked.push(hostId), { done: true }),
      }),
    );
    const [row] = await openFleet();
    fireEvent.click(row!);
    fireEvent.click(await screen.findByTestId('fleet-revoke'));
    expect(revoked).toEqual([]);
    fireEvent.click(await screen.findByTestId('fleet-revoke-confirm'));
    await waitFor(() => expect(revoked).toEqual([1]));
  });

  it('moves a live GPU chart when the backend reports new telemetry, and Escape steps back', async () => {
    let newSamples = 0;
    const start = Date.parse('2025-03-04T10:00:00Z');
    const bridge = fleetBridge('viewer', [host(1)], {
      'fleet.series': ({ range }) =>
        series(
          range,
          Array.from({ length: 2 + newSamples }, (_, i) => [start + i * 5000, 40 + i]),
        ),
    });
    renderApp(bridge);
    const [row] = await openFleet();
    fireEvent.click(row!);
    const gpuRows = await screen.findAllByTestId('fleet-gpu-row');
    expect(gpuRows.map((r) => r.dataset.gpuIndex)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    fireEvent.click(within(gpuRows[3]!).getByRole('button'));
    await screen.findByTestId('fleet-gpu-detail');
    const chart = () =>
      screen
        .getAllByTestId('fleet-chart')
        .find((c) => c.dataset.metric === 'gpu_utilization_percent')!;
    await waitFor(() => expect(chart().dataset.points).toBe('2'));
    const before = chart().dataset.lastTs;

    newSamples = 1;
    act(() => bridge.emit('fleet.changed', { hostIds: [1] }));
    // Each chart refetches at most once a second, so the move can take up to that long.
    await waitFor(() => expect(Number(chart().dataset.lastTs)).toBeGreaterThan(Number(before)), {
      timeout: 3000,
    });
    expect(chart().dataset.points).toBe('3');

    fireEvent.keyDown(window, { key: 'Escape' });
    await screen.findByTestId('fleet-host-detail');
    fireEvent.keyDown(window, { key: 'Escape' });
    await screen.findAllByTestId('fleet-host-row');
  });

  it("shades clock event reasons on a 24 h range from each bucket's last mask, and says so", async () => {
    const start = Date.parse('2025-03-04T00:00:00Z');
    const minutes = (values: number[]): [number, number][] =>
      values.map((v, i) => [start + i * 60_000 + 55_000, v]);
    const bridge = fleetBridge('viewer', [host(1)], {
      'fleet.series': ({ range, metric, bucketValue }) =>
        metric === 'gpu_clock_event_reasons_mask' && bucketValue === 'last'
          ? { ...series(range, minutes([1, 4, 4, 4 | 64, 0, 0]), '1m'), bucketValue: 'last' }
          : series(range, minutes([1410, 1395, 1380, 1200, 1410, 1410]), '1m'),
    });
    renderApp(bridge);
    const [row] = await openFleet();
    fireEvent.click(row!);
    fireEvent.click(
      within((await screen.findAllByTestId('fleet-gpu-row'))[0]!).getByRole('button'),
    );
    await screen.findByTestId('fleet-gpu-detail');
    fireEvent.click(screen.getAllByTestId('fleet-range').find((b) => b.dataset.range === '24h')!);

    const clocks = () =>
      screen.getAllByTestId('fleet-chart').find((c) => c.dataset.metric === 'gpu_sm_clock_mhz')!;
    await waitFor(() => expect(clocks().dataset.bands).toBe('2')); // power cap over 3 buckets, thermal over 1
    const maskCalls = bridge.calls.filter(
      (c) => (c.input as { metric?: string }).metric === 'gpu_clock_event_reasons_mask',
    );
    expect(maskCalls.at(-1)?.input).toMatchObject({ range: '24h', bucketValue: 'last' });
    const legend = within(clocks()).getByTestId('fleet-reason-legend');
    expect(legend.dataset.rollup).toBe('true');
    expect(legend.textContent).toContain("Clock event reasons at each bucket's end");
    expect(legend.textContent).toContain('SW power cap');
    expect(legend.textContent).toContain('HW thermal slowdown');
    expect(legend.textContent).toContain('not every change within it');
  });
});
