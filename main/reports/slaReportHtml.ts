// The SLA compliance report as ONE self-contained HTML document (inline CSS and SVG, no script, no
// external resource): the single template both PDF printers (Chromium, Electron) and the .html export use.
import type { SlaReport } from '../../shared/ipc/sloSchemas.ts';
import {
  formatBudget,
  formatCredit,
  formatDay,
  formatDuration,
  formatInstant,
  formatObjective,
  formatPercent,
  minutesBetween,
  shortRoot,
  zoneOffset,
  type ReportStamp,
} from './reportFormat.ts';
import { reportDocument } from './reportDocument.ts';
import { bdi, fillHtml, html, trusted, type SafeHtml } from './safeHtml.ts';
import { renderSliChartSvg } from './slaReportCharts.ts';
import { reportCss, reportFontStack } from './slaReportStyles.ts';
import { fill, reportText, type ReportText } from './reportText.ts';

export type { ReportStamp } from './reportFormat.ts';

export interface SlaReportHtmlOptions {
  /** @font-face rules to embed (see loadReportFontCss); without them the system's fonts are used. */
  fontCss?: string;
}

type Slo = SlaReport['slos'][number];
type Verdict = 'met' | 'not-met' | 'no-data';

function verdictOf(isMet: boolean | null): Verdict {
  return isMet === null ? 'no-data' : isMet ? 'met' : 'not-met';
}

function verdictWord(t: ReportText, verdict: Verdict): string {
  return verdict === 'met' ? t.met : verdict === 'not-met' ? t.notMet : t.noData;
}

function status(t: ReportText, isMet: boolean | null): SafeHtml {
  const verdict = verdictOf(isMet);
  return html`<span class="status status--${verdict}">${verdictWord(t, verdict)}</span>`;
}

/** Figures and codes stay left-to-right inside Arabic lines (`99.5 %`, `#117`). */
function num(text: string): SafeHtml {
  return html`<span class="num">${text}</span>`;
}

function instant(iso: string, report: SlaReport): SafeHtml {
  return html`<time datetime="${iso}">${formatInstant(iso, report.timeZone)}</time>`;
}

/** `October 2026` for a month, `Q4 2026` for a quarter, the raw label otherwise. */
function periodTitle(report: SlaReport, t: ReportText, language: ReportStamp['language']): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(report.period);
  if (quarter) return fill(t.quarter, { year: quarter[1] ?? '', n: quarter[2] ?? '' });
  const from = Date.parse(report.from);
  return /^\d{4}-\d{2}$/.test(report.period) && Number.isFinite(from)
    ? formatDay(from, report.timeZone, language, 'MMMM yyyy')
    : report.period;
}

/** `Asia/Dubai (UTC+04:00)`, or both offsets where the period crosses a daylight-saving change. */
function zoneLabel(report: SlaReport): string {
  const [a, b] = [zoneOffset(report.from, report.timeZone), zoneOffset(report.to, report.timeZone)];
  return a === b ? `${report.timeZone} (${a})` : `${report.timeZone} (${a} / ${b})`;
}

/** The display name, followed by the machine name when they differ. */
function titled(displayName: string, name: string): SafeHtml {
  const shown = displayName.trim() || name;
  return html`${bdi(shown)}${shown === name ? '' : html` <span class="id">${name}</span>`}`;
}

function sloTitle(slo: Slo): SafeHtml {
  return titled(slo.displayName, slo.name);
}

function overview(report: SlaReport, stamp: ReportStamp, t: ReportText): SafeHtml {
  const verdict = verdictOf(report.isMet);
  const credit =
    report.creditPercent > 0
      ? fillHtml(t.creditValue, { percent: num(formatCredit(report.creditPercent)) })
      : t.creditNone;
  return html`<div class="overview">
  <dl class="facts">
    <dt>${t.customer}</dt><dd>${bdi(report.customer)}</dd>
    <dt>${t.sla}</dt><dd>${titled(report.displayName, report.sla)}</dd>
    <dt>${t.period}</dt><dd>${periodTitle(report, t, stamp.language)}<span class="range">${fillHtml(t.periodRange, { from: instant(report.from, report), to: instant(report.to, report) })}</span></dd>
    <dt>${t.timeZone}</dt><dd><span class="num">${zoneLabel(report)}</span></dd>
    <dt>${t.target}</dt><dd>${num(formatObjective(report.target))}</dd>
    <dt>${t.maintenanceTotal}</dt><dd>${formatDuration(report.maintenanceMinutes, t)}</dd>
    <dt>${t.generated}</dt><dd>${num(formatInstant(report.generatedAt, report.timeZone, true))} · ${bdi(stamp.generatedBy)}</dd>
  </dl>
  <div class="verdict verdict--${verdict}">
    <span class="label">${t.verdict}</span>
    <span class="value">${verdictWord(t, verdict)}</span>
    <span class="detail">${t.target}: ${num(formatObjective(report.target))}</span>
    <span class="detail">${t.attainment}: ${num(formatPercent(report.attainment))}</span>
    <span class="detail">${t.credit}: ${credit}</span>
  </div>
</div>`;
}

