// Arabic pages: text an operator typed stays isolated from the Arabic around it, figures keep their
// order with their units, and what the console itself writes (the demo's names, agent events, audit
// actions and roles) is shown in Arabic while the stored codes stay as they are.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, FleetHost } from '../../shared/ipc/contract.ts';
import { DEMO_CLUSTER, DEMO_SITE } from '../../shared/domain/fleet/demoSite.ts';
import { createI18n } from '../../renderer/i18n/init.ts';
import { timeSeriesOption } from '../../renderer/charts/timeSeriesOption.ts';
import {
  formatMultiple,
  formatQuantity,
  isolate,
  stripIsolates,
} from '../../renderer/i18n/format.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { cluster, detail, gpusOf, host, series } from './fleetFixtures.ts';
import { renderApp } from './harness.tsx';
import { stubCanvas } from './runbookFixtures.ts';

const FSI = '\u2068';
const LRI = '\u2066';
const PDI = '\u2069';
const TYPED = '<img src=x> Abu Dhabi DC1';

stubCanvas(); // jsdom has no canvas: charts show their note instead

function arabic() {
  const prefs = memoryPreferences();
  prefs.set('mirqab.language', 'ar');
  return prefs;
}

function fleetBridge(hosts: FleetHost[], extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers('admin'),
    'fleet.list': () => hosts,
    'fleet.clusters': () => [cluster(1, { name: DEMO_CLUSTER, site: DEMO_SITE })],
    'fleet.host': ({ hostId }) => detail(hosts.find((h) => h.id === hostId) ?? host(hostId)),
    'fleet.gpus': () => gpusOf(hosts),
    'fleet.series': ({ range }) => series(range, [[Date.parse('2025-03-04T10:00:00Z'), 50]]),
    ...extra,
  });
}

describe('figures with units', () => {
  it('keeps "0.56×", "100 %" and "1 req/s" left to right as one piece', () => {
    expect(formatMultiple(0.56)).toBe(`${LRI}0.56×${PDI}`);
    expect(formatQuantity(100, '%', 'en')).toBe(`${LRI}100 %${PDI}`);
    expect(formatQuantity(1, 'req/s', 'en')).toBe(`${LRI}1 req/s${PDI}`);
    expect(stripIsolates(formatMultiple(14.4))).toBe('14.4×');
    expect(isolate(TYPED)).toBe(`${FSI}${TYPED}${PDI}`);
  });
});

describe('charts in Arabic', () => {
  const t0 = Date.parse('2025-03-04T10:00:00Z');
  const chart = (rtl: boolean, unit: string) =>
    timeSeriesOption(
      [
        { name: 'p50', points: [[t0, 1]] },
        { name: TYPED, points: [[t0, 1]] },
      ],
      { rtl, locale: rtl ? 'ar-AE' : 'en-GB', timeZone: 'Asia/Dubai', unit },
    );
  type Axis = { axisLabel: { formatter: (v: number) => string } };

  it('reads "100 %" and "1 req/s" on the value axis, not "% 100" and "req/s 1"', () => {
    expect((chart(true, '%').yAxis as Axis).axisLabel.formatter(100)).toBe(`${LRI}100 %${PDI}`);
    expect((chart(true, 'req/s').yAxis as Axis).axisLabel.formatter(1)).toBe(`${LRI}1 req/s${PDI}`);
    expect((chart(false, '%').yAxis as Axis).axisLabel.formatter(100)).toBe('100 %');
  });

  it('isolates series names, times and figures in the tooltip', () => {
    const tooltip = (chart(true, 'req/s').tooltip as { formatter: (p: unknown) => string })
      .formatter;
    const text = tooltip([
      { seriesName: TYPED, value: [t0, 1], axisValue: t0 },
      { seriesName: 'p50', value: [t0, 2.5], axisValue: t0 },
    ]);
    expect(text).toContain(`${FSI}${TYPED}${PDI}: ${LRI}1 req/s${PDI}`);
    expect(text).toContain(`${FSI}p50${PDI}: ${LRI}2.5 req/s${PDI}`);
    expect(text.split('\n')[0]).toMatch(new RegExp(`^${FSI}.*${PDI}$`));
    const legend = chart(true, 'req/s').legend as { formatter: (name: string) => string };
    expect(legend.formatter(TYPED)).toBe(`${FSI}${TYPED}${PDI}`);
  });
});

