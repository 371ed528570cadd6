// 200 hosts × 8 GPUs from a fake bridge: the view renders a virtualised table (a few dozen rows in
// the DOM), builds the heatmap's 1,600 cells once per update, and absorbs a fleet-wide change.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHeatmapData } from '../../renderer/features/fleet/GpuHeatmap.tsx';
import { selectClusterSummaries } from '../../renderer/store/fleetSlice.ts';
import type { AppState } from '../../renderer/store/index.ts';
import { createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { cluster, gpusOf, host } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';

const HOSTS = 200;
const GPUS = 8;

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

function report(figures: Record<string, number>) {
  // reason: the scale check prints its timings for the closing note, as bench/ does.
  // eslint-disable-next-line no-console
  console.info(
    `fleet 200×8 (jsdom): ${Object.entries(figures)
      .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
      .join(', ')}`,
  );
}

describe('fleet view at 200 hosts × 8 GPUs', () => {
  it('stays responsive: virtualised rows, one heatmap build per update', async () => {
    let hosts = Array.from({ length: HOSTS }, (_, i) =>
      host(i + 1, { simulated: i % 2 === 0, state: i % 17 === 0 ? 'silent' : 'online' }),
    );
    let listCalls = 0;
    const bridge = createFakeBridge({
      ...signedInHandlers('admin'),
      'fleet.list': () => (listCalls++, hosts),
      'fleet.clusters': () => [cluster(1)],
      'fleet.gpus': () => gpusOf(hosts, GPUS),
    });
    renderApp(bridge);

    const t0 = performance.now();
    fireEvent.click(await screen.findByTestId('nav-fleet'));
    const rows = await screen.findAllByTestId('fleet-host-row');
    const firstRows = performance.now() - t0;
    expect(rows.length).toBeLessThan(60); // virtualised: not all 200 in the DOM
    const heatmap = await screen.findByTestId('fleet-heatmap');
    await waitFor(() => expect(heatmap.dataset.cells).toBe(String(HOSTS * GPUS)), {
      timeout: 10_000,
    });
    const heatmapReady = performance.now() - t0;
    // One fleet.gpus call fills all 1,600 cells: no per-host fleet.host calls.
    // (The operations home asks fleet.gpus for the whole site's GPU health, with no cluster.)
    const heatmapCalls = bridge.calls.filter(
      (c) => c.channel === 'fleet.gpus' && 'clusterId' in (c.input as object),
    );
    expect(heatmapCalls).toHaveLength(1);
    expect(bridge.calls.filter((c) => c.channel === 'fleet.host')).toHaveLength(0);

    // Every host changes at once: one list refetch (throttled), rows re-render with the new state.
    hosts = hosts.map((h) => ({ ...h, state: 'offline' as const }));
    const t1 = performance.now();
    const callsBefore = listCalls;
    act(() => bridge.emit('fleet.changed', { hostIds: hosts.map((h) => h.id) }));
    await waitFor(
      () => expect(screen.getAllByTestId('fleet-host-row')[0]?.dataset.state).toBe('offline'),
      { timeout: 5000 },
    );
    const fleetWideUpdate = performance.now() - t1;
    expect(listCalls - callsBefore).toBe(1);

    // The pure build on its own, as the heatmap runs it on each grid update.
    const state = {
      fleetHosts: { data: hosts, status: 'ready', error: null },
      fleetClusters: { data: [cluster(1)], status: 'ready', error: null },
    } as unknown as AppState;
    const [summary] = selectClusterSummaries(state);
    const gpus = gpusOf(hosts, GPUS);
    const t2 = performance.now();
    const data = buildHeatmapData(
      summary!.hosts,
      gpus,
      'utilization',
      'SIMULATED',
      (i) => `GPU ${i}`,
    );
    const heatmapBuild = performance.now() - t2;
    expect(data.cells).toHaveLength(HOSTS * GPUS);
    expect(data.hostLabels[0]).toBe('gpu-node-001 · SIMULATED');

    report({ firstRows, heatmapReady, fleetWideUpdate, heatmapBuild });
    expect(firstRows).toBeLessThan(3000);
    expect(heatmapBuild).toBeLessThan(50);
  }, 30_000);
});
