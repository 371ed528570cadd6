// The browser shell's own credentials, kept in memory. A browser session needs two secrets: the
// cookie, which every port on the same host receives, and the page key, which only the page at
// our origin holds (in sessionStorage, from the sign-in link's #fragment). Neither alone is enough.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PAGE_KEY_PROTOCOL_PREFIX } from '../../shared/ipc/browserHost.ts';

export interface BrowserSession {
  readonly id: string;
  readonly pageKey: string;
  readonly expiresAt: number;
  operatorToken: string | null;
}

export interface BrowserSessionOptions {
  now: () => number;
  /** How long a printed sign-in link can be opened. */
  linkTtlMs: number;
  /** A browser session ends this long after its link was opened, whatever its activity. */
  sessionLifetimeMs: number;
}

export interface SignInLink {
  token: string;
  pageKey: string;
  /** Epoch milliseconds after which the link no longer opens. */
  expiresAt: number;
}

const randomSecret = () => randomBytes(24).toString('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createBrowserSessions(options: BrowserSessionOptions) {
  const links = new Map<string, { pageKey: string; expiresAt: number }>();
  const sessions = new Map<string, BrowserSession>();

  const find = (id: string): BrowserSession | null => {
    for (const [known, session] of sessions) if (sameSecret(known, id)) return session;
    return null;
  };

  return {
    issueLink(): SignInLink {
      const link = {
        token: randomSecret(),
        pageKey: randomSecret(),
        expiresAt: options.now() + options.linkTtlMs,
      };
      links.set(link.token, { pageKey: link.pageKey, expiresAt: link.expiresAt });
      return link;
    },

    /** Exchanges a link's token, once and before it expires, for a new browser session. */
    redeem(token: string): BrowserSession | null {
      const link = links.get(token);
      links.delete(token);
      if (!link || link.expiresAt <= options.now()) return null;
      const session: BrowserSession = {
        id: randomSecret(),
        pageKey: link.pageKey,
        expiresAt: options.now() + options.sessionLifetimeMs,
        operatorToken: null,
      };
      sessions.set(session.id, session);
      return session;
    },

    /** The live session for a cookie value, or null when unknown or past its lifetime. */
    byCookie(id: string | undefined): BrowserSession | null {
      const session = id ? find(id) : null;
      return session && session.expiresAt > options.now() ? session : null;
    },

    end(session: BrowserSession): void {
      sessions.delete(session.id);
      session.operatorToken = null;
    },

    /** Drops expired links and returns the sessions past their lifetime (ended by the caller). */
    expired(): BrowserSession[] {
      const now = options.now();
      for (const [token, link] of links) if (link.expiresAt <= now) links.delete(token);
      return [...sessions.values()].filter((s) => s.expiresAt <= now);
    },
  };
}

export type BrowserSessions = ReturnType<typeof createBrowserSessions>;

/**
 * A Host header we answer: our port, with `localhost` or an IP literal as the name. A DNS name an
 * attacker controls (DNS rebinding) is never accepted, whatever address it resolves to.
 */
export function isOurHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):(\d+)$/.exec(hostHeader);
  if (!match || Number(match[2]) !== port) return false;
  const name = match[1]!.toLowerCase();
  return name === 'localhost' || name.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

/** The page key the client offered as a WebSocket subprotocol, if any. */
export function offeredPageKey(protocolHeader: string | undefined): string | null {
  for (const offered of (protocolHeader ?? '').split(',')) {
    const protocol = offered.trim();
    if (protocol.startsWith(PAGE_KEY_PROTOCOL_PREFIX))
      return protocol.slice(PAGE_KEY_PROTOCOL_PREFIX.length);
  }
  return null;
}