describe('translated sentences', () => {
  it('isolates every value put into an Arabic sentence, and leaves English as it is', () => {
    const ar = createI18n('ar');
    const en = createI18n('en');
    expect(ar.t('fleet.revoke.title', { name: TYPED })).toContain(`${FSI}${TYPED}${PDI}`);
    expect(en.t('fleet.revoke.title', { name: TYPED })).not.toMatch(/[\u2066-\u2069]/);
    // "0.56×" in an Arabic sentence reads "0.56×", not "×0.56".
    expect(ar.t('slo.backtest.peak', { rate: '0.56×' })).toContain(`${FSI}0.56×${PDI}`);
    // A bare count, or a value in Arabic letters only, needs nothing: it reads the same either way.
    expect(ar.t('fleet.revoke.title', { name: 'مضيف دبي' })).not.toMatch(/[\u2066-\u2069]/);
    expect(ar.t('fleet.hostCount', { count: 3, formatted: '3' })).not.toMatch(/[\u2066-\u2069]/);
  });

  it('keeps commands and examples in Arabic hints in one piece', () => {
    const ar = createI18n('ar');
    expect(ar.t('fleet.enrol.codeInvalid')).toContain(`${LRI}mq1.<64 hex>.<32 hex>${PDI}`);
    expect(ar.t('fleet.empty.step2')).toContain(`${LRI}mirqab-agent run --config FILE${PDI}`);
    expect(ar.t('fleet.enrol.addressHint')).toContain(`${LRI}10.0.4.17:7443${PDI}`);
    expect(ar.t('slo.source.queryHint')).toMatch(new RegExp(`${LRI}sum\\(rate.*\\)${PDI}$`));
    expect(ar.t('fleet.gpuN', { index: 3 })).toBe(`${LRI}GPU 3${PDI}`);
  });
});

describe('the Fleet view in Arabic', () => {
  it('isolates a typed host name and names the demo site and cluster in Arabic', async () => {
    const hosts = [
      host(1, { name: TYPED, clusterName: DEMO_CLUSTER, simulated: true }),
      host(2, { clusterName: DEMO_CLUSTER }),
    ];
    renderApp(fleetBridge(hosts), arabic());
    fireEvent.click(await screen.findByTestId('nav-fleet'));
    const rows = await screen.findAllByTestId('fleet-host-row');
    const name = within(rows[0]!).getByTestId('fleet-host-name');
    expect(name.tagName).toBe('BDI');
    expect(name.textContent).toBe(TYPED);
    expect(document.querySelector('img')).toBeNull();
    expect(rows[0]!.textContent).toContain('عنقود وحدات GPU تجريبي (محاكاة)');
    expect(rows[0]!.textContent).not.toContain(DEMO_CLUSTER);

    const site = (await screen.findByTestId('fleet-site')).querySelector('.fleet-site-name');
    expect(site?.textContent).toBe('تجريبي');
    const clusterName = screen.getByTestId('fleet-cluster').querySelector('.fleet-cluster-name');
    expect(clusterName?.textContent).toBe('عنقود وحدات GPU تجريبي (محاكاة)');
  });

  it("tells an agent's events and a simulated host's actions in Arabic", async () => {
    const sim = host(1, { name: 'sim-gpu-01', simulated: true });
    const base = detail(sim);
    renderApp(
      fleetBridge([sim], {
        'fleet.host': () => ({
          ...base,
          actions: [
            { name: 'drain_host', description: 'Take this host out of service.', params: [] },
          ],
          events: [
            {
              tsMs: Date.parse('2025-03-04T10:00:00Z'),
              kind: 'fault_injected',
              severity: 'warning',
              message: 'simulated fault latency_spike on sim-gpu-01 for 240 s',
              details: {
                fault: 'latency_spike',
                target: { host: 'sim-gpu-01' },
                durationSeconds: 240,
              },
            },
            {
              tsMs: Date.parse('2025-03-04T09:00:00Z'),
              kind: 'future_kind',
              severity: 'info',
              message: 'something new',
              details: {},
            },
          ],
        }),
      }),
      arabic(),
    );
    fireEvent.click(await screen.findByTestId('nav-fleet'));
    fireEvent.click((await screen.findAllByTestId('fleet-host-row'))[0]!);
    const events = await screen.findAllByTestId('fleet-event');
    expect(events[0]!.textContent).toContain('عطل محاكى');
    expect(events[0]!.textContent).toContain('«ارتفاع زمن الاستجابة» على \u2068sim-gpu-01\u2069');
    expect(events[0]!.textContent).not.toContain('simulated fault');
    // An event this console does not know keeps the agent's own words.
    expect(events[1]!.textContent).toContain('something new');
    const action = await screen.findByTestId('fleet-action');
    expect(action.textContent).toContain('إخراج هذا المضيف من الخدمة');
  });
});

