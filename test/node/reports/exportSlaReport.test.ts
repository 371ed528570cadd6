import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBaseName, exportSlaReport } from '../../../main/reports/exportSlaReport.ts';
import {
  createChromiumPrinter,
  PdfPrintError,
  type PdfPrinter,
} from '../../../main/reports/pdf.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { sampleReport, sampleStamp } from './slaReportFixture.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('exporting an SLA report', () => {
  it('writes the PDF, CSV, HTML and the signed checkpoint into a new folder and returns the sizes and hashes the audit entry records', async () => {
    const dir = path.join(tempDir(), 'exports', '2026-10');
    const result = await exportSlaReport({
      report: sampleReport(),
      stamp: sampleStamp(),
      dir,
      printer: createChromiumPrinter(),
    });
    expect(result.directory).toBe(dir);
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => f.name)).toEqual([
      'sla-llm-gold-2026-10.pdf',
      'sla-llm-gold-2026-10.csv',
      'sla-llm-gold-2026-10.html',
      'sla-llm-gold-2026-10.checkpoint.json',
    ]);
    for (const file of result.files) {
      const data = await readFile(path.join(dir, file.name));
      expect(file).toEqual({ name: file.name, bytes: data.byteLength, sha256: sha256(data) });
    }
    expect((await readdir(dir)).sort()).toEqual(result.files.map((f) => f.name).sort());
    const html = await readFile(path.join(dir, 'sla-llm-gold-2026-10.html'), 'utf8');
    expect(html).toContain("font-family: 'Noto Sans Arabic'");
    // The stamp travels as the signed checkpoint itself, named in the report for auditors.
    expect(html).toContain('--previous sla-llm-gold-2026-10.checkpoint.json');
    const stamp = JSON.parse(
      await readFile(path.join(dir, 'sla-llm-gold-2026-10.checkpoint.json'), 'utf8'),
    ) as unknown;
    expect(stamp).toMatchObject({
      format: 'mirqab-report-checkpoint/v1',
      siteName: 'Dubai DC-1',
      report: 'sla-llm-gold-2026-10',
      checkpoint: sampleStamp().checkpoint,
    });
  });

  it('never overwrites an earlier export: the next one gets a suffix and the first keeps its hashes', async () => {
    const dir = tempDir();
    const printer = createChromiumPrinter();
    const first = await exportSlaReport({
      report: sampleReport(),
      stamp: sampleStamp(),
      dir,
      printer,
      fontCss: '',
    });
    const second = await exportSlaReport({
      report: sampleReport(),
      stamp: sampleStamp('ar'),
      dir,
      printer,
      fontCss: '',
    });
    expect(second.files.map((f) => f.name)).toEqual([
      'sla-llm-gold-2026-10-2.pdf',
      'sla-llm-gold-2026-10-2.csv',
      'sla-llm-gold-2026-10-2.html',
      'sla-llm-gold-2026-10-2.checkpoint.json',
    ]);
    for (const file of first.files)
      expect(sha256(await readFile(path.join(dir, file.name)))).toBe(file.sha256);
  });

  it('leaves nothing behind when printing fails', async () => {
    const dir = tempDir();
    const broken: PdfPrinter = {
      print: () =>
        Promise.reject(new PdfPrintError('PDF_PRINT_FAILED', 'Chromium exited with code 1')),
    };
    await expect(
      exportSlaReport({
        report: sampleReport(),
        stamp: sampleStamp(),
        dir,
        printer: broken,
        fontCss: '',
      }),
    ).rejects.toMatchObject({ code: 'PDF_PRINT_FAILED' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('names files from the SLA and period only with safe characters', () => {
    expect(exportBaseName({ ...sampleReport(), sla: '../../etc/passwd', period: '2026-Q4' })).toBe(
      'sla-etc-passwd-2026-Q4',
    );
    expect(exportBaseName({ ...sampleReport(), sla: 'خدمة', period: '2026-10' })).toBe(
      'sla-report-2026-10',
    );
  });
});
