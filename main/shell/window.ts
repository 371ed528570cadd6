// The console window's options: every renderer hardening flag in one pure, testable place.
import type { BrowserWindowConstructorOptions } from 'electron';

/** Dark console chrome, shown behind the renderer until its first paint. */
export const WINDOW_BACKGROUND = '#0b1220';

export function windowOptions(
  preloadPath: string,
  isPackaged: boolean,
): BrowserWindowConstructorOptions {
  return {
    title: 'Mirqab',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: WINDOW_BACKGROUND,
    // reason: shown on 'ready-to-show' so the operator never sees a blank white frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // reason: middle-click would open links in new windows; those are denied anyway.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !isPackaged,
      spellcheck: false,
    },
  };
}
