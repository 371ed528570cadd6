// Exports one drill's report under <data>/exports/reports (or the CLI's --out): a PDF that says on
// every page it is a simulation, or its score and timeline as CSV; stamped with an audit checkpoint
// signed just before, that checkpoint written beside it as JSON, and audited (drill.export) with each
// file's SHA-256. It never overwrites an earlier export.
import type { DrillRunDetail } from '../../shared/ipc/drillSchemas.ts';
import { renderDrillScoreCsv, renderDrillTimelineCsv } from './drillReportCsv.ts';
import { renderDrillHtml } from './drillReportHtml.ts';
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

export type DrillReportFormat = 'pdf' | 'csv';

export class DrillReports {
  /**
   * The same options as the postmortem and SLA reports: the site's store (the checkpoint and the audit
   * entry go there), the clock, the site's zone and name, the data folder (exports go to
   * <data>/exports/reports unless exportDir is given) and the PDF printer (Chromium or Electron).
   */
  constructor(private readonly options: ReportExportOptions) {}

  /**
   * PDF: `drill-ID-LANGUAGE.pdf`; CSV: `drill-ID-score.csv` and `drill-ID-timeline.csv`; each with its
   * `.checkpoint.json`. `debriefQuestions` are the scenario's, so unanswered ones show as such.
   */
  async export(
    detail: DrillRunDetail,
    debriefQuestions: readonly string[],
    format: DrillReportFormat,
    actor: ReportActor,
    language: ReportLanguage = 'en',
  ): Promise<AuditedExport & { warnings: string[] }> {
    const timeZone = this.options.timeZone();
    const warnings: string[] = [];
    const stem = format === 'pdf' ? `drill-${detail.id}-${language}` : `drill-${detail.id}`;
    const suffixes = format === 'pdf' ? ['.pdf'] : ['-score.csv', '-timeline.csv'];
    const { db, checkpoint, directory, base, stamp, ctx } = await beginStampedExport(
      this.options,
      stem,
      suffixes,
      actor,
      language,
    );
    let documents: { name: string; data: Buffer }[];
    if (format === 'csv')
      documents = [
        { name: `${base}-score.csv`, data: Buffer.from(renderDrillScoreCsv(detail, timeZone)) },
        {
          name: `${base}-timeline.csv`,
          data: Buffer.from(renderDrillTimelineCsv(detail, timeZone)),
        },
      ];
    else {
      const font = await loadReportFontCss();
      if (font.problem !== null) warnings.push(font.problem);
      const html = renderDrillHtml(detail, debriefQuestions, stamp, ctx, { fontCss: font.css });
      documents = [
        { name: `${base}.pdf`, data: await printPdf(this.options.printer, html, directory, base) },
      ];
    }
    const files = await writeExportFiles(directory, [
      ...documents,
      { name: `${base}.checkpoint.json`, data: checkpointJson(stamp, base) },
    ]);
    const written = auditExport(db, this.options.clock.now(), {
      actor,
      action: 'drill.export',
      target: `drill:${detail.id}`,
      details: {
        format,
        language,
        scenario: detail.scenario,
        version: detail.version,
        team: detail.team,
        score: detail.score,
      },
      directory,
      files,
      checkpoint,
    });
    return { ...written, warnings };
  }
}
