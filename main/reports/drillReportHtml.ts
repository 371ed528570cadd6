// A drill's report as ONE self-contained HTML document for the PDF printers: the warning that it is a
// simulation at the head of every page, the scenario and the people, the score with each component's
// evidence, the timeline, the debrief and the action items, and the audit checkpoint it was stamped with.
import type { DrillRunDetail } from '../../shared/ipc/drillSchemas.ts';
import { drillWords, type DrillWords } from './drillReportText.ts';
import { reportDocument } from './reportDocument.ts';
import { formatInstant, type ReportStamp } from './reportFormat.ts';
import { fill, reportText } from './reportText.ts';
import { bdi, fillHtml, html, type HtmlValue, type SafeHtml } from './safeHtml.ts';
import { footerStamp, provenance } from './slaReportHtml.ts';
import { reportCss } from './slaReportStyles.ts';

export interface DrillExportContext {
  generatedAt: string;
  timeZone: string;
}

const DRILL_CSS = `
.drill-banner { border: 1.5px solid #b91c1c; background: #fef2f2; color: #7f1d1d; border-radius: 1.5mm; padding: 2.5mm 3mm; margin: 0 0 4mm; }
.drill-banner strong { display: block; font-size: 11pt; letter-spacing: 0.03em; }
.score { width: 46mm; border-radius: 2mm; padding: 4mm; color: #fff; background: #0b1f3a; display: flex; flex-direction: column; align-items: center; justify-content: center; }
.score .label { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.05em; opacity: 0.9; }
.score .value { font-size: 36pt; font-weight: 700; line-height: 1.05; }
.score .detail { font-size: 8.5pt; }
.evidence { margin: 1mm 0 0; padding-inline-start: 4mm; font-size: 7.8pt; color: #374151; }
.evidence li { margin: 0 0 0.5mm; }
.qa { break-inside: avoid; margin: 0 0 3mm; }
.qa .answer { white-space: pre-wrap; margin: 0; }
.failure { color: #b91c1c; }
`;

const num = (text: string | number): SafeHtml => html`<span class="num">${text}</span>`;

/** A figure with at most one decimal, e.g. 7.5, 15. */
const points = (value: number): string => String(Math.round(value * 10) / 10);

function instant(iso: string, ctx: DrillExportContext): SafeHtml {
  return html`<time datetime="${iso}">${formatInstant(iso, ctx.timeZone, true)}</time>`;
}

/** When drill minute 0 was, from the timeline's own minutes (evidence carries drill times). */
function drillOriginMs(d: DrillRunDetail): number {
  const first = d.timeline[0];
  return first ? Date.parse(first.at) - first.minute * 60_000 : Date.parse(d.startedAt);
}

function speedText(speed: string, w: DrillWords): string {
  if (speed === 'max') return w.maxSpeed;
  return /^\d+(\.\d+)?$/.test(speed) ? `${speed}×` : speed;
}

function people(names: readonly string[], w: DrillWords): HtmlValue {
  return names.length === 0 ? w.nobody : names.map((n, i) => html`${i > 0 ? ', ' : ''}${bdi(n)}`);
}

function overview(d: DrillRunDetail, ctx: DrillExportContext, w: DrillWords): SafeHtml {
  const incident = d.incident
    ? html`${num(`#${d.incident.id}`)} ${bdi(d.incident.title)} · ${d.incident.priority} · ${d.incident.state}`
    : w.noIncident;
  const score =
    d.score === null
      ? html`<span class="value">—</span><span class="detail">${w.noScore}</span>`
      : html`<span class="value num">${d.score}</span><span class="detail">${w.scoreOf}</span>`;
  return html`<div class="overview">
  <dl class="facts">
    <dt>${w.scenario}</dt><dd>${bdi(d.title)} <span class="id">${d.scenario} · ${w.version} ${d.version}</span></dd>
    <dt>${w.team}</dt><dd>${bdi(d.team)}</dd>
    <dt>${w.facilitator}</dt><dd>${bdi(d.facilitator)}</dd>
    <dt>${w.participants}</dt><dd>${people(d.participants, w)}</dd>
    <dt>${w.mode}</dt><dd>${w.modes[d.mode]} · ${w.speed} ${num(speedText(d.speed, w))}</dd>
    <dt>${w.started}</dt><dd>${instant(d.startedAt, ctx)}</dd>
    <dt>${w.ended}</dt><dd>${d.endedAt === null ? w.notEnded : instant(d.endedAt, ctx)}</dd>
    <dt>${w.state}</dt><dd>${w.states[d.state]}</dd>
    <dt>${w.incident}</dt><dd>${incident}</dd>
    ${d.error === null ? '' : html`<dt>${w.error}</dt><dd class="failure">${bdi(d.error)}</dd>`}
  </dl>
  <div class="score">
    <span class="label">${w.score}</span>
    ${score}
  </div>
</div>
${d.isPurged ? html`<p class="note">${w.purged}</p>` : ''}`;
}

function evidence(
  c: DrillRunDetail['components'][number],
  originMs: number,
  ctx: DrillExportContext,
  w: DrillWords,
): SafeHtml {
  if (c.evidence.length === 0) return html`<span class="sub">${w.noEvidence}</span>`;
  const items = c.evidence.map((e) => {
    const iso = new Date(e.atMs).toISOString();
    const minute = fill(w.minuteAt, { minute: points((e.atMs - originMs) / 60_000) });
    return html`<li>${instant(iso, ctx)} (${num(minute)}) ${bdi(e.text)}</li>`;
  });
  return html`<ul class="evidence" aria-label="${w.evidence}">${items}</ul>`;
}

