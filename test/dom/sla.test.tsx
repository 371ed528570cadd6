// The alert stream and SLAs around a fake bridge: filter by state, the report for the previous
// month by default, export for the roles that answer for reports, and the Arabic (RTL) views.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type { ChannelInput } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { alert, detail, slaReport, slaSummary, summary } from './sloFixtures.ts';

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

/** The last complete month in Asia/Dubai, worked out independently of the app's own code. */
function expectedPreviousMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Dubai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function bridgeFor(role: Role, extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'slo.list': () => [summary('fraud-latency')],
    'slo.get': ({ name }) => detail(name),
    'sla.list': () => [slaSummary('emirates-bank')],
    'sla.report': ({ name, period }) => slaReport(name, period),
    ...extra,
  });
}

describe('alerts', () => {
  it('filters the stream by state and links each alert to its SLO', async () => {
    const asked: ChannelInput<'alerts.list'>[] = [];
    renderApp(
      bridgeFor('viewer', {
        'alerts.list': (input) => {
          asked.push(input);
          return input.state === 'resolved'
            ? []
            : [alert(1), alert(2, { state: 'pending', severity: 'ticket', firingAt: null })];
        },
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-alerts'));
    // The Alerts page opens on the whole alert stream; the SLOs' burn-rate alerts have a tab.
    fireEvent.click(await screen.findByTestId('alerts-tab-slo'));
    const rows = await screen.findAllByTestId('alert-row');
    expect(asked[0]).toEqual({ state: 'open' });
    expect(rows.map((r) => [r.dataset.state, r.dataset.severity])).toEqual([
      ['firing', 'page'],
      ['pending', 'ticket'],
    ]);
    expect(within(rows[0]!).getByText('2025-03-04 12:02:00')).toBeTruthy();

    fireEvent.click(
      screen.getAllByTestId('alerts-filter').find((b) => b.dataset.filter === 'resolved')!,
    );
    expect(await screen.findByTestId('alerts-empty')).toBeTruthy();
    expect(asked.at(-1)).toEqual({ state: 'resolved' });

    fireEvent.click(
      screen.getAllByTestId('alerts-filter').find((b) => b.dataset.filter === 'all')!,
    );
    fireEvent.click((await screen.findAllByTestId('alert-slo-link'))[0]!);
    expect((await screen.findByTestId('slo-detail')).dataset.name).toBe('fraud-latency');
    expect(asked.at(-1)).toEqual({});
  });
});

describe('SLAs', () => {
  it('opens the report for the previous month with its verdict, per-SLO figures, breaches and maintenance', async () => {
    const asked: ChannelInput<'sla.report'>[] = [];
    renderApp(
      bridgeFor('viewer', {
        'sla.report': (input) => (asked.push(input), slaReport(input.name, input.period)),
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-sla'));
    expect(screen.queryByTestId('sla-create')).toBeNull();
    fireEvent.click(await screen.findByTestId('sla-open'));
    const report = await screen.findByTestId('sla-report');
    await waitFor(() =>
      expect(asked).toEqual([
        { name: 'emirates-bank', period: expectedPreviousMonth(), includeSimulated: false },
      ]),
    );
    expect(within(report).getAllByTestId('sla-verdict')[0]?.dataset.verdict).toBe('missed');
    const row = within(report).getByTestId('sla-slo-row');
    expect(row.dataset.met).toBe('false');
    expect(within(row).getByText('99.31 %')).toBeTruthy();
    expect(within(report).getByTestId('sla-breach').textContent).toContain('2025-02-13 10:00:00');
    expect(within(report).getByTestId('sla-maintenance').textContent).toContain(
      'GPU driver upgrade',
    );
    expect(within(report).getByTestId('sla-daily-chart').dataset.points).toBe('28');
    // A viewer may not export the report or edit the SLA.
    expect(within(report).queryByTestId('sla-export')).toBeNull();
    expect(within(report).queryByTestId('sla-edit')).toBeNull();

    fireEvent.change(within(report).getByTestId('sla-period'), {
      target: {
        value: within(report)
          .getByTestId('sla-period')
          .querySelectorAll('option')[2]!
          .getAttribute('value'),
      },
    });
    await waitFor(() => expect(asked).toHaveLength(2));
    fireEvent.click(
      within(report)
        .getAllByTestId('sla-period-kind')
        .find((b) => b.dataset.kind === 'quarter')!,
    );
    await waitFor(() => expect(asked.at(-1)?.period).toMatch(/^\d{4}-Q[1-4]$/));
  });

  it('lets an auditor export the report and shows the files and the audit checkpoint', async () => {
    const exported: ChannelInput<'sla.export'>[] = [];
    renderApp(
      bridgeFor('auditor', {
        'sla.export': (input) => {
          exported.push(input);
          return {
            directory: '/var/lib/mirqab/exports/sla-emirates-bank-2025-02',
            files: [
              { name: 'report.pdf', bytes: 48_213 },
              { name: 'report.csv', bytes: 2_190 },
            ],
            checkpoint: { treeSize: 412, rootHash: 'ab'.repeat(32) },
          };
        },
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-sla'));
    fireEvent.click(await screen.findByTestId('sla-open'));
    await screen.findByTestId('sla-figures');
    fireEvent.click(screen.getByTestId('sla-export'));
    const result = await screen.findByTestId('sla-export-result');
    expect(exported).toEqual([
      {
        name: 'emirates-bank',
        period: expectedPreviousMonth(),
        includeSimulated: false,
        language: 'en',
      },
    ]);
    expect(
      within(result)
        .getAllByTestId('sla-export-file')
        .map((f) => f.textContent),
    ).toEqual(['report.pdf (48,213 B)', 'report.csv (2,190 B)']);
    expect(within(result).getByTestId('sla-export-checkpoint').dataset.treeSize).toBe('412');
    expect(screen.queryByTestId('sla-edit')).toBeNull();
  });

  it('lets an admin create an SLA over chosen SLOs, validated as typed', async () => {
    const saved: ChannelInput<'sla.save'>[] = [];
    renderApp(
      bridgeFor('admin', {
        'sla.list': () => [],
        'sla.save': (input) => (saved.push(input), slaSummary(input.spec.name)),
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-sla'));
    fireEvent.click(await screen.findByTestId('sla-empty-create'));
    const editor = await screen.findByTestId('sla-editor');
    fireEvent.change(within(editor).getByTestId('sla-target'), { target: { value: '101' } });
    expect(within(editor).getByTestId('sla-target').closest('.field')?.textContent).toContain(
      'Enter a percentage above 0 and below 100',
    );
    fireEvent.change(within(editor).getByTestId('sla-target'), { target: { value: '99.5' } });
    fireEvent.change(within(editor).getByTestId('sla-name'), {
      target: { value: 'emirates-bank' },
    });
    fireEvent.change(within(editor).getByTestId('sla-customer'), {
      target: { value: 'Emirates Bank' },
    });
    fireEvent.click(within(editor).getByTestId('sla-save'));
    expect(within(editor).getByTestId('sla-slo-picker').textContent).toContain('Add at least 1.');
    fireEvent.click((await within(editor).findAllByTestId('sla-slo-option'))[0]!);
    fireEvent.click(within(editor).getByTestId('sla-add-maintenance'));
    const [start, end] = within(
      within(editor).getByTestId('sla-maintenance-row'),
    ).getAllByDisplayValue('');
    fireEvent.change(start!, { target: { value: '2025-02-10T02:00' } });
    fireEvent.change(end!, { target: { value: '2025-02-10T04:00' } });
    fireEvent.change(
      within(within(editor).getByTestId('sla-maintenance-row')).getAllByDisplayValue('')[0]!,
      { target: { value: 'GPU driver upgrade' } },
    );
    fireEvent.click(within(editor).getByTestId('sla-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.spec).toMatchObject({
      name: 'emirates-bank',
      customer: 'Emirates Bank',
      slos: ['fraud-latency'],
      target: 0.995,
      period: 'month',
      // Typed in the site's zone (Asia/Dubai, UTC+4).
      maintenance: [
        {
          start: '2025-02-10T02:00:00.000+04:00',
          end: '2025-02-10T04:00:00.000+04:00',
          reason: 'GPU driver upgrade',
        },
      ],
      credits: [{ below: 0.995, creditPercent: 10 }],
    });
  });
});

describe('in Arabic', () => {
  it('shows the SLO, alert and SLA views right to left with Arabic text', async () => {
    const prefs = memoryPreferences();
    prefs.set('mirqab.language', 'ar');
    renderApp(bridgeFor('admin', { 'alerts.list': () => [] }), prefs);
    expect(await screen.findByTestId('nav-slo')).toHaveProperty('textContent', 'أهداف الخدمة');
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
    fireEvent.click(screen.getByTestId('nav-slo'));
    const [row] = await screen.findAllByTestId('slo-row');
    expect(within(row!).getByText('سليم')).toBeTruthy();
    fireEvent.click(screen.getByTestId('nav-alerts'));
    fireEvent.click(await screen.findByTestId('alerts-tab-slo'));
    expect((await screen.findByTestId('alerts-empty')).textContent).toContain(
      'لا توجد تنبيهات بهذه الحالة.',
    );
    fireEvent.click(screen.getByTestId('nav-sla'));
    expect(await screen.findByText('اتفاقيات مستوى الخدمة')).toBeTruthy();
  });
});
