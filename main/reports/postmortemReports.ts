// Exports one postmortem as Markdown or PDF (English or Arabic) under <data>/exports/reports (or the
// CLI's --out), stamped with an audit checkpoint signed just before, with that checkpoint written
// beside it as JSON, and audited with each file's SHA-256. It never overwrites an earlier export.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appendAudit, createCheckpoint } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { PostmortemService } from '../postmortems/postmortemService.ts';
import type { WritableDb } from '../store/types.ts';
import { describeFile, freeBaseName, type ExportedFile } from './exportSlaReport.ts';
import { PdfPrintError, type PdfPrinter } from './pdf.ts';
import { renderPostmortemHtml } from './postmortemReportHtml.ts';
import { renderPostmortemMarkdown } from './postmortemReportMarkdown.ts';
import { loadReportFontCss } from './reportFonts.ts';
import type { ReportStamp } from './reportFormat.ts';
import type { ReportLanguage } from './reportText.ts';

export interface PostmortemReportsOptions {
  store: () => WritableDb;
  clock: Clock;
  timeZone: () => string;
  siteName: () => string;
  dataDir: string;
  printer: PdfPrinter;
  postmortems: PostmortemService;
  /** Where exports go; <data>/exports/reports unless given (the CLI's --out). */
  exportDir?: string;
}

export type PostmortemFormat = 'md' | 'pdf';

export class PostmortemReports {
  constructor(private readonly options: PostmortemReportsOptions) {}

  async exportPostmortem(
    id: number,
    format: PostmortemFormat,
    language: ReportLanguage,
    actor: { username: string; role: string },
  ): Promise<{
    directory: string;
    files: { name: string; bytes: number }[];
    checkpoint: { treeSize: number; rootHash: string };
    warnings: string[];
  }> {
    const postmortem = this.options.postmortems.detail(id);
    const db = this.options.store();
    const now = this.options.clock.now();
    const checkpoint = createCheckpoint(db, now);
    const directory = path.resolve(
      this.options.exportDir ?? path.join(this.options.dataDir, 'exports', 'reports'),
    );
    await mkdir(directory, { recursive: true });
    const base = await freeBaseName(
      directory,
      `postmortem-${id}-r${postmortem.revision}-${language}`,
      [`.${format}`, '.checkpoint.json'],
    );
    const names = { doc: `${base}.${format}`, checkpoint: `${base}.checkpoint.json` };
    const stamp: ReportStamp = {
      siteName: this.options.siteName(),
      checkpoint,
      generatedBy: actor.username,
      language,
      checkpointFile: names.checkpoint,
    };
    const ctx = { generatedAt: now.toISOString(), timeZone: this.options.timeZone() };
    const warnings: string[] = [];
    const files = await this.write(
      directory,
      names,
      async () => {
        if (format === 'md')
          return Buffer.from(renderPostmortemMarkdown(postmortem, stamp, ctx), 'utf8');
        const font = await loadReportFontCss();
        if (font.problem !== null) warnings.push(font.problem);
        const html = renderPostmortemHtml(postmortem, stamp, ctx, { fontCss: font.css });
        const printing = path.join(directory, `.${base}.${randomBytes(4).toString('hex')}.pdf`);
        try {
          await this.options.printer.print(html, printing);
          return await readFile(printing);
        } catch (error) {
          // The operator can act on these (install Chromium, try again): say so, not "internal error".
          if (error instanceof PdfPrintError) throw new DomainError('CONFLICT', error.message);
          throw error;
        } finally {
          await rm(printing, { force: true });
        }
      },
      Buffer.from(
        `${JSON.stringify({ format: 'mirqab-report-checkpoint/v1', siteName: stamp.siteName, report: base, generatedBy: stamp.generatedBy, checkpoint }, null, 2)}\n`,
        'utf8',
      ),
    );
    appendAudit(
      db,
      {
        actor: actor.username,
        role: actor.role,
        action: 'postmortem.export',
        target: `postmortem:${id}`,
        outcome: 'success',
        details: {
          format,
          language,
          revision: postmortem.revision,
          state: postmortem.state,
          directory,
          files,
          checkpoint: {
            treeSize: checkpoint.treeSize,
            rootHash: checkpoint.rootHash,
            keyFingerprint: checkpoint.keyFingerprint,
          },
        },
      },
      this.options.clock.now(),
    );
    return {
      directory,
      files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
      checkpoint: { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash },
      warnings,
    };
  }

  /** Writes the document and its checkpoint file, or nothing at all. */
  private async write(
    directory: string,
    names: { doc: string; checkpoint: string },
    render: () => Promise<Buffer>,
    checkpoint: Buffer,
  ): Promise<ExportedFile[]> {
    const doc = await render();
    const written: string[] = [];
    try {
      const docPath = path.join(directory, names.doc);
      // reason: 'wx' fails rather than replace a file another export created meanwhile.
      await writeFile(docPath, doc, { flag: 'wx' });
      written.push(names.doc);
      await writeFile(path.join(directory, names.checkpoint), checkpoint, { flag: 'wx' });
      written.push(names.checkpoint);
      return [describeFile(doc, names.doc), describeFile(checkpoint, names.checkpoint)];
    } catch (error) {
      await Promise.all(written.map((name) => rm(path.join(directory, name), { force: true })));
      throw error;
    }
  }
}
