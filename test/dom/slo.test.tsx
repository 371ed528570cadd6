// The SLO list and detail around a fake bridge: sorted by remaining budget, an unevaluable SLO
// explained in its own row, burn rates and enforcement, live refresh and what each role may do.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { SloSummary } from '../../shared/ipc/contract.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { host } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { action, detail, summary } from './sloFixtures.ts';

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

function sloBridge(role: Role, slos: SloSummary[], extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'slo.list': () => slos,
    'slo.get': ({ name }) =>
      detail(name, { summary: slos.find((s) => s.name === name) ?? summary(name) }),
    'fleet.list': () => [host(1)],
    ...extra,
  });
}

async function openSlos() {
  fireEvent.click(await screen.findByTestId('nav-slo'));
  return screen.findAllByTestId('slo-row');
}

describe('SLO list', () => {
  it('sorts by remaining budget, least first, and explains an invalid SLO in its own row', async () => {
    const slos = [
      summary('healthy', { budgetRemaining: 0.8 }),
      summary('broken-query', {
        status: 'invalid',
        budgetRemaining: null,
        attainment: null,
        burnRate: null,
        objective: null,
        sparkline: [],
        error: 'PromQL: topk() is not supported',
      }),
      summary('overspent', { status: 'breached', budgetRemaining: -0.25, firingAlerts: 2 }),
      summary('at-risk', { status: 'at_risk', budgetRemaining: 0.1 }),
    ];
    renderApp(sloBridge('viewer', slos));
    const rows = await openSlos();
    expect(rows.map((r) => r.dataset.name)).toEqual([
      'overspent',
      'at-risk',
      'healthy',
      'broken-query',
    ]);
    expect(rows.map((r) => r.dataset.status)).toEqual(['breached', 'at_risk', 'ok', 'invalid']);
    // The invalid row says why; the rows around it keep their figures and sparklines.
    expect(within(rows[3]!).getByTestId('slo-row-error').textContent).toBe(
      'PromQL: topk() is not supported',
    );
    expect(within(rows[3]!).getByText('Invalid')).toBeTruthy();
    expect(within(rows[0]!).getByText('-25 %')).toBeTruthy();
    expect(rows[2]!.querySelector('.sparkline path')?.getAttribute('d')).toMatch(/^M/);
  });

  it('offers Create SLO and Import on an empty list to an ML engineer, and neither to a viewer', async () => {
    const { unmount } = renderApp(sloBridge('ml_engineer', []));
    fireEvent.click(await screen.findByTestId('nav-slo'));
    const empty = await screen.findByTestId('slo-empty');
    expect(within(empty).getByTestId('slo-empty-create')).toBeTruthy();
    fireEvent.click(within(empty).getByTestId('slo-empty-import'));
    expect(await screen.findByTestId('slo-import-dialog')).toBeTruthy();
    unmount();

    renderApp(sloBridge('viewer', []));
    fireEvent.click(await screen.findByTestId('nav-slo'));
    const viewerEmpty = await screen.findByTestId('slo-empty');
    expect(within(viewerEmpty).queryByRole('button')).toBeNull();
    expect(viewerEmpty.textContent).toContain('An ML engineer or an administrator can create SLOs');
  });

  it('shows the error with a retry when the list cannot load', async () => {
    let fail = true;
    renderApp(
      sloBridge('viewer', [], {
        'slo.list': () =>
          fail ? { code: 'INTERNAL', message: 'evaluator down' } : [summary('back')],
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-slo'));
    const error = await screen.findByTestId('slo-error');
    expect(error.textContent).toContain('evaluator down');
    fail = false;
    fireEvent.click(within(error).getByRole('button'));
    expect((await screen.findAllByTestId('slo-row'))[0]?.dataset.name).toBe('back');
  });

  it('refreshes the list and the open detail once for a burst of slo.changed events', async () => {
    let listCalls = 0;
    let getCalls = 0;
    const slos = [summary('fraud-latency')];
    const bridge = sloBridge('viewer', slos, {
      'slo.list': () => (listCalls++, slos),
      'slo.get': ({ name }) => (getCalls++, detail(name)),
    });
    renderApp(bridge);
    fireEvent.click((await openSlos())[0]!);
    await screen.findByTestId('slo-figures');
    const before = { list: listCalls, get: getCalls };
    act(() => {
      for (let i = 0; i < 20; i++)
        bridge.emit('slo.changed', { names: ['fraud-latency'], isAlertsChanged: i === 5 });
    });
    await waitFor(() => expect(getCalls - before.get).toBe(1), { timeout: 3000 });
    expect(listCalls - before.list).toBe(1);
  });
});

describe('SLO detail', () => {
  it('shows burn rates per window with the low-traffic guard, the alerts fired and the actions on the timeline', async () => {
    renderApp(sloBridge('viewer', [summary('fraud-latency')]));
    fireEvent.click((await openSlos())[0]!);
    const page = await screen.findByTestId('slo-detail');
    const burns = await within(page).findAllByTestId('slo-burn-row');
    expect(burns.map((r) => [r.dataset.severity, r.dataset.burning])).toEqual([
      ['page', 'true'],
      ['ticket', 'false'],
    ]);
    expect(within(burns[0]!).getByText('1h / 5m')).toBeTruthy();
    expect(within(burns[0]!).getByText('14.4×')).toBeTruthy();
    expect(within(burns[1]!).getByText('Guarded')).toBeTruthy();
    const alerts = within(page).getAllByTestId('alert-row');
    expect(alerts[0]?.dataset.state).toBe('firing');
    // Started 08:00 UTC is 12:00 in the site's zone (Asia/Dubai).
    expect(within(alerts[0]!).getByText('2025-03-04 12:00:00')).toBeTruthy();
    // The summary is written in the operator's language from the alert's figures (isolated as left-to-right).
    expect(within(alerts[0]!).getByTestId('alert-summary').textContent).toBe(
      'Error budget burning \u206615.2×\u2069 too fast (peak \u206618×\u2069)',
    );
    const sli = within(page).getByTestId('slo-sli-chart');
    expect(sli.dataset.markers).toBe('1');
    expect(sli.dataset.bands).toBe('1');
    expect(Number(sli.dataset.points)).toBeGreaterThan(600);
    expect(within(page).getByTestId('slo-burndown-chart')).toBeTruthy();
    // The close-up: six hours by the minute, with the alert and the action that fall in them.
    const recent = within(page).getByTestId('slo-recent-chart');
    expect([recent.dataset.points, recent.dataset.bands, recent.dataset.markers]).toEqual([
      '360',
      '1',
      '1',
    ]);
    // A viewer cannot approve, edit, delete or set a policy.
    expect(within(page).getByTestId('slo-action').dataset.status).toBe('proposed');
    for (const id of ['slo-action-approve', 'slo-edit', 'slo-delete', 'slo-policy-edit'])
      expect(within(page).queryByTestId(id)).toBeNull();
  });

  it('says an overspent budget is exhausted rather than running out in 0 minutes, in a figure that fits', async () => {
    const overspent = summary('young-service', {
      budgetRemaining: -12.992,
      timeToExhaustionMinutes: 0,
    });
    const healthy = summary('steady-service', {
      budgetRemaining: 0.5,
      timeToExhaustionMinutes: 3 * 1440 + 120,
    });
    renderApp(sloBridge('viewer', [overspent, healthy]));
    const exhaustionOf = async (name: string) => {
      fireEvent.click(
        (await screen.findAllByTestId('slo-row')).find((r) => r.dataset.name === name)!,
      );
      const figure = (await screen.findByTestId('slo-figures')).querySelector(
        '[data-figure="exhaustion"]',
      )!;
      const budget = screen
        .getByTestId('slo-figures')
        .querySelector('[data-figure="budget"] dd')!.textContent;
      const shown = {
        text: figure.querySelector('dd')!.textContent,
        isDanger: figure.classList.contains('slo-figure-danger'),
        budget,
      };
      fireEvent.click(screen.getByTestId('slo-back'));
      return shown;
    };
    await openSlos();
    // Overspent 13× over: no decimal, so the figure fits its column.
    expect(await exhaustionOf('young-service')).toEqual({
      text: 'Exhausted',
      isDanger: true,
      budget: '-1,299 %',
    });
    expect(await exhaustionOf('steady-service')).toEqual({
      text: '3d 2h',
      isDanger: false,
      budget: '50 %',
    });
  });

  it('lets an operator approve a proposed enforcement action, but not edit the SLO', async () => {
    const decided: unknown[] = [];
    renderApp(
      sloBridge('operator', [summary('fraud-latency')], {
        'slo.decide': (input) => (
          decided.push(input),
          action(7, { status: 'succeeded', decidedBy: 'operator' })
        ),
      }),
    );
    fireEvent.click((await openSlos())[0]!);
    const approve = await screen.findByTestId('slo-action-approve');
    expect(screen.queryByTestId('slo-edit')).toBeNull();
    fireEvent.click(approve);
    await waitFor(() => expect(decided).toEqual([{ actionId: 7, approve: true }]));
  });

  it('lets an ML engineer set an enforcement policy from the host’s declared actions', async () => {
    const saved: unknown[] = [];
    renderApp(
      sloBridge('ml_engineer', [summary('fraud-latency')], {
        'fleet.host': ({ hostId }) => ({
          host: host(hostId),
          gpus: [],
          modelServices: [],
          hostMetrics: {},
          events: [],
          actions: [
            {
              name: 'scale_replicas',
              description: 'Scale the model server',
              params: [{ name: 'replicas', type: 'integer', min: 1, max: 8, required: true }],
            },
          ],
        }),
        'slo.setPolicy': (input) => (saved.push(input), { done: true }),
      }),
    );
    fireEvent.click((await openSlos())[0]!);
    expect(await screen.findByTestId('slo-edit')).toBeTruthy();
    fireEvent.click(await screen.findByTestId('slo-policy-edit'));
    const actionSelect = await screen.findByTestId('slo-policy-action');
    await waitFor(() => expect(actionSelect.querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(actionSelect, { target: { value: 'scale_replicas' } });
    fireEvent.change(await screen.findByTestId('slo-policy-param-replicas'), {
      target: { value: '4' },
    });
    fireEvent.click(screen.getByTestId('slo-policy-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      name: 'fraud-latency',
      policy: {
        hostId: 1,
        action: 'scale_replicas',
        params: { replicas: 4 },
        requiresApproval: true,
        cooldownMinutes: 30,
        maxPerDay: 3,
      },
    });
  });

  it('offers a parameter the agent limits to a list as that list, nothing else', async () => {
    const saved: unknown[] = [];
    renderApp(
      sloBridge('ml_engineer', [summary('fraud-latency')], {
        'fleet.host': ({ hostId }) => ({
          host: host(hostId),
          gpus: [],
          modelServices: [],
          hostMetrics: {},
          events: [],
          actions: [
            {
              name: 'restart_server',
              description: 'Restart an inference server',
              params: [{ name: 'unit', type: 'string', enum: ['triton', 'vllm'], required: true }],
            },
          ],
        }),
        'slo.setPolicy': (input) => (saved.push(input), { done: true }),
      }),
    );
    fireEvent.click((await openSlos())[0]!);
    fireEvent.click(await screen.findByTestId('slo-policy-edit'));
    const actionSelect = await screen.findByTestId('slo-policy-action');
    await waitFor(() => expect(actionSelect.querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(actionSelect, { target: { value: 'restart_server' } });
    const unit = await screen.findByTestId('slo-policy-param-unit');
    expect(unit.tagName).toBe('SELECT');
    expect([...unit.querySelectorAll('option')].map((o) => o.value)).toEqual([
      '',
      'triton',
      'vllm',
    ]);
    fireEvent.change(unit, { target: { value: 'vllm' } });
    fireEvent.click(screen.getByTestId('slo-policy-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      policy: { action: 'restart_server', params: { unit: 'vllm' } },
    });
  });

  it('deletes an SLO only after the operator confirms', async () => {
    const deleted: string[] = [];
    let slos = [summary('fraud-latency'), summary('other')];
    renderApp(
      sloBridge('admin', slos, {
        'slo.list': () => slos,
        'slo.delete': ({ name }) => (
          deleted.push(name),
          (slos = slos.filter((s) => s.name !== name)),
          { done: true }
        ),
      }),
    );
    const rows = await openSlos();
    fireEvent.click(rows.find((r) => r.dataset.name === 'fraud-latency')!);
    fireEvent.click(await screen.findByTestId('slo-delete'));
    expect(deleted).toEqual([]);
    fireEvent.click(await screen.findByTestId('slo-delete-dialog-confirm'));
    await waitFor(() => expect(deleted).toEqual(['fraud-latency']));
    await waitFor(() =>
      expect(screen.getAllByTestId('slo-row').map((r) => r.dataset.name)).toEqual(['other']),
    );
  });
});
