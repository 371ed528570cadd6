// Binds the one API channel to the composition root: sender check first, then dispatch with
// this window's context. The session token lives here, in main; the renderer never sees it.
import { BrowserWindow, type IpcMain } from 'electron';
import type { Result } from '../../shared/ipc/contract.ts';
import type { CallContext, ConsoleApp } from '../api/types.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../preload/ipcChannels.ts';
import { stderrLogger } from '../log.ts';
import { isTrustedSender } from './trustedSender.ts';

const FORBIDDEN: Result<never> = {
  ok: false,
  error: {
    code: 'FORBIDDEN',
    message: 'This request did not come from the Mirqab console window.',
  },
};

const INTERNAL: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Internal error.' },
};

/** The call context of one window; setSessionToken is the only way the token changes. */
export function createWindowContext(client: string): CallContext {
  const ctx: CallContext = {
    client,
    sessionToken: null,
    setSessionToken(token) {
      ctx.sessionToken = token;
    },
  };
  return ctx;
}

/** Returns an unbind function (removes the handler and the event subscription). */
export function bindConsoleIpc(consoleApp: ConsoleApp, window: BrowserWindow, ipc: IpcMain) {
  const ctx = createWindowContext('desktop window');

  ipc.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    const trusted = isTrustedSender(
      {
        senderWindow: BrowserWindow.fromWebContents(event.sender),
        senderFrame: event.senderFrame,
        mainFrame: event.sender.mainFrame,
      },
      window.isDestroyed() ? null : window,
    );
    if (!trusted) return FORBIDDEN;
    try {
      return await consoleApp.dispatch(ctx, channel, input);
    } catch (error) {
      // reason: dispatch returns errors as values; a throw here is a bug, never shown raw.
      stderrLogger.error('dispatch failed', { error: String(error) });
      return INTERNAL;
    }
  });

  const stopEvents = consoleApp.onEvent((name, payload, audience) => {
    if (window.isDestroyed() || !consoleApp.canReceive(ctx.sessionToken, audience)) return;
    window.webContents.send(EVENT_CHANNEL, name, payload);
  });

  window.once('closed', () => ctx.setSessionToken(null));

  return () => {
    ipc.removeHandler(INVOKE_CHANNEL);
    stopEvents();
  };
}
