// Types shared by the API pipeline and the two shells that carry it.
import type { Result } from '../../shared/ipc/contract.ts';
import type { EventListener, EventAudience } from '../core/events.ts';
import type { SignInLinkIssuer } from '../identity/index.ts';
import type { AlertmanagerEndpoint } from '../incidents/intake/alertmanagerIntake.ts';

/** What a shell knows about the caller of one API call. */
export interface CallContext {
  /** A label for the client, for the sessions list: "desktop window", "browser 127.0.0.1". */
  client: string;
  /** The operator session the shell holds for this client; never shown to the renderer. */
  sessionToken: string | null;
  /** Called by sign-in and sign-out so the shell can keep (or drop) the token for this client. */
  setSessionToken(token: string | null): void;
  /**
   * Set by the drill router on calls it passes to the site's console for a client that works in a
   * drill's workspace: that workspace session's token (drill.status tells the client it is joined).
   */
  drillToken?: string | null;
  /** The browser shell's one-time sign-in links; absent where the shell has none (desktop). */
  signInLinks?: SignInLinkIssuer;
}

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
  /** Deliveries from the site's Alertmanager: a machine with an intake token, not an operator. */
  alertmanagerIntake: AlertmanagerEndpoint;
  /**
   * Runs every periodic job once at the clock's now (SLO evaluation, alert sources, escalation,
   * health gates, silences): a drill workspace in compressed time calls it after moving its clock.
   */
  tick(): Promise<void>;
  close(): void;
}
