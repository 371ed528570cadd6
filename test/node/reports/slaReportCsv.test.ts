import { describe, expect, it } from 'vitest';
import { renderSlaReportCsv, SLA_REPORT_CSV_COLUMNS } from '../../../main/reports/slaReportCsv.ts';
import { parseCsv, records } from './csvRecords.ts';
import { ROOT_HASH, sampleReport, sampleStamp, XSS_SLO_NAME } from './slaReportFixture.ts';

describe('the SLA report CSV', () => {
  it('is UTF-8 with a BOM, CRLF line ends and one rectangular row per SLO', () => {
    const csv = renderSlaReportCsv(sampleReport(), sampleStamp());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...SLA_REPORT_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(SLA_REPORT_CSV_COLUMNS.length);
  });

  it('carries each SLO’s figures, the SLA’s verdict and the audit checkpoint on every row', () => {
    const [latency, availability] = records(renderSlaReportCsv(sampleReport(), sampleStamp()));
    expect(latency).toMatchObject({
      sla: 'llm-gold',
      customer: 'Emirates "Gulf" Bank, Retail AI',
      period: '2026-10',
      from: '2026-10-01T00:00:00+04:00',
      to: '2026-11-01T00:00:00+04:00',
      slo: 'chat-latency',
      objective: '0.99',
      attainment: '0.99712',
      budget_consumed: '0.288',
      met: 'true',
      breaches: '0',
      maintenance_minutes: '120',
      credit_percent: '10',
      sla_target: '0.995',
      sla_met: 'false',
      time_zone: 'Asia/Dubai',
      generated_at: '2026-11-01T09:30:00+04:00',
      checkpoint_tree_size: '4211',
      checkpoint_root: ROOT_HASH,
    });
    expect(availability).toMatchObject({
      slo: 'chat-availability',
      met: 'false',
      breaches: '2',
      attainment: '0.99421',
      checkpoint_root: ROOT_HASH,
    });
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps Arabic intact', () => {
    const report = sampleReport();
    report.customer = 'بنك الخليج, "قسم"\r\nالتجزئة';
    report.slos[0]!.name = XSS_SLO_NAME;
    const csv = renderSlaReportCsv(report, sampleStamp('ar'));
    expect(csv).toContain('"بنك الخليج, ""قسم""\r\nالتجزئة"');
    const [row] = records(csv);
    expect(row!.customer).toBe('بنك الخليج, "قسم"\r\nالتجزئة');
    expect(row!.slo).toBe(XSS_SLO_NAME);
  });

  it('defuses cells a spreadsheet would run as a formula, but not the numbers it writes itself', () => {
    const report = sampleReport();
    report.customer = '=HYPERLINK("http://evil.example","click")';
    report.sla = '+cmd|/C calc!A0';
    report.slos[0]!.name = '-2+3';
    report.slos[1]!.name = '@SUM(A1:A9)';
    report.slos[1]!.budgetConsumed = -0.5;
    const [first, second] = records(renderSlaReportCsv(report, sampleStamp()));
    expect(first!.customer).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(first!.sla).toBe(`'+cmd|/C calc!A0`);
    expect(first!.slo).toBe(`'-2+3`);
    expect(second!.slo).toBe(`'@SUM(A1:A9)`);
    expect(second!.budget_consumed).toBe('-0.5');
  });

  it('writes unknown figures as empty cells and keeps an SLA over no SLOs as one row', () => {
    const report = sampleReport();
    report.slos[0] = {
      ...report.slos[0]!,
      attainment: null,
      budgetConsumed: null,
      isMet: null,
      objective: null,
    };
    const [row] = records(renderSlaReportCsv(report, sampleStamp()));
    expect(row).toMatchObject({ attainment: '', budget_consumed: '', met: '', objective: '' });
    const none = records(
      renderSlaReportCsv({ ...sampleReport(), slos: [], isMet: null }, sampleStamp()),
    );
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({
      sla: 'llm-gold',
      slo: '',
      sla_met: '',
      checkpoint_tree_size: '4211',
    });
  });
});
