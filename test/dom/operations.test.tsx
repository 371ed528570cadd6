// The operations home and the response-time dashboard around a fake bridge: open incidents by
// priority into the filtered queue, firing alerts, who is on call, fleet health, the SLOs burning
// fastest, live counts, the quiet and failing states, MTTx with its targets, and Arabic (RTL).
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { ChannelInput, FleetGpu, OnCallWho } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { gpusOf, host, XSS } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { incident } from './incidentFixtures.ts';
import { counts, DEFAULT_TARGETS, pipelineAlert, QUIET, stats } from './operationsFixtures.ts';
import { summary } from './sloFixtures.ts';

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

const hosts = [
  host(1),
  host(2, { state: 'offline' }),
  host(3, { state: 'silent' }),
  host(4, { state: 'revoked' }),
];
// Host 1's GPUs 0 and 1 are unhealthy (one critical); the revoked host's GPUs do not count.
const gpus = gpusOf(hosts, 2).map((g): FleetGpu => {
  if (g.hostId === 1 && g.index === 0) return { ...g, health: 'critical' };
  if (g.hostId === 1 && g.index === 1) return { ...g, health: 'warning' };
  return g.hostId === 4 ? { ...g, health: 'critical' } : g;
});

const onCall: OnCallWho = {
  at: '2025-03-04T10:00:00.000Z',
  timeZone: 'Asia/Dubai',
  schedules: [
    {
      scheduleId: 1,
      scheduleName: 'Platform primary',
      onCall: {
        username: 'omar',
        source: 'rotation',
        layer: 0,
        overrideId: null,
        since: '2025-03-03T05:00:00.000Z',
        until: '2025-03-05T05:00:00.000Z',
      },
      next: { username: 'layla', at: '2025-03-05T05:00:00.000Z' },
    },
    { scheduleId: 2, scheduleName: 'ML models', onCall: null, next: null },
  ],
};

const slos = [
  summary('calm', { burnRate: 0.4, timeToExhaustionMinutes: null }),
  summary('fraud-latency', { burnRate: 14.4, timeToExhaustionMinutes: 90, status: 'at_risk' }),
  summary('no-data', { burnRate: null, status: 'no_data' }),
  summary('ocr-errors', { burnRate: 6, timeToExhaustionMinutes: 3000 }),
  summary('idle', { burnRate: 0 }),
  summary('search-latency', { burnRate: 2.5, timeToExhaustionMinutes: 20_000 }),
  summary('chat-errors', { burnRate: 1.2 }),
  summary('vision-latency', { burnRate: 1.1 }),
];

function opsBridge(role: Role, extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'incidents.counts': () => counts(),
    'alertStream.list': () => [
      pipelineAlert(31, { summary: XSS, labels: { alertname: 'GpuXidErrors', note: XSS } }),
      pipelineAlert(30, { source: 'slo', severity: 'warning', incidentId: null }),
    ],
    'oncall.who': () => onCall,
    'fleet.list': () => hosts,
    'fleet.gpus': () => gpus,
    'slo.list': () => slos,
    'incidents.list': () => ({ items: [incident(12, { priority: 'P2' })], total: 1 }),
    'incidents.stats': ({ days }) => stats(days),
    'incidents.targets': () => DEFAULT_TARGETS,
    ...extra,
  });
}

