// Who may call the API over IPC: only the main frame of our own window, showing app://mirqab.
// Pure (identity comparisons + a URL check) so it is tested without Electron.
import { isAppUrl } from './appOrigin.ts';

export interface SenderFacts<W, F extends { readonly url: string }> {
  /** BrowserWindow.fromWebContents(event.sender): null for a webContents with no window. */
  senderWindow: W | null;
  /** event.senderFrame: null once the frame has navigated away or been destroyed. */
  senderFrame: F | null;
  /** event.sender.mainFrame */
  mainFrame: F;
}

export function isTrustedSender<W, F extends { readonly url: string }>(
  facts: SenderFacts<W, F>,
  ourWindow: W | null,
): boolean {
  return (
    ourWindow !== null &&
    facts.senderWindow === ourWindow &&
    facts.senderFrame !== null &&
    facts.senderFrame === facts.mainFrame &&
    isAppUrl(facts.senderFrame.url)
  );
}
