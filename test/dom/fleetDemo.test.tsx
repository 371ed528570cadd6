// The demo site beside real hosts: the enrol dialog never puts a real host into the demo's simulated
// cluster, and an admin can remove the demo site after confirming.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { Cluster, FleetHost } from '../../shared/ipc/contract.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { cluster, detail, gpusOf, host, series, VALID_CODE } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { stubCanvas } from './runbookFixtures.ts';

stubCanvas(); // jsdom has no canvas: charts show their note instead

const DEMO = cluster(7, {
  name: 'Demo GPU cluster (SIMULATED)',
  site: 'Demo',
  labels: { simulated: 'true' },
});
const demoHost = (id: number) =>
  host(id, { simulated: true, clusterId: 7, clusterName: DEMO.name, name: `sim-gpu-0${id}` });

function bridge(role: Role, hosts: FleetHost[], clusters: Cluster[], extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'fleet.list': () => hosts,
    'fleet.clusters': () => clusters,
    'fleet.host': ({ hostId }) => detail(hosts.find((h) => h.id === hostId) ?? host(hostId)),
    'fleet.gpus': () => gpusOf(hosts),
    'fleet.series': ({ range }) => series(range, [[Date.parse('2025-03-04T10:00:00Z'), 50]]),
    ...extra,
  });
}

async function openEnrol() {
  fireEvent.click(await screen.findByTestId('nav-fleet'));
  await screen.findAllByTestId('fleet-host-row');
  fireEvent.click(screen.getByTestId('fleet-enrol'));
  return screen.findByTestId('fleet-enrol-dialog');
}

const optionsOf = (select: HTMLElement) =>
  [...select.querySelectorAll('option')].map((o) => o.textContent);

describe('enrolling a real host beside the demo site', () => {
  it('with only the demo cluster, offers a new cluster and never the simulated one', async () => {
    const enrolled: unknown[] = [];
    renderApp(
      bridge('admin', [demoHost(1)], [DEMO], {
        'fleet.createCluster': (input) => cluster(8, { ...input, labels: {} }),
        'fleet.enrol': (input) => (enrolled.push(input), host(9)),
      }),
    );
    const dialog = await openEnrol();
    const select = within(dialog).getByTestId<HTMLSelectElement>('fleet-enrol-cluster');
    expect(select.value).toBe('new');
    expect(optionsOf(select).join(' ')).not.toMatch(/SIMULATED|Demo/);
    expect(within(dialog).getByTestId('fleet-enrol-cluster-name')).toBeTruthy();
  });

  it('with several real clusters, asks which one instead of assuming', async () => {
    const enrolled: unknown[] = [];
    renderApp(
      bridge('admin', [demoHost(1), host(2)], [DEMO, cluster(1), cluster(2)], {
        'fleet.enrol': (input) => (enrolled.push(input), host(9)),
      }),
    );
    const dialog = await openEnrol();
    const select = within(dialog).getByTestId<HTMLSelectElement>('fleet-enrol-cluster');
    expect(select.value).toBe('');
    expect(optionsOf(select).join(' ')).not.toMatch(/SIMULATED|Demo/);
    fireEvent.change(within(dialog).getByTestId('fleet-enrol-address'), {
      target: { value: '10.0.4.17:7443' },
    });
    fireEvent.change(within(dialog).getByTestId('fleet-enrol-name'), {
      target: { value: 'gpu-node-009' },
    });
    fireEvent.change(within(dialog).getByTestId('fleet-enrol-code'), {
      target: { value: VALID_CODE },
    });
    fireEvent.click(within(dialog).getByTestId('fleet-enrol-submit'));
    expect(select.closest('.field')?.textContent).toContain('This field is required.');
    expect(enrolled).toEqual([]);
    fireEvent.change(select, { target: { value: '2' } });
    fireEvent.click(within(dialog).getByTestId('fleet-enrol-submit'));
    await waitFor(() => expect(enrolled).toEqual([expect.objectContaining({ clusterId: 2 })]));
  });
});

describe('removing the demo site', () => {
  it('an admin types the confirmation word before the demo site is removed', async () => {
    let removed = 0;
    let hosts = [demoHost(1), demoHost(2), host(3)];
    renderApp(
      createFakeBridge({
        ...signedInHandlers('admin'),
        'fleet.list': () => hosts,
        'fleet.clusters': () => [DEMO, cluster(1)],
        'fleet.gpus': () => gpusOf(hosts),
        'fleet.removeDemo': () => {
          removed += 1;
          hosts = hosts.filter((h) => !h.simulated);
          return { hosts: 2, clusters: 1 };
        },
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-fleet'));
    await screen.findAllByTestId('fleet-host-row');
    fireEvent.click(screen.getByTestId('fleet-remove-demo'));
    const dialog = await screen.findByTestId('fleet-remove-demo-dialog');
    expect(dialog.textContent).toContain('2 simulated hosts');
    const confirm = within(dialog).getByTestId<HTMLButtonElement>('fleet-remove-demo-confirm');
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('fleet-remove-demo-word'), {
      target: { value: 'remove' },
    });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('fleet-remove-demo-word'), {
      target: { value: 'REMOVE' },
    });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByTestId('fleet-remove-demo-dialog')).toBeNull());
    expect(removed).toBe(1);
    await waitFor(() => expect(screen.getAllByTestId('fleet-host-row')).toHaveLength(1));
    expect(screen.queryByTestId('fleet-remove-demo')).toBeNull();
  });

  it('is not offered to an operator', async () => {
    renderApp(bridge('operator', [demoHost(1)], [DEMO]));
    fireEvent.click(await screen.findByTestId('nav-fleet'));
    await screen.findAllByTestId('fleet-host-row');
    expect(screen.queryByTestId('fleet-remove-demo')).toBeNull();
  });
});
