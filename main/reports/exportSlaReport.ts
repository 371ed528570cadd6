// Writes one SLA report export (PDF, CSV, the HTML the PDF was printed from, and the signed audit
// checkpoint it was stamped with, as JSON an auditor can hold later bundles to) and returns each file's
// size and SHA-256 for the audit entry. It never overwrites: an existing export of the same SLA and
// period keeps its files, and this one gets the next free suffix (-2, -3, …), so every audited hash
// keeps matching the file on disk.
import { createHash, randomBytes } from 'node:crypto';
import { constants, copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SlaReport } from '../../shared/ipc/sloSchemas.ts';
import type { PdfPrinter } from './pdf.ts';
import { checkpointJson } from './reportExportFiles.ts';
import type { ReportStamp } from './reportFormat.ts';
import { loadReportFontCss } from './reportFonts.ts';
import { renderSlaReportCsv } from './slaReportCsv.ts';
import { renderSlaReportHtml } from './slaReportHtml.ts';

export interface ExportSlaReportInput {
  report: SlaReport;
  stamp: ReportStamp;
  /** Created if missing. */
  dir: string;
  printer: PdfPrinter;
  /** @font-face CSS to embed; by default the packaged Noto Sans Arabic. */
  fontCss?: string;
}

export interface ExportedFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface SlaReportExport {
  directory: string;
  files: ExportedFile[];
  /** Things the reader should know that did not stop the export (e.g. a font fell back). */
  warnings: string[];
}

const MAX_SUFFIX = 999;

/** `sla-<name>-<period>`: only letters, digits, dot, dash and underscore, whatever the SLA is called. */
export function exportBaseName(report: SlaReport): string {
  const safe = (text: string) =>
    text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'report';
  return `sla-${safe(report.sla)}-${safe(report.period)}`.slice(0, 150);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The first base name none of whose three files exists yet. */
export async function freeBaseName(
  dir: string,
  base: string,
  extensions: readonly string[],
): Promise<string> {
  for (let n = 1; n <= MAX_SUFFIX; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await Promise.all(
      extensions.map((ext) => exists(path.join(dir, `${candidate}${ext}`))),
    );
    if (!taken.some(Boolean)) return candidate;
  }
  throw new Error(`${dir} already holds ${MAX_SUFFIX} exports of ${base}; choose another folder.`);
}

export function describeFile(data: Buffer, name: string): ExportedFile {
  return { name, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
}

export async function exportSlaReport(input: ExportSlaReportInput): Promise<SlaReportExport> {
  const { report, stamp, printer } = input;
  const directory = path.resolve(input.dir);
  await mkdir(directory, { recursive: true });
  const warnings: string[] = [];
  let fontCss = input.fontCss;
  if (fontCss === undefined) {
    const loaded = await loadReportFontCss();
    fontCss = loaded.css;
    if (loaded.problem !== null) warnings.push(loaded.problem);
  }

  const base = await freeBaseName(directory, exportBaseName(report), [
    '.pdf',
    '.csv',
    '.html',
    '.checkpoint.json',
  ]);
  const names = {
    pdf: `${base}.pdf`,
    csv: `${base}.csv`,
    html: `${base}.html`,
    checkpoint: `${base}.checkpoint.json`,
  };
  const stamped: ReportStamp = { ...stamp, checkpointFile: names.checkpoint };
  const html = Buffer.from(renderSlaReportHtml(report, stamped, { fontCss }), 'utf8');
  const csv = Buffer.from(renderSlaReportCsv(report, stamped), 'utf8');
  const checkpoint = checkpointJson(stamp, base);
  const printing = path.join(directory, `.${base}.${randomBytes(4).toString('hex')}.printing.pdf`);
  const written: string[] = [];
  try {
    await printer.print(html.toString('utf8'), printing);
    // reason: COPYFILE_EXCL and 'wx' fail rather than replace a file another export created meanwhile.
    await copyFile(printing, path.join(directory, names.pdf), constants.COPYFILE_EXCL);
    written.push(names.pdf);
    const pdf = await readFile(path.join(directory, names.pdf));
    await writeFile(path.join(directory, names.csv), csv, { flag: 'wx' });
    written.push(names.csv);
    await writeFile(path.join(directory, names.html), html, { flag: 'wx' });
    written.push(names.html);
    await writeFile(path.join(directory, names.checkpoint), checkpoint, { flag: 'wx' });
    written.push(names.checkpoint);
    return {
      directory,
      files: [
        describeFile(pdf, names.pdf),
        describeFile(csv, names.csv),
        describeFile(html, names.html),
        describeFile(checkpoint, names.checkpoint),
      ],
      warnings,
    };
  } catch (error) {
    // reason: a half-written export would be audited as nothing, so leave nothing behind.
    await Promise.all(written.map((name) => rm(path.join(directory, name), { force: true })));
    throw error;
  } finally {
    await rm(printing, { force: true });
  }
}
