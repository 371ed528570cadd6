// The threshold rules panel around a fake backend: the list, the editor's checks and what it sends,
// editing and deleting, who may change rules, and the panel in Arabic.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AlertRulesPanel } from '../../renderer/features/alertRules/AlertRulesPanel.tsx';
import { createApiClient } from '../../renderer/api/client.ts';
import { createI18n } from '../../renderer/i18n/init.ts';
import { createAppStore, StoreProvider } from '../../renderer/store/index.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { readUiDefaults } from '../../renderer/store/uiSlice.ts';
import type { ThresholdRule } from '../../shared/domain/alertRules/rule.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { apiError, createFakeBridge, sessionFor, type FakeBridge } from './fakeBridge.ts';

const hotGpu: ThresholdRule = {
  id: 1,
  name: 'GpuTooHot',
  metric: 'gpu_temperature_celsius',
  operator: '>',
  threshold: 90,
  clearThreshold: 85,
  forSeconds: 300,
  matchers: [{ name: 'cluster', value: 'DGX pod A', isRegex: false, isEqual: true }],
  severity: 'critical',
  description: '',
  isEnabled: true,
  updatedAtMs: Date.parse('2026-11-26T06:00:00.000Z'),
  updatedBy: 'fatima',
};

/** A backend keeping rules as the console does: names unique, ids assigned on create. */
function rulesBackend(initial: ThresholdRule[] = [hotGpu]) {
  let rules = [...initial];
  return createFakeBridge({
    'alertRules.list': () => rules,
    'alertRules.signals': () => ({
      metrics: [
        { name: 'gpu_temperature_celsius', labelNames: ['cluster', 'gpu', 'host', 'uuid'] },
        { name: 'model_accuracy_ratio', labelNames: ['cluster', 'host', 'model', 'version'] },
      ],
      labelValues: { cluster: ['DGX pod A', 'DGX pod B'], host: ['gpu-node-01'], gpu: ['0', '1'] },
    }),
    'alertRules.save': ({ id, rule }) => {
      if (rules.some((r) => r.name === rule.name && r.id !== id))
        return apiError('CONFLICT', `A rule named "${rule.name}" already exists.`);
      const saved: ThresholdRule = {
        clearThreshold: null,
        forSeconds: 300,
        severity: 'warning',
        description: '',
        isEnabled: true,
        ...rule,
        matchers: (rule.matchers ?? []).map((m) => ({ isRegex: false, isEqual: true, ...m })),
        id: id ?? rules.length + 1,
        updatedAtMs: Date.parse('2026-11-26T07:00:00.000Z'),
        updatedBy: 'ml.engineer',
      };
      rules = id === undefined ? [...rules, saved] : rules.map((r) => (r.id === id ? saved : r));
      return saved;
    },
    'alertRules.delete': ({ id }) => {
      rules = rules.filter((r) => r.id !== id);
      return { done: true as const };
    },
  });
}

function renderPanel(bridge: FakeBridge, role: Role = 'ml_engineer', language: 'en' | 'ar' = 'en') {
  const prefs = memoryPreferences();
  const store = createAppStore({
    api: createApiClient(bridge),
    prefs,
    defaults: readUiDefaults(prefs, false),
  });
  store.setState({ session: sessionFor(role) });
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <AlertRulesPanel />
      </StoreProvider>
    </I18nextProvider>,
  );
  return store;
}

const field = (testId: string) => screen.getByTestId<HTMLInputElement>(testId);
const type = (testId: string, value: string) =>
  fireEvent.change(field(testId), { target: { value } });
const saves = (bridge: FakeBridge) => bridge.calls.filter((c) => c.channel === 'alertRules.save');