describe('operations home', () => {
  it('shows open incidents by priority, firing alerts, who is on call, fleet health and the SLOs burning fastest', async () => {
    renderApp(opsBridge('operator'));
    const tiles = await screen.findAllByTestId('home-priority');
    expect(tiles.map((t) => [t.dataset.priority, t.dataset.count])).toEqual([
      ['P1', '1'],
      ['P2', '2'],
      ['P3', '0'],
      ['P4', '1'],
      ['P5', '0'],
    ]);
    expect(screen.getByTestId('home-incidents-open').textContent).toBe('4');

    // The count is every firing alert; the list is the newest few. Free text stays text.
    expect((await screen.findByTestId('home-firing-count')).textContent).toBe('7');
    const firing = screen.getAllByTestId('home-firing-alert');
    expect(firing.map((a) => a.dataset.id)).toEqual(['31', '30']);
    expect(within(firing[0]!).getByTestId('home-firing-summary').textContent).toBe(XSS);
    expect(within(firing[0]!).getByTestId('home-firing-incident').textContent).toBe('#12');
    expect(within(firing[1]!).queryByTestId('home-firing-incident')).toBeNull();
    expect(document.querySelector('img')).toBeNull();

    const schedules = await screen.findAllByTestId('home-oncall-schedule');
    expect(schedules.map((s) => [s.dataset.schedule, s.dataset.username])).toEqual([
      ['Platform primary', 'omar'],
      ['ML models', ''],
    ]);
    // Until 09:00 the next morning in Dubai, then Layla.
    expect(schedules[0]!.textContent).toContain('2025-03-05 09:00:00');
    expect(schedules[0]!.textContent).toContain('layla');
    expect(within(schedules[1]!).getByTestId('home-oncall-nobody').textContent).toBe(
      'Nobody is on call',
    );

    // Revoked hosts are not part of the fleet any more: 2 of 3 are down, 2 of 6 GPUs unhealthy.
    const down = await screen.findByTestId('home-hosts-down');
    expect(down.dataset.count).toBe('2');
    expect(down.textContent).toContain('of 3');
    const unhealthy = screen.getByTestId('home-gpus-unhealthy');
    expect(unhealthy.dataset.count).toBe('2');
    expect(unhealthy.textContent).toContain('of 6');
    expect(unhealthy.textContent).toContain('1 critical');

    const burning = await screen.findAllByTestId('home-slo');
    expect(burning.map((r) => r.dataset.name)).toEqual([
      'fraud-latency',
      'ocr-errors',
      'search-latency',
      'chat-errors',
      'vision-latency',
    ]);
    expect(within(burning[0]!).getByTestId('home-slo-burn').textContent).toBe('14.4×');
    expect(within(burning[0]!).getByTestId('home-slo-exhaustion').textContent).toBe('1h 30m');
    expect(within(burning[1]!).getByTestId('home-slo-exhaustion').textContent).toBe('2d 2h');
    // The site's own facts stay on the home.
    expect(screen.getByTestId('overview-site-name').textContent).toBe('Abu Dhabi DC1');
  });

  it('a priority opens the incident queue filtered to that priority', async () => {
    renderApp(opsBridge('viewer'));
    const tiles = await screen.findAllByTestId('home-priority');
    fireEvent.click(tiles.find((t) => t.dataset.priority === 'P2')!);
    // The incident views load on first use (their own chunk).
    const priority = await screen.findByTestId('incident-filter-priority', {}, { timeout: 10_000 });
    expect((priority as HTMLSelectElement).value).toBe('P2');
    expect(screen.getByTestId('nav-incidents').getAttribute('aria-current')).toBe('page');
  });

  it('says all is quiet when no incident is open and no alert fires', async () => {
    renderApp(
      opsBridge('viewer', { 'incidents.counts': () => QUIET, 'alertStream.list': () => [] }),
    );
    expect((await screen.findByTestId('home-incidents-quiet')).textContent).toContain(
      'No open incidents — all quiet',
    );
    expect((await screen.findByTestId('home-firing-none')).textContent).toContain(
      'No alerts firing',
    );
    expect(screen.queryAllByTestId('home-priority')).toHaveLength(0);
  });

  it('a source that fails shows its error with a retry, and the other cards still show', async () => {
    let isDown = true;
    renderApp(
      opsBridge('viewer', {
        'incidents.counts': () =>
          isDown ? apiError('INTERNAL', 'incident store unavailable') : counts(),
      }),
    );
    const error = await screen.findByTestId('home-incidents-error');
    expect(error.textContent).toContain('incident store unavailable');
    expect(await screen.findAllByTestId('home-slo')).toHaveLength(5);
    isDown = false;
    fireEvent.click(within(error).getByRole('button'));
    expect(await screen.findAllByTestId('home-priority')).toHaveLength(5);
  });

  it('follows incidents.changed: the counts at once, the firing list after a refetch', async () => {
    let firing = [pipelineAlert(1)];
    const bridge = opsBridge('viewer', { 'alertStream.list': () => firing });
    renderApp(bridge);
    await screen.findAllByTestId('home-priority');
    expect(await screen.findAllByTestId('home-firing-alert')).toHaveLength(1);
    firing = [pipelineAlert(2, { summary: 'Triton queue depth above 500' }), ...firing];
    act(() =>
      bridge.emit('incidents.changed', {
        incidentIds: [13],
        isAlertsChanged: true,
        counts: counts({ open: 5, byPriority: { P1: 2, P2: 2, P3: 0, P4: 1, P5: 0 } }),
      }),
    );
    const p1 = screen.getAllByTestId('home-priority').find((t) => t.dataset.priority === 'P1');
    expect(p1?.dataset.count).toBe('2');
    await waitFor(() => expect(screen.getAllByTestId('home-firing-alert')).toHaveLength(2));
    expect(screen.getByText('Triton queue depth above 500')).toBeTruthy();
  });
});

