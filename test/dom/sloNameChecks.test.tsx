// The SLO editors offer the names the fleet reports and warn, before anything is saved, about one that
// nothing reports (a misspelt model, a query's unknown metric, a standby host the fleet lacks); an
// unsaved draft survives a reload and the page asks before it is left.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { SloSummary } from '../../shared/ipc/contract.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { host } from './fleetFixtures.ts';
import { stripIsolates } from '../../renderer/i18n/format.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { renderApp } from './harness.tsx';
import { stubCanvas } from './runbookFixtures.ts';
import { detail, summary } from './sloFixtures.ts';

stubCanvas();

const KNOWN = {
  models: ['fraud-scorer', 'llama-3-8b'],
  metrics: ['errors_total', 'requests_total'],
  hosts: ['gpu-a1', 'gpu-a2'],
};

/** An SLO whose coverage is not in question here (its window's data is not what these tests are about). */
const settled = (s: SloSummary): SloSummary => ({ ...s, coverage: null });

function bridge(role: Role, extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'slo.list': () => [settled(summary('fraud-latency'))],
    'slo.get': ({ name }) => ({ ...detail(name), summary: settled(summary(name)) }),
    'slo.knownNames': () => KNOWN,
    'fleet.list': () => [host(1, { name: 'gpu-a1' }), host(2, { name: 'gpu-a2' })],
    ...extra,
  });
}

async function openNewEditor() {
  fireEvent.click(await screen.findByTestId('nav-slo'));
  fireEvent.click(await screen.findByTestId('slo-create'));
  // The editor's code loads on first use: on a busy machine that can take a few seconds.
  return screen.findByTestId('slo-editor', {}, { timeout: 15_000 });
}

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
/** The warning beside a field, without the bidi isolates that keep a Latin name whole in Arabic. */
const fieldWarning = (testId: string) => {
  const text = screen.getByTestId(testId).closest('.field')?.querySelector('.field-warning');
  return text ? stripIsolates(text.textContent ?? '') : null;
};

