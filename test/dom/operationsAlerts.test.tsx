// The Alerts page around a fake bridge: the stream from every source with its filters, verdicts and
// incident links, silences with a matching preview and an expiry that asks first, the noise report,
// the SLO burn-rate alerts as before, live refresh and the Arabic (RTL) view.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { ChannelInput, PipelineAlert, Silence } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { XSS } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { detail, incident } from './incidentFixtures.ts';
import { counts, noiseRow, pipelineAlert, silence } from './operationsFixtures.ts';
import { alert as sloAlert } from './sloFixtures.ts';

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

const firing: PipelineAlert[] = [
  pipelineAlert(5, {
    summary: XSS,
    labels: { alertname: 'GpuXidErrors', service: 'fraud-scoring', team: XSS },
  }),
  pipelineAlert(4, {
    source: 'threshold',
    rule: 'TritonQueueDepth',
    severity: 'warning',
    summary: 'Triton queue depth above 500 on vision-ocr',
    labels: { alertname: 'TritonQueueDepth', service: 'vision-ocr', cluster: 'dr-gpu-2' },
    service: 'vision-ocr',
    cluster: 'dr-gpu-2',
    incidentId: null,
  }),
  pipelineAlert(3, {
    source: 'model',
    rule: 'FraudScoreDrift',
    severity: 'info',
    summary: 'Score distribution drifted (PSI 0.31)',
    labels: { alertname: 'FraudScoreDrift', service: 'fraud-scoring', cluster: 'dxb-gpu-1' },
    isFlapping: true,
  }),
];
const resolved = [pipelineAlert(1, { state: 'resolved', resolvedAt: '2025-03-04T09:00:00Z' })];

function alertsBridge(role: Role, extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'incidents.counts': () => counts(),
    'alertStream.list': (input) =>
      input.states?.includes('resolved')
        ? resolved
        : input.states
          ? firing
          : [...firing, ...resolved],
    'silences.list': ({ includeExpired }) => [
      silence(1, { status: 'pending', startsAt: '2099-01-01T00:00:00Z' }),
      silence(2, { reason: XSS }),
      ...(includeExpired
        ? [silence(3, { status: 'expired', expiredAt: '2025-03-01T00:00:00Z' })]
        : []),
    ],
    'alertStream.noiseReport': () => [
      noiseRow('DiskAlmostFull'),
      noiseRow('GpuFanSpeed', { total: 40, useful: 2, noise: 30, unjudged: 8, flapping: 12 }),
      noiseRow('GpuXidErrors', {
        source: 'alertmanager',
        total: 6,
        useful: 6,
        noise: 0,
        unjudged: 0,
      }),
    ],
    'alerts.list': () => [sloAlert(1)],
    ...extra,
  });
}

async function openAlerts() {
  fireEvent.click(await screen.findByTestId('nav-alerts'));
  return screen.findAllByTestId('stream-alert-row');
}
const rowIds = () => screen.queryAllByTestId('stream-alert-row').map((r) => r.dataset.id);

