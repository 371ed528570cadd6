// The incident queue, the incident detail, the paging bar and the counts around a fake bridge: what
// a responder sees and can do, what a viewer can only read, and the same screens in Arabic.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { IncidentSummary } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { countsOf, detail, entry, incident, runningClock } from './incidentFixtures.ts';

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

function incidentBridge(role: Role, rows: IncidentSummary[], extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'incidents.list': ({ states }) => {
      const items = states ? rows.filter((r) => states.includes(r.state)) : rows;
      return { items, total: items.length };
    },
    'incidents.counts': () => countsOf(rows),
    'incidents.get': ({ id }) => {
      const row = rows.find((r) => r.id === id);
      return row ? detail(row) : apiError('NOT_FOUND', `No incident ${id}`);
    },
    ...extra,
  });
}

/** Opens the queue and waits for every incident (the open ones come first, then the history). */
async function openQueue() {
  fireEvent.click(await screen.findByTestId('nav-incidents'));
  await waitFor(() => expect(screen.queryByTestId('incident-history-loading')).toBeNull());
  return screen.findAllByTestId('incident-row');
}

const ids = (rows: HTMLElement[]) => rows.map((r) => Number(r.dataset.incidentId));
const shownIds = () => ids(screen.queryAllByTestId('incident-row'));