describe('response times (MTTx)', () => {
  it('shows MTTD, MTTA and MTTR overall and per priority, category and service, over the range picked', async () => {
    const asked: ChannelInput<'incidents.stats'>[] = [];
    renderApp(
      opsBridge('viewer', { 'incidents.stats': (input) => (asked.push(input), stats(input.days)) }),
    );
    fireEvent.click(await screen.findByTestId('home-tab-mttx'));
    expect((await screen.findByTestId('mttx-overall-mttd')).textContent).toContain('5m');
    expect(screen.getByTestId('mttx-overall-mtta').textContent).toContain('12m');
    expect(screen.getByTestId('mttx-overall-mttr').textContent).toContain('3h 10m');
    expect(asked).toEqual([{ days: 90 }]);

    const byPriority = screen.getByTestId('mttx-by-priority');
    const p1 = within(byPriority)
      .getAllByTestId('mttx-row')
      .find((r) => r.dataset.key === 'P1')!;
    // P1: acknowledged in 20 min against 15, resolved in 2h 30m against 4 h.
    expect(within(p1).getByTestId('mttx-mtta').dataset.target).toBe('missed');
    expect(within(p1).getByTestId('mttx-mttr').dataset.target).toBe('met');
    const p3 = within(byPriority)
      .getAllByTestId('mttx-row')
      .find((r) => r.dataset.key === 'P3')!;
    expect(within(p3).getByTestId('mttx-mtta').textContent).toBe('30s');
    expect(within(p3).getByTestId('mttx-mttr').textContent).toBe('—');
    const byCategory = screen.getByTestId('mttx-by-category');
    expect(within(byCategory).getByText('GPU infrastructure')).toBeTruthy();
    expect(within(screen.getByTestId('mttx-by-service')).getByText('fraud-scoring')).toBeTruthy();
    const trend = screen.getByTestId('mttx-trend');
    expect(trend.dataset.weeks).toBe('3');
    expect(trend.dataset.unit).toBe('hours');

    fireEvent.click(screen.getAllByTestId('mttx-range').find((b) => b.dataset.days === '30')!);
    await waitFor(() => expect(asked.at(-1)).toEqual({ days: 30 }));
  });

  it('lets an incident commander change the targets, and no one else', async () => {
    const saved: ChannelInput<'incidents.setTargets'>[] = [];
    const { unmount } = renderApp(opsBridge('operator'));
    fireEvent.click(await screen.findByTestId('home-tab-mttx'));
    expect(await screen.findAllByTestId('mttx-target-row')).toHaveLength(5);
    expect(screen.queryByTestId('mttx-targets-edit')).toBeNull();
    unmount();

    renderApp(
      opsBridge('incident_commander', {
        'incidents.setTargets': (input) => (saved.push(input), input.targets),
      }),
    );
    fireEvent.click(await screen.findByTestId('home-tab-mttx'));
    fireEvent.click(await screen.findByTestId('mttx-targets-edit'));
    const respond = screen
      .getAllByTestId('mttx-target-respond')
      .find((i) => i.dataset.priority === 'P1')!;
    fireEvent.change(respond, { target: { value: '0' } });
    expect(screen.getByTestId<HTMLButtonElement>('mttx-targets-save').disabled).toBe(true);
    fireEvent.change(respond, { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('mttx-targets-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.targets.P1).toEqual({ respondMinutes: 10, resolveMinutes: 240 });
    expect(saved[0]!.targets.P5).toEqual(DEFAULT_TARGETS.P5);
    await waitFor(() => expect(screen.getByTestId('mttx-targets').dataset.editing).toBe('false'));
  });
});

describe('in Arabic', () => {
  it('shows the operations home and the response times right to left with Arabic text', async () => {
    const prefs = memoryPreferences();
    prefs.set('mirqab.language', 'ar');
    renderApp(
      opsBridge('viewer', { 'incidents.counts': () => QUIET, 'alertStream.list': () => [] }),
      prefs,
    );
    expect((await screen.findByTestId('home-incidents-quiet')).textContent).toContain(
      'لا توجد حوادث مفتوحة — كل شيء هادئ',
    );
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('العمليات');
    expect((await screen.findByTestId('home-hosts-down')).textContent).toContain(
      'الخوادم المتوقفة',
    );
    fireEvent.click(screen.getByTestId('home-tab-mttx'));
    expect((await screen.findByTestId('mttx-overall-mttr')).textContent).toContain('3 س 10 د');
    expect(within(screen.getByTestId('mttx-by-priority')).getByRole('heading').textContent).toBe(
      'حسب الأولوية',
    );
  });
});
