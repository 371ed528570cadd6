// Runbooks in the renderer around a fake bridge: the incident panel's suggestions, dry-run table and
// runs (approve disabled, with the reason, for the operator who started the run), and the library
// page's import showing every problem before anything is stored; the same screens in Arabic.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { renderApp } from './harness.tsx';
import { openIncident, plan, run, runbookBridge, stubCanvas } from './runbookFixtures.ts';

stubCanvas();

describe('Runbooks on an incident', () => {
  it('suggests a runbook, shows its dry-run and starts exactly that plan', async () => {
    const bridge = runbookBridge('incident_commander', {
      'runbooks.start': () => run('incident.commander'),
    });
    renderApp(bridge);
    const panel = await openIncident();
    const suggestion = await within(panel).findByTestId('runbook-suggestion');
    fireEvent.click(within(suggestion).getByRole('button'));
    const table = await within(panel).findByTestId('runbook-dry-run');
    expect(
      within(table)
        .getAllByTestId('runbook-plan-params')
        .map((c) => c.textContent),
    ).toEqual(['—', 'model=llama version=v6']);
    expect(within(table).getByText('gpu-01')).toBeTruthy();
    fireEvent.click(within(panel).getByTestId('runbook-start'));
    await waitFor(() =>
      expect(bridge.calls.find((c) => c.channel === 'runbooks.start')?.input).toEqual({
        incidentId: 1,
        name: 'rollback-model',
        version: 1,
        digest: plan.digest,
      }),
    );
  });

  it('disables approval for the operator who started the run and says why; another may approve', async () => {
    renderApp(
      runbookBridge('incident_commander', {
        'runbooks.forIncident': () => ({ suggestions: [], runs: [run('incident.commander')] }),
      }),
    );
    const panel = await openIncident();
    const approve = await within(panel).findByTestId('runbook-approve');
    expect((approve as HTMLButtonElement).disabled).toBe(true);
    expect(approve.getAttribute('title')).toBe(
      'You started this run: another operator must approve its destructive steps.',
    );
  });

  it('lets a second operator approve, in Arabic too', async () => {
    const prefs = memoryPreferences({ 'mirqab.language': 'ar' });
    const bridge = runbookBridge('ml_engineer', {
      'runbooks.forIncident': () => ({ suggestions: [], runs: [run('amal')] }),
      'runbooks.approveStep': () => ({ ...run('amal'), state: 'succeeded' as const }),
    });
    renderApp(bridge, prefs);
    const panel = await openIncident();
    expect(within(panel).getByText('أدلة التشغيل')).toBeTruthy();
    const approve = await within(panel).findByTestId('runbook-approve');
    expect((approve as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(approve);
    await waitFor(() =>
      expect(bridge.calls.some((c) => c.channel === 'runbooks.approveStep')).toBe(true),
    );
  });
});

describe('Runbook library', () => {
  it('shows every problem of a pasted runbook before anything is imported', async () => {
    const bridge = runbookBridge('ml_engineer', {
      'runbooks.validate': () => ({
        isValid: false,
        name: null,
        version: null,
        stepCount: null,
        problems: [
          { line: 4, col: 1, field: 'version', message: 'must be a whole number' },
          { line: 9, col: 5, field: 'steps[0].action', message: 'is required' },
        ],
      }),
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-runbooks'));
    expect(await screen.findByTestId('runbook-row')).toBeTruthy();
    fireEvent.change(screen.getByTestId('runbook-source'), { target: { value: 'name: x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    const problems = await screen.findByTestId('runbook-problems');
    expect(problems.textContent).toContain('4:1 version: must be a whole number');
    expect(problems.textContent).toContain('9:5 steps[0].action: is required');
    expect(screen.getByTestId<HTMLButtonElement>('runbook-import').disabled).toBe(true);
    expect(bridge.calls.some((c) => c.channel === 'runbooks.import')).toBe(false);
  });
});