describe('alert stream', () => {
  it('lists firing alerts from every source, asks the backend for the state and source, and narrows by severity and labels', async () => {
    const asked: ChannelInput<'alertStream.list'>[] = [];
    const bridge = alertsBridge('viewer');
    const list = bridge.invoke.bind(bridge);
    bridge.invoke = (channel, input) => {
      if (channel === 'alertStream.list') asked.push(input as ChannelInput<'alertStream.list'>);
      return list(channel, input);
    };
    renderApp(bridge);
    const rows = await openAlerts();
    expect(rows.map((r) => [r.dataset.source, r.dataset.severity])).toEqual([
      ['alertmanager', 'critical'],
      ['threshold', 'warning'],
      ['model', 'info'],
    ]);
    expect(asked.at(-1)).toEqual({ states: ['firing'], limit: 1000 });
    // Free text from an Alertmanager stays text: the summary and a label value show as typed.
    expect(within(rows[0]!).getByTestId('stream-summary').textContent).toBe(XSS);
    expect(within(rows[0]!).getByTestId('alert-labels').textContent).toContain(`team=${XSS}`);
    expect(document.querySelector('img')).toBeNull();
    expect(within(rows[2]!).getByTestId('stream-flapping')).toBeTruthy();

    fireEvent.change(screen.getByTestId('stream-severity'), { target: { value: 'warning' } });
    expect(rowIds()).toEqual(['4']);
    fireEvent.change(screen.getByTestId('stream-severity'), { target: { value: 'all' } });

    const query = screen.getByTestId('stream-query');
    fireEvent.change(query, { target: { value: 'service="fraud-scoring"' } });
    expect(rowIds()).toEqual(['5', '3']);
    fireEvent.change(query, { target: { value: '{service="fraud-scoring", cluster!~"dxb-.*"}' } });
    expect(rowIds()).toEqual(['5']);
    fireEvent.change(query, { target: { value: 'alertname=~"Triton.*|Fraud.*"' } });
    expect(rowIds()).toEqual(['4', '3']);
    fireEvent.change(query, { target: { value: 'psi' } });
    expect(rowIds()).toEqual(['3']);
    // A half-typed regex is reported and the last good filter stays.
    fireEvent.change(query, { target: { value: 'gpu=~"[0-"' } });
    expect(screen.getByRole('alert').textContent).toContain('Not a valid matcher');
    expect(rowIds()).toEqual(['3']);
    fireEvent.change(query, { target: { value: '' } });

    fireEvent.change(screen.getByTestId('stream-source'), { target: { value: 'alertmanager' } });
    await waitFor(() =>
      expect(asked.at(-1)).toEqual({ states: ['firing'], sources: ['alertmanager'], limit: 1000 }),
    );
    fireEvent.click(
      screen.getAllByTestId('stream-state').find((b) => b.dataset.state === 'resolved')!,
    );
    await waitFor(() => expect(rowIds()).toEqual(['1']));
    expect(asked.at(-1)).toEqual({ states: ['resolved'], sources: ['alertmanager'], limit: 1000 });
  });

  it('lets a responder judge an alert useful or noise, and a viewer only read the verdict', async () => {
    const judged: ChannelInput<'alertStream.setVerdict'>[] = [];
    const { unmount } = renderApp(
      alertsBridge('operator', {
        'alertStream.setVerdict': (input) => {
          judged.push(input);
          const found = firing.find((a) => a.id === input.id)!;
          return { ...found, verdict: input.verdict, verdictBy: 'operator' };
        },
      }),
    );
    const [first] = await openAlerts();
    fireEvent.click(within(first!).getByTestId('stream-verdict-noise'));
    await waitFor(() => expect(first!.dataset.verdict).toBe('noise'));
    expect(judged).toEqual([{ id: 5, verdict: 'noise' }]);
    expect(within(first!).getByTestId('stream-verdict-noise').getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(first!.textContent).toContain('by operator');
    unmount();

    renderApp(
      alertsBridge('viewer', {
        'alertStream.list': () => [{ ...firing[1]!, verdict: 'useful', verdictBy: 'omar' }],
      }),
    );
    const [row] = await openAlerts();
    expect(within(row!).queryByTestId('stream-verdict-useful')).toBeNull();
    expect(within(row!).getByTestId('stream-verdict').textContent).toBe('Useful');
  });

  it('opens the incident an alert joined', async () => {
    renderApp(
      alertsBridge('viewer', {
        'incidents.list': () => ({ items: [incident(12)], total: 1 }),
        'incidents.get': ({ id }) => detail(incident(id, { title: 'GPU node lost' })),
      }),
    );
    const [first] = await openAlerts();
    fireEvent.click(within(first!).getByTestId('stream-incident-link'));
    // The incident views load on first use (their own chunk).
    const page = await screen.findByTestId('incident-detail', {}, { timeout: 10_000 });
    expect(page.dataset.incidentId).toBe('12');
  });

  it('refreshes while shown when incidents.changed says alerts moved', async () => {
    let stream = firing.slice(1);
    const bridge = alertsBridge('viewer', { 'alertStream.list': () => stream });
    renderApp(bridge);
    expect(await openAlerts()).toHaveLength(2);
    stream = firing;
    act(() =>
      bridge.emit('incidents.changed', {
        incidentIds: [12],
        isAlertsChanged: true,
        counts: counts(),
      }),
    );
    await waitFor(() => expect(rowIds()).toEqual(['5', '4', '3']));
  });
});

describe('silences', () => {
  it('lists active, then pending silences with their matchers and reasons; a viewer cannot add or expire', async () => {
    renderApp(alertsBridge('viewer'));
    await openAlerts();
    fireEvent.click(screen.getByTestId('alerts-tab-silences'));
    const rows = await screen.findAllByTestId('silence-row');
    expect(rows.map((r) => [r.dataset.id, r.dataset.status])).toEqual([
      ['2', 'active'],
      ['1', 'pending'],
    ]);
    expect(within(rows[0]!).getByTestId('silence-reason').textContent).toBe(XSS);
    expect(within(rows[0]!).getByTestId('silence-matchers').textContent).toBe(
      'cluster="dxb-gpu-1"',
    );
    expect(document.querySelector('img')).toBeNull();
    expect(screen.queryByTestId('silence-create')).toBeNull();
    expect(screen.queryByTestId('silence-expire')).toBeNull();
    fireEvent.click(screen.getByTestId('silences-include-expired'));
    await waitFor(() => expect(screen.getAllByTestId('silence-row')).toHaveLength(3));
  });

  it('creates a silence, previewing which firing alerts it would silence', async () => {
    const created: ChannelInput<'silences.create'>[] = [];
    renderApp(
      alertsBridge('operator', {
        'silences.create': (input): Silence => {
          created.push(input);
          return silence(9, {
            matchers: input.matchers.map((m) => ({
              ...m,
              isRegex: !!m.isRegex,
              isEqual: !!m.isEqual,
            })),
            reason: input.reason,
            endsAt: input.endsAt,
          });
        },
      }),
    );
    await openAlerts();
    fireEvent.click(screen.getByTestId('alerts-tab-silences'));
    fireEvent.click(await screen.findByTestId('silence-create'));
    const dialog = await screen.findByTestId('silence-dialog');
    const preview = within(dialog).getByTestId('silence-preview');

    fireEvent.change(within(dialog).getByTestId('silence-matcher-name'), {
      target: { value: 'service' },
    });
    fireEvent.change(within(dialog).getByTestId('silence-matcher-value'), {
      target: { value: 'fraud-scoring' },
    });
    await waitFor(() => expect(preview.dataset.count).toBe('2'));
    fireEvent.change(within(dialog).getByTestId('silence-matcher-op'), { target: { value: '!=' } });
    expect(preview.dataset.count).toBe('1');
    expect(within(preview).getByTestId('silence-preview-alert').textContent).toContain(
      'Triton queue depth',
    );

    // Not without a reason.
    fireEvent.click(within(dialog).getByTestId('silence-submit'));
    expect(within(dialog).getByText('Say why (up to 1,000 characters).')).toBeTruthy();
    expect(created).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('silence-reason'), {
      target: { value: 'Scaling vision-ocr during the change window (CHG-4420)' },
    });
    fireEvent.click(
      within(dialog)
        .getAllByTestId('silence-quick-end')
        .find((b) => b.dataset.hours === '4')!,
    );
    fireEvent.click(within(dialog).getByTestId('silence-submit'));
    await waitFor(() => expect(created).toHaveLength(1));
    const [input] = created;
    expect(input!.matchers).toEqual([
      { name: 'service', value: 'fraud-scoring', isRegex: false, isEqual: false },
    ]);
    expect(input!.startsAt).toBeUndefined();
    // Typed in the site's zone (Asia/Dubai), sent with its offset, about four hours from now.
    expect(input!.endsAt).toMatch(/\+04:00$/);
    const hours = (Date.parse(input!.endsAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);
    await waitFor(() => expect(screen.queryByTestId('silence-dialog')).toBeNull());
    expect(screen.getAllByTestId('silence-row').map((r) => r.dataset.id)).toContain('9');
  });

  it('expires a silence only after the operator confirms', async () => {
    const expired: number[] = [];
    renderApp(
      alertsBridge('operator', {
        'silences.expire': ({ id }) => (
          expired.push(id),
          silence(id, {
            status: 'expired',
            expiredAt: '2025-03-04T10:00:00Z',
            expiredBy: 'operator',
          })
        ),
      }),
    );
    await openAlerts();
    fireEvent.click(screen.getByTestId('alerts-tab-silences'));
    const [active] = await screen.findAllByTestId('silence-row');
    fireEvent.click(within(active!).getByTestId('silence-expire'));
    const dialog = await screen.findByTestId('silence-expire-dialog');
    expect(expired).toEqual([]);
    fireEvent.click(within(dialog).getByTestId('silence-expire-confirm'));
    await waitFor(() => expect(expired).toEqual([2]));
    // Expired silences are hidden unless asked for.
    await waitFor(() =>
      expect(screen.getAllByTestId('silence-row').map((r) => r.dataset.id)).toEqual(['1']),
    );
  });
});

describe('noise report, threshold rules and SLO burn rates', () => {
  it('ranks rules by noise, with the share of judged alerts that were noise, over the range picked', async () => {
    const asked: ChannelInput<'alertStream.noiseReport'>[] = [];
    renderApp(
      alertsBridge('viewer', {
        'alertStream.noiseReport': (input) => (
          asked.push(input),
          [
            noiseRow('DiskAlmostFull'),
            noiseRow('GpuFanSpeed', { total: 40, useful: 2, noise: 30, unjudged: 8 }),
            noiseRow('GpuXidErrors', { source: 'alertmanager', useful: 6, noise: 0, unjudged: 0 }),
          ]
        ),
      }),
    );
    await openAlerts();
    fireEvent.click(screen.getByTestId('alerts-tab-noise'));
    const rows = await screen.findAllByTestId('noise-row');
    expect(rows.map((r) => r.dataset.rule)).toEqual([
      'GpuFanSpeed',
      'DiskAlmostFull',
      'GpuXidErrors',
    ]);
    expect(within(rows[0]!).getByTestId('noise-share').textContent).toBe('94 %');
    expect(within(rows[2]!).getByTestId('noise-share').textContent).toBe('0 %');
    expect(screen.getByTestId('noise-chart').dataset.rules).toBe('3');
    expect(asked).toEqual([{ days: 30 }]);
    fireEvent.click(screen.getAllByTestId('noise-range').find((b) => b.dataset.days === '7')!);
    await waitFor(() => expect(asked.at(-1)).toEqual({ days: 7 }));
  });

  it('shows the threshold rules beside the stream', async () => {
    renderApp(alertsBridge('viewer', { 'alertRules.list': () => [] }));
    await openAlerts();
    fireEvent.click(screen.getByTestId('alerts-tab-rules'));
    expect(await screen.findByTestId('alert-rules-panel')).toBeTruthy();
    expect(screen.getByTestId('alerts-page').dataset.tab).toBe('rules');
  });

  it('keeps the SLO burn-rate alerts, each linking to its SLO', async () => {
    renderApp(alertsBridge('viewer'));
    await openAlerts();
    fireEvent.click(screen.getByTestId('alerts-tab-slo'));
    const [row] = await screen.findAllByTestId('alert-row');
    expect([row!.dataset.slo, row!.dataset.severity, row!.dataset.state]).toEqual([
      'fraud-latency',
      'page',
      'firing',
    ]);
    expect(within(row!).getByTestId('alert-slo-link').textContent).toBe('fraud-latency');
  });
});

describe('in Arabic', () => {
  it('shows the alert stream and silences right to left with Arabic text', async () => {
    const prefs = memoryPreferences();
    prefs.set('mirqab.language', 'ar');
    renderApp(alertsBridge('operator', { 'alertStream.list': () => [] }), prefs);
    fireEvent.click(await screen.findByTestId('nav-alerts'));
    expect((await screen.findByTestId('stream-empty')).textContent).toContain(
      'لا توجد تنبيهات نشطة — كل شيء هادئ',
    );
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
    expect(screen.getByTestId('alerts-tab-noise').textContent).toBe('تقرير الضجيج');
    fireEvent.click(screen.getByTestId('alerts-tab-silences'));
    const [row] = await screen.findAllByTestId('silence-row');
    expect(within(row!).getByText('ساري')).toBeTruthy();
    expect(screen.getByTestId('silence-create').textContent).toBe('إسكات جديد');
  });
});
