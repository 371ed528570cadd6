// What the browser page and the web host agree on beyond the typed API: how the page presents its
// page key when it opens the API socket, and how the host says that the browser session is over.

/** The subprotocol the host selects for the API socket. */
export const API_PROTOCOL = 'mirqab';
/** The page offers its page key as a second subprotocol, `mirqab-key.<key>` (never a cookie). */
export const PAGE_KEY_PROTOCOL_PREFIX = 'mirqab-key.';
/** The link's fragment parameter that carries the page key; the page moves it to sessionStorage. */
export const PAGE_KEY_FRAGMENT = 'key';

/** A WebSocket close code from the application range: this browser session has ended for good. */
export const SESSION_ENDED_CLOSE_CODE = 4001;
export type SessionEndReason = 'signed-out' | 'expired' | 'no-key';
