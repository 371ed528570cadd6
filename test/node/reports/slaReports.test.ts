// SLA compliance over a known October: an outage breaches the SLA and owes a credit, unless it fell
// inside a declared maintenance window; exports are written, stamped and audited.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlaSpecInput } from '../../../shared/domain/slo/sla.ts';
import { MINUTE, setUpSloSite, steadyTraffic, type SloSite } from '../slo/sloSite.ts';

let site: SloSite;
const OCTOBER_START = Date.parse('2026-09-30T20:00:00.000Z'); // 1 October, midnight in Dubai
const OUTAGE = {
  from: Date.parse('2026-10-14T06:00:00.000Z'),
  to: Date.parse('2026-10-14T07:00:00.000Z'),
};

const sla = (maintenance: SlaSpecInput['maintenance'] = []): SlaSpecInput => ({
  name: 'retail-gold',
  displayName: 'Retail banking — Gold',
  customer: 'Retail banking',
  slos: ['llama-availability'],
  target: 0.9995,
  period: 'month',
  maintenance,
  credits: [
    { below: 0.9995, creditPercent: 10 },
    { below: 0.99, creditPercent: 25 },
  ],
});

beforeEach(async () => {
  site = await setUpSloSite();
  const now = site.clock.now().getTime();
  site.writeService(
    'llama-3-8b',
    'v7',
    steadyTraffic(OCTOBER_START - 2 * 24 * 60 * MINUTE, now, 100, OUTAGE),
  );
  await site.admin.must('slo.save', {
    spec: {
      name: 'llama-availability',
      service: { model: 'llama-3-8b' },
      indicator: { type: 'availability', source: { kind: 'canonical' } },
      window: { type: 'rolling', days: 30 },
      objective: 0.999,
    },
  });
});
afterEach(() => site.cleanup());

describe('SLA compliance reports', () => {
  it('an hour-long outage in October misses a 99.95 % SLA and owes the 10 % credit', async () => {
    await site.admin.must('sla.save', { spec: sla() });
    const report = await site.admin.must('sla.report', { name: 'retail-gold', period: '2026-10' });
    const minutes = 31 * 24 * 60;
    expect(report).toMatchObject({
      from: '2026-09-30T20:00:00.000Z',
      to: '2026-10-31T20:00:00.000Z',
      timeZone: 'Asia/Dubai',
      isMet: false,
      creditPercent: 10,
      maintenanceMinutes: 0,
    });
    expect(report.slos[0]!.attainment).toBeCloseTo(1 - 60 / minutes, 9);
    expect(report.attainment).toBe(report.slos[0]!.attainment); // the SLA's attainment is its weakest SLO's
    expect(report.slos[0]!.budgetConsumed).toBeCloseTo(60 / (minutes * 0.001), 6);
    expect(report.slos[0]!.daily).toHaveLength(31);
    expect(report.slos[0]!.daily.find((d) => d.value !== null && d.value < 1)?.t).toBe(
      Date.parse('2026-10-13T20:00:00.000Z'),
    );
  });

  it('leaves a declared maintenance window out, so the same month meets the SLA', async () => {
    await site.admin.must('sla.save', {
      spec: sla([
        {
          start: '2026-10-14T09:30:00+04:00',
          end: '2026-10-14T11:30:00+04:00',
          reason: 'GPU driver upgrade CHG-1182',
        },
      ]),
    });
    const report = await site.admin.must('sla.report', { name: 'retail-gold', period: '2026-10' });
    expect(report).toMatchObject({
      isMet: true,
      attainment: 1,
      creditPercent: 0,
      maintenanceMinutes: 120,
    });
    expect(report.slos[0]!.attainment).toBe(1);
    expect(report.maintenance).toEqual([
      {
        start: '2026-10-14T05:30:00.000Z',
        end: '2026-10-14T07:30:00.000Z',
        reason: 'GPU driver upgrade CHG-1182',
      },
    ]);
  });

  it('refuses an SLA over an SLO that does not exist, naming it', async () => {
    const result = await site.admin.call('sla.save', {
      spec: { ...sla(), slos: ['llama-availability', 'no-such-slo'] },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('"no-such-slo"') as unknown },
    });
  });

  it('exports PDF and CSV stamped with the audit checkpoint, and only for roles that answer for reports', async () => {
    await site.admin.must('sla.save', { spec: sla() });
    const viewer = await site.operatorWithRole('viewer');
    expect(
      await viewer.call('sla.export', { name: 'retail-gold', period: '2026-10' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const auditor = await site.operatorWithRole('auditor');
    const written = await auditor.must('sla.export', { name: 'retail-gold', period: '2026-10' });
    expect(written.files.map((f) => f.name).sort()).toEqual([
      'sla-retail-gold-2026-10.checkpoint.json',
      'sla-retail-gold-2026-10.csv',
      'sla-retail-gold-2026-10.html',
      'sla-retail-gold-2026-10.pdf',
    ]);
    for (const f of written.files) expect(existsSync(join(written.directory, f.name))).toBe(true);
    const audit = await site.admin.must('audit.list', { action: 'sla.export', limit: 5 });
    expect(audit.entries[0]).toMatchObject({ actor: 'auditor', target: 'sla:retail-gold' });
    expect(audit.entries[0]!.details).toMatchObject({
      checkpoint: { treeSize: written.checkpoint.treeSize, rootHash: written.checkpoint.rootHash },
    });
  }, 60_000);
});
