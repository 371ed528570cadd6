// The fleet list read at a glance: compact numbers under short headers with full titles, every
// column sortable from the keyboard, readings past their limit marked in text as well as colour,
// and an offline host's last readings shown greyed with their age instead of as current.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FleetHost } from '../../shared/ipc/contract.ts';
import { createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { cluster, detail, gpusOf, host, series } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { stubCanvas } from './runbookFixtures.ts';

stubCanvas();

const GIB = 1024 ** 3;
const fiveMinutesAgo = () => new Date(Date.now() - 5 * 60_000).toISOString();

function hosts(): FleetHost[] {
  return [
    host(1, { name: 'gpu-node-b' }),
    host(2, {
      name: 'gpu-node-a',
      signals: {
        host_cpu_utilization: 35,
        gpu_utilization_percent: 99.8,
        gpu_temperature_celsius: 88,
        gpu_memory_used_bytes: 76 * GIB,
        gpu_memory_total_bytes: 80 * GIB,
        error_percent: 12.5,
        latency_p99_seconds: 10,
      },
    }),
    host(3, { name: 'gpu-node-c', state: 'offline', lastSeenAt: fiveMinutesAgo() }),
  ];
}

async function openFleet(list: FleetHost[]) {
  renderApp(
    createFakeBridge({
      ...signedInHandlers('operator'),
      'fleet.list': () => list,
      'fleet.clusters': () => [cluster(1)],
      'fleet.host': ({ hostId }) => detail(list.find((h) => h.id === hostId)!),
      'fleet.gpus': () => gpusOf(list),
      'fleet.series': ({ range }) => series(range, []),
    }),
  );
  fireEvent.click(await screen.findByTestId('nav-fleet'));
  await screen.findAllByTestId('fleet-host-row');
}

const order = () => screen.getAllByTestId('fleet-host-row').map((r) => r.dataset.hostId);
const cell = (hostId: number, column: string) =>
  document.querySelector<HTMLElement>(
    `[data-testid="fleet-host-row"][data-host-id="${hostId}"] [data-column="${column}"]`,
  )!;

describe('fleet host table', () => {
  it('sorts by any column from a keyboard-reachable header, saying which way in aria-sort', async () => {
    await openFleet(hosts());
    expect(order()).toEqual(['1', '2', '3']);
    const p99 = screen.getByRole('button', {
      name: 'Sort by p99 latency of the slowest model service',
    });
    const header = p99.closest('[role="columnheader"]')!;
    expect(header.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(p99);
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(order()).toEqual(['1', '3', '2']); // 182 ms, 182 ms (ties by name: b, c), 10 s
    fireEvent.click(p99);
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(order()[0]).toBe('2');
    fireEvent.click(screen.getByTestId('fleet-sort-name'));
    expect(order()).toEqual(['2', '1', '3']);
    fireEvent.click(screen.getByTestId('fleet-sort-state'));
    expect(order()[0]).toBe('3'); // the offline host first
    expect(screen.getAllByRole('columnheader')).toHaveLength(12);
    for (const h of screen.getAllByRole('columnheader')) expect(h.title).not.toBe('');
  });

  it('shows compact readings and marks those past their limit in words, not only colour', async () => {
    await openFleet(hosts());
    expect(cell(2, 'p99').textContent).toContain('10.0 s');
    expect(cell(1, 'p99').textContent).toBe('182 ms');
    for (const [column, level, limit] of [
      ['p99', 'critical', '8.0 s'],
      ['gpuTemp', 'critical', '87 °C'],
      ['gpuMem', 'warning', '90 %'],
      ['gpuUtil', 'warning', '95 %'],
      ['errors', 'critical', '5 %'],
    ] as const) {
      const c = cell(2, column);
      expect(c.dataset.level, column).toBe(level);
      const words = level === 'warning' ? 'high' : level;
      expect(within(c).getByText(`, ${words}: at or above ${limit}`)).toBeTruthy();
    }
    expect(cell(2, 'gpuMem').textContent).toContain('95 %');
    expect(cell(2, 'cpu').dataset.level).toBe('ok');
    expect(cell(1, 'gpuTemp').dataset.level).toBe('ok');
  });

  it("greys an offline host's last readings and gives their age", async () => {
    await openFleet(hosts());
    const temp = cell(3, 'gpuTemp');
    expect(temp.dataset.stale).toBe('true');
    expect(temp.textContent).toMatch(/64 °C, last reading 5 min/);
    expect(cell(1, 'gpuTemp').dataset.stale).toBeUndefined();
    expect(cell(3, 'errors').dataset.stale).toBeUndefined(); // nothing to show, nothing stale
    expect(cell(3, 'errors').textContent).toBe('—');
  });
});

describe('host detail', () => {
  it("names each GPU's model (its UUID on hover) and titles the model-service charts with the model", async () => {
    await openFleet(hosts());
    fireEvent.click(screen.getAllByTestId('fleet-host-row')[0]!);
    const [gpu0] = await screen.findAllByTestId('fleet-gpu-row');
    const model = within(gpu0!).getByText('NVIDIA H100 80GB HBM3');
    expect(model.getAttribute('title')).toBe('GPU-1-0');
    const modelCharts = screen.getByTestId('fleet-model-charts');
    expect(
      within(modelCharts).getByRole('heading', {
        name: 'Model service charts: falcon-40b, version 3',
      }),
    ).toBeTruthy();
    const metrics = (section: HTMLElement) =>
      within(section)
        .getAllByTestId('fleet-chart')
        .map((c) => c.dataset.metric);
    expect(metrics(modelCharts)).toEqual(['requests_per_second', 'error_rate', 'latency']);
    const hostCharts = screen.getByTestId('fleet-host-charts');
    expect(
      within(hostCharts).getByRole('heading', { name: 'Host charts: gpu-node-b' }),
    ).toBeTruthy();
    expect(metrics(hostCharts)).not.toContain('latency');
  });
});
