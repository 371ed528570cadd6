// Change records as an HTML document for auditors (English or Arabic, right to left), every value
// escaped; the same document is printed to PDF.
import type { ChangeRecord } from '../../shared/ipc/governanceSchemas.ts';
import type { ReportStamp } from './reportFormat.ts';
import { formatInstant } from './reportFormat.ts';
import { html, type SafeHtml } from './safeHtml.ts';
import type { ReportLanguage } from './reportText.ts';

const TEXT = {
  en: {
    title: 'Model change records',
    site: 'Site',
    checkpoint: 'Audit checkpoint',
    record: 'Change',
    model: 'Model',
    kind: 'Kind',
    versions: 'Versions',
    requested: 'Requested by',
    approval: 'Approval',
    outcome: 'Outcome',
    reason: 'Reason',
    evidence: 'Evidence',
    windows: 'Data windows (SHA-256)',
    digests: 'Model / code digests',
    config: 'Configuration',
    digest: 'Record SHA-256',
    retrospective: 'recorded after the fact, for review',
    none: 'No change records.',
  },
  ar: {
    title: 'سجلات تغييرات النماذج',
    site: 'الموقع',
    checkpoint: 'نقطة تدقيق',
    record: 'التغيير',
    model: 'النموذج',
    kind: 'النوع',
    versions: 'الإصدارات',
    requested: 'طلبه',
    approval: 'الموافقة',
    outcome: 'النتيجة',
    reason: 'السبب',
    evidence: 'الأدلة',
    windows: 'نوافذ البيانات (SHA-256)',
    digests: 'بصمات النموذج والشيفرة',
    config: 'الإعدادات',
    digest: 'بصمة السجل SHA-256',
    retrospective: 'سُجّل بعد وقوعه، للمراجعة',
    none: 'لا توجد سجلات تغييرات.',
  },
} as const;

function recordHtml(r: ChangeRecord, t: (typeof TEXT)[ReportLanguage], zone: string): SafeHtml {
  const when = (iso: string | null) => (iso ? formatInstant(iso, zone, true) : '');
  const d = r.reproducibility;
  return html`<section class="record">
    <h2>${t.record} #${r.id}: <bdi>${r.model}</bdi></h2>
    <table>
      <tr><th>${t.kind}</th><td>${r.kind} (${r.source})${r.isRetrospective ? ` — ${t.retrospective}` : ''}</td></tr>
      <tr><th>${t.versions}</th><td dir="ltr">${r.fromVersion ?? '—'} → ${r.toVersion ?? '—'}</td></tr>
      <tr><th>${t.requested}</th><td><bdi>${r.requestedBy}</bdi> · ${when(r.requestedAt)}</td></tr>
      <tr><th>${t.approval}</th><td>${r.approval}${r.decidedBy ? html` · <bdi>${r.decidedBy}</bdi> · ${when(r.decidedAt)} · <bdi>${r.decisionReason ?? ''}</bdi>` : ''}</td></tr>
      <tr><th>${t.outcome}</th><td>${r.outcome}${r.outcomeDetail ? html` · <bdi>${r.outcomeDetail}</bdi>` : ''} ${when(r.outcomeAt)}</td></tr>
      <tr><th>${t.reason}</th><td><bdi>${r.reason}</bdi></td></tr>
      <tr><th>${t.evidence}</th><td><bdi>${r.evidence ? `${r.evidence.summary} — ${r.evidence.test}` : '—'}</bdi></td></tr>
      <tr><th>${t.windows}</th><td dir="ltr">${d.dataWindows.map((w) => html`<div>${w.from} – ${w.to}: <code>${w.sha256}</code></div>`)}</td></tr>
      <tr><th>${t.digests}</th><td dir="ltr"><div>${r.fromVersion ?? '—'}: <code>${d.fromDigests.model ?? '—'}</code> / <code>${d.fromDigests.code ?? '—'}</code></div><div>${r.toVersion ?? '—'}: <code>${d.toDigests.model ?? '—'}</code> / <code>${d.toDigests.code ?? '—'}</code></div></td></tr>
      <tr><th>${t.config}</th><td dir="ltr"><code>${JSON.stringify(r.config)}</code></td></tr>
      <tr><th>${t.digest}</th><td dir="ltr"><code>${r.digest}</code></td></tr>
    </table>
  </section>`;
}

export function renderChangeRecordsHtml(
  records: readonly ChangeRecord[],
  stamp: ReportStamp,
  ctx: { generatedAt: string; timeZone: string; fontCss?: string },
): string {
  const t = TEXT[stamp.language];
  const dir = stamp.language === 'ar' ? 'rtl' : 'ltr';
  return html`<!doctype html>
<html lang="${stamp.language}" dir="${dir}"><head><meta charset="utf-8"><title>${t.title}</title>
<style>${ctx.fontCss ?? ''}
body{font-family:'Noto Sans','Noto Sans Arabic',sans-serif;font-size:11pt;margin:24px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:start}
th{width:22%;background:#f4f4f4}code{font-size:9pt;word-break:break-all}.record{margin-bottom:18px;break-inside:avoid}</style>
</head><body>
<h1>${t.title}</h1>
<p>${t.site}: <bdi>${stamp.siteName}</bdi> · ${formatInstant(ctx.generatedAt, ctx.timeZone, true)} · <bdi>${stamp.generatedBy}</bdi></p>
<p dir="ltr">${t.checkpoint}: ${stamp.checkpoint.treeSize} · <code>${stamp.checkpoint.rootHash}</code></p>
${records.length === 0 ? html`<p>${t.none}</p>` : records.map((r) => recordHtml(r, t, ctx.timeZone))}
</body></html>`.value;
}
