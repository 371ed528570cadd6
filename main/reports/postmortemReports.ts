// Exports one postmortem as Markdown or PDF (English or Arabic) under <data>/exports/reports (or the
// CLI's --out), stamped with an audit checkpoint signed just before, with that checkpoint written
// beside it as JSON, and audited with each file's SHA-256. It never overwrites an earlier export.
import type { PostmortemService } from '../postmortems/postmortemService.ts';
import { renderPostmortemHtml } from './postmortemReportHtml.ts';
import { renderPostmortemMarkdown } from './postmortemReportMarkdown.ts';
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

export interface PostmortemReportsOptions extends ReportExportOptions {
  postmortems: PostmortemService;
}

export type PostmortemFormat = 'md' | 'pdf';

export class PostmortemReports {
  constructor(private readonly options: PostmortemReportsOptions) {}

  async exportPostmortem(
    id: number,
    format: PostmortemFormat,
    language: ReportLanguage,
    actor: ReportActor,
  ): Promise<AuditedExport & { warnings: string[] }> {
    const postmortem = this.options.postmortems.detail(id);
    const { db, checkpoint, directory, base, stamp, ctx } = await beginStampedExport(
      this.options,
      `postmortem-${id}-r${postmortem.revision}-${language}`,
      [`.${format}`],
      actor,
      language,
    );
    const names = { doc: `${base}.${format}`, checkpoint: `${base}.checkpoint.json` };
    const warnings: string[] = [];
    let doc: Buffer;
    if (format === 'md')
      doc = Buffer.from(renderPostmortemMarkdown(postmortem, stamp, ctx), 'utf8');
    else {
      const font = await loadReportFontCss();
      if (font.problem !== null) warnings.push(font.problem);
      const html = renderPostmortemHtml(postmortem, stamp, ctx, { fontCss: font.css });
      doc = await printPdf(this.options.printer, html, directory, base);
    }
    const files = await writeExportFiles(directory, [
      { name: names.doc, data: doc },
      { name: names.checkpoint, data: checkpointJson(stamp, base) },
    ]);
    const written = auditExport(db, this.options.clock.now(), {
      actor,
      action: 'postmortem.export',
      target: `postmortem:${id}`,
      details: { format, language, revision: postmortem.revision, state: postmortem.state },
      directory,
      files,
      checkpoint,
    });
    return { ...written, warnings };
  }
}