function components(d: DrillRunDetail, ctx: DrillExportContext, w: DrillWords): SafeHtml {
  const rows = d.components.map(
    (c) => html`<tr>
      <td>${w.labels[c.key]}</td>
      <td>${bdi(c.target)}</td>
      <td>${bdi(c.outcome)}${evidence(c, drillOriginMs(d), ctx, w)}</td>
      <td class="n">${num(fill(w.pointsOf, { earned: points(c.weight * c.fraction), weight: points(c.weight) }))}</td>
    </tr>`,
  );
  if (d.components.length === 0) return html`<p class="empty">${w.noScore}</p>`;
  const total = d.components.reduce((sum, c) => sum + c.weight, 0);
  const earned = d.components.reduce((sum, c) => sum + c.weight * c.fraction, 0);
  return html`<p class="note">${fillHtml(w.totalPoints, { earned: num(points(earned)), total: num(points(total)) })}</p>
<table>
  <thead><tr><th>${w.component}</th><th>${w.target}</th><th>${w.outcome}</th><th class="n">${w.points}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

function timeline(d: DrillRunDetail, ctx: DrillExportContext, w: DrillWords): SafeHtml {
  if (d.timeline.length === 0) return html`<p class="empty">${w.noTimeline}</p>`;
  const rows = d.timeline.map(
    (e) => html`<tr>
      <td class="n">${num(points(e.minute))}<span class="sub">${formatInstant(e.at, ctx.timeZone)}</span></td>
      <td>${w.kinds[e.kind]}</td>
      <td>${bdi(e.text)}</td>
    </tr>`,
  );
  return html`<table>
  <thead><tr><th class="n">${w.minute}</th><th>${w.kind}</th><th>${w.text}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

/** The scenario's questions in order, each with its answer; answers to questions since dropped follow. */
export function debriefEntries(
  questions: readonly string[],
  answers: DrillRunDetail['debrief'],
): { question: string; answer: string | null }[] {
  const answerOf = (q: string) => answers.find((a) => a.question === q)?.answer.trim() || null;
  const asked = questions.map((question) => ({ question, answer: answerOf(question) }));
  const others = answers
    .filter((a) => !questions.includes(a.question) && a.answer.trim() !== '')
    .map((a) => ({ question: a.question, answer: a.answer }));
  return [...asked, ...others];
}

function debrief(d: DrillRunDetail, questions: readonly string[], w: DrillWords): SafeHtml {
  const entries = debriefEntries(questions, d.debrief);
  if (entries.length === 0) return html`<p class="empty">${w.noQuestions}</p>`;
  return html`${entries.map(
    (e) => html`<div class="qa">
  <h3>${bdi(e.question)}</h3>
  ${e.answer === null ? html`<p class="empty">${w.notAnswered}</p>` : html`<p class="answer">${bdi(e.answer)}</p>`}
</div>`,
  )}`;
}

function actionItems(d: DrillRunDetail, w: DrillWords): SafeHtml {
  if (d.actionItems.length === 0) return html`<p class="empty">${w.noActionItems}</p>`;
  const rows = d.actionItems.map(
    (a) =>
      html`<tr><td>${bdi(a.text)}</td><td>${a.owner.trim() === '' ? w.unassigned : bdi(a.owner)}</td></tr>`,
  );
  return html`<table>
  <thead><tr><th>${w.item}</th><th>${w.owner}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

export function renderDrillHtml(
  d: DrillRunDetail,
  debriefQuestions: readonly string[],
  stamp: ReportStamp,
  ctx: DrillExportContext,
  options: { fontCss?: string } = {},
): string {
  const { language } = stamp;
  const t = reportText(language);
  const w = drillWords(language);
  const fontCss = options.fontCss ?? '';
  // reason: the font CSS is inserted raw into <style>; it must never be able to close that element.
  if (fontCss.includes('<')) throw new Error('fontCss must be plain CSS (it contains "<")');
  const css =
    reportCss({
      language,
      header: w.simulated,
      footer: `${language === 'ar' ? `\u2068${stamp.siteName}\u2069` : stamp.siteName} · ${footerStamp(ctx, stamp)}`,
      pageOf: t.pageOf,
      fontCss,
    }) + DRILL_CSS;
  return reportDocument({
    language,
    title: `${w.simulated} — ${w.title} — ${d.title}`,
    css,
    body: html`<section class="sheet">
  <header class="masthead">
    <div class="brand">${t.brand} · ${bdi(stamp.siteName)}</div>
    <h1>${w.title}</h1>
    <p class="subject">${bdi(d.title)}</p>
  </header>
  <div class="drill-banner" role="note"><strong>${w.simulated}</strong>${w.banner}</div>
  ${overview(d, ctx, w)}
  <h2>${w.components}</h2>
  <p class="intro">${w.componentsIntro}</p>
  ${components(d, ctx, w)}
  <h2>${w.timeline}</h2>
  ${timeline(d, ctx, w)}
  <h2>${w.debrief}</h2>
  ${debrief(d, debriefQuestions, w)}
  <h2>${w.actionItems}</h2>
  ${actionItems(d, w)}
  ${provenance(ctx, stamp, t)}
</section>
`,
  });
}
