// Drill report exports on a real encrypted store: the PDF printed by the real headless Chromium and
// read back page by page with poppler's pdftotext (DRILL on every page), the CSV files, the checkpoint
// beside them, the drill.export audit entry with each file's SHA-256, and nothing left when printing
// fails. The PDF stays in test-results/reports/ for a human look.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../main/audit/index.ts';
import { DomainError } from '../../../main/core/errors.ts';
import { DrillReports } from '../../../main/reports/drillReports.ts';
import { createChromiumPrinter } from '../../../main/reports/pdf.ts';
import { closeStore, type WritableDb } from '../../../main/store/db.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { auditStore } from '../audit/auditStore.ts';
import { QUESTIONS, sampleDrill, SIMULATED, START_MS, xss } from './drillReportFixture.ts';

const run = promisify(execFile);
const OUT_DIR = path.resolve('test-results/reports');
const FACILITATOR = { username: 'fatima', role: 'incident_commander' };
let db: WritableDb;
let dataDir: string;

beforeEach(async () => {
  ({ db, dataDir } = await auditStore(3));
});
afterEach(() => closeStore(db));

function reports(printer = createChromiumPrinter()) {
  return new DrillReports({
    store: () => db,
    clock: { now: () => new Date(START_MS + 90 * 60_000) },
    timeZone: () => 'Asia/Dubai',
    siteName: () => 'Dubai DC-1',
    dataDir,
    printer,
  });
}

/** The drill.export entry, after checking each audited hash against the file on disk. */
async function audited(out: { directory: string; files: { name: string }[] }) {
  const { entries } = listAudit(db, { action: 'drill.export', limit: 10 });
  expect(entries).toHaveLength(1);
  const entry = entries[0]!;
  const details = entry.details as {
    format: string;
    files: { name: string; sha256: string }[];
    checkpoint: { treeSize: number; rootHash: string };
  };
  expect(details.files.map((f) => f.name)).toEqual(out.files.map((f) => f.name));
  for (const file of details.files) {
    const bytes = await readFile(path.join(out.directory, file.name));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
  }
  return { entry, details };
}

describe('drill report exports', () => {
  it('PDF: says DRILL on every page, with the score, each component, the debrief and the stamp', async () => {
    const drill = sampleDrill();
    drill.team = xss('team');
    const out = await reports().export(drill, QUESTIONS, 'pdf', FACILITATOR);
    expect(out.directory).toBe(path.join(dataDir, 'exports', 'reports'));
    expect(out.files.map((f) => f.name)).toEqual(['drill-7-en.pdf', 'drill-7-en.checkpoint.json']);
    const pdf = path.join(out.directory, 'drill-7-en.pdf');
    // reason: kept for a human look, as the SLA report's PDFs are.
    await mkdir(OUT_DIR, { recursive: true });
    await copyFile(pdf, path.join(OUT_DIR, 'drill-report-en.pdf'));
    expect((await readFile(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const { stdout: info } = await run('pdfinfo', [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page += 1) {
      const { stdout } = await run('pdftotext', [
        '-enc',
        'UTF-8',
        '-f',
        `${page}`,
        '-l',
        `${page}`,
        pdf,
        '-',
      ]);
      expect(stdout, `page ${page}`).toContain(SIMULATED);
      expect(stdout, `page ${page}`).toContain(`Page ${page} of ${pages}`);
    }
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    for (const words of [
      'Drill report',
      'A GPU falls off the bus',
      xss('team'),
      'Started 2026-11-03 10:00 UTC+04:00',
      'SCORE 50 of 100',
      'Detect',
      'Acknowledge',
      'Mitigate',
      'Runbook choice',
      'Required steps',
      '7.5 of 15',
      'Earned 42.5 of 85 points.',
      'alert GpuXidErrors fired',
      'Fault injected',
      'The Xid alert, then the throughput panel.',
      'Not answered.',
      'Alert on Xid 79 directly',
      `Produced at audit checkpoint #${out.checkpoint.treeSize}`,
    ])
      expect(text).toContain(words);

    const { entry, details } = await audited(out);
    expect(entry).toMatchObject({ actor: 'fatima', target: 'drill:7', outcome: 'success' });
    expect(details).toMatchObject({ format: 'pdf', checkpoint: out.checkpoint });
    const checkpoint = JSON.parse(
      await readFile(path.join(out.directory, 'drill-7-en.checkpoint.json'), 'utf8'),
    ) as { report: string; checkpoint: { treeSize: number; rootHash: string } };
    expect(checkpoint).toMatchObject({ report: 'drill-7-en', checkpoint: out.checkpoint });
  });

  it('CSV: the score and the timeline files beside their checkpoint, never overwriting an earlier export', async () => {
    const first = await reports().export(sampleDrill(), QUESTIONS, 'csv', FACILITATOR);
    expect(first.files.map((f) => f.name)).toEqual([
      'drill-7-score.csv',
      'drill-7-timeline.csv',
      'drill-7.checkpoint.json',
    ]);
    const score = await readFile(path.join(first.directory, 'drill-7-score.csv'), 'utf8');
    expect(score.split('\r\n')[0]).toBe(`\uFEFF# ${SIMULATED}. Drill 7; score 50 of 100.`);
    await audited(first);

    const again = await reports().export(sampleDrill(), QUESTIONS, 'csv', FACILITATOR);
    expect(again.files.map((f) => f.name)).toEqual([
      'drill-7-2-score.csv',
      'drill-7-2-timeline.csv',
      'drill-7-2.checkpoint.json',
    ]);
    expect(again.checkpoint.treeSize).toBeGreaterThan(first.checkpoint.treeSize);
  });

  it('leaves no file and no audit entry when the PDF cannot be printed, and says why', async () => {
    const missing = createChromiumPrinter({ executablePath: path.join(tempDir(), 'no-chromium') });
    const failed = reports(missing).export(sampleDrill(), QUESTIONS, 'pdf', FACILITATOR);
    await expect(failed).rejects.toThrow(DomainError);
    await expect(failed).rejects.toThrow(/no-chromium does not exist/);
    expect(await readdir(path.join(dataDir, 'exports', 'reports'))).toEqual([]);
    expect(listAudit(db, { action: 'drill.export', limit: 10 }).total).toBe(0);
  });
});
