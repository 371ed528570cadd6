// SLA reports and the demo site: a real report leaves simulated hosts out, refuses (naming why) when they
// are all there is, and a report that includes them at the operator's request says so on every page.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlaSpecInput } from '../../../shared/domain/slo/sla.ts';
import { setUpSloSite, steadyTraffic, type SloSite } from '../slo/sloSite.ts';

const run = promisify(execFile);
let site: SloSite;
const OCTOBER_START = Date.parse('2026-09-30T20:00:00.000Z'); // 1 October, midnight in Dubai
const OUTAGE = {
  from: Date.parse('2026-10-14T06:00:00.000Z'),
  to: Date.parse('2026-10-14T07:00:00.000Z'),
};

const sla: SlaSpecInput = {
  name: 'retail-gold',
  customer: 'Retail banking',
  slos: ['llama-availability'],
  target: 0.9995,
  period: 'month',
  maintenance: [],
  credits: [{ below: 0.9995, creditPercent: 10 }],
};

/** The demo's simulated host serves the model with an outage in October. */
function writeSimulatedService(): void {
  const now = site.clock.now().getTime();
  site.writeService('llama-3-8b', 'v7', steadyTraffic(OCTOBER_START, now, 100, OUTAGE));
  site.exec("UPDATE hosts SET simulated = 1 WHERE agent_id = 'agent-1'");
}

beforeEach(async () => {
  site = await setUpSloSite();
  await site.admin.must('slo.save', {
    spec: {
      name: 'llama-availability',
      service: { model: 'llama-3-8b' },
      indicator: { type: 'availability', source: { kind: 'canonical' } },
      window: { type: 'rolling', days: 30 },
      objective: 0.999,
    },
  });
  await site.admin.must('sla.save', { spec: sla });
});
afterEach(() => site.cleanup());

async function pdfPages(file: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout
    .split('\f')
    .map((page) => page.replace(/\s+/g, ' ').trim())
    .filter((page) => page !== '');
}

describe('SLA reports and simulated hosts', () => {
  it('refuses a real report when only simulated hosts have data, naming why', async () => {
    writeSimulatedService();
    const result = await site.admin.call('sla.report', { name: 'retail-gold', period: '2026-10' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'SIMULATED_DATA_ONLY',
        message: expect.stringContaining('Only simulated (demo) hosts have data') as unknown,
      },
    });
    const exported = await site.admin.call('sla.export', {
      name: 'retail-gold',
      period: '2026-10',
    });
    expect(exported).toMatchObject({ ok: false, error: { code: 'SIMULATED_DATA_ONLY' } });
  });

  it('leaves simulated hosts out of a real report where real hosts have data', async () => {
    writeSimulatedService(); // the simulated host's outage must not count
    const now = site.clock.now().getTime();
    site.writeService('llama-3-8b', 'v7', steadyTraffic(OCTOBER_START, now, 100));
    const report = await site.admin.must('sla.report', { name: 'retail-gold', period: '2026-10' });
    expect(report).toMatchObject({ isMet: true, attainment: 1, creditPercent: 0 });
    expect(report.isSimulated).toBe(false);
  });

  it('includes them on request, and then says SIMULATED DATA on every PDF page, in the HTML and the CSV', async () => {
    writeSimulatedService();
    const report = await site.admin.must('sla.report', {
      name: 'retail-gold',
      period: '2026-10',
      includeSimulated: true,
    });
    expect(report).toMatchObject({ isSimulated: true, isMet: false, creditPercent: 10 });

    const written = await site.admin.must('sla.export', {
      name: 'retail-gold',
      period: '2026-10',
      includeSimulated: true,
    });
    const file = (ext: string) => join(written.directory, `sla-retail-gold-2026-10${ext}`);
    const pages = await pdfPages(file('.pdf'));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('SIMULATED DATA');
    expect(readFileSync(file('.html'), 'utf8')).toMatch(
      /class="simulated-banner"[^>]*><strong>SIMULATED DATA/,
    );
    const csv = readFileSync(file('.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toMatch(/^# SIMULATED DATA/);
    expect(csv[1]!.split(',').at(-1)).toBe('simulated_data');
    expect(csv[2]!.split(',').at(-1)).toBe('true');

    const audit = await site.admin.must('audit.list', { action: 'sla.export', limit: 1 });
    expect(audit.entries[0]!.details).toMatchObject({ includesSimulated: true, language: 'en' });
  }, 60_000);

  it('writes the export in the language asked for', async () => {
    writeSimulatedService();
    const written = await site.admin.must('sla.export', {
      name: 'retail-gold',
      period: '2026-10',
      includeSimulated: true,
      language: 'ar',
    });
    const pages = await pdfPages(join(written.directory, 'sla-retail-gold-2026-10.pdf'));
    expect(pages[0]).toContain('مرقاب'); // pdftotext splits most Arabic words; the brand reads whole
    expect(readFileSync(join(written.directory, 'sla-retail-gold-2026-10.html'), 'utf8')).toContain(
      '<html lang="ar" dir="rtl">',
    );
    for (const page of pages) expect(page).toContain('SIMULATED DATA');
  }, 60_000);
});
