// Prints the report with the real headless Chromium and reads it back with poppler's pdftotext, as an
// auditor's tools would. The PDFs and first-page PNGs stay in test-results/reports/ for a human look.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  chromiumArgs,
  createChromiumPrinter,
  findChromium,
  PdfPrintError,
  sandboxProblem,
} from '../../../main/reports/pdf.ts';
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
  await createChromiumPrinter().print(
    renderSlaReportHtml(sampleReport(), sampleStamp(language), { fontCss: css }),
    file,
  );
  await run('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    file.replace(/\.pdf$/, '-page1'),
  ]);
  return { file, text: await pdfText(file) };
}

/** A stand-in browser that logs its arguments and writes a PDF; without --no-sandbox it fails as Chromium does as root. */
async function fakeChromium(
  dir: string,
  options: { sandboxStarts: boolean },
): Promise<{ binary: string; log: string }> {
  const log = path.join(dir, 'args.log');
  const binary = path.join(dir, 'chromium.sh');
  const refuse = options.sandboxStarts
    ? ''
    : 'if [ -z "$nosb" ]; then echo "[1:1:ERROR:zygote_host_impl_linux.cc(103)] Running as root without --no-sandbox is not supported. See https://crbug.com/638180." >&2; exit 1; fi\n';
  await writeFile(
    binary,
    `#!/bin/sh\necho "$@" >> '${log}'\nnosb=\nfor a in "$@"; do case "$a" in --no-sandbox) nosb=1;; --print-to-pdf=*) out="\${a#--print-to-pdf=}";; esac; done\n${refuse}printf '%%PDF-1.4\\n' > "$out"\n`,
  );
  await chmod(binary, 0o755);
  return { binary, log };
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
    for (const figure of ['99.712 %', '99.421 %', '579.0 %', '99.5 %'])
      expect(text).toContain(figure);
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
    for (const phrase of [
      'تقرير الامتثال لاتفاقية مستوى الخدمة',
      'غير متحقق',
      'أكتوبر 2026',
      'الحوادث:',
      'أي حادث.',
      '99.421 %',
    ]) {
      expect(squash(text)).toContain(squash(phrase));
    }
    expect(text).toMatch(/\u202b/);
    expect(text).toContain(ROOT_HASH);
    const { stdout: fonts } = await run('pdffonts', [path.join(OUT_DIR, 'sla-report-ar.pdf')]);
    expect(fonts).toContain('NotoSansArabic');
  });

  it('runs the browser offline, in its sandbox, without a shell, in a throwaway profile', () => {
    const args = chromiumArgs('/tmp/a b/report.html', '/tmp/out.pdf', '/tmp/profile');
    expect(args).toEqual(
      expect.arrayContaining([
        '--headless=new',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-pdf-header-footer',
      ]),
    );
    expect(args).not.toContain('--no-sandbox');
    expect(args).toContain('--user-data-dir=/tmp/profile');
    expect(args).toContain('--print-to-pdf=/tmp/out.pdf');
    expect(args.at(-1)).toBe('file:///tmp/a%20b/report.html');
    expect(chromiumArgs('/tmp/r.html', '/tmp/o.pdf', '/tmp/p', { sandbox: false })).toContain(
      '--no-sandbox',
    );
  });

  it("keeps Chromium's sandbox where it starts, and says nothing", async () => {
    const dir = tempDir();
    const { binary, log } = await fakeChromium(dir, { sandboxStarts: true });
    const notices: string[] = [];
    await createChromiumPrinter({ executablePath: binary, onNotice: (m) => notices.push(m) }).print(
      '<p>x</p>',
      path.join(dir, 'out.pdf'),
    );
    const runs = (await readFile(log, 'utf8')).trim().split('\n');
    expect(runs).toHaveLength(1);
    expect(runs[0]).not.toContain('--no-sandbox');
    expect(notices).toEqual([]);
  });

  it('falls back to --no-sandbox only where the sandbox cannot start, says so once, and remembers', async () => {
    const dir = tempDir();
    const { binary, log } = await fakeChromium(dir, { sandboxStarts: false });
    const notices: string[] = [];
    const printer = createChromiumPrinter({
      executablePath: binary,
      onNotice: (m) => notices.push(m),
    });
    await printer.print('<p>x</p>', path.join(dir, 'one.pdf'));
    await printer.print('<p>x</p>', path.join(dir, 'two.pdf'));
    const runs = (await readFile(log, 'utf8')).trim().split('\n');
    expect(runs.map((r) => r.includes('--no-sandbox'))).toEqual([false, true, true]);
    expect(notices).toEqual([
      "Chromium runs as root here, where its sandbox cannot start: report PDFs are printed with --no-sandbox (the page is Mirqab's own escaped, script-free report, loaded offline).",
    ]);
    expect((await readFile(path.join(dir, 'two.pdf'))).subarray(0, 5).toString('latin1')).toBe(
      '%PDF-',
    );
  });

  it('does not drop the sandbox for failures that have nothing to do with it', async () => {
    expect(sandboxProblem('[ERROR:gpu_init.cc] Passthrough is not supported')).toBeNull();
    expect(
      sandboxProblem('FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox! Update your kernel'),
    ).toMatch(/no usable sandbox/);
    const printer = createChromiumPrinter({ executablePath: '/bin/false' });
    await expect(printer.print('<p>x</p>', path.join(tempDir(), 'x.pdf'))).rejects.toMatchObject({
      code: 'PDF_PRINT_FAILED',
    });
  });

  it('the real Chromium prints here either way: sandboxed, or (as root) unsandboxed with a notice', async () => {
    const notices: string[] = [];
    const out = path.join(tempDir(), 'real.pdf');
    await createChromiumPrinter({ onNotice: (m) => notices.push(m) }).print(
      '<p>sandbox check</p>',
      out,
    );
    expect((await readFile(out)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (process.getuid?.() === 0)
      expect(notices).toEqual([expect.stringMatching(/^Chromium runs as root here/) as string]);
  });

  it('the real Chromium keeps its sandbox for an ordinary account (run as nobody where this test runs as root)', async () => {
    // reason: only root can switch to another account; elsewhere the test above already ran sandboxed.
    if (process.getuid?.() !== 0 || !existsSync('/usr/sbin/runuser')) return;
    const dir = tempDir();
    await chmod(dir, 0o777);
    const log = path.join(dir, 'args.log');
    const wrapper = path.join(dir, 'chromium-as-nobody.sh');
    // The printer's work folder is private to root; the wrapper opens it to nobody before handing over.
    await writeFile(
      wrapper,
      `#!/bin/sh\necho "$@" >> '${log}'\nfor a in "$@"; do case "$a" in --user-data-dir=*) work=$(dirname "\${a#--user-data-dir=}");; esac; done\nchmod -R a+rwX "$work"\nHOME="$work" exec /usr/sbin/runuser -u nobody -- /usr/bin/chromium "$@"\n`,
    );
    await chmod(wrapper, 0o755);
    const notices: string[] = [];
    const out = path.join(dir, 'sandboxed.pdf');
    await createChromiumPrinter({
      executablePath: wrapper,
      tempDir: dir,
      onNotice: (m) => notices.push(m),
    }).print('<p>sandboxed</p>', out);
    expect((await readFile(out)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(notices).toEqual([]);
    expect(await readFile(log, 'utf8')).not.toContain('--no-sandbox');
  });

  it('finds the browser from the option, then MIRQAB_CHROMIUM, and says clearly when there is none', async () => {
    await expect(findChromium({ env: {} })).resolves.toMatch(/chrom/);
    await expect(findChromium({ env: { MIRQAB_CHROMIUM: '/usr/bin/chromium' } })).resolves.toBe(
      '/usr/bin/chromium',
    );
    const missing = findChromium({ env: { MIRQAB_CHROMIUM: '/nowhere/chromium' } });
    await expect(missing).rejects.toBeInstanceOf(PdfPrintError);
    await expect(missing).rejects.toMatchObject({
      code: 'PDF_PRINTER_MISSING',
      message: expect.stringContaining('/nowhere/chromium') as string,
    });
  });

  it('reports a browser that fails, and leaves no partial PDF behind', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'report.pdf');
    const printer = createChromiumPrinter({ executablePath: '/bin/false' });
    await expect(printer.print('<p>x</p>', out)).rejects.toMatchObject({
      code: 'PDF_PRINT_FAILED',
    });
    const printsNothing = createChromiumPrinter({ executablePath: '/bin/true' });
    await expect(printsNothing.print('<p>x</p>', out)).rejects.toMatchObject({
      code: 'PDF_PRINT_FAILED',
      message: expect.stringContaining('no PDF') as string,
    });
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
    await expect(printer.print('<p>x</p>', path.join(dir, 'out.pdf'))).rejects.toMatchObject({
      code: 'PDF_PRINT_TIMEOUT',
    });
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
