// Prints one HTML document to PDF. Two adapters share this interface: headless Chromium here (browser
// mode, the CLI, tests) and Electron's printToPDF in main/shell/pdfPrinter.ts (the desktop).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, constants, mkdtemp, open, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PdfPrinter {
  /** Writes the PDF to outPath (replacing it), or rejects with a PdfPrintError. */
  print(html: string, outPath: string): Promise<void>;
}

export type PdfPrintErrorCode = 'PDF_PRINTER_MISSING' | 'PDF_PRINT_FAILED' | 'PDF_PRINT_TIMEOUT';

export class PdfPrintError extends Error {
  constructor(
    readonly code: PdfPrintErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfPrintError';
  }
}

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
] as const;

export interface ChromiumPrinterOptions {
  /** The browser binary; otherwise MIRQAB_CHROMIUM, then the usual Linux paths. */
  executablePath?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (with its whole process group) after this long. */
  timeoutMs?: number;
  /** Where the temporary HTML and browser profile go (default: the OS temp folder). */
  tempDir?: string;
  /** Told once when Chromium's sandbox cannot start here and reports are printed without it. */
  onNotice?: (message: string) => void;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first browser that exists: the option, then MIRQAB_CHROMIUM, then the usual install paths. */
export async function findChromium(
  options: Pick<ChromiumPrinterOptions, 'executablePath' | 'env'> = {},
): Promise<string> {
  const fromEnv = (options.env ?? process.env)['MIRQAB_CHROMIUM']?.trim();
  const named = options.executablePath ?? (fromEnv || undefined);
  if (named !== undefined) {
    if (await isExecutable(named)) return named;
    throw new PdfPrintError(
      'PDF_PRINTER_MISSING',
      `The Chromium binary ${named} does not exist or is not executable.`,
    );
  }
  for (const candidate of CHROMIUM_CANDIDATES) {
    if (await isExecutable(candidate)) return candidate;
  }
  throw new PdfPrintError(
    'PDF_PRINTER_MISSING',
    `No Chromium found to print the PDF (looked in ${CHROMIUM_CANDIDATES.join(', ')}). Install chromium or set MIRQAB_CHROMIUM to its path.`,
  );
}

/**
 * Every flag keeps the browser offline, scriptless and out of the user's own profile. The sandbox
 * stays on unless `sandbox: false`, which the printer asks for only where the sandbox cannot start.
 */
export function chromiumArgs(
  htmlFile: string,
  pdfFile: string,
  profileDir: string,
  options: { sandbox: boolean } = { sandbox: true },
): string[] {
  return [
    '--headless=new',
    // reason: only where the sandbox cannot start (as root, or without user namespaces); the page is our own escaped, script-free template.
    ...(options.sandbox ? [] : ['--no-sandbox']),
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-proxy-server',
    '--mute-audio',
    // reason: scripts stay off through the page's own CSP; --blink-settings=scriptEnabled=false stops print-to-pdf writing anything.
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    pathToFileURL(htmlFile).href,
  ];
}

async function isPdf(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(5);
      await handle.read(head, 0, 5, 0);
      return head.toString('latin1') === '%PDF-';
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

// What Chromium prints when its sandbox cannot start, and what to tell the operator.
const SANDBOX_FAILURES: [RegExp, string][] = [
  [
    /Running as root without --no-sandbox is not supported/,
    'Chromium runs as root here, where its sandbox cannot start',
  ],
  [
    /No usable sandbox|Failed to move to new namespace|SUID sandbox helper|setuid sandbox/i,
    'this system offers Chromium no usable sandbox (no user namespaces and no setuid helper)',
  ],
];

/** Why the sandbox could not start, when Chromium's error output says so; otherwise null. */
export function sandboxProblem(stderr: string): string | null {
  return SANDBOX_FAILURES.find(([pattern]) => pattern.test(stderr))?.[1] ?? null;
}

class ChromiumExit extends PdfPrintError {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super('PDF_PRINT_FAILED', message);
  }
}

function runChromium(binary: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // reason: detached gives the browser its own process group, so a timeout kills its helpers too.
    const child = spawn(binary, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      killTree(child.pid);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new PdfPrintError(
          'PDF_PRINT_FAILED',
          `Chromium (${binary}) could not start: ${error.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (isTimedOut)
        reject(
          new PdfPrintError(
            'PDF_PRINT_TIMEOUT',
            `Chromium did not finish printing within ${Math.round(timeoutMs / 1000)} s and was stopped.`,
          ),
        );
      else if (code === 0) resolve();
      else
        reject(
          new ChromiumExit(
            `Chromium exited with ${signal ?? `code ${code}`}: ${lastLines(stderr)}`,
            stderr,
          ),
        );
    });
  });
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // reason: the process may have exited between the timer firing and the kill.
  }
}

function lastLines(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.slice(-3).join(' | ') || 'no error output';
}

/**
 * Headless Chromium: no shell, a fresh throwaway profile, the PDF moved into place only when whole.
 * Chromium runs in its sandbox; where that cannot start, the printer says so once and prints without it.
 */
export function createChromiumPrinter(options: ChromiumPrinterOptions = {}): PdfPrinter {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let isSandboxUnavailable = false;

  async function printOnce(
    binary: string,
    htmlFile: string,
    pdfFile: string,
    work: string,
  ): Promise<void> {
    if (!isSandboxUnavailable) {
      try {
        await runChromium(
          binary,
          chromiumArgs(htmlFile, pdfFile, path.join(work, 'profile')),
          timeoutMs,
        );
        return;
      } catch (error) {
        const problem = error instanceof ChromiumExit ? sandboxProblem(error.stderr) : null;
        if (!problem) throw error;
        isSandboxUnavailable = true;
        options.onNotice?.(
          `${problem}: report PDFs are printed with --no-sandbox (the page is Mirqab's own escaped, script-free report, loaded offline).`,
        );
      }
    }
    await runChromium(
      binary,
      chromiumArgs(htmlFile, pdfFile, path.join(work, 'profile-unsandboxed'), { sandbox: false }),
      timeoutMs,
    );
  }

  return {
    async print(html, outPath) {
      const binary = await findChromium(options);
      const work = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'mirqab-pdf-'));
      const partial = path.join(
        path.dirname(outPath),
        `.${path.basename(outPath)}.${randomBytes(4).toString('hex')}.partial`,
      );
      try {
        const htmlFile = path.join(work, 'report.html');
        await writeFile(htmlFile, html, 'utf8');
        await printOnce(binary, htmlFile, partial, work);
        // reason: Chromium can exit 0 without writing anything (e.g. a bad URL); check the bytes.
        if (!(await isPdf(partial)))
          throw new PdfPrintError('PDF_PRINT_FAILED', 'Chromium finished but wrote no PDF.');
        await rename(partial, outPath);
      } finally {
        await rm(partial, { force: true });
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