const entry = (seq: number, patch: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  ts: '2025-03-04T10:05:09.123Z',
  actor: 'admin',
  role: 'admin',
  action: 'fleet.enrol',
  target: 'host:7',
  outcome: 'success',
  details: {},
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  ...patch,
});

describe('the audit log in Arabic', () => {
  it('names actions and roles in Arabic and keeps each code beside it', async () => {
    const entries = [
      entry(3, { action: 'slo.enforcement.proposed', role: 'system', actor: 'system' }),
      entry(2, { action: 'fleet.enrol', role: 'admin' }),
      entry(1, { action: 'brand.newCode', role: 'agent', actor: 'agent:sim-1' }),
    ];
    renderApp(
      createFakeBridge({
        ...signedInHandlers('auditor'),
        'audit.list': () => ({ entries, total: entries.length }),
      }),
      arabic(),
    );
    fireEvent.click(await screen.findByTestId('nav-audit'));
    const rows = await screen.findAllByTestId('audit-row');
    const action = (i: number) => within(rows[i]!).getByTestId('audit-row-action');
    expect(action(0).textContent).toBe('اقتراح إجراء إنفاذ');
    expect(action(0).title).toBe('slo.enforcement.proposed');
    expect(action(1).textContent).toBe('تسجيل مضيف');
    expect(action(2).textContent).toBe('brand.newCode');
    expect(rows[0]!.textContent).toContain('النظام');
    expect(rows[1]!.textContent).toContain('مسؤول');
    expect(rows[2]!.textContent).toContain('وكيل');
    expect(rows[1]!.dataset.action).toBe('fleet.enrol');

    fireEvent.click(rows[1]!);
    const details = await screen.findByTestId('audit-details-action');
    expect(details.textContent).toContain('تسجيل مضيف');
    expect(details.textContent).toContain('fleet.enrol');
  });

  it('names the latest actions on the operations home in Arabic too, code on hover', async () => {
    renderApp(
      createFakeBridge({
        ...signedInHandlers('admin'),
        'overview.get': () => ({
          siteName: 'Abu Dhabi DC1',
          timeZone: 'Asia/Dubai',
          residency: 'AE',
          operatorCount: 1,
          activeSessions: 1,
          auditCount: 1,
          recentAudit: [entry(2, { action: 'fleet.enrol', target: '<b>host:7</b>' })],
        }),
      }),
      arabic(),
    );
    const action = await screen.findByTestId('overview-audit-action');
    expect(action.textContent).toBe('تسجيل مضيف');
    expect(action.title).toBe('fleet.enrol');
    expect(screen.getByText('<b>host:7</b>').tagName).toBe('BDI');
  });
});
