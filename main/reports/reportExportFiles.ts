// What every single-subject report export shares (postmortems, drills): the export folder, the PDF
// printed through a temporary file, the signed checkpoint written beside the report as JSON, the files
// written all or nothing and never over an earlier export, and the audit entry naming each file's hash.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appendAudit, createCheckpoint } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { WritableDb } from '../store/types.ts';
import { describeFile, freeBaseName, type ExportedFile } from './exportSlaReport.ts';
import { PdfPrintError, type PdfPrinter } from './pdf.ts';
import type { ReportStamp } from './reportFormat.ts';
import type { ReportLanguage } from './reportText.ts';

/** What a report export needs from the console: its store, clock, site settings and PDF printer. */
export interface ReportExportOptions {
  store: () => WritableDb;
  clock: Clock;
  /** The site's zone (Asia/Dubai unless an admin changed it); every time in a report is shown in it. */
  timeZone: () => string;
  siteName: () => string;
  dataDir: string;
  printer: PdfPrinter;
  /** Where exports go; <data>/exports/reports unless given (the CLI's --out). */
  exportDir?: string;
}

export interface ReportActor {
  username: string;
  role: string;
}

/** `options.exportDir` (the CLI's --out) or <data>/exports/reports, resolved and created. */
export async function exportDirectory(options: {
  dataDir: string;
  exportDir?: string;
}): Promise<string> {
  const directory = path.resolve(
    options.exportDir ?? path.join(options.dataDir, 'exports', 'reports'),
  );
  await mkdir(directory, { recursive: true });
  return directory;
}

/** The checkpoint file an auditor holds later audit bundles to. */
export function checkpointJson(stamp: ReportStamp, report: string): Buffer {
  const body = {
    format: 'mirqab-report-checkpoint/v1',
    siteName: stamp.siteName,
    report,
    generatedBy: stamp.generatedBy,
    checkpoint: stamp.checkpoint,
  };
  return Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8');
}

/** Prints the HTML through a hidden temporary file in `directory`; a printer problem the operator can fix is a CONFLICT. */
export async function printPdf(
  printer: PdfPrinter,
  html: string,
  directory: string,
  base: string,
): Promise<Buffer> {
  const printing = path.join(directory, `.${base}.${randomBytes(4).toString('hex')}.pdf`);
  try {
    await printer.print(html, printing);
    return await readFile(printing);
  } catch (error) {
    // The operator can act on these (install Chromium, try again): say so, not "internal error".
    if (error instanceof PdfPrintError) throw new DomainError('CONFLICT', error.message);
    throw error;
  } finally {
    await rm(printing, { force: true });
  }
}

/** Writes every file or none; never replaces a file (another export's) that appeared meanwhile. */
export async function writeExportFiles(
  directory: string,
  files: readonly { name: string; data: Buffer }[],
): Promise<ExportedFile[]> {
  const written: string[] = [];
  try {
    for (const file of files) {
      // reason: 'wx' fails rather than replace a file another export created meanwhile.
      await writeFile(path.join(directory, file.name), file.data, { flag: 'wx' });
      written.push(file.name);
    }
    return files.map((file) => describeFile(file.data, file.name));
  } catch (error) {
    await Promise.all(written.map((name) => rm(path.join(directory, name), { force: true })));
    throw error;
  }
}

export interface AuditedExport {
  directory: string;
  files: { name: string; bytes: number }[];
  checkpoint: { treeSize: number; rootHash: string };
}

/** Audits a written export with its files' hashes and the checkpoint it was stamped with. */
export function auditExport(
  db: WritableDb,
  now: Date,
  entry: {
    actor: ReportActor;
    action: string;
    target: string;
    details: Record<string, unknown>;
    directory: string;
    files: ExportedFile[];
    checkpoint: ReportStamp['checkpoint'];
  },
): AuditedExport {
  const { checkpoint } = entry;
  appendAudit(
    db,
    {
      actor: entry.actor.username,
      role: entry.actor.role,
      action: entry.action,
      target: entry.target,
      outcome: 'success',
      details: {
        ...entry.details,
        directory: entry.directory,
        files: entry.files,
        checkpoint: {
          treeSize: checkpoint.treeSize,
          rootHash: checkpoint.rootHash,
          keyFingerprint: checkpoint.keyFingerprint,
        },
      },
    },
    now,
  );
  return {
    directory: entry.directory,
    files: entry.files.map((f) => ({ name: f.name, bytes: f.bytes })),
    checkpoint: { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash },
  };
}

/** What a stamped export starts from: the checkpoint signed for it, where it goes and how it is named. */
export interface StampedExport {
  db: WritableDb;
  now: Date;
  checkpoint: ReturnType<typeof createCheckpoint>;
  directory: string;
  /** The files' common name: none of `base + suffix` (nor its `.checkpoint.json`) exists yet. */
  base: string;
  stamp: ReportStamp;
  ctx: { generatedAt: string; timeZone: string };
}

/**
 * Starts an export: signs an audit checkpoint now, finds the export folder and a base name free for
 * every suffix and the checkpoint file, and stamps the report with the site, the checkpoint and the actor.
 */
export async function beginStampedExport(
  options: ReportExportOptions,
  stem: string,
  suffixes: readonly string[],
  actor: ReportActor,
  language: ReportLanguage,
): Promise<StampedExport> {
  const db = options.store();
  const now = options.clock.now();
  const checkpoint = createCheckpoint(db, now);
  const directory = await exportDirectory(options);
  const base = await freeBaseName(directory, stem, [...suffixes, '.checkpoint.json']);
  const stamp: ReportStamp = {
    siteName: options.siteName(),
    checkpoint,
    generatedBy: actor.username,
    language,
    checkpointFile: `${base}.checkpoint.json`,
  };
  return {
    db,
    now,
    checkpoint,
    directory,
    base,
    stamp,
    ctx: { generatedAt: now.toISOString(), timeZone: options.timeZone() },
  };
}
