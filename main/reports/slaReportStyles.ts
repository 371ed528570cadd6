// The report's print stylesheet: A4 pages, the audit stamp and page numbers in the page margin of every
// page, a page break between sections, table headers repeated across pages, rows never split.
import { cssString } from './reportFormat.ts';
import type { ReportLanguage } from './reportText.ts';

export interface ReportStyleInput {
  language: ReportLanguage;
  /** The audit stamp printed at the foot of every page. */
  footer: string;
  /** e.g. 'Page {page} of {pages}', turned into CSS page counters. */
  pageOf: string;
  /** Printed at the head of every page when given (a drill report's "simulated" warning). */
  header?: string;
  /** Optional @font-face rules (the embedded Arabic font); system fonts are used without it. */
  fontCss: string;
}

const LATIN_FIRST =
  "'Segoe UI', 'Noto Sans', 'Liberation Sans', Arial, 'Noto Sans Arabic', 'DejaVu Sans', sans-serif";
const ARABIC_FIRST =
  "'Noto Sans Arabic', 'Segoe UI', 'Noto Sans', 'Liberation Sans', Arial, 'DejaVu Sans', sans-serif";

export function reportFontStack(language: ReportLanguage): string {
  return language === 'ar' ? ARABIC_FIRST : LATIN_FIRST;
}

/** `Page {page} of {pages}` → `"Page " counter(page) " of " counter(pages)`. */
function pageCounterContent(template: string): string {
  return template
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) =>
      part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part),
    )
    .join(' ');
}

export function reportCss(input: ReportStyleInput): string {
  const isRtl = input.language === 'ar';
  // reason: the stamp sits at the reading start of the foot (left in English, right in Arabic).
  const [stampBox, pageBox] = isRtl
    ? ['bottom-right', 'bottom-left']
    : ['bottom-left', 'bottom-right'];
  const fonts = reportFontStack(input.language);
  return `${input.fontCss}
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  @${stampBox} { content: ${cssString(input.footer)}; font-family: ${fonts}; font-size: 7pt; color: #4b5563; vertical-align: top; padding-top: 4mm; }
  @${pageBox} { content: ${pageCounterContent(input.pageOf)}; font-family: ${fonts}; font-size: 7pt; color: #4b5563; vertical-align: top; padding-top: 4mm; }${
    input.header === undefined
      ? ''
      : `
  @top-center { content: ${cssString(input.header)}; font-family: ${fonts}; font-size: 9pt; font-weight: 700; color: #b91c1c; vertical-align: bottom; padding-bottom: 3mm; }`
  }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${fonts}; font-size: 9.5pt; line-height: 1.45; color: #111827; background: #fff; }
.sheet + .sheet { break-before: page; }
@media screen { body { max-width: 190mm; margin: 8mm auto; } .sheet + .sheet { margin-top: 12mm; border-top: 1px dashed #d1d5db; padding-top: 8mm; } }
h1, h2, h3 { color: #0b1f3a; break-after: avoid; }
h1 { font-size: 19pt; margin: 0 0 1mm; line-height: 1.2; }
h2 { font-size: 12.5pt; margin: 7mm 0 1.5mm; padding-bottom: 1mm; border-bottom: 1.5px solid #0b1f3a; }
h3 { font-size: 10.5pt; margin: 0 0 1mm; }
.sheet > h2:first-child { margin-top: 0; }
p { margin: 0 0 2mm; }
.intro, .note { color: #4b5563; font-size: 8.5pt; }
.simulated-banner { border: 1.5px solid #b91c1c; background: #fef2f2; color: #7f1d1d; border-radius: 1.5mm; padding: 2.5mm 3mm; margin: 0 0 4mm; }
.simulated-banner strong { display: block; font-size: 11pt; letter-spacing: 0.03em; }
.masthead { border-bottom: 3px solid #0b1f3a; padding-bottom: 3mm; margin-bottom: 4mm; }
.brand { font-size: 8pt; letter-spacing: 0.04em; text-transform: uppercase; color: #4b5563; margin-bottom: 2mm; }
.subject { font-size: 13pt; font-weight: 600; margin: 0; }
.id { font-family: 'DejaVu Sans Mono', 'Liberation Mono', Consolas, monospace; font-size: 0.8em; color: #6b7280; font-weight: 400; }
.num, .id, time { unicode-bidi: isolate; direction: ltr; font-variant-numeric: tabular-nums; }
time { white-space: nowrap; }
td .id { display: block; margin-top: 0.3mm; }
.overview { display: flex; gap: 5mm; align-items: stretch; margin-bottom: 2mm; }
.facts { flex: 1; display: grid; grid-template-columns: max-content 1fr; gap: 1.2mm 5mm; margin: 0; align-content: start; }
.facts dt { color: #4b5563; }
.facts dd { margin: 0; font-weight: 600; }
.facts .range { display: block; font-weight: 400; font-size: 8.5pt; color: #4b5563; }
.verdict { width: 58mm; border-radius: 2mm; padding: 4mm; color: #fff; display: flex; flex-direction: column; gap: 1.5mm; }
.verdict .label { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.05em; opacity: 0.9; }
.verdict .value { font-size: 18pt; font-weight: 700; line-height: 1.1; }
.verdict .detail { font-size: 8.5pt; }
.verdict--met { background: #166534; }
.verdict--not-met { background: #b91c1c; }
.verdict--no-data { background: #4b5563; }
table { width: 100%; border-collapse: collapse; margin: 1.5mm 0 2mm; font-size: 8.8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #eef2f7; color: #0b1f3a; font-weight: 600; text-align: start; padding: 1.6mm 2mm; border-bottom: 1.5px solid #94a3b8; }
td { padding: 1.6mm 2mm; border-bottom: 0.5px solid #d1d5db; vertical-align: top; text-align: start; }
th.n, td.n { text-align: end; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #f8fafc; }
td .sub { display: block; font-size: 7.8pt; color: #6b7280; }
td .error { display: block; font-size: 7.8pt; color: #b91c1c; }
.status { font-weight: 600; white-space: nowrap; }
.status::before { content: ''; display: inline-block; width: 2.2mm; height: 2.2mm; border-radius: 50%; margin-inline-end: 1.4mm; vertical-align: 0.1mm; }
.status--met::before { background: #16a34a; }
.status--not-met::before { background: #dc2626; }
.status--no-data::before { background: #9ca3af; }
.status--not-met { color: #b91c1c; }
.empty { color: #4b5563; font-style: italic; margin: 1.5mm 0 3mm; }
.chart { break-inside: avoid; margin: 0 0 5mm; }
.chart svg { display: block; width: 100%; height: auto; }
.chart-frame { direction: ltr; border: 0.5px solid #e5e7eb; border-radius: 1.5mm; padding: 1mm 0; }
.provenance { break-inside: avoid; margin-top: 6mm; }
.provenance .facts dd { font-weight: 400; }
.hash { font-family: 'DejaVu Sans Mono', 'Liberation Mono', Consolas, monospace; font-size: 8pt; word-break: break-all; unicode-bidi: isolate; direction: ltr; }
`;
}
