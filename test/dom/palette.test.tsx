// The command palette finds hosts, GPUs, models, SLOs, SLAs, pages and actions by a fuzzy search,
// grouped by kind; the keyboard moves through the results and Enter opens the one chosen, whose
// screen and selection the address bar then names.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchPalette, type PaletteEntry } from '../../renderer/app/paletteSearch.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { cluster, detail, gpusOf, host } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { stubPaletteLayout } from './paletteLayout.ts';
import { stubCanvas } from './runbookFixtures.ts';
import { detail as sloDetail, slaSummary, summary } from './sloFixtures.ts';

stubCanvas();
beforeAll(stubPaletteLayout);

const HOSTS = [host(1), host(2), host(3, { name: 'cpu-pool-edge', gpuCount: 0 })];
const SLOS = [summary('fraud-latency'), summary('chat-availability', { model: 'gpt2-small' })];

function paletteBridge(role: Role) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'fleet.list': () => HOSTS,
    'fleet.clusters': () => [cluster(1)],
    'fleet.host': ({ hostId }) => detail(HOSTS.find((h) => h.id === hostId)!),
    'fleet.gpus': () => gpusOf(HOSTS.slice(0, 2), 2),
    'models.list': () => ({
      items: [
        {
          model: 'gpt2-small',
          currentVersions: ['1.4.0'],
          hosts: 2,
          lastKnownGood: null,
          suspectVersions: [],
          lastChangeAt: null,
        },
      ],
    }),
    'slo.list': () => SLOS,
    'slo.get': ({ name }) => sloDetail(name, { summary: SLOS.find((s) => s.name === name) }),
    'sla.list': () => [slaSummary('emirates-bank-gold')],
  });
}

async function openPalette() {
  await screen.findByTestId('overview-site-name');
  fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
  return screen.findByTestId('palette-input');
}

const headings = () =>
  [...screen.getByTestId('command-palette').querySelectorAll('[cmdk-group-heading]')].map(
    (h) => h.textContent,
  );

describe('palette search', () => {
  const entry = (id: string, group: PaletteEntry['group'], label: string): PaletteEntry => ({
    id,
    group,
    label,
    run: () => undefined,
  });
  const entries = [
    entry('go-fleet', 'navigate', 'Go to Fleet'),
    entry('create-slo', 'actions', 'New SLO'),
    entry('host-1', 'hosts', 'gpu-node-001'),
    entry('host-2', 'hosts', 'gpu-node-002'),
    entry('model-gpt2-small', 'models', 'gpt2-small'),
  ];

  it('lists pages and actions when nothing is typed, and keeps data for a search', () => {
    expect(searchPalette(entries, '  ').map((g) => g.group)).toEqual(['navigate', 'actions']);
  });

  it('finds by letters in order, not only by a whole word, best group first', () => {
    expect(searchPalette(entries, 'gpt2sm')[0]).toMatchObject({
      group: 'models',
      entries: [{ id: 'model-gpt2-small' }],
    });
    expect(searchPalette(entries, 'node002')[0]!.entries.map((e) => e.id)).toEqual(['host-2']);
    expect(searchPalette(entries, 'zzz')).toEqual([]);
  });

  it('shows a few results a group', () => {
    const many = Array.from({ length: 40 }, (_, i) => entry(`host-${i}`, 'hosts', `node-${i}`));
    expect(searchPalette(many, 'node', 6)[0]!.entries).toHaveLength(6);
  });
});

describe('command palette', () => {
  it('finds a host by part of its name and opens it with the keyboard, naming it in the address', async () => {
    renderApp(paletteBridge('operator'));
    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'node 002' } });
    const item = await screen.findByTestId('palette-host-2');
    expect(headings()[0]).toBe('Hosts');
    // The best match is selected first; Enter opens it.
    await waitFor(() => expect(item.getAttribute('aria-selected')).toBe('true'));
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.queryByTestId('command-palette')).toBeNull());
    await waitFor(() => expect(window.location.hash).toBe('#/fleet/hosts/2'));
  });

  it('finds GPUs, models, SLOs and SLAs in their own groups, and moves with the arrows', async () => {
    renderApp(paletteBridge('admin'));
    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'gpt2' } });
    await screen.findByTestId('palette-model-gpt2-small');
    expect(headings()).toEqual(expect.arrayContaining(['Models', 'SLOs']));

    fireEvent.change(input, { target: { value: 'GPU 1 on gpu-node-001' } });
    expect(await screen.findByTestId('palette-gpu-1-1')).toBeTruthy();

    fireEvent.change(input, { target: { value: 'emirates' } });
    const sla = await screen.findByTestId('palette-sla-emirates-bank-gold');
    expect(within(sla).getByText('Emirates Bank fraud scoring')).toBeTruthy();

    fireEvent.change(input, { target: { value: 'latency' } });
    await screen.findByTestId('palette-slo-fraud-latency');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'Enter' });
    await screen.findByTestId('slo-detail');
    expect(window.location.hash).toBe('#/slos/fraud-latency');
  });

  it('runs actions (New SLO, Switch language) and closes on Escape', async () => {
    renderApp(paletteBridge('admin'));
    let input = await openPalette();
    fireEvent.change(input, { target: { value: 'new slo' } });
    fireEvent.click(await screen.findByTestId('palette-create-slo'));
    await waitFor(() => expect(window.location.hash).toBe('#/slos/+new'));

    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    input = await screen.findByTestId('palette-input');
    fireEvent.keyDown(input, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('command-palette')).toBeNull());

    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    input = await screen.findByTestId('palette-input');
    fireEvent.change(input, { target: { value: 'language' } });
    fireEvent.click(await screen.findByTestId('palette-language'));
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    // The Arabic console still finds pages by their English words.
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    input = await screen.findByTestId('palette-input');
    fireEvent.change(input, { target: { value: 'audit' } });
    expect(await screen.findByTestId('palette-go-audit')).toBeTruthy();
    expect(headings()[0]).toBe('انتقال إلى');
  });

  it('offers a viewer no action it may not take', async () => {
    renderApp(paletteBridge('viewer'));
    const input = await openPalette();
    fireEvent.change(input, { target: { value: 'host' } });
    await screen.findByTestId('palette-host-1');
    expect(screen.queryByTestId('palette-enrol-host')).toBeNull();
    fireEvent.change(input, { target: { value: 'qqqq' } });
    await screen.findByText('Nothing matches.');
  });
});
