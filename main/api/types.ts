// Types shared by the API pipeline and the two shells that carry it.
import type { ApiError, EventName, EventPayload, Result } from '../../shared/ipc/contract.ts';

/** What a shell knows about the caller of one API call. */
export interface CallContext {
  /** A label for the client, for the sessions list: "desktop window", "browser 127.0.0.1". */
  client: string;
  /** The operator session the shell holds for this client; never shown to the renderer. */
  sessionToken: string | null;
  /** Called by sign-in and sign-out so the shell can keep (or drop) the token for this client. */
  setSessionToken(token: string | null): void;
}

/** Wraps the store key with an OS facility (Electron safeStorage); absent in browser mode. */
export interface KeyProtector {
  /** False when the OS cannot protect secrets properly (e.g. Linux 'basic_text'). */
  isAvailable(): Promise<boolean>;
  protect(key: Buffer): Promise<string>;
  unprotect(blob: string): Promise<Buffer>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** An event for one session only (e.g. "your session was locked"); absent: every signed-in client. */
export interface EventAudience {
  sessionId: string;
}

export type EventListener = <E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  audience?: EventAudience,
) => void;

export interface ConsoleApp {
  /** The one pipeline both shells run: session → permission → validation → handler → result. */
  dispatch(ctx: CallContext, channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** Pushed events; shells forward each one only where canReceive() says so. */
  onEvent(listener: EventListener): () => void;
  /**
   * Whether the client holding this session token gets an event: a targeted event goes to its
   * own session even while locked; any other event only to live, unlocked sessions.
   */
  canReceive(token: string | null, audience?: EventAudience): boolean;
  close(): void;
}

export class ApiFailure extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    /** When a refused attempt may be made again (TOO_MANY_ATTEMPTS), for the UI to show in its own words. */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