/** Dispatches the event a reload or a closing tab sends; true when the page asked to stay. */
function leavingIsHeld(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('known names in the SLO editor', () => {
  it('offers the models the fleet reports and warns, beside the field, about one nothing reports', async () => {
    renderApp(bridge('ml_engineer'));
    await openNewEditor();
    const model = screen.getByTestId('slo-model');
    const list = document.getElementById(model.getAttribute('list') ?? '');
    await waitFor(() =>
      expect([...(list?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual(
        KNOWN.models,
      ),
    );
    type('slo-model', 'fraud-scorr');
    expect(fieldWarning('slo-model')).toBe(
      'No service of a model named “fraud-scorr” has reported telemetry: check the spelling, or this SLO will read no data.',
    );
    expect(model.getAttribute('aria-describedby')).toContain('-warning');
    expect(screen.getByTestId('slo-editor-warnings').textContent).toContain('One name here');
    type('slo-model', 'fraud-scorer');
    expect(fieldWarning('slo-model')).toBeNull();
    expect(screen.queryByTestId('slo-editor-warnings')).toBeNull();
  });

  it('warns when a PromQL query selects a metric no host has reported', async () => {
    renderApp(bridge('ml_engineer'));
    await openNewEditor();
    fireEvent.click(screen.getByTestId('slo-source-promql'));
    await waitFor(() => expect(screen.getByTestId('slo-model').getAttribute('list')).toBeTruthy());
    type('slo-promql-query', 'sum(rate(erors_total[5m]))');
    await waitFor(() =>
      expect(fieldWarning('slo-promql-query')).toBe(
        'No host has reported “erors_total”: check the metric name, or this query reads no data.',
      ),
    );
    type('slo-promql-total', 'sum(rate(requests_total[5m]))');
    expect(fieldWarning('slo-promql-total')).toBeNull();
    type('slo-promql-query', 'sum(rate(errors_total[5m]))');
    expect(fieldWarning('slo-promql-query')).toBeNull();
  });

  it('warns in Arabic too', async () => {
    renderApp(bridge('ml_engineer'), memoryPreferences({ 'mirqab.language': 'ar' }));
    await openNewEditor();
    await waitFor(() => expect(screen.getByTestId('slo-model').getAttribute('list')).toBeTruthy());
    type('slo-model', 'fraud-scorr');
    await waitFor(() => expect(fieldWarning('slo-model')).toContain('لم تُرسل أي خدمة'));
  });
});

describe('an unsaved SLO draft', () => {
  it('comes back after a reload with a notice, can be discarded, and holds the page while unsaved', async () => {
    renderApp(bridge('ml_engineer'));
    await openNewEditor();
    expect(leavingIsHeld()).toBe(false);
    type('slo-name', 'fraud-availability');
    type('slo-objective', '99.5');
    expect(leavingIsHeld()).toBe(true);

    cleanup(); // the reload: the page goes, its address and the tab's session storage stay
    renderApp(bridge('ml_engineer'));
    await screen.findByTestId('slo-editor');
    expect(await screen.findByTestId('slo-draft-restored')).toBeTruthy();
    expect(screen.getByTestId<HTMLInputElement>('slo-name').value).toBe('fraud-availability');
    expect(screen.getByTestId<HTMLInputElement>('slo-objective').value).toBe('99.5');
    expect(leavingIsHeld()).toBe(true);

    fireEvent.click(screen.getByTestId('slo-draft-discard'));
    expect(screen.queryByTestId('slo-draft-restored')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('slo-name').value).toBe('');
    expect(leavingIsHeld()).toBe(false);

    cleanup();
    renderApp(bridge('ml_engineer'));
    await screen.findByTestId('slo-editor');
    expect(screen.queryByTestId('slo-draft-restored')).toBeNull();
  });

  it('is kept per operator: another operator opening the editor does not see it', async () => {
    renderApp(bridge('ml_engineer'));
    await openNewEditor();
    type('slo-name', 'fraud-availability');
    cleanup();
    renderApp(bridge('admin'));
    await screen.findByTestId('slo-editor');
    expect(screen.queryByTestId('slo-draft-restored')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('slo-name').value).toBe('');
  });
});

describe('an enforcement policy’s host parameter', () => {
  it('offers the fleet’s hosts and warns about a standby host the fleet does not have', async () => {
    renderApp(
      bridge('ml_engineer', {
        'fleet.host': ({ hostId }) => ({
          host: host(hostId, { name: 'gpu-a1' }),
          gpus: [],
          modelServices: [],
          hostMetrics: {},
          events: [],
          actions: [
            {
              name: 'fail_over',
              description: 'Move the traffic to a standby host',
              params: [
                { name: 'model', type: 'string', required: true },
                { name: 'standby', type: 'string', required: true, refersTo: 'host' },
              ],
            },
          ],
        }),
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-slo'));
    fireEvent.click((await screen.findAllByTestId('slo-row'))[0]!);
    fireEvent.click(await screen.findByTestId('slo-policy-edit'));
    const actionSelect = await screen.findByTestId('slo-policy-action');
    await waitFor(() => expect(actionSelect.querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(actionSelect, { target: { value: 'fail_over' } });
    const standby = await screen.findByTestId('slo-policy-param-standby');
    const list = document.getElementById(standby.getAttribute('list') ?? '');
    expect([...(list?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual([
      'gpu-a1',
      'gpu-a2',
    ]);
    type('slo-policy-param-standby', 'sim-gpu-99');
    expect(fieldWarning('slo-policy-param-standby')).toBe(
      'There is no host named “sim-gpu-99” in the fleet; the policy will be refused.',
    );
    type('slo-policy-param-standby', 'gpu-a2');
    expect(fieldWarning('slo-policy-param-standby')).toBeNull();
    // The model parameter names no host: nothing is offered or checked there.
    expect(screen.getByTestId('slo-policy-param-model').getAttribute('list')).toBeNull();
  });
});
