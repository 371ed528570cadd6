// The SLO editor validates as the operator types (the shared schema and the PromQL compiler), shows
// each message beside its field, backtests the draft and saves it; import checks before it imports.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { ChannelInput } from '../../shared/ipc/contract.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { detail, NOW, spec, summary } from './sloFixtures.ts';

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

function editorBridge(role: Role, extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'slo.list': () => [summary('fraud-latency')],
    'slo.get': ({ name }) => detail(name),
    ...extra,
  });
}

async function openNewEditor() {
  fireEvent.click(await screen.findByTestId('nav-slo'));
  fireEvent.click(await screen.findByTestId('slo-create'));
  return screen.findByTestId('slo-editor');
}

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
/** The message shown inside the same field as the input, i.e. beside it. */
const fieldMessage = (testId: string) =>
  screen.getByTestId(testId).closest('.field')?.querySelector('.field-error')?.textContent ?? null;

describe('SLO editor', () => {
  it('shows an invalid objective’s message beside the objective as it is typed', async () => {
    renderApp(editorBridge('ml_engineer'));
    await openNewEditor();
    expect(fieldMessage('slo-objective')).toBeNull();
    type('slo-objective', '100');
    expect(fieldMessage('slo-objective')).toBe(
      'Enter a percentage above 0 and below 100, e.g. 99.9.',
    );
    expect(screen.getByTestId('slo-objective').getAttribute('aria-invalid')).toBe('true');
    type('slo-objective', '99.95');
    expect(fieldMessage('slo-objective')).toBeNull();
    // A name that is not an RFC 1123 label is refused beside the name field.
    type('slo-name', 'Fraud Latency');
    expect(fieldMessage('slo-name')).toContain('lower-case letters, digits and dashes');
  });

  it('shows the fields of the chosen indicator type only', async () => {
    renderApp(editorBridge('ml_engineer'));
    await openNewEditor();
    const indicator = screen.getByTestId('slo-indicator');
    expect(indicator.dataset.type).toBe('availability');
    expect(screen.queryByTestId('slo-latency-seconds')).toBeNull();
    expect(screen.getByTestId('slo-source-canonical')).toBeTruthy();

    type('slo-indicator-type', 'latency');
    expect(screen.getByTestId('slo-latency-seconds')).toBeTruthy();

    // A throughput floor is judged per time slice: its fields replace the event source, and the
    // budgeting method follows.
    type('slo-indicator-type', 'throughput');
    expect(screen.queryByTestId('slo-latency-seconds')).toBeNull();
    expect(screen.queryByTestId('slo-source-canonical')).toBeNull();
    expect(screen.getByTestId('slo-throughput-floor')).toBeTruthy();
    expect(screen.getByTestId<HTMLSelectElement>('slo-budgeting').value).toBe('Timeslices');
    expect(screen.getByTestId('slo-slice-settings')).toBeTruthy();

    type('slo-indicator-type', 'threshold');
    expect(screen.getByTestId('slo-threshold-query')).toBeTruthy();
    expect(screen.queryByTestId('slo-throughput-floor')).toBeNull();
  });

  it('names the part of a PromQL query Mirqab cannot evaluate', async () => {
    renderApp(editorBridge('ml_engineer'));
    await openNewEditor();
    fireEvent.click(screen.getByTestId('slo-source-promql'));
    type('slo-promql-query', 'topk(3, rate(errors_total[5m]))');
    expect(fieldMessage('slo-promql-query')).toContain('topk() is not supported');
    type('slo-promql-query', 'sum(rate(errors_total{code=~"5.."}[5m]))');
    expect(fieldMessage('slo-promql-query')).toBeNull();
    type('slo-promql-total', 'sum(rate(requests_total[5m]) offset 1h)');
    expect(fieldMessage('slo-promql-total')).toContain('the offset modifier is not supported');
  });

  it('refuses to save an incomplete draft, then saves a valid one and opens its detail', async () => {
    const saved: ChannelInput<'slo.save'>[] = [];
    renderApp(
      editorBridge('ml_engineer', {
        'slo.save': (input) => (saved.push(input), summary(input.spec.name)),
        'slo.list': () => [
          summary('fraud-latency'),
          ...saved.map((input) => summary(input.spec.name)),
        ],
      }),
    );
    await openNewEditor();
    fireEvent.click(screen.getByTestId('slo-save'));
    expect(await screen.findByTestId('slo-editor-invalid')).toBeTruthy();
    expect(fieldMessage('slo-name')).toBe('This field is required.');
    expect(fieldMessage('slo-model')).toBe('This field is required.');
    expect(saved).toEqual([]);

    type('slo-name', 'fraud-latency-p99');
    type('slo-model', 'fraud-scorer');
    type('slo-indicator-type', 'latency');
    type('slo-latency-seconds', '0.3');
    fireEvent.click(screen.getByTestId('slo-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({
      spec: {
        name: 'fraud-latency-p99',
        service: { model: 'fraud-scorer', versions: [], site: '' },
        indicator: { type: 'latency', thresholdSeconds: 0.3, source: { kind: 'canonical' } },
        window: { type: 'rolling', days: 28 },
        objective: 0.999,
        alerting: { minEvents: 100, isEnabled: true },
      },
    });
    expect(saved[0]?.previousName).toBeUndefined();
    expect((await screen.findByTestId('slo-detail')).dataset.name).toBe('fraud-latency-p99');
  });

  it('opens an existing SLO with its spec and renames it', async () => {
    const saved: ChannelInput<'slo.save'>[] = [];
    renderApp(
      editorBridge('admin', {
        'slo.save': (input) => (saved.push(input), summary(input.spec.name)),
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-slo'));
    fireEvent.click((await screen.findAllByTestId('slo-row'))[0]!);
    fireEvent.click(await screen.findByTestId('slo-edit'));
    expect(screen.getByTestId<HTMLInputElement>('slo-latency-seconds').value).toBe('0.3');
    expect(screen.getByTestId<HTMLInputElement>('slo-objective').value).toBe('99.9');
    type('slo-name', 'fraud-latency-v2');
    fireEvent.click(screen.getByTestId('slo-save'));
    await waitFor(() => expect(saved[0]?.previousName).toBe('fraud-latency'));
    expect(saved[0]?.spec).toEqual({
      ...spec('fraud-latency-v2'),
      displayName: 'fraud-latency display',
    });
  });

  it('backtests the draft and lists when it would have alerted', async () => {
    const tested: ChannelInput<'slo.backtest'>[] = [];
    renderApp(
      editorBridge('ml_engineer', {
        'slo.backtest': (input) => {
          tested.push(input);
          return {
            from: new Date(NOW - 30 * 86_400_000).toISOString(),
            to: new Date(NOW).toISOString(),
            attainment: 0.9981,
            budgetConsumed: 1.9,
            coverage: {
              since: new Date(NOW - 30 * 86_400_000).toISOString(),
              observedMinutes: 30 * 1440,
              spanMinutes: 30 * 1440,
            },
            sli: Array.from({ length: 720 }, (_, i) => ({
              t: NOW - (720 - i) * 3_600_000,
              value: 0.998,
            })),
            alerts: [
              {
                severity: 'page',
                start: '2025-02-20T06:00:00.000Z',
                end: '2025-02-20T07:30:00.000Z',
                peakBurnRate: 21,
              },
              {
                severity: 'ticket',
                start: '2025-02-25T10:00:00.000Z',
                end: null,
                peakBurnRate: 3.2,
              },
            ],
          };
        },
      }),
    );
    await openNewEditor();
    type('slo-name', 'fraud-availability');
    type('slo-model', 'fraud-scorer');
    fireEvent.click(screen.getByTestId('slo-backtest-run'));
    const panel = await screen.findByTestId('slo-backtest');
    expect(tested[0]).toMatchObject({
      days: 30,
      spec: { name: 'fraud-availability', indicator: { type: 'availability' } },
    });
    const alerts = within(panel).getAllByTestId('slo-backtest-alert');
    expect(alerts.map((a) => a.dataset.severity)).toEqual(['page', 'ticket']);
    // Shown in the site's zone: 06:00 UTC is 10:00 in Dubai.
    expect(within(alerts[0]!).getByText('2025-02-20 10:00:00')).toBeTruthy();
    expect(within(panel).getByTestId('slo-backtest-chart').dataset.bands).toBe('2');
  });

  it('gives a viewer no editor, even when the route asks for one', async () => {
    renderApp(editorBridge('viewer'));
    fireEvent.click(await screen.findByTestId('nav-slo'));
    await screen.findAllByTestId('slo-row');
    expect(screen.queryByTestId('slo-create')).toBeNull();
    expect(screen.queryByTestId('slo-import')).toBeNull();
    expect(screen.getByTestId('slo-export')).toBeTruthy();
  });
});

describe('SLO import', () => {
  it('dry-runs first, showing what would be imported and each problem with its path and line', async () => {
    const calls: ChannelInput<'slo.import'>[] = [];
    renderApp(
      editorBridge('ml_engineer', {
        'slo.import': (input) => {
          calls.push(input);
          return {
            dryRun: input.dryRun ?? false,
            slos: [
              { name: 'checkout-availability', replaces: false },
              { name: 'fraud-latency', replaces: true },
            ],
            problems: input.dryRun
              ? [
                  {
                    path: 'spec.indicator.ratioMetric.good',
                    line: 14,
                    message: 'PromQL: topk() is not supported',
                  },
                ]
              : [],
            warnings: [
              { path: 'spec.alertPolicies', line: 22, message: 'alert routing is not kept' },
            ],
          };
        },
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-slo'));
    fireEvent.click(await screen.findByTestId('slo-import'));
    const dialog = await screen.findByTestId('slo-import-dialog');
    expect(within(dialog).getByTestId<HTMLButtonElement>('slo-import-run').disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('slo-import-text'), {
      target: { value: 'apiVersion: openslo/v1\nkind: SLO\n' },
    });
    fireEvent.click(within(dialog).getByTestId('slo-import-check'));
    const result = await within(dialog).findByTestId('slo-import-result');
    expect(
      within(result)
        .getAllByTestId('slo-import-slo')
        .map((li) => li.textContent),
    ).toEqual(['checkout-availability new', 'fraud-latency replaces existing']);
    expect(within(result).getByTestId('slo-import-problem').textContent).toContain(
      'spec.indicator.ratioMetric.good · line 14',
    );
    expect(within(result).getByText('1 field read but not kept')).toBeTruthy();
    expect(within(result).getByTestId('slo-import-warning').textContent).toContain(
      'spec.alertPolicies · line 22alert routing is not kept',
    );
    fireEvent.click(within(dialog).getByTestId('slo-import-run'));
    await waitFor(() => expect(screen.queryByTestId('slo-import-dialog')).toBeNull());
    expect(calls.map((c) => c.dryRun)).toEqual([true, false]);
  });
});
