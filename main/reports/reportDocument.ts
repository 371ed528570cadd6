// The frame every printed report shares: one self-contained HTML document, its direction from the
// language, a CSP that forbids every script and every fetch even if markup ever slipped through.
import type { ReportLanguage } from './reportText.ts';
import { html, trusted, type SafeHtml } from './safeHtml.ts';

export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function reportDocument(input: {
  language: ReportLanguage;
  title: string;
  /** Our own stylesheet (reportCss); it must not contain "<". */
  css: string;
  body: SafeHtml;
}): string {
  const { language } = input;
  return html`<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="generator" content="Mirqab">
<title>${input.title}</title>
<style>${trusted(input.css)}</style>
</head>
<body>
${input.body}
</body>
</html>
`.value;
}
