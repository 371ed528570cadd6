// What the browser page and the web host agree on to carry the typed API: the socket's frames, how
// the page presents its page key when it opens the socket, and how the host says the session is over.
import { z } from 'zod';
import type { ApiError, EventName, Result } from './contract.ts';

/** The subprotocol the host selects for the API socket. */
export const API_PROTOCOL = 'mirqab';
/** The page offers its page key as a second subprotocol, `mirqab-key.<key>` (never a cookie). */
export const PAGE_KEY_PROTOCOL_PREFIX = 'mirqab-key.';
/** The link's fragment parameter that carries the page key; the page moves it to sessionStorage. */
export const PAGE_KEY_FRAGMENT = 'key';

/** A WebSocket close code from the application range: this browser session has ended for good. */
export const SESSION_ENDED_CLOSE_CODE = 4001;
/** `lost`: the host no longer knows this browser session (it restarted); the page decides this, not the host. */
export type SessionEndReason = 'signed-out' | 'expired' | 'no-key' | 'lost';

/** Wire frames of the web host's WebSocket bridge. */
export const HostRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown(),
});
export type HostRequest = z.infer<typeof HostRequestSchema>;
export type HostFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'error'; error: ApiError };
