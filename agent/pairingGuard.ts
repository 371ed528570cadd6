// Who may try the pairing secret, and how often. A source is the remote address together with the
// client certificate it presented: the TLS handshake proves the caller holds that certificate's key,
// so no caller can spend another's budget, and a stranger's wrong guesses never block the console
// that holds the right secret, even from the same address (NAT, a jump host, 127.0.0.1). Guessing
// stays infeasible through the secret itself (128 random bits); the per-source backoff makes every
// few guesses cost a fresh key and TLS handshake, and keeps a guesser's noise in the log bounded.

import { HOUR_MS, MINUTE_MS } from '../shared/domain/time.ts';

/** Wrong secrets a source may send within the window before it must wait. */
export const PAIR_FAILURES_ALLOWED = 5;
export const PAIR_FAILURE_WINDOW_MS = MINUTE_MS;
/** The wait doubles each time a source runs out of tries again, up to this long. */
export const PAIR_MAX_BACKOFF_MS = HOUR_MS;
/** Sources remembered at once; beyond this the least recently failing are forgotten first. */
const MAX_SOURCES = 4096;

export interface PairingGuardOptions {
  now: () => number;
  failuresAllowed?: number;
  windowMs?: number;
  maxBackoffMs?: number;
}

export interface PairingGuard {
  /** How long this source must still wait before it may try a secret again; 0 when it may try now. */
  waitMs(source: string): number;
  /** Counts a wrong secret (or a first frame that is not a frame at all) against this source. */
  recordFailure(source: string): void;
}

interface SourceState {
  failures: number[];
  blockedUntilMs: number;
  /** How many times this source has run out of tries: the next wait is the window times 2^strikes. */
  strikes: number;
  lastFailureMs: number;
}

/** The source key of a caller: its address (never its port, which changes per connection) and certificate. */
export function pairingSource(remoteAddress: string | undefined, fingerprint: string): string {
  return `${remoteAddress ?? '?'}|${fingerprint}`;
}

export function createPairingGuard(options: PairingGuardOptions): PairingGuard {
  const { now } = options;
  const allowed = options.failuresAllowed ?? PAIR_FAILURES_ALLOWED;
  const windowMs = options.windowMs ?? PAIR_FAILURE_WINDOW_MS;
  const maxBackoffMs = options.maxBackoffMs ?? PAIR_MAX_BACKOFF_MS;
  const sources = new Map<string, SourceState>();

  const forgetStale = (t: number) => {
    for (const [key, state] of sources) {
      if (state.blockedUntilMs <= t && t - state.lastFailureMs > maxBackoffMs) sources.delete(key);
    }
    // Map order is insertion order, and a failing source is re-inserted: the first is the stalest.
    while (sources.size > MAX_SOURCES) sources.delete(sources.keys().next().value!);
  };

  return {
    waitMs(source) {
      const state = sources.get(source);
      return state ? Math.max(0, state.blockedUntilMs - now()) : 0;
    },
    recordFailure(source) {
      const t = now();
      const state = sources.get(source) ?? {
        failures: [],
        blockedUntilMs: 0,
        strikes: 0,
        lastFailureMs: t,
      };
      sources.delete(source);
      sources.set(source, state);
      state.lastFailureMs = t;
      state.failures = state.failures.filter((at) => at > t - windowMs);
      state.failures.push(t);
      if (state.failures.length >= allowed) {
        state.blockedUntilMs = t + Math.min(maxBackoffMs, windowMs * 2 ** state.strikes);
        state.strikes++;
        state.failures = [];
      }
      if (sources.size > MAX_SOURCES) forgetStale(t);
    },
  };
}
