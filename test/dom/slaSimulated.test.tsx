// SLA reports in the console and the demo's simulated hosts: a report only simulated hosts could fill
// is refused with the way to include them, such a report is marked, and exports are written in the
// operator's language.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { stubCanvas } from './runbookFixtures.ts';
import { slaReport, slaSummary, summary, detail } from './sloFixtures.ts';

stubCanvas(); // jsdom has no canvas: charts show their note instead

const written = {
  directory: '/var/lib/mirqab/exports/reports',
  files: [{ name: 'sla-emirates-bank-2025-02.pdf', bytes: 48_213 }],
  checkpoint: { treeSize: 412, rootHash: 'ab'.repeat(32) },
};

function bridge(extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers('admin'),
    'slo.list': () => [summary('fraud-latency')],
    'slo.get': ({ name }) => detail(name),
    'sla.list': () => [slaSummary('emirates-bank')],
    'sla.report': ({ name, period }) => slaReport(name, period),
    ...extra,
  });
}

async function openReport() {
  fireEvent.click(await screen.findByTestId('nav-sla'));
  fireEvent.click(await screen.findByTestId('sla-open'));
  return screen.findByTestId('sla-report');
}

describe('SLA reports and simulated data', () => {
  it('exports in Arabic from the Arabic console', async () => {
    const exported: ChannelInput<'sla.export'>[] = [];
    const prefs = memoryPreferences();
    prefs.set('mirqab.language', 'ar');
    renderApp(bridge({ 'sla.export': (input) => (exported.push(input), written) }), prefs);
    await openReport();
    await screen.findByTestId('sla-figures');
    fireEvent.click(screen.getByTestId('sla-export'));
    await screen.findByTestId('sla-export-result');
    expect(exported).toEqual([expect.objectContaining({ language: 'ar' })]);
  });

  it('names why a report only simulated hosts could fill is refused, and includes them when asked, marked', async () => {
    const asked: ChannelInput<'sla.report'>[] = [];
    const exported: ChannelInput<'sla.export'>[] = [];
    renderApp(
      bridge({
        'sla.report': (input) => {
          asked.push(input);
          return input.includeSimulated
            ? { ...slaReport(input.name, input.period), isSimulated: true }
            : apiError('SIMULATED_DATA_ONLY', 'Only simulated (demo) hosts have data');
        },
        'sla.export': (input) => (exported.push(input), written),
      }),
    );
    const report = await openReport();
    const error = await within(report).findByTestId('sla-report-error');
    expect(error.dataset.code).toBe('SIMULATED_DATA_ONLY');
    expect(error.textContent).toContain("Only the demo site's simulated hosts have data");
    expect(within(report).queryByTestId('sla-figures')).toBeNull();

    fireEvent.click(within(report).getByTestId('sla-include-simulated-now'));
    expect((await within(report).findByTestId('sla-simulated-banner')).textContent).toContain(
      'SIMULATED DATA',
    );
    expect(asked.at(-1)?.includeSimulated).toBe(true);
    expect(within(report).getByTestId<HTMLInputElement>('sla-include-simulated').checked).toBe(
      true,
    );
    fireEvent.click(within(report).getByTestId('sla-export'));
    await waitFor(() => expect(exported).toHaveLength(1));
    expect(exported[0]).toMatchObject({ includeSimulated: true, language: 'en' });
  });
});