describe('threshold rules panel', () => {
  it('lists each rule with its condition, where it applies, severity and state, and the built-in alerts', async () => {
    renderPanel(rulesBackend());
    const row = await screen.findByTestId('rule-row');
    expect(row.dataset.name).toBe('GpuTooHot');
    expect(row.textContent).toContain('gpu_temperature_celsius > 90');
    expect(row.textContent).toContain('clears at 85');
    expect(row.textContent).toContain('for 5 min');
    expect(row.textContent).toContain('cluster');
    expect(row.textContent).toContain('DGX pod A');
    expect(row.textContent).toContain('Critical');
    expect(row.textContent).toContain('On');
    expect(row.textContent).toContain('by fatima');
    const builtIns = screen.getByTestId('rule-builtins');
    expect(builtIns.textContent).toContain('GpuXidError');
    expect(builtIns.textContent).toContain('HostDown');
    expect(builtIns.textContent).toContain('ModelAccuracyDrop');
  });

  it('a viewer reads the rules but is offered no way to change them', async () => {
    renderPanel(rulesBackend(), 'viewer');
    await screen.findByTestId('rule-row');
    expect(screen.queryByTestId('rule-create')).toBeNull();
    expect(screen.queryByTestId('rule-edit')).toBeNull();
    expect(screen.getByTestId('alert-rules-panel').textContent).toContain(
      'Rules are written by ML engineers and administrators.',
    );
  });

  it('an empty list says what built-in alerts already cover', async () => {
    renderPanel(rulesBackend([]));
    expect((await screen.findByTestId('rules-empty')).textContent).toContain(
      'Built-in alerts already watch GPU health',
    );
  });

  it('creates a rule: offers the fleet’s signals, explains each mistake before sending, then sends exactly the rule', async () => {
    const bridge = rulesBackend([]);
    renderPanel(bridge);
    fireEvent.click(await screen.findByTestId('rule-create'));
    const options = await screen.findByTestId('rule-metric-options');
    await waitFor(() => expect(options.querySelectorAll('option')).toHaveLength(2));

    fireEvent.click(screen.getByTestId('rule-submit'));
    const dialog = screen.getByTestId('rule-dialog');
    expect(dialog.textContent).toContain('A name starts with a letter');
    expect(dialog.textContent).toContain('Pick a signal');
    expect(dialog.textContent).toContain('Enter a number.');
    expect(saves(bridge)).toEqual([]);

    type('rule-name', 'GpuOverheating');
    type('rule-metric', 'gpu_temperature_celsius');
    type('rule-threshold', '90');
    type('rule-clear-threshold', '95');
    fireEvent.click(screen.getByTestId('rule-submit'));
    expect(dialog.textContent).toContain(
      'A rule that fires above its threshold must clear at or below it.',
    );
    type('rule-clear-threshold', '85');
    type('rule-for', '2');
    fireEvent.click(screen.getByTestId('rule-add-matcher'));
    type('rule-matcher-name', 'gpu');
    fireEvent.change(screen.getByTestId('rule-matcher-op'), { target: { value: '=~' } });
    type('rule-matcher-value', '[0-3]');
    fireEvent.change(screen.getByTestId('rule-severity'), { target: { value: 'critical' } });
    fireEvent.click(screen.getByTestId('rule-submit'));

    await waitFor(() => expect(screen.queryByTestId('rule-dialog')).toBeNull());
    expect(saves(bridge).map((c) => c.input)).toEqual([
      {
        rule: {
          name: 'GpuOverheating',
          metric: 'gpu_temperature_celsius',
          operator: '>',
          threshold: 90,
          clearThreshold: 85,
          forSeconds: 120,
          matchers: [{ name: 'gpu', value: '[0-3]', isRegex: true, isEqual: true }],
          severity: 'critical',
          description: '',
          isEnabled: true,
        },
      },
    ]);
    expect((await screen.findByTestId('rule-row')).dataset.name).toBe('GpuOverheating');
  });

  it('says when the fleet has not reported a signal yet, and refuses a broken pattern', async () => {
    renderPanel(rulesBackend([]));
    fireEvent.click(await screen.findByTestId('rule-create'));
    await waitFor(() =>
      expect(screen.getByTestId('rule-metric-options').querySelectorAll('option')).toHaveLength(2),
    );
    type('rule-metric', 'gpu_fan_speed_percent');
    expect(screen.getByTestId('rule-dialog').textContent).toContain(
      'The fleet has not reported this signal yet',
    );
    fireEvent.click(screen.getByTestId('rule-add-matcher'));
    type('rule-matcher-name', 'host');
    fireEvent.change(screen.getByTestId('rule-matcher-op'), { target: { value: '=~' } });
    type('rule-matcher-value', 'gpu-(');
    fireEvent.click(screen.getByTestId('rule-submit'));
    expect(within(screen.getByTestId('rule-matcher')).getByRole('alert').textContent).toBe(
      'Not a valid regular expression.',
    );
  });

  it('edits a rule in place, and shows the backend’s refusal of a taken name', async () => {
    const other = { ...hotGpu, id: 2, name: 'AccuracyLow', metric: 'model_accuracy_ratio' };
    const bridge = rulesBackend([hotGpu, other]);
    renderPanel(bridge);
    await screen.findAllByTestId('rule-row');
    fireEvent.click(screen.getByRole('button', { name: 'Edit rule GpuTooHot' }));
    expect(field('rule-name').value).toBe('GpuTooHot');
    expect(field('rule-threshold').value).toBe('90');
    expect(field('rule-for').value).toBe('5');
    expect(field('rule-matcher-value').value).toBe('DGX pod A');

    type('rule-name', 'AccuracyLow');
    fireEvent.click(screen.getByTestId('rule-submit'));
    expect((await screen.findByTestId('rule-error')).textContent).toContain(
      'A rule named "AccuracyLow" already exists.',
    );
    type('rule-name', 'GpuTooHot');
    type('rule-threshold', '92');
    fireEvent.click(screen.getByTestId('rule-submit'));
    await waitFor(() => expect(screen.queryByTestId('rule-dialog')).toBeNull());
    expect(saves(bridge).at(-1)?.input).toMatchObject({ id: 1, rule: { threshold: 92 } });
    await waitFor(() =>
      expect(screen.getAllByTestId('rule-row')[0]!.textContent).toContain(
        'gpu_temperature_celsius > 92',
      ),
    );
  });

  it('deletes a rule only after confirming', async () => {
    const bridge = rulesBackend();
    renderPanel(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete rule GpuTooHot' }));
    expect(screen.getByTestId('rule-delete-dialog').textContent).toContain(
      'Its open alerts resolve at the next evaluation.',
    );
    fireEvent.click(screen.getByTestId('rule-delete-confirm'));
    await screen.findByTestId('rules-empty');
    expect(bridge.calls.filter((c) => c.channel === 'alertRules.delete')).toEqual([
      { channel: 'alertRules.delete', input: { id: 1 } },
    ]);
  });

  it('speaks Arabic, keeping the rule’s formula left to right', async () => {
    renderPanel(rulesBackend(), 'ml_engineer', 'ar');
    const row = await screen.findByTestId('rule-row');
    expect(row.textContent).toContain('تزول عند 85');
    expect(row.textContent).toContain('لمدة 5 د');
    expect(row.querySelector('code')?.getAttribute('dir')).toBe('ltr');
    expect(screen.getByTestId('rule-create').textContent).toBe('قاعدة جديدة');
  });
});
