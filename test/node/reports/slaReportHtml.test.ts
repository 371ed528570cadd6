import { describe, expect, it } from 'vitest';
import { footerStamp, renderSlaReportHtml } from '../../../main/reports/slaReportHtml.ts';
import { sliAxis } from '../../../main/reports/slaReportCharts.ts';
import { formatPercent } from '../../../main/reports/reportFormat.ts';
import {
  ROOT_HASH,
  sampleReport,
  sampleStamp,
  XSS_SLA_NAME,
  XSS_SLO_NAME,
} from './slaReportFixture.ts';

describe('the SLA report HTML', () => {
  it('shows every name typed by an operator as text, never as markup', () => {
    const html = renderSlaReportHtml(sampleReport(), sampleStamp());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>R580');
    expect(html).toContain('Gold &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; tier');
    expect(html).toContain('Chat availability &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Emirates &quot;Gulf&quot; Bank, Retail AI');
    expect(html).not.toContain(XSS_SLA_NAME);
    expect(html).not.toContain(XSS_SLO_NAME);
  });

  it('cannot be broken out of its attributes, its stylesheet or its page footer', () => {
    const stamp = { ...sampleStamp(), siteName: `DC"1 </style><script>alert(1)</script> \\" }` };
    const report = { ...sampleReport(), timeZone: 'Asia/Dubai', sla: `x" onload="alert(1)` };
    const html = renderSlaReportHtml(report, stamp);
    expect(html).not.toMatch(/<script/i);
    // the report's own stylesheet closes exactly where the head ends
    expect(html.indexOf('</style>')).toBe(html.indexOf('</style>\n</head>'));
    expect(html).not.toContain('" onload="');
    expect(() =>
      renderSlaReportHtml(report, stamp, { fontCss: '</style><script>x</script>' }),
    ).toThrow(/plain CSS/);
  });

  it('is self-contained: no script, no external resource, and a CSP that forbids both', () => {
    const html = renderSlaReportHtml(sampleReport(), sampleStamp());
    expect(html).not.toMatch(/<(script|link|iframe|object|embed|img)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/|file:)/i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:|\/\/|file:)/i);
    expect(html).toContain(
      'content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; font-src data:"',
    );
  });

  it('states the period, instants and times in the site zone (Asia/Dubai), not UTC', () => {
    const html = renderSlaReportHtml(sampleReport(), sampleStamp());
    expect(html).toContain('October 2026');
    expect(html).toContain('2026-10-01 00:00');
    expect(html).toContain('2026-11-01 00:00');
    expect(html).toContain('Asia/Dubai (UTC+04:00)');
    // the maintenance window 22:00–00:00 UTC is 02:00–04:00 in Dubai
    expect(html).toContain('>2026-10-13 02:00<');
    expect(html).toContain('>2026-10-13 04:00<');
    expect(html).not.toContain('2026-09-30 20:00');
  });

  it('names a quarter as a quarter, and shows both offsets when the period crosses a clock change', () => {
    const quarter = {
      ...sampleReport(),
      period: '2026-Q4',
      timeZone: 'Europe/Berlin',
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-12-31T23:00:00.000Z',
    };
    const html = renderSlaReportHtml(quarter, sampleStamp());
    expect(html).toContain('Q4 2026');
    expect(html).toContain('Europe/Berlin (UTC+02:00 / UTC+01:00)');
    expect(html).toContain('2026-10-01 00:00');
    expect(html).toContain('2027-01-01 00:00');
  });

  it('gives the verdict, the target, the credit owed and each SLO row', () => {
    const html = renderSlaReportHtml(sampleReport(), sampleStamp());
    expect(html).toContain('verdict--not-met');
    expect(html).toContain('99.5 %');
    expect(html).toMatch(/10 %<\/span> of the period’s fees/);
    for (const figure of ['99.712 %', '99.421 %', '28.8 %', '579.0 %', '99.9 %', '99 %'])
      expect(html).toContain(`>${figure}<`);
    expect(html).toContain('Incidents: none recorded.');
    expect(html).toContain('>#117<');
    expect(html).toContain('Ongoing');
  });

  it('lists the incidents of the period, their titles as text', () => {
    const report = sampleReport();
    report.incidents = [
      {
        id: 42,
        title: 'Chat <img src=x onerror=alert(1)> latency',
        priority: 'P1',
        state: 'resolved',
        category: 'inference_anomaly',
        service: 'llama-3-8b',
        openedAt: '2026-10-13T04:00:00.000Z',
        resolvedAt: '2026-10-13T06:30:00.000Z',
      },
      {
        id: 43,
        title: 'GPU ECC errors',
        priority: 'P3',
        state: 'in_progress',
        category: 'gpu_infrastructure',
        service: 'llama-3-8b',
        openedAt: '2026-10-30T20:00:00.000Z',
        resolvedAt: null,
      },
    ];
    const html = renderSlaReportHtml(report, sampleStamp());
    expect(html).not.toContain('Incidents: none recorded.');
    expect(html).toContain('>#42<');
    expect(html).toContain('Chat &lt;img src=x onerror=alert(1)&gt; latency');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('2026-10-13 08:00');
    expect(html).toContain('Not resolved');
  });

  it('draws one inline SVG chart per SLO with daily data, and says so when there is none', () => {
    const html = renderSlaReportHtml(sampleReport(), sampleStamp());
    expect(html.match(/<svg\b/g)).toHaveLength(2);
    const empty = sampleReport();
    empty.slos[0] = {
      ...empty.slos[0]!,
      daily: [],
      attainment: null,
      isMet: null,
      error: 'no data source <x>',
    };
    const out = renderSlaReportHtml(empty, sampleStamp());
    expect(out.match(/<svg\b/g)).toHaveLength(1);
    expect(out).toContain('No daily SLI data in this period.');
    expect(out).toContain('Cannot be evaluated: <bdi>no data source &lt;x&gt;</bdi>');
  });

  it('stamps every page with the audit checkpoint it was produced at', () => {
    expect(footerStamp(sampleReport(), sampleStamp())).toBe(
      `Produced at audit checkpoint #4211, root ${ROOT_HASH.slice(0, 16)}…, 2026-11-01 09:30 UTC+04:00`,
    );
    const html = renderSlaReportHtml(sampleReport(), sampleStamp());
    expect(html).toMatch(
      /@page \{[\s\S]*@bottom-left \{ content: "Dubai DC-1 \\b7 {2}Produced at audit checkpoint #4211, root 9f2c4e71a0b3d58e…, 2026-11-01 09:30 UTC\+04:00"/,
    );
    expect(html).toContain('counter(page)');
    expect(html).toContain(ROOT_HASH);
  });

  it('renders right-to-left with Arabic headings when the report language is Arabic', () => {
    const html = renderSlaReportHtml(sampleReport(), sampleStamp('ar'));
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('تقرير الامتثال لاتفاقية مستوى الخدمة');
    expect(html).toContain('أكتوبر 2026');
    expect(html).toContain('الحوادث: لم يُسجَّل أي حادث.');
    expect(html).toContain("font-family: 'Noto Sans Arabic'");
    // charts keep a left-to-right time axis inside the Arabic page
    expect(html).toContain('.chart-frame { direction: ltr;');
    expect(renderSlaReportHtml(sampleReport(), sampleStamp('en'))).toMatch(
      /<html lang="en" dir="ltr">/,
    );
  });

  it('never rounds an attainment up across its target', () => {
    expect(formatPercent(0.998999)).toBe('99.899 %');
    expect(formatPercent(0.99712)).toBe('99.712 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('scales the chart axis to show the worst day and the objective in tidy steps', () => {
    expect(sliAxis([0.9995, 0.9991], 0.999)).toEqual({ min: 99.85, interval: 0.05, digits: 2 });
    expect(sliAxis([0.9955], 0.99)).toEqual({ min: 98.5, interval: 0.5, digits: 1 });
    expect(sliAxis([0.962, 0.9992], 0.999)).toEqual({ min: 95, interval: 1, digits: 0 });
  });
});
