// Runbook controls around a fake bridge: the automation rules on the library page (an admin adds one
// and sees the backend's refusal in place, deleting asks first, a viewer reads them only), and on an
// incident a responder skipping the current step or canceling the run, each with a reason.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RunbookRule, RunbookRun } from '../../shared/ipc/runbookSchemas.ts';
import { apiError } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { openIncident, run, runbookBridge, stubCanvas } from './runbookFixtures.ts';

stubCanvas();

const rule: RunbookRule = {
  id: 1,
  matchKind: 'category',
  matchValue: 'model_accuracy',
  runbook: 'rollback-model',
  mode: 'suggest',
  createdAt: '2026-11-26T05:00:00.000Z',
  createdBy: 'system:builtin-runbooks',
};

async function openRules() {
  fireEvent.click(await screen.findByTestId('nav-runbooks'));
  const rules = await screen.findByTestId('runbook-rules');
  await within(rules).findByTestId('runbook-rule-row');
  return rules;
}

describe('Runbook automation rules', () => {
  it('lets an admin add a rule, shows the backend refusal in place, and lists the saved rule', async () => {
    const stored: RunbookRule[] = [rule];
    const bridge = runbookBridge('admin', {
      'runbooks.rules': () => ({ items: [...stored] }),
      'runbooks.saveRule': (input) => {
        if (input.matchValue === 'bad name')
          return apiError('BAD_REQUEST', 'matchValue: an alert name has no spaces');
        const saved = { ...input, id: 2, createdAt: rule.createdAt, createdBy: 'admin' };
        stored.push(saved);
        return saved;
      },
    });
    renderApp(bridge);
    const rules = await openRules();
    expect(within(rules).getByTestId('runbook-rules-note').textContent).toContain(
      'stop at every manual and every destructive step',
    );
    fireEvent.click(within(rules).getByTestId('runbook-rule-new'));
    const form = within(rules).getByTestId('runbook-rule-form');
    fireEvent.change(within(form).getByLabelText('Match on'), { target: { value: 'alert' } });
    fireEvent.change(within(form).getByLabelText('Alert name'), { target: { value: 'bad name' } });
    fireEvent.change(within(form).getByLabelText('Runbook'), {
      target: { value: 'rollback-model' },
    });
    fireEvent.change(within(form).getByLabelText('Mode'), { target: { value: 'auto' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    expect((await within(form).findByTestId('runbook-rule-error')).textContent).toContain(
      'an alert name has no spaces',
    );
    fireEvent.change(within(form).getByLabelText('Alert name'), {
      target: { value: 'ModelAccuracyDrop' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(within(rules).getAllByTestId('runbook-rule-row')).toHaveLength(2));
    const added = within(rules).getAllByTestId('runbook-rule-row')[1]!;
    expect(added.textContent).toContain('Alert name: ModelAccuracyDrop');
    expect(added.textContent).toContain('rollback-model');
    expect(added.textContent).toContain('Start automatically');
    expect(bridge.calls.filter((c) => c.channel === 'runbooks.saveRule').at(-1)?.input).toEqual({
      matchKind: 'alert',
      matchValue: 'ModelAccuracyDrop',
      runbook: 'rollback-model',
      mode: 'auto',
    });
  });

  it('deletes a rule only after confirmation', async () => {
    let stored: RunbookRule[] = [rule];
    const bridge = runbookBridge('ml_engineer', {
      'runbooks.rules': () => ({ items: [...stored] }),
      'runbooks.deleteRule': ({ id }) => {
        stored = stored.filter((r) => r.id !== id);
        return { done: true as const };
      },
    });
    renderApp(bridge);
    const rules = await openRules();
    fireEvent.click(within(rules).getByTestId('runbook-rule-delete'));
    expect(bridge.calls.some((c) => c.channel === 'runbooks.deleteRule')).toBe(false);
    fireEvent.click(await screen.findByTestId('runbook-rule-delete-dialog-confirm'));
    expect(await within(rules).findByText('No automation rules yet.')).toBeTruthy();
  });

  it('shows a viewer the rules read-only', async () => {
    renderApp(runbookBridge('viewer', { 'runbooks.rules': () => ({ items: [rule] }) }));
    const rules = await openRules();
    expect(within(rules).getByTestId('runbook-rule-row').textContent).toContain(
      'Incident category: Model accuracy',
    );
    expect(within(rules).queryByTestId('runbook-rule-new')).toBeNull();
    expect(within(rules).queryByTestId('runbook-rule-edit')).toBeNull();
    expect(within(rules).queryByTestId('runbook-rule-delete')).toBeNull();
  });
});

describe('Skipping a step and canceling a run', () => {
  const manualRun = (): RunbookRun => {
    const r = run('incident.commander');
    return {
      ...r,
      steps: r.steps.map((s) => ({ ...s, status: 'pending' as const, actor: null })),
    };
  };

  it('lets a responder skip the current manual step with a reason; it shows skipped', async () => {
    let current = manualRun();
    const bridge = runbookBridge('operator', {
      'runbooks.forIncident': () => ({ suggestions: [], runs: [current] }),
      'runbooks.skipStep': ({ stepIndex, reason }) => {
        current = {
          ...current,
          steps: current.steps.map((s) =>
            s.index === stepIndex
              ? { ...s, status: 'skipped' as const, actor: 'operator', reason }
              : s,
          ),
        };
        return current;
      },
    });
    renderApp(bridge);
    const panel = await openIncident();
    const [first, second] = await within(panel).findAllByTestId('runbook-step');
    expect(within(second!).queryByTestId('runbook-step-skip')).toBeNull();
    fireEvent.click(within(first!).getByTestId('runbook-step-skip'));
    const dialog = await screen.findByTestId('runbook-reason-dialog');
    const confirm = within(dialog).getByTestId<HTMLButtonElement>('runbook-reason-confirm');
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Reason (required)'), {
      target: { value: 'Regression already confirmed on the dashboard' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(within(panel).getAllByTestId('runbook-step')[0]!.dataset.status).toBe('skipped'),
    );
    const step = within(panel).getAllByTestId('runbook-step')[0]!;
    expect(step.textContent).toContain('Skipped');
    expect(step.textContent).toContain('Regression already confirmed on the dashboard');
    expect(screen.queryByTestId('runbook-reason-dialog')).toBeNull();
    expect(bridge.calls.find((c) => c.channel === 'runbooks.skipStep')?.input).toEqual({
      runId: 7,
      stepIndex: 0,
      reason: 'Regression already confirmed on the dashboard',
    });
  });

  it('cancels an open run with a reason; the run then offers neither skip nor cancel', async () => {
    let current = manualRun();
    const bridge = runbookBridge('operator', {
      'runbooks.forIncident': () => ({ suggestions: [], runs: [current] }),
      'runbooks.cancel': ({ reason }) => {
        current = { ...current, state: 'canceled', reason };
        return current;
      },
    });
    renderApp(bridge);
    const panel = await openIncident();
    fireEvent.click(await within(panel).findByTestId('runbook-run-cancel'));
    const dialog = await screen.findByTestId('runbook-reason-dialog');
    fireEvent.change(within(dialog).getByLabelText('Reason (required)'), {
      target: { value: 'Wrong host' },
    });
    fireEvent.click(within(dialog).getByTestId('runbook-reason-confirm'));
    await waitFor(() =>
      expect(within(panel).getByTestId('runbook-run').dataset.state).toBe('canceled'),
    );
    expect(within(panel).getByTestId('runbook-run').textContent).toContain('Wrong host');
    expect(within(panel).queryByTestId('runbook-run-cancel')).toBeNull();
    expect(within(panel).queryByTestId('runbook-step-skip')).toBeNull();
  });

  it('offers a viewer no skip or cancel', async () => {
    renderApp(
      runbookBridge('viewer', {
        'runbooks.forIncident': () => ({ suggestions: [], runs: [manualRun()] }),
      }),
    );
    const panel = await openIncident();
    await within(panel).findByTestId('runbook-run');
    expect(within(panel).queryByTestId('runbook-run-cancel')).toBeNull();
    expect(within(panel).queryByTestId('runbook-step-skip')).toBeNull();
  });
});
