// The desktop's PdfPrinter: Electron's own Chromium prints the report in a hidden, sandboxed,
// scriptless window, in an in-memory session that may load nothing but the report file itself.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session, type Session } from 'electron';
import { PdfPrintError, type PdfPrinter } from '../reports/pdf.ts';

export interface ElectronPdfPrinterOptions {
  timeoutMs?: number;
  tempDir?: string;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PdfPrintError(
            'PDF_PRINT_TIMEOUT',
            `The report did not print within ${Math.round(timeoutMs / 1000)} s.`,
          ),
        ),
      timeoutMs,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Reports currently printing: the only URLs the print session will load. */
const allowedUrls = new Set<string>();
let printSession: Session | undefined;

/** One in-memory partition (no "persist:"), apart from the console's session; made after app ready. */
function reportSession(): Session {
  if (printSession) return printSession;
  printSession = session.fromPartition('mirqab-report-pdf', { cache: false });
  printSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !allowedUrls.has(details.url) && !details.url.startsWith('data:') }),
  );
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printSession.setPermissionCheckHandler(() => false);
  return printSession;
}

export function createElectronPdfPrinter(options: ElectronPdfPrinterOptions = {}): PdfPrinter {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    async print(html, outPath) {
      const work = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'mirqab-pdf-'));
      const htmlFile = path.join(work, 'report.html');
      const allowedUrl = pathToFileURL(htmlFile).href;
      allowedUrls.add(allowedUrl);
      // reason: show: false renders offscreen; printToPDF needs no visible surface.
      const window = new BrowserWindow({
        show: false,
        width: 794,
        height: 1123,
        webPreferences: {
          session: reportSession(),
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          javascript: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          images: true,
          spellcheck: false,
          devTools: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      window.webContents.on('will-navigate', (event) => event.preventDefault());
      try {
        await writeFile(htmlFile, html, 'utf8');
        const pdf = await withTimeout(
          window.loadFile(htmlFile).then(() =>
            window.webContents.printToPDF({
              printBackground: true,
              preferCSSPageSize: true,
              pageSize: 'A4',
              generateTaggedPDF: true,
              generateDocumentOutline: true,
            }),
          ),
          timeoutMs,
        );
        const partial = `${outPath}.${randomUUID()}.partial`;
        try {
          await writeFile(partial, pdf);
          await rename(partial, outPath);
        } finally {
          await rm(partial, { force: true });
        }
      } catch (error) {
        if (error instanceof PdfPrintError) throw error;
        throw new PdfPrintError(
          'PDF_PRINT_FAILED',
          `The report could not be printed: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        if (!window.isDestroyed()) window.destroy();
        allowedUrls.delete(allowedUrl);
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
