// The Electron entry (built to out/main/index.js): a composition of the shell around the console
// built by main/index.ts. Nothing runs at import time except the call to startDesktop() below.
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  type App,
} from 'electron';
import { DISK_BUDGET_ENV, diskBudgetConfig } from '../fleet/config.ts';
import { createConsole } from '../index.ts';
import { createElectronPdfPrinter } from './pdfPrinter.ts';
import { APP_ENTRY_URL, APP_SCHEME } from './appOrigin.ts';
import { createAppProtocolHandler } from './appProtocol.ts';
import { denyAllPermissions, guardAllWebContents } from './hardening.ts';
import { bindConsoleIpc } from './ipc.ts';
import { createKeyProtector } from './keyProtector.ts';
import { osLanguageOf, showPagesOnDesktop } from './osNotifications.ts';
import { diskRendererFiles } from './rendererFiles.ts';
import { windowOptions } from './window.ts';

/** MIRQAB_DATA_DIR wins (tests, portable installs); otherwise the OS per-user data folder. */
export function resolveDataDir(env: NodeJS.ProcessEnv, electronApp: Pick<App, 'getPath'>): string {
  const fromEnv = env['MIRQAB_DATA_DIR']?.trim();
  return fromEnv ? path.resolve(fromEnv) : electronApp.getPath('userData');
}

function registerAppScheme(): void {
  // reason: standard + secure gives app://mirqab a real origin and a secure context; no
  // bypassCSP, no corsEnabled, so other origins cannot read it.
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

async function openConsoleWindow(): Promise<void> {
  const appRoot = app.getAppPath();
  const rendererDir = path.join(appRoot, 'out', 'renderer');
  const preloadPath = path.join(appRoot, 'out', 'preload', 'index.cjs');

  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, diskRendererFiles));

  const consoleApp = await createConsole({
    dataDir: resolveDataDir(process.env, app),
    shell: 'desktop',
    keyProtector: createKeyProtector(safeStorage),
    version: app.getVersion(),
    pdfPrinter: createElectronPdfPrinter(),
    // As with `mirqab serve`: a budget from the environment wins over the one set in Settings.
    fleet: diskBudgetConfig(process.env[DISK_BUDGET_ENV]),
  });

  const { webPreferences, ...chrome } = windowOptions(preloadPath, app.isPackaged);
  const window = new BrowserWindow({
    ...chrome,
    // reason: the hardening flags are restated at the construction site so static checks
    // (npm run test:security) verify what is really passed; window.test.ts checks windowOptions.
    webPreferences: {
      ...webPreferences,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  const unbind = bindConsoleIpc(consoleApp, window, ipcMain);
  // A page while the operator is in another window still reaches them; clicking it brings Mirqab forward.
  const stopOsNotifications = showPagesOnDesktop(consoleApp, {
    language: osLanguageOf(app.getLocale()),
    isWanted: () => !window.isDestroyed() && !window.isFocused() && Notification.isSupported(),
    show: ({ title, body }) => {
      const notification = new Notification({ title, body });
      notification.on('click', () => {
        if (window.isDestroyed()) return;
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
      });
      notification.show();
    },
  });

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.once('will-quit', () => {
    stopOsNotifications();
    unbind();
    consoleApp.close();
  });

  await window.loadURL(APP_ENTRY_URL);
}

export function startDesktop(): void {
  // reason: a second process would open the same encrypted store; hand focus to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();
  guardAllWebContents(app);
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(openConsoleWindow)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Mirqab could not start', message);
      app.exit(1);
    });
}

startDesktop();
