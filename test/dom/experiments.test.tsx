// The experiments screens around a fake bridge: the editor's power calculator works out the minimum
// per arm as the figures change (and says why figures cannot be used), a short plan needs a reason,
// the plan saved is the one typed; a guardrail-stopped experiment shows why and that traffic is back
// on control; the empty list; and Arabic.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../shared/ipc/experimentSchemas.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

beforeEach(() => window.history.replaceState(null, '', '/'));
// The page's code loads on first use (with the statistics library): the first render may take a while.
const LOADED = { timeout: 15_000 };

const experiment = (patch: Partial<Experiment> = {}): Experiment => ({
  id: 4,
  name: 'llama 3 against 1',
  model: 'llama-3-8b',
  control: '1',
  variant: '3',
  variantPercent: 10,
  primaryMetric: 'latency',
  guardrails: [
    { metric: 'latency', maxHarm: 0.1 },
    { metric: 'errors', maxHarm: 0.005, slo: 'llama-availability' },
  ],
  power: { mde: 0.05, alpha: 0.05, power: 0.8, baseline: 0.3 },
  minSampleSize: 566,
  plannedDays: 7,
  durationReason: null,
  status: 'stopped',
  hosts: ['sim-gpu-01'],
  createdBy: 'ml.engineer',
  createdAt: '2026-03-04T08:00:00.000Z',
  startedBy: 'ml.engineer',
  startedAt: '2026-03-04T08:01:00.000Z',
  endedAt: '2026-03-04T08:05:00.000Z',
  stopKind: 'guardrail',
  stopReason: 'Guardrail breached: latency 20.0 % slower than control (limit 10.0 %).',
  isRolledBack: true,
  analysis: {
    units: { control: 9000, variant: 1000 },
    srm: { chi2: 0.1, pValue: 0.75, isMismatch: false },
    metrics: [
      {
        metric: 'latency',
        difference: 'relative',
        isLowerBetter: true,
        control: { n: 9000, mean: 0.5 },
        variant: { n: 1000, mean: 0.6 },
        estimate: 0.2,
        interval: [0.17, 0.23],
        pValue: 0.00001,
        chanceToWin: 0,
        cuped: null,
      },
    ],
    guardrails: [
      { metric: 'latency', maxHarm: 0.1, observed: 0.2, isBreached: true },
      {
        metric: 'errors',
        maxHarm: 0.005,
        slo: 'llama-availability',
        observed: 0.001,
        isBreached: false,
      },
    ],
  },
  analysedAt: '2026-03-04T08:05:00.000Z',
  decision: null,
  ...patch,
});

describe('experiments', () => {
  it('the editor works out the minimum per arm as the figures change, asks why a run is short, and saves the plan typed', async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('ml_engineer'),
      'experiments.list': () => ({ items: [] }),
      'experiments.create': (plan) =>
        experiment({
          ...plan,
          id: 9,
          status: 'draft',
          stopKind: null,
          analysis: null,
        }),
    });
    window.history.replaceState(null, '', '#/experiments/+new');
    renderApp(bridge);
    const editor = await screen.findByTestId('experiment-editor', {}, LOADED);
    const result = within(editor).getByTestId('power-result');
    // σ/μ 0.3, 5 % MDE, α 0.05, power 0.8: 2·(1.96 + 0.84)²·0.09 / 0.0025 → 566 (SciPy).
    expect(result.textContent).toBe('566 requests per arm');
    fireEvent.change(within(editor).getByTestId('power-mde'), { target: { value: '10' } });
    expect(result.textContent).toBe('142 requests per arm');
    fireEvent.change(within(editor).getByTestId('experiment-metric'), {
      target: { value: 'errors' },
    });
    expect(result.textContent).toBe('3554 requests per arm');
    fireEvent.change(within(editor).getByTestId('power-baseline'), { target: { value: '1.5' } });
    expect(result.textContent).toBe(
      'Check the figures: The baseline rate must lie between 0 and 1.',
    );
    fireEvent.change(within(editor).getByTestId('power-baseline'), { target: { value: '0.02' } });
    expect(result.textContent).toBe('73147 requests per arm');

    const type = (id: string, value: string) =>
      fireEvent.change(within(editor).getByTestId(id), { target: { value } });
    type('experiment-name', 'faster decoder');
    type('experiment-model', 'llama-3-8b');
    type('experiment-control', '1');
    type('experiment-variant', '2');
    type('experiment-split', '20');
    expect(within(editor).queryByTestId('experiment-duration-reason')).toBeNull();
    type('experiment-days', '2');
    type('experiment-duration-reason', 'Traffic is flat all week');
    fireEvent.click(within(editor).getByTestId('experiment-save'));
    await waitFor(() =>
      expect(bridge.calls.some((c) => c.channel === 'experiments.create')).toBe(true),
    );
    expect(bridge.calls.find((c) => c.channel === 'experiments.create')?.input).toEqual({
      name: 'faster decoder',
      model: 'llama-3-8b',
      control: '1',
      variant: '2',
      variantPercent: 20,
      primaryMetric: 'errors',
      power: { mde: 0.1, alpha: 0.05, power: 0.8, baseline: 0.02 },
      plannedDays: 2,
      durationReason: 'Traffic is flat all week',
    });
    expect(await screen.findByTestId('experiment-detail')).toBeTruthy();
  });

  it('a guardrail stop shows why, that traffic is back on control, the breached guardrail and the results', async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('viewer'),
      'experiments.list': () => ({ items: [experiment()] }),
    });
    window.history.replaceState(null, '', '#/experiments/4');
    renderApp(bridge);
    const detail = await screen.findByTestId('experiment-detail', {}, LOADED);
    expect(within(detail).getByTestId('experiment-stop-reason').textContent).toContain(
      'latency 20.0 % slower than control',
    );
    expect(within(detail).getByTestId('experiment-rollback').textContent).toBe(
      'All traffic is back on the control version.',
    );
    const latency = within(detail).getByTestId('experiment-guardrail-latency');
    expect(within(latency).getByText('Breached')).toBeTruthy();
    expect(within(detail).getByTestId('experiment-guardrail-errors').textContent).toContain(
      'SLO llama-availability',
    );
    expect(within(detail).getByTestId('experiment-metric-latency').textContent).toContain(
      '+20.00 %',
    );
    // A viewer sees the results but cannot act on them.
    expect(within(detail).queryByTestId('experiment-decide-form')).toBeNull();
  });

  it("in Arabic, a guardrail stop names the breached metric in Arabic, not the console's English reason", async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('viewer'),
      'experiments.list': () => ({ items: [experiment()] }),
    });
    window.history.replaceState(null, '', '#/experiments/4');
    renderApp(bridge, memoryPreferences({ 'mirqab.language': 'ar' }));
    const detail = await screen.findByTestId('experiment-detail', {}, LOADED);
    const reason = within(detail).getByTestId('experiment-stop-reason').textContent ?? '';
    expect(reason).toContain('تجاوز زمن الاستجابة الحد الذي يسمح به الحاجز');
    expect(reason).not.toContain('Guardrail breached');
  });

  it('an empty list says what an experiment is for, in Arabic too', async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('ml_engineer'),
      'experiments.list': () => ({ items: [] }),
    });
    window.history.replaceState(null, '', '#/experiments');
    renderApp(bridge, memoryPreferences({ 'mirqab.language': 'ar' }));
    expect(await screen.findByText('لا توجد تجارب بعد', {}, LOADED)).toBeTruthy();
    expect(screen.getByTestId('experiment-new').textContent).toBe('تجربة جديدة');
  });
});