function sloTable(report: SlaReport, t: ReportText): SafeHtml {
  if (report.slos.length === 0) return html`<p class="empty">${t.noSlos}</p>`;
  const rows = report.slos.map(
    (slo) => html`<tr>
      <td>${sloTitle(slo)}${slo.error === null ? '' : html`<span class="error">${fillHtml(t.sloError, { error: bdi(slo.error) })}</span>`}</td>
      <td class="n">${num(formatObjective(slo.objective))}</td>
      <td class="n">${num(formatPercent(slo.attainment))}</td>
      <td class="n">${num(formatBudget(slo.budgetConsumed))}</td>
      <td class="n">${num(String(slo.breaches.length))}</td>
      <td>${status(t, slo.isMet)}</td>
    </tr>`,
  );
  return html`<table>
  <thead><tr><th>${t.slo}</th><th class="n">${t.objective}</th><th class="n">${t.attainment}</th><th class="n">${t.budgetConsumed}</th><th class="n">${t.breaches}</th><th>${t.sloMet}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

function maintenanceTable(report: SlaReport, t: ReportText): SafeHtml {
  if (report.maintenance.length === 0) return html`<p class="empty">${t.noMaintenance}</p>`;
  const rows = report.maintenance.map(
    (w) =>
      html`<tr><td>${instant(w.start, report)}</td><td>${instant(w.end, report)}</td><td class="n">${formatDuration(minutesBetween(w.start, w.end), t)}</td><td>${bdi(w.reason)}</td></tr>`,
  );
  return html`<table>
  <thead><tr><th>${t.start}</th><th>${t.end}</th><th class="n">${t.duration}</th><th>${t.reason}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

function incidentTable(report: SlaReport, t: ReportText): SafeHtml {
  if (report.incidents.length === 0) return html`<p class="note">${t.incidentsNone}</p>`;
  const rows = report.incidents.map(
    (i) => html`<tr>
      <td class="n">${num(`#${i.id}`)}</td>
      <td>${bdi(i.title)}</td>
      <td>${i.priority}</td>
      <td>${i.state}</td>
      <td>${instant(i.openedAt, report)}</td>
      <td>${i.resolvedAt === null ? t.unresolved : instant(i.resolvedAt, report)}</td>
    </tr>`,
  );
  return html`<h3>${t.incidents}</h3><p class="note">${t.incidentsIntro}</p><table>
  <thead><tr><th class="n">${t.incident}</th><th>${t.incidentTitle}</th><th>${t.priority}</th><th>${t.state}</th><th>${t.opened}</th><th>${t.resolved}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

function breachTable(report: SlaReport, t: ReportText): SafeHtml {
  const breaches = report.slos.flatMap((slo) => slo.breaches.map((b) => ({ slo, b })));
  const incidents = incidentTable(report, t);
  if (breaches.length === 0) return html`<p class="empty">${t.noBreaches}</p>${incidents}`;
  breaches.sort((x, y) => Date.parse(x.b.start) - Date.parse(y.b.start));
  const rows = breaches.map(
    ({ slo, b }) => html`<tr>
      <td>${sloTitle(slo)}</td>
      <td>${b.severity === 'page' ? t.page : t.ticket}</td>
      <td>${instant(b.start, report)}</td>
      <td>${b.end === null ? t.ongoing : instant(b.end, report)}</td>
      <td class="n">${formatDuration(minutesBetween(b.start, b.end), t)}</td>
      <td class="n">${num(b.alertId === null ? '—' : `#${b.alertId}`)}</td>
    </tr>`,
  );
  return html`<table>
  <thead><tr><th>${t.slo}</th><th>${t.severity}</th><th>${t.start}</th><th>${t.end}</th><th class="n">${t.duration}</th><th class="n">${t.alertId}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>${incidents}`;
}

function charts(report: SlaReport, stamp: ReportStamp, t: ReportText): SafeHtml[] {
  return report.slos.map((slo) => {
    const svg = renderSliChartSvg({
      daily: slo.daily,
      objective: slo.objective,
      timeZone: report.timeZone,
      language: stamp.language,
      fontFamily: reportFontStack(stamp.language),
    });
    const body =
      svg === null
        ? html`<p class="empty">${t.chartNoData}</p>`
        : html`<div class="chart-frame">${trusted(svg)}</div>`;
    return html`<div class="chart">
  <h3>${sloTitle(slo)}</h3>
  ${body}
  <p class="note">${fill(t.chartCaption, { objective: formatObjective(slo.objective) })}</p>
</div>`;
  });
}

/** Where the report came from in the audit log: the signed checkpoint it was stamped with. */
export function provenance(
  report: Pick<SlaReport, 'generatedAt' | 'timeZone'>,
  stamp: ReportStamp,
  t: ReportText,
): SafeHtml {
  const { checkpoint } = stamp;
  return html`<div class="provenance">
  <h2>${t.provenance}</h2>
  <p class="intro">${t.provenanceIntro}</p>
  <dl class="facts">
    <dt>${t.site}</dt><dd>${bdi(stamp.siteName)}</dd>
    <dt>${t.generated}</dt><dd>${num(formatInstant(report.generatedAt, report.timeZone, true))}</dd>
    <dt>${t.generatedBy}</dt><dd>${bdi(stamp.generatedBy)}</dd>
    <dt>${t.checkpointTreeSize}</dt><dd>${num(`#${checkpoint.treeSize}`)}</dd>
    <dt>${t.rootHash}</dt><dd><span class="hash">${checkpoint.rootHash}</span></dd>
    <dt>${t.signedAt}</dt><dd>${checkpoint.signedAt ? num(formatInstant(checkpoint.signedAt, report.timeZone, true)) : t.notSigned}</dd>
    <dt>${t.keyFingerprint}</dt><dd>${checkpoint.keyFingerprint ? html`<span class="hash">${checkpoint.keyFingerprint}</span>` : '—'}</dd>
    ${checkpoint.headHash ? html`<dt>${t.headHash}</dt><dd><span class="hash">${checkpoint.headHash}</span></dd>` : ''}
    ${checkpoint.signature ? html`<dt>${t.signature}</dt><dd><span class="hash">${checkpoint.signature}</span></dd>` : ''}
  </dl>
  ${stamp.checkpointFile ? html`<p class="intro">${fill(t.checkpointFile, { file: stamp.checkpointFile })}</p>` : ''}
</div>`;
}

/** The stamp at the foot of every printed page: ties the paper to the tamper-evident log. */
export function footerStamp(
  report: Pick<SlaReport, 'generatedAt' | 'timeZone'>,
  stamp: ReportStamp,
): string {
  const t = reportText(stamp.language);
  // reason: margin boxes take no markup, so in Arabic figures are isolated with Unicode controls (LRI … PDI);
  // English keeps a clean text layer, so the stamp can be searched and copied as printed.
  const ltr = (text: string) => (stamp.language === 'ar' ? `\u2066${text}\u2069` : text);
  return fill(t.footer, {
    treeSize: ltr(String(stamp.checkpoint.treeSize)),
    root: ltr(`${shortRoot(stamp.checkpoint.rootHash)}…`),
    generatedAt: ltr(formatInstant(report.generatedAt, report.timeZone, true)),
  });
}

export function renderSlaReportHtml(
  report: SlaReport,
  stamp: ReportStamp,
  options: SlaReportHtmlOptions = {},
): string {
  const { language } = stamp;
  const t = reportText(language);
  const fontCss = options.fontCss ?? '';
  // reason: the font CSS is inserted raw into <style>; it must never be able to close that element.
  if (fontCss.includes('<')) throw new Error('fontCss must be plain CSS (it contains "<")');
  const css = reportCss({
    language,
    footer: `${language === 'ar' ? `\u2068${stamp.siteName}\u2069` : stamp.siteName} · ${footerStamp(report, stamp)}`,
    pageOf: t.pageOf,
    ...(report.isSimulated ? { header: t.simulated } : {}),
    fontCss,
  });
  const title = `${report.isSimulated ? `${t.simulated} — ` : ''}${t.title} — ${report.displayName.trim() || report.sla} — ${report.period}`;
  return reportDocument({
    language,
    title,
    css,
    body: html`<section class="sheet">
  ${report.isSimulated ? html`<div class="simulated-banner" role="note" data-simulated="true"><strong>${t.simulated}</strong>${fillHtml(t.simulatedBanner, { generatedBy: bdi(stamp.generatedBy) })}</div>` : ''}
  <header class="masthead">
    <div class="brand">${t.brand} · ${bdi(stamp.siteName)}</div>
    <h1>${t.title}</h1>
    <p class="subject">${bdi(report.displayName.trim() || report.sla)} · ${periodTitle(report, t, language)}</p>
  </header>
  ${overview(report, stamp, t)}
  <h2>${t.slos}</h2>
  <p class="intro">${t.slosIntro}</p>
  ${sloTable(report, t)}
</section>
<section class="sheet">
  <h2>${t.maintenance}</h2>
  <p class="intro">${t.maintenanceIntro}</p>
  ${maintenanceTable(report, t)}
  <h2>${t.breaches}</h2>
  <p class="intro">${t.breachesIntro}</p>
  ${breachTable(report, t)}
</section>
<section class="sheet">
  <h2>${t.charts}</h2>
  ${charts(report, stamp, t)}
  ${provenance(report, stamp, t)}
</section>
`,
  });
}