describe('Incident queue', () => {
  const rows = [
    incident(1, { title: 'GPU node lost', category: 'gpu_infrastructure', service: 'vision' }),
    incident(2, { title: 'Fraud scorer latency', impact: 'high', urgency: 'high' }),
    incident(3, { title: 'Feature store lag', category: 'data_pipeline', service: 'features' }),
    incident(4, { title: 'Old drift', state: 'resolved', impact: 'high', urgency: 'high' }),
    incident(5, {
      title: 'Accuracy drop',
      impact: 'low',
      urgency: 'low',
      category: 'model_accuracy',
    }),
  ];

  it('shows open incidents P1 first, and filters by priority, state, category, service and text', async () => {
    renderApp(incidentBridge('operator', rows));
    expect(ids(await openQueue())).toEqual([2, 3, 1, 5]);

    fireEvent.change(screen.getByTestId('incident-filter-priority'), { target: { value: 'P1' } });
    expect(shownIds()).toEqual([2]);
    fireEvent.change(screen.getByTestId('incident-filter-state'), { target: { value: 'all' } });
    expect(shownIds()).toEqual([4, 2]);
    fireEvent.change(screen.getByTestId('incident-filter-state'), {
      target: { value: 'resolved' },
    });
    expect(shownIds()).toEqual([4]);

    fireEvent.click(screen.getByTestId('incident-filter-clear'));
    fireEvent.change(screen.getByTestId('incident-filter-category'), {
      target: { value: 'data_pipeline' },
    });
    expect(shownIds()).toEqual([3]);
    fireEvent.click(screen.getByTestId('incident-filter-clear'));
    fireEvent.change(screen.getByTestId('incident-filter-service'), {
      target: { value: 'vision' },
    });
    expect(shownIds()).toEqual([1]);
    fireEvent.click(screen.getByTestId('incident-filter-clear'));
    fireEvent.change(screen.getByTestId('incident-filter-text'), { target: { value: 'lag' } });
    expect(shownIds()).toEqual([3]);
    fireEvent.change(screen.getByTestId('incident-filter-text'), { target: { value: '#5' } });
    expect(shownIds()).toEqual([5]);
    fireEvent.change(screen.getByTestId('incident-filter-text'), { target: { value: 'nothing' } });
    expect(await screen.findByTestId('incident-no-match')).toBeTruthy();
  });

  it('sorts by a column and flips the order on a second click', async () => {
    renderApp(incidentBridge('operator', rows));
    await openQueue();
    fireEvent.click(screen.getByTestId('incident-sort-title'));
    expect(shownIds()).toEqual([5, 3, 2, 1]);
    fireEvent.click(screen.getByTestId('incident-sort-title'));
    expect(shownIds()).toEqual([1, 2, 3, 5]);
    fireEvent.click(screen.getByTestId('incident-sort-id'));
    expect(shownIds()).toEqual([1, 2, 3, 5]);
  });

  it('shows the target clocks: time left, at risk, breached and paused on hold', async () => {
    const clocks = [
      incident(1, { respond: runningClock(60, 12.5) }),
      incident(2, { respond: runningClock(240, 200) }),
      incident(3, {
        respond: { ...runningClock(15, 0), dueAt: new Date(Date.now() - 5 * 60_000).toISOString() },
      }),
      incident(4, {
        state: 'on_hold',
        respond: { status: 'running', elapsedMs: 10 * 60_000, targetMs: 30 * 60_000, dueAt: null },
      }),
    ];
    renderApp(incidentBridge('operator', clocks));
    await openQueue();
    const respond = (id: number) =>
      screen
        .getAllByTestId('incident-row')
        .find((r) => r.dataset.incidentId === String(id))!
        .querySelector<HTMLElement>('[data-which="respond"]')!;
    expect(respond(1).dataset.clock).toBe('at_risk');
    expect(respond(1).textContent).toMatch(/^At risk · 1[12] min left$/);
    expect(respond(2).dataset.clock).toBe('left');
    expect(respond(2).textContent).toMatch(/^3 h 1[89] min left$/);
    expect(respond(3).dataset.clock).toBe('breached');
    expect(respond(3).textContent).toMatch(/^Breached · [45] min over$/);
    expect(respond(4).textContent).toBe('Paused · 20 min left');
  });

  it('moves with the arrow keys, opens with Enter, and "/" jumps to the filter', async () => {
    renderApp(incidentBridge('operator', rows));
    const [first] = await openQueue();
    expect(first!.getAttribute('aria-selected')).toBe('true');
    first!.focus();
    fireEvent.keyDown(first!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-incident-id')).toBe('3'));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-incident-id')).toBe('5'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-incident-id')).toBe('1'));

    fireEvent.keyDown(document.activeElement!, { key: '/' });
    expect(document.activeElement).toBe(screen.getByTestId('incident-filter-text'));

    screen
      .getAllByTestId('incident-row')
      .find((r) => r.dataset.incidentId === '1')!
      .focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    const page = await screen.findByTestId('incident-detail');
    expect(page.dataset.incidentId).toBe('1');
    expect((await screen.findByTestId('incident-title')).textContent).toBe('GPU node lost');
    // Escape steps back to the queue, on the row it came from.
    fireEvent.keyDown(window, { key: 'Escape' });
    const back = await screen.findAllByTestId('incident-row');
    expect(back.find((r) => r.dataset.incidentId === '1')!.getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  it('keeps ten thousand incidents to a few dozen rows in the page', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => incident(10_000 - i));
    renderApp(incidentBridge('viewer', many));
    const shown = await openQueue();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(80);
    expect(screen.getByTestId('incident-showing').textContent).toBe('Showing 10,000 of 10,000');
  });

  it('paints the open incidents first and says the history is on its way until it comes', async () => {
    let sendHistory: () => void = () => undefined;
    const history = new Promise<void>((resolve) => (sendHistory = resolve));
    const bridge = incidentBridge('operator', rows, {
      'incidents.list': async ({ states }) => {
        if (states) {
          const items = rows.filter((r) => states.includes(r.state));
          return { items, total: items.length };
        }
        await history;
        return { items: rows, total: rows.length };
      },
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-incidents'));
    expect(ids(await screen.findAllByTestId('incident-row'))).toEqual([2, 3, 1, 5]);
    expect(screen.getByTestId('incident-history-loading').textContent).toContain(
      'Loading resolved, closed and canceled incidents',
    );
    expect(bridge.calls.filter((c) => c.channel === 'incidents.list').map((c) => c.input)).toEqual([
      { states: ['new', 'in_progress', 'on_hold'] },
      {},
    ]);
    // Resolved incidents are not held yet: loading, not "no incident matches".
    fireEvent.change(screen.getByTestId('incident-filter-state'), {
      target: { value: 'resolved' },
    });
    expect(screen.queryByTestId('incident-no-match')).toBeNull();
    await act(() => {
      sendHistory();
      return history;
    });
    await waitFor(() => expect(shownIds()).toEqual([4]));
    expect(screen.queryByTestId('incident-history-loading')).toBeNull();
    expect(screen.getByTestId('incident-showing').textContent).toBe('Showing 1 of 5');
  });

  it('shows the error with a retry when the queue cannot load, and an empty queue says so', async () => {
    let fail = true;
    renderApp(
      incidentBridge('operator', [], {
        'incidents.list': () =>
          fail ? apiError('INTERNAL', 'store busy') : { items: [], total: 0 },
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-incidents'));
    const error = await screen.findByTestId('incident-error');
    expect(error.textContent).toContain('store busy');
    fail = false;
    fireEvent.click(within(error).getByRole('button'));
    const empty = await screen.findByTestId('incident-empty');
    expect(within(empty).getByTestId('incident-empty-declare')).toBeTruthy();
  });

  it('fetches an incident named by incidents.changed and updates its row', async () => {
    const live = [incident(1, { title: 'Before' })];
    const bridge = incidentBridge('operator', live);
    renderApp(bridge);
    await openQueue();
    live[0] = { ...live[0]!, title: 'After' };
    act(() =>
      bridge.emit('incidents.changed', {
        incidentIds: [1],
        isAlertsChanged: false,
        counts: countsOf(live, 2),
      }),
    );
    await waitFor(() => expect(screen.getByTestId('incident-row-title').textContent).toBe('After'));
    expect(screen.getByTestId('nav-count-firing').dataset.count).toBe('2');
  });
});

describe('Declaring an incident', () => {
  it('shows P1 for high impact and high urgency, and opens the declared incident', async () => {
    const rows = [incident(1)];
    const bridge = incidentBridge('operator', rows, {
      'incidents.declare': (input) => {
        const row = incident(7, {
          title: input.title,
          impact: input.impact,
          urgency: input.urgency,
        });
        rows.unshift(row);
        return detail(row);
      },
    });
    renderApp(bridge);
    await openQueue();
    fireEvent.click(screen.getByTestId('incident-declare'));
    const dialog = await screen.findByTestId('incident-declare-dialog');
    expect(within(dialog).getByTestId('incident-declare-priority').dataset.priority).toBe('P3');
    fireEvent.change(within(dialog).getByTestId('incident-declare-impact'), {
      target: { value: 'high' },
    });
    fireEvent.change(within(dialog).getByTestId('incident-declare-urgency'), {
      target: { value: 'high' },
    });
    expect(within(dialog).getByTestId('incident-declare-priority').dataset.priority).toBe('P1');

    fireEvent.click(within(dialog).getByTestId('incident-declare-submit'));
    expect(await within(dialog).findByText('Give the incident a title.')).toBeTruthy();
    fireEvent.change(within(dialog).getByTestId('incident-declare-title'), {
      target: { value: 'Checkout model down' },
    });
    fireEvent.change(within(dialog).getByTestId('incident-declare-category'), {
      target: { value: 'inference_anomaly' },
    });
    fireEvent.click(within(dialog).getByTestId('incident-declare-submit'));
    expect((await screen.findByTestId('incident-title')).textContent).toBe('Checkout model down');
    expect(bridge.calls.find((c) => c.channel === 'incidents.declare')?.input).toEqual({
      title: 'Checkout model down',
      impact: 'high',
      urgency: 'high',
      category: 'inference_anomaly',
    });
  });
});

async function openIncident(id: number) {
  const rows = await openQueue();
  fireEvent.click(rows.find((r) => r.dataset.incidentId === String(id))!);
  return screen.findByTestId('incident-header');
}

const offered = () => screen.queryAllByTestId('incident-transition').map((b) => b.dataset.to);

describe('Incident detail', () => {
  it('offers only the moves the lifecycle allows, and shows the backend refusing one', async () => {
    const rows = [incident(1), incident(2, { state: 'resolved' })];
    renderApp(
      incidentBridge('operator', rows, {
        'incidents.transition': () =>
          apiError('CONFLICT', 'An incident cannot move from resolved to closed.'),
      }),
    );
    await openIncident(1);
    expect(offered()).toEqual(['in_progress', 'on_hold', 'resolved', 'canceled']);
    expect(screen.getByTestId('incident-acknowledge')).toBeTruthy();

    fireEvent.click(screen.getByTestId('incident-back'));
    // A resolved incident is out of the open queue: the state filter brings it back.
    fireEvent.change(await screen.findByTestId('incident-filter-state'), {
      target: { value: 'all' },
    });
    await openIncident(2);
    expect(offered()).toEqual(['in_progress', 'closed']);
    expect(screen.getByText('Reopen')).toBeTruthy();
    expect(screen.queryByTestId('incident-acknowledge')).toBeNull();

    fireEvent.click(screen.getAllByTestId('incident-transition')[1]!);
    const dialog = await screen.findByTestId('incident-transition-dialog');
    fireEvent.click(within(dialog).getByTestId('incident-transition-confirm'));
    const refused = await within(dialog).findByTestId('incident-transition-error');
    expect(refused.textContent).toContain('An incident cannot move from resolved to closed.');
  });

  it('renders a note with markup in it as text, and lists the timeline oldest first with the site time', async () => {
    const xss = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const row = incident(1);
    const timeline = [
      entry(3, { kind: 'note', actor: 'mallory', text: xss }),
      entry(1, {
        kind: 'opened',
        actor: null,
        text: 'Opened from an alert',
        at: '2025-03-04T08:00:00.000Z',
      }),
      entry(2, { kind: 'acknowledged', actor: 'operator', text: 'Acknowledged' }),
    ];
    renderApp(
      incidentBridge('operator', [row], { 'incidents.get': () => detail(row, { timeline }) }),
    );
    await openIncident(1);
    const entries = screen.getAllByTestId('incident-timeline-entry');
    expect(entries.map((e) => e.dataset.kind)).toEqual(['opened', 'acknowledged', 'note']);
    // 08:00 UTC is 12:00 in the site's zone (Asia/Dubai); the console acted where no one did.
    expect(within(entries[0]!).getByText('2025-03-04 12:00:00')).toBeTruthy();
    expect(within(entries[0]!).getByText('console')).toBeTruthy();
    expect(within(entries[2]!).getByTestId('incident-timeline-text').textContent).toBe(xss);
    expect(screen.getByTestId('incident-timeline').querySelector('img, script')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('adds a note, sets the priority with a reason beside the suggestion, and judges an alert', async () => {
    const row = incident(1);
    const bridge = incidentBridge('incident_commander', [row], {
      'incidents.addNote': ({ text }) =>
        detail(row, { timeline: [entry(9, { text, actor: 'incident.commander' })] }),
      'incidents.setPriority': ({ impact, urgency }) =>
        detail({ ...row, ...{ impact, urgency }, priority: 'P2' }),
      'alertStream.setVerdict': ({ id, verdict }) => ({
        ...detail(row).alerts[0]!,
        id,
        verdict,
      }),
    });
    renderApp(bridge);
    await openIncident(1);
    fireEvent.change(screen.getByTestId('incident-note-text'), {
      target: { value: 'Rolled back to v41' },
    });
    fireEvent.click(screen.getByTestId('incident-note-add'));
    expect(await screen.findByText('Rolled back to v41')).toBeTruthy();

    fireEvent.click(screen.getByTestId('incident-set-priority'));
    const dialog = await screen.findByTestId('incident-priority-dialog');
    expect(within(dialog).getByText('2 firing critical alerts on fraud-scorer')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('incident-use-suggestion'));
    expect(within(dialog).getByTestId('incident-priority-priority').dataset.priority).toBe('P2');
    fireEvent.click(within(dialog).getByTestId('incident-priority-confirm'));
    expect(await within(dialog).findByText('Say why the priority changes.')).toBeTruthy();
    fireEvent.change(within(dialog).getByTestId('incident-priority-reason'), {
      target: { value: 'Customer checkout affected' },
    });
    fireEvent.click(within(dialog).getByTestId('incident-priority-confirm'));
    await waitFor(() => expect(screen.queryByTestId('incident-priority-dialog')).toBeNull());
    expect(screen.getByTestId('incident-priority').dataset.priority).toBe('P2');
    expect(bridge.calls.find((c) => c.channel === 'incidents.setPriority')?.input).toEqual({
      id: 1,
      impact: 'high',
      urgency: 'medium',
      reason: 'Customer checkout affected',
    });

    const noise = screen
      .getAllByTestId('incident-alert-verdict')
      .find((b) => b.dataset.verdict === 'noise')!;
    fireEvent.click(noise);
    await waitFor(() => expect(noise.getAttribute('aria-pressed')).toBe('true'));
  });

  it('is read-only for a viewer', async () => {
    renderApp(incidentBridge('viewer', [incident(1)]));
    await openIncident(1);
    expect(screen.getByTestId('incident-readonly')).toBeTruthy();
    expect(screen.queryByTestId('incident-transition')).toBeNull();
    expect(screen.queryByTestId('incident-acknowledge')).toBeNull();
    expect(screen.queryByTestId('incident-note-text')).toBeNull();
    expect(screen.queryByTestId('incident-alert-verdict')).toBeNull();
    expect(screen.queryByTestId('incident-role-username')).toBeNull();
    expect(screen.queryByTestId('incident-declare')).toBeNull();
  });
});

describe('Paging bar and counts', () => {
  const paged = (incidentId: number, usernames: string[], title = `Incident ${incidentId}`) => ({
    incidentId,
    title,
    priority: 'P1' as const,
    usernames,
    tier: 1,
    at: '2025-03-04T08:00:00.000Z',
  });

  it('appears on a page naming this operator, stacks newest first, and Acknowledge acknowledges', async () => {
    const rows = [incident(1, { impact: 'high', urgency: 'high' }), incident(2)];
    const bridge = incidentBridge('operator', rows, {
      'incidents.acknowledge': ({ id }) =>
        detail({ ...rows.find((r) => r.id === id)!, acknowledgedAt: '2025-03-04T08:05:00.000Z' }),
    });
    renderApp(bridge);
    await screen.findByTestId('nav-incidents');
    act(() => bridge.emit('incidents.paged', paged(1, ['someone.else'])));
    expect(screen.queryByTestId('paging-bar')).toBeNull();

    act(() => bridge.emit('incidents.paged', paged(1, ['operator'], 'Fraud scorer down')));
    act(() => bridge.emit('incidents.paged', paged(2, [])));
    const bar = await screen.findByTestId('paging-bar');
    expect(within(bar).getByTestId('paging-count').textContent).toBe('2 pages waiting');
    const pages = within(bar).getAllByTestId('paging-row');
    expect(pages.map((p) => p.dataset.incidentId)).toEqual(['2', '1']);
    expect(within(pages[1]!).getByTestId('paging-title').textContent).toBe('Fraud scorer down');

    fireEvent.click(within(pages[1]!).getByTestId('paging-acknowledge'));
    await waitFor(() => expect(screen.getAllByTestId('paging-row')).toHaveLength(1));
    expect(bridge.calls.find((c) => c.channel === 'incidents.acknowledge')?.input).toEqual({
      id: 1,
    });
    fireEvent.click(screen.getByTestId('paging-dismiss'));
    expect(screen.queryByTestId('paging-bar')).toBeNull();
  });

  it('Open on a page shows the incident from any screen', async () => {
    const bridge = incidentBridge('operator', [incident(4, { title: 'Drift on ranker' })]);
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-fleet'));
    act(() => bridge.emit('incidents.paged', paged(4, ['operator'])));
    fireEvent.click(await screen.findByTestId('paging-open'));
    expect((await screen.findByTestId('incident-title')).textContent).toBe('Drift on ranker');
  });

  it('counts open incidents and firing alerts in the navigation and the window title', async () => {
    const rows = [incident(1, { impact: 'high', urgency: 'high' }), incident(2), incident(3)];
    const bridge = incidentBridge('viewer', rows, {
      'incidents.counts': () => countsOf(rows, 4),
    });
    renderApp(bridge);
    expect((await screen.findByTestId('nav-count-incidents')).dataset.count).toBe('3');
    expect(screen.getByTestId('nav-count-firing').dataset.count).toBe('4');
    await waitFor(() => expect(document.title).toBe('(1 P1 · 3 open · 4 firing) Mirqab'));
    act(() =>
      bridge.emit('incidents.changed', {
        incidentIds: [],
        isAlertsChanged: true,
        counts: { open: 0, byPriority: { P1: 0, P2: 0, P3: 0, P4: 0, P5: 0 }, firingAlerts: 0 },
      }),
    );
    await waitFor(() => expect(document.title).toBe('Mirqab'));
    expect(screen.queryByTestId('nav-count-incidents')).toBeNull();
  });
});

describe('Incidents in Arabic', () => {
  it('lays the queue and the detail out right to left with Arabic words', async () => {
    const rows = [incident(1, { impact: 'high', urgency: 'high' })];
    renderApp(incidentBridge('operator', rows), memoryPreferences({ 'mirqab.language': 'ar' }));
    const nav = await screen.findByTestId('nav-incidents');
    expect(document.documentElement.dir).toBe('rtl');
    expect(nav.textContent).toContain('الحوادث');
    fireEvent.click(nav);
    const [row] = await screen.findAllByTestId('incident-row');
    expect(within(row!).getByText('جديدة')).toBeTruthy();
    expect(row!.querySelector('[data-which="respond"]')!.textContent).toMatch(/^متبقٍ 3 س/);
    fireEvent.click(row!);
    await screen.findByTestId('incident-header');
    expect(screen.getByTestId('incident-acknowledge').textContent).toBe('إقرار');
  });
});
