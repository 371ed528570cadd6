// A postmortem as ONE self-contained HTML document for the PDF printers: the sections rendered by the
// same sanitising Markdown renderer the console's preview uses, the action items, the SLI charts as
// inline SVG, and the audit checkpoint it was stamped with. No script, no external resource.
import { renderMarkdown } from '../../shared/domain/postmortems/markdown.ts';
import { SECTION_GROUPS } from '../../shared/domain/postmortems/template.ts';
import type { PostmortemDetail } from '../../shared/ipc/postmortemSchemas.ts';
import { formatBudget, formatInstant, formatObjective, type ReportStamp } from './reportFormat.ts';
import { fill, reportText } from './reportText.ts';
import { reportDocument } from './reportDocument.ts';
import { bdi, html, trusted, type SafeHtml } from './safeHtml.ts';
import { renderSliChartSvg } from './slaReportCharts.ts';
import { footerStamp, provenance } from './slaReportHtml.ts';
import { reportCss, reportFontStack } from './slaReportStyles.ts';
import { postmortemWords, type PostmortemWords } from './postmortemReportText.ts';

const MARKDOWN_CSS = `
.md { margin: 0 0 3mm; }
.md p, .md ul, .md ol { margin: 0 0 2mm; }
.md ul, .md ol { padding-inline-start: 6mm; }
.md code { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 8.5pt; background: #f3f4f6; padding: 0 0.8mm; }
.md pre { background: #f3f4f6; padding: 2mm; white-space: pre-wrap; word-break: break-word; }
.md pre code { background: none; padding: 0; }
.md blockquote { margin: 0 0 2mm; padding-inline-start: 3mm; border-inline-start: 1mm solid #d1d5db; color: #4b5563; }
.md img { max-width: 100%; }
.md table { width: auto; }
.md h1, .md h2, .md h3 { font-size: 10.5pt; margin: 2mm 0 1mm; border: 0; }
.blameless { font-style: italic; color: #4b5563; }
.overdue { color: #b91c1c; font-weight: 600; }
`;

export interface PostmortemExportContext {
  generatedAt: string;
  timeZone: string;
}

function markdown(text: string, w: PostmortemWords): SafeHtml {
  if (text.trim() === '') return html`<p class="empty">${w.empty}</p>`;
  // reason: renderMarkdown is the sanitising renderer (raw HTML escaped, links and images by policy).
  return html`<div class="md">${trusted(renderMarkdown(text).__html)}</div>`;
}

function facts(p: PostmortemDetail, ctx: PostmortemExportContext, w: PostmortemWords): SafeHtml {
  const reviewers =
    p.reviewers.length === 0
      ? '—'
      : p.reviewers.map(
          (r, i) => html`${i > 0 ? ', ' : ''}${bdi(r.username)} (${w.decisions[r.decision]})`,
        );
  return html`<dl class="facts">
    <dt>${w.incident}</dt><dd><span class="num">#${p.incidentId}</span> ${bdi(p.incidentTitle)} · ${p.incidentPriority}</dd>
    <dt>${w.state}</dt><dd>${w.states[p.state]} · ${w.revision} <span class="num">${p.revision}</span></dd>
    <dt>${w.author}</dt><dd>${bdi(p.author)}</dd>
    <dt>${w.reviewers}</dt><dd>${reviewers}</dd>
    <dt>${w.published}</dt><dd>${p.publishedAt === null ? w.notPublished : html`<span class="num">${formatInstant(p.publishedAt, ctx.timeZone, true)}</span>${p.publishedBy ? html` · ${bdi(p.publishedBy)}` : ''}`}</dd>
  </dl>`;
}

function actionItems(p: PostmortemDetail, w: PostmortemWords): SafeHtml {
  if (p.actionItems.length === 0) return html`<p class="empty">${w.noActionItems}</p>`;
  const rows = p.actionItems.map(
    (a) => html`<tr>
      <td>${bdi(a.title)}</td>
      <td>${bdi(a.owner)}</td>
      <td class="n"><span class="num">${a.dueDate ?? '—'}</span>${a.isOverdue ? html` <span class="overdue">${w.overdue}</span>` : ''}</td>
      <td>${w.statuses[a.status]}</td>
    </tr>`,
  );
  return html`<table>
  <thead><tr><th>${w.item}</th><th>${w.owner}</th><th class="n">${w.due}</th><th>${w.status}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

function charts(
  p: PostmortemDetail,
  ctx: PostmortemExportContext,
  stamp: ReportStamp,
  w: PostmortemWords,
) {
  if (p.charts.length === 0) return html`<p class="empty">${w.noCharts}</p>`;
  return p.charts.map((c) => {
    const svg = renderSliChartSvg({
      daily: c.points,
      objective: c.objective,
      timeZone: ctx.timeZone,
      language: stamp.language,
      fontFamily: reportFontStack(stamp.language),
      labelPattern: 'HH:mm',
    });
    return html`<div class="chart">
  <h3>${bdi(c.displayName)}${c.displayName === c.slo ? '' : html` <span class="id">${c.slo}</span>`}</h3>
  ${svg === null ? html`<p class="empty">${w.chartNoData}</p>` : html`<div class="chart-frame">${trusted(svg)}</div>`}
  <p class="note">${fill(w.chartCaption, { objective: formatObjective(c.objective) })} ${fill(w.budgetConsumed, { value: formatBudget(c.budgetConsumed) })}</p>
</div>`;
  });
}

export function renderPostmortemHtml(
  p: PostmortemDetail,
  stamp: ReportStamp,
  ctx: PostmortemExportContext,
  options: { fontCss?: string } = {},
): string {
  const { language } = stamp;
  const t = reportText(language);
  const w = postmortemWords(language);
  const fontCss = options.fontCss ?? '';
  // reason: the font CSS is inserted raw into <style>; it must never be able to close that element.
  if (fontCss.includes('<')) throw new Error('fontCss must be plain CSS (it contains "<")');
  const css =
    reportCss({
      language,
      footer: `${language === 'ar' ? `\u2068${stamp.siteName}\u2069` : stamp.siteName} · ${footerStamp(ctx, stamp)}`,
      pageOf: t.pageOf,
      fontCss,
    }) + MARKDOWN_CSS;
  const groups = SECTION_GROUPS.map(
    (g) => html`<h2>${w.groups[g.group]}</h2>
${g.keys.map((key) => html`<h3>${w.sections[key]}</h3>${markdown(p.sections[key], w)}`)}
${g.group === 'incident' ? html`<h3>${w.actionItems}</h3>${actionItems(p, w)}` : ''}`,
  );
  return reportDocument({
    language,
    title: `${w.title} — ${p.title}`,
    css,
    body: html`<section class="sheet">
  <header class="masthead">
    <div class="brand">${t.brand} · ${bdi(stamp.siteName)}</div>
    <h1>${w.title}</h1>
    <p class="subject">${bdi(p.title)}</p>
  </header>
  ${facts(p, ctx, w)}
  <p class="blameless">${w.blameless}</p>
  ${groups}
</section>
<section class="sheet">
  <h2>${w.charts}</h2>
  ${charts(p, ctx, stamp, w)}
  ${provenance(ctx, stamp, t)}
</section>
`,
  });
}
