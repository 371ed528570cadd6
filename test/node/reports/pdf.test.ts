// Prints the report with the real headless Chromium and reads it back with poppler's pdftotext, as an
// auditor's tools would. The PDFs and first-page PNGs stay in test-results/reports/ for a human look.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chromiumArgs, createChromiumPrinter, findChromium, PdfPrintError } from '../../../main/reports/pdf.ts';
import { loadReportFontCss } from '../../../main/reports/reportFonts.ts';
import { renderSlaReportHtml } from '../../../main/reports/slaReportHtml.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { ROOT_HASH, sampleReport, sampleStamp } from './slaReportFixture.ts';

const run = promisify(execFile);
const OUT_DIR = path.resolve('test-results/reports');

async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout;
}

async function printReport(language: 'en' | 'ar'): Promise<{ file: string; text: string }> {
  await mkdir(OUT_DIR, { recursive: true });
  const { css, problem } = await loadReportFontCss();
  expect(problem).toBeNull();
  const file = path.join(OUT_DIR, `sla-report-${language}.pdf`);
  await createChromiumPrinter().print(renderSlaReportHtml(sampleReport(), sampleStamp(language), { fontCss: css }), file);
  await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, file.replace(/\.pdf$/, '-page1')]);
  return { file, text: await pdfText(file) };
}

describe('printing the SLA report with headless Chromium', () => {
  it('produces an A4 PDF an auditor can read: names, customer, Dubai dates, figures and the checkpoint stamp', async () => {
    const { file, text } = await printReport('en');
    expect((await readFile(file)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/Page size:.*\(A4\)/);
    expect(info).toMatch(/Pages:\s+3/);
    expect(text).toContain('SLA compliance report');
    expect(text).toContain('Gold <script>alert("pwned")</script> tier');
    expect(text).toContain('Emirates "Gulf" Bank, Retail AI');
    expect(text).toContain('From 2026-10-01 00:00 to 2026-11-01 00:00');
    expect(text).toContain('Asia/Dubai (UTC+04:00)');
    expect(text).toContain('2026-10-13 02:00');
    for (const figure of ['99.712 %', '99.421 %', '579.0 %', '99.5 %']) expect(text).toContain(figure);
    expect(text).toContain('Not met');
    expect(text).toContain('Incidents: none recorded.');
    expect(text).toContain(ROOT_HASH);
    // the stamp and the page number are on every page
    const stamp = `Produced at audit checkpoint #4211, root ${ROOT_HASH.slice(0, 16)}…, 2026-11-01 09:30 UTC+04:00`;
    expect(text.split(stamp)).toHaveLength(4);
    for (const page of [1, 2, 3]) expect(text).toContain(`Page ${page} of 3`);
  });

  it('prints the Arabic report right-to-left with Arabic text in the PDF', async () => {
    const { text } = await printReport('ar');
    // reason: pdftotext splits Arabic words where glyphs join and adds bidi marks; compare letters only.
    const squash = (s: string) => s.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    for (const phrase of ['تقرير الامتثال لاتفاقية مستوى الخدمة', 'غير متحقق', 'أكتوبر 2026', 'الحوادث:', 'أي حادث.', '99.421 %']) {
      expect(squash(text)).toContain(squash(phrase));
    }
    expect(text).toMatch(/\u202b/);
    expect(text).toContain(ROOT_HASH);
    const { stdout: fonts } = await run('pdffonts', [path.join(OUT_DIR, 'sla-report-ar.pdf')]);
    expect(fonts).toContain('NotoSansArabic');
  });

  it('runs the browser offline and without a shell, in a throwaway profile', () => {
    const args = chromiumArgs('/tmp/a b/report.html', '/tmp/out.pdf', '/tmp/profile');
    expect(args).toEqual(expect.arrayContaining(['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-pdf-header-footer']));
    expect(args).toContain('--user-data-dir=/tmp/profile');
    expect(args).toContain('--print-to-pdf=/tmp/out.pdf');
    expect(args.at(-1)).toBe('file:///tmp/a%20b/report.html');
  });

  it('finds the browser from the option, then MIRQAB_CHROMIUM, and says clearly when there is none', async () => {
    await expect(findChromium({ env: {} })).resolves.toMatch(/chrom/);
    await expect(findChromium({ env: { MIRQAB_CHROMIUM: '/usr/bin/chromium' } })).resolves.toBe('/usr/bin/chromium');
    const missing = findChromium({ env: { MIRQAB_CHROMIUM: '/nowhere/chromium' } });
    await expect(missing).rejects.toBeInstanceOf(PdfPrintError);
    await expect(missing).rejects.toMatchObject({ code: 'PDF_PRINTER_MISSING', message: expect.stringContaining('/nowhere/chromium') as string });
  });

  it('reports a browser that fails, and leaves no partial PDF behind', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'report.pdf');
    const printer = createChromiumPrinter({ executablePath: '/bin/false' });
    await expect(printer.print('<p>x</p>', out)).rejects.toMatchObject({ code: 'PDF_PRINT_FAILED' });
    const printsNothing = createChromiumPrinter({ executablePath: '/bin/true' });
    await expect(printsNothing.print('<p>x</p>', out)).rejects.toMatchObject({ code: 'PDF_PRINT_FAILED', message: expect.stringContaining('no PDF') as string });
    const { stdout } = await run('ls', ['-A', dir]);
    expect(stdout.trim()).toBe('');
  });

  it('stops a browser that hangs, with its whole process group', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'pid');
    const hang = path.join(dir, 'hang.sh');
    await writeFile(hang, `#!/bin/sh\necho $$ > '${pidFile}'\nsleep 30\n`);
    await chmod(hang, 0o755);
    const printer = createChromiumPrinter({ executablePath: hang, timeoutMs: 1000 });
    await expect(printer.print('<p>x</p>', path.join(dir, 'out.pdf'))).rejects.toMatchObject({ code: 'PDF_PRINT_TIMEOUT' });
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
