// The change record screen around a fake bridge: a change asked for by someone else is approved with
// a reason (none refused), one's own shows the four-eyes note instead of the buttons, the backend's
// refusal is shown in its own words, the list and empty states, and Arabic.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { ChangeRecord } from '../../shared/ipc/governanceSchemas.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { stubCanvas } from './runbookFixtures.ts';

stubCanvas();
beforeEach(() => window.history.replaceState(null, '', '/'));

const record = (patch: Partial<ChangeRecord>): ChangeRecord => ({
  id: 5,
  model: 'fraud-scorer',
  kind: 'promote_retrained',
  source: 'retraining',
  fromVersion: '1',
  toVersion: '2',
  config: { rule: 'Accuracy under 90 %', retrainingRequest: 3 },
  evidence: {
    summary: 'model_accuracy_ratio averaged 0.87 over 60 min, below the target 0.9',
    test: 'mean of every reading in the window < target',
    signal: 'model_accuracy_ratio',
    windows: [
      { from: '2025-03-04T08:00:00.000Z', to: '2025-03-04T09:00:00.000Z', sha256: 'ab'.repeat(32) },
    ],
    series: [
      {
        host: 'gpu-01',
        labels: { model: 'fraud-scorer', version: '1' },
        points: [
          [1, 0.88],
          [2, 0.87],
          [3, 0.86],
        ],
      },
    ],
    values: { mean: 0.87, target: 0.9 },
  },
  reproducibility: {
    fromDigests: { model: `sha256:${'1'.repeat(64)}`, code: `sha256:${'2'.repeat(64)}` },
    toDigests: { model: `sha256:${'3'.repeat(64)}`, code: `sha256:${'4'.repeat(64)}` },
    dataWindows: [],
  },
  reason: 'Retrained after: accuracy below target',
  requestedBy: 'amal',
  requestedAt: '2025-03-04T09:10:00.000Z',
  isRetrospective: false,
  approval: 'pending',
  decidedBy: null,
  decidedAt: null,
  decisionReason: null,
  outcome: 'pending',
  outcomeDetail: null,
  outcomeAt: null,
  requestId: 3,
  digest: 'cd'.repeat(32),
  ...patch,
});

function bridgeFor(role: Role, records: ChangeRecord[], extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'changes.list': () => ({ items: records }),
    ...extra,
  });
}

describe('change records', () => {
  it('an ML engineer approves someone else’s change with a reason; an empty reason is refused', async () => {
    let records = [record({})];
    const bridge = bridgeFor('ml_engineer', records, {
      'changes.list': () => ({ items: records }),
      'changes.decide': ({ id, reason }) => {
        records = [
          record({
            id,
            approval: 'approved',
            decidedBy: 'ml.engineer',
            decisionReason: reason,
            outcome: 'applied',
            outcomeDetail: '2 running on gpu-01',
          }),
        ];
        return records[0]!;
      },
    });
    window.history.replaceState(null, '', '#/changes/5');
    renderApp(bridge);
    const detail = await screen.findByTestId('change-detail');
    expect(within(detail).getByText(/averaged 0\.87 over 60 min/)).toBeTruthy();
    expect(within(detail).getByTestId('change-digests').textContent).toContain('sha256:3333');
    expect(within(detail).getByRole('img', { name: /Readings of gpu-01/ })).toBeTruthy();

    fireEvent.click(within(detail).getByTestId('change-approve'));
    const dialog = await screen.findByTestId('change-decision-dialog');
    const reason = within(dialog).getByTestId('change-decision-reason');
    expect(document.activeElement).toBe(reason); // focus goes straight to the reason
    fireEvent.click(within(dialog).getByTestId('change-decision-submit'));
    expect(await within(dialog).findByText('Say why.')).toBeTruthy();
    expect(bridge.calls.some((c) => c.channel === 'changes.decide')).toBe(false);

    fireEvent.change(reason, { target: { value: 'Holdout accuracy 0.93' } });
    fireEvent.click(within(dialog).getByTestId('change-decision-submit'));
    await waitFor(() => expect(screen.queryByTestId('change-decision-dialog')).toBeNull());
    expect(bridge.calls.find((c) => c.channel === 'changes.decide')?.input).toEqual({
      id: 5,
      decision: 'approved',
      reason: 'Holdout accuracy 0.93',
    });
    await waitFor(() =>
      expect(within(screen.getByTestId('change-detail')).getByText('Approved')).toBeTruthy(),
    );
    expect(screen.getByText('2 running on gpu-01')).toBeTruthy();
    expect(screen.queryByTestId('change-approve')).toBeNull();
  });

  it('one’s own change shows the four-eyes note instead of the buttons; a refusal is shown in the backend’s words', async () => {
    const mine = record({ id: 6, requestedBy: 'ml.engineer' });
    const bridge = bridgeFor('ml_engineer', [mine, record({ id: 7 })], {
      'changes.decide': () => apiError('CONFLICT', 'Change record 7 was already rejected.'),
    });
    window.history.replaceState(null, '', '#/changes/6');
    renderApp(bridge);
    expect(await screen.findByTestId('change-four-eyes')).toBeTruthy();
    expect(screen.queryByTestId('change-approve')).toBeNull();

    window.history.pushState(null, '', '#/changes/7');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    fireEvent.click(await screen.findByTestId('change-reject'));
    const dialog = await screen.findByTestId('change-decision-dialog');
    fireEvent.change(within(dialog).getByTestId('change-decision-reason'), {
      target: { value: 'No' },
    });
    fireEvent.click(within(dialog).getByTestId('change-decision-submit'));
    expect((await within(dialog).findByTestId('change-decision-error')).textContent).toContain(
      'Change record 7 was already rejected.',
    );
  });

  it('an empty list says what makes a change record', async () => {
    renderApp(bridgeFor('viewer', []));
    window.history.replaceState(null, '', '#/changes');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(await screen.findByText('No change records yet')).toBeTruthy();
  });

  it('reads in Arabic, with the list opening a record by keyboard-reachable links', async () => {
    window.history.replaceState(null, '', '#/changes');
    renderApp(bridgeFor('viewer', [record({})]), memoryPreferences({ 'mirqab.language': 'ar' }));
    const row = await screen.findByTestId('change-row-5');
    expect(within(row).getByText('بانتظار الموافقة')).toBeTruthy();
    expect(within(row).getByText('ترقية إصدار أعيد تدريبه')).toBeTruthy();
    fireEvent.click(within(row).getByRole('link', { name: '#5' }));
    const detail = await screen.findByTestId('change-detail');
    expect(window.location.hash).toBe('#/changes/5');
    expect(within(detail).queryByTestId('change-approve')).toBeNull(); // viewers cannot decide
  });
});
