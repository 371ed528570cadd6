// Exports change records (one, or all) for auditors as JSON, HTML or PDF (English or Arabic) under
// <data>/exports/reports, stamped with an audit checkpoint signed just before and written beside it,
// and audited with each file's SHA-256. It never overwrites an earlier export.
import type { ChangeRecords } from '../governance/index.ts';
import { renderChangeRecordsHtml } from './changeRecordHtml.ts';
import {
  auditExport,
  beginStampedExport,
  checkpointJson,
  printPdf,
  writeExportFiles,
  type AuditedExport,
  type ReportActor,
  type ReportExportOptions,
} from './reportExportFiles.ts';
import { loadReportFontCss } from './reportFonts.ts';
import type { ReportLanguage } from './reportText.ts';

export type ChangeExportFormat = 'json' | 'html' | 'pdf';

export class ChangeRecordReports {
  constructor(private readonly options: ReportExportOptions & { changes: ChangeRecords }) {}

  async export(
    id: number | null,
    format: ChangeExportFormat,
    language: ReportLanguage,
    actor: ReportActor,
  ): Promise<AuditedExport> {
    const records = id === null ? this.options.changes.list() : [this.options.changes.get(id)];
    const stem = `model-changes-${id ?? 'all'}-${this.options.clock.now().toISOString().slice(0, 10)}-${language}`;
    const { db, checkpoint, directory, base, stamp, ctx } = await beginStampedExport(
      this.options,
      stem,
      [`.${format}`],
      actor,
      language,
    );
    const names = { doc: `${base}.${format}`, checkpoint: `${base}.checkpoint.json` };
    let doc: Buffer;
    if (format === 'json') {
      const body = {
        format: 'mirqab-model-changes/v1',
        site: stamp.siteName,
        generatedAt: ctx.generatedAt,
        generatedBy: actor.username,
        checkpoint,
        records,
      };
      doc = Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8');
    } else if (format === 'html')
      doc = Buffer.from(renderChangeRecordsHtml(records, stamp, ctx), 'utf8');
    else {
      const font = await loadReportFontCss();
      const page = renderChangeRecordsHtml(records, stamp, { ...ctx, fontCss: font.css });
      doc = await printPdf(this.options.printer, page, directory, base);
    }
    const files = await writeExportFiles(directory, [
      { name: names.doc, data: doc },
      { name: names.checkpoint, data: checkpointJson(stamp, base) },
    ]);
    return auditExport(db, this.options.clock.now(), {
      actor,
      action: 'changes.export',
      target: id === null ? 'changes' : `change:${id}`,
      details: { format, language, records: records.length },
      directory,
      files,
      checkpoint,
    });
  }
}
