// Guards every session and webContents: no permissions, no navigation away from app://mirqab,
// no new windows, no webviews. Applied to ANY webContents the app creates, not only ours.
import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './appOrigin.ts';

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // reason: an air-gapped console must never start a download from page content.
  session.on('will-download', (event) => event.preventDefault());
}

export function lockDownWebContents(contents: WebContents): void {
  const denyForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => denyForeign(event, event.url));
  contents.on('will-frame-navigate', (event) => denyForeign(event, event.url));
  contents.on('will-redirect', (event) => denyForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Installs the guards on every webContents created from now on (windows, popups, devtools). */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
}
