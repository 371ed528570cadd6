// Failed guesses at a secret (an operator password, the site passphrase), counted per account and per
// source. After a few free failures each further one starts a wait that doubles, capped at minutes:
// guessing slows to a few tries an hour, and nothing is ever locked for good.
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../shared/domain/time.ts';

export type AttemptScope = 'account' | 'source' | 'store';

export interface AttemptPolicy {
  /** Failures allowed before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  firstWaitMs: number;
  /** No wait is longer than this, so an attacker can slow an account but never shut it. */
  maxWaitMs: number;
  /** A key with no failure for this long starts afresh. */
  forgetAfterMs: number;
}

export const ATTEMPT_POLICIES: Readonly<Record<AttemptScope, AttemptPolicy>> = {
  account: {
    freeFailures: 5,
    firstWaitMs: 30 * SECOND_MS,
    maxWaitMs: 15 * MINUTE_MS,
    forgetAfterMs: HOUR_MS,
  },
  // A source may be several people at one address (a shared browser host), so it gets more slack.
  source: {
    freeFailures: 20,
    firstWaitMs: 30 * SECOND_MS,
    maxWaitMs: 15 * MINUTE_MS,
    forgetAfterMs: HOUR_MS,
  },
  store: {
    freeFailures: 5,
    firstWaitMs: 30 * SECOND_MS,
    maxWaitMs: 15 * MINUTE_MS,
    forgetAfterMs: HOUR_MS,
  },
};

export interface AttemptKey {
  scope: AttemptScope;
  id: string;
}

/** Who is guessing what. */
export interface AttemptTarget {
  /** The username tried (known or not); compared case-insensitively. */
  account?: string;
  /** 'passphrase' or 'recovery key' for store unlocks; each has its own count. */
  store?: string;
  /** The caller's client label (CallContext.client). */
  source: string;
  /**
   * The account has signed in from this source before: an account's wait does not hold such a
   * source unless it failed in this streak itself, so the real owner at their own desk is never
   * shut out by guesses made elsewhere (their own source's count still applies).
   */
  isKnownSource?: boolean;
}

export interface Refusal {
  refused: true;
  key: AttemptKey;
  /** When an attempt will be accepted again. */
  retryAt: Date;
  /** Another attempt on this key is being checked right now (no failure count involved). */
  isBusy: boolean;
  /** This wait's refusal was already audited; this one is only counted. */
  isRepeat: boolean;
  /** Refusals only counted (not audited) since the last audited one, reported with this one. */
  countedBefore: number;
}

export interface Wait {
  key: AttemptKey;
  until: Date;
  failures: number;
}

export interface Attempt {
  refused: false;
  /** The secret was right: the account's and store's counts are cleared (a source keeps its own). */
  succeeded(): void;
  /** The secret was wrong: counts the failure and returns the waits it started. */
  failed(now: Date): Wait[];
  /** Nothing was decided (an error before the check): counts nothing. */
  release(): void;
}

export interface Lockout {
  scope: AttemptScope;
  id: string;
  failures: number;
  lockedUntil: string;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  inFlight: number;
  /** Sources that failed in this streak (account keys); null once there are too many to keep. */
  sources: Set<string> | null;
  auditedWaitEnd: number | null;
  countedRefusals: number;
}

const MAX_SOURCES_PER_ACCOUNT = 32;
const MAX_ENTRIES = 10_000;

const keyName = (key: AttemptKey) => `${key.scope}\u0000${key.id}`;
export const accountId = (username: string) => username.normalize('NFC').trim().toLowerCase();

export class AttemptLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policies: Readonly<Record<AttemptScope, AttemptPolicy>> = ATTEMPT_POLICIES,
  ) {}

  /** Reserves an attempt, or says why not. Check before the (slow) secret check, so a refusal costs nothing. */
  begin(target: AttemptTarget, now: Date): Attempt | Refusal {
    const keys = keysOf(target);
    for (const key of keys) {
      const entry = this.fresh(key, now);
      if (!entry) continue;
      const refusal = this.refusalFor(key, entry, target, now);
      if (refusal) return refusal;
    }
    const held = keys.map((key) => {
      const entry = this.fresh(key, now) ?? this.create(key);
      entry.inFlight += 1;
      return { key, entry };
    });
    let isSettled = false;
    const settle = (work: (key: AttemptKey, entry: Entry) => void) => {
      if (isSettled) return;
      isSettled = true;
      for (const { key, entry } of held) {
        entry.inFlight -= 1;
        work(key, entry);
        this.dropIfIdle(key, entry);
      }
    };
    return {
      refused: false,
      succeeded: () =>
        settle((key, entry) => {
          if (key.scope !== 'source') resetCount(entry);
        }),
      failed: (at) => {
        const waits: Wait[] = [];
        settle((key, entry) => {
          entry.failures += 1;
          entry.lastFailureAt = at.getTime();
          if (key.scope === 'account' && entry.sources) {
            entry.sources.add(target.source);
            if (entry.sources.size > MAX_SOURCES_PER_ACCOUNT) entry.sources = null;
          }
          this.touch(key, entry);
          const until = this.waitEnd(key.scope, entry);
          if (until > at.getTime())
            waits.push({ key, until: new Date(until), failures: entry.failures });
        });
        return waits;
      },
      release: () => settle(() => {}),
    };
  }

  /** Keys waiting now, for the operators view. */
  lockouts(now: Date): Lockout[] {
    const list: Lockout[] = [];
    for (const [name, entry] of this.entries) {
      const [scope, id] = name.split('\u0000') as [AttemptScope, string];
      const until = this.waitEnd(scope, entry);
      if (until > now.getTime()) {
        list.push({
          scope,
          id,
          failures: entry.failures,
          lockedUntil: new Date(until).toISOString(),
        });
      }
    }
    return list;
  }

  /** An admin clears a key's count (and so its wait); returns what it was, or null when there was none. */
  clear(
    key: AttemptKey,
    now: Date,
  ): (Omit<Lockout, 'lockedUntil'> & { lockedUntil: string | null }) | null {
    const normalised = key.scope === 'account' ? { ...key, id: accountId(key.id) } : key;
    const entry = this.fresh(normalised, now);
    if (!entry || entry.failures === 0) return null;
    const until = this.waitEnd(key.scope, entry);
    const before = {
      ...normalised,
      failures: entry.failures,
      lockedUntil: until > now.getTime() ? new Date(until).toISOString() : null,
    };
    resetCount(entry);
    this.dropIfIdle(normalised, entry);
    return before;
  }

  private refusalFor(
    key: AttemptKey,
    entry: Entry,
    target: AttemptTarget,
    now: Date,
  ): Refusal | null {
    const policy = this.policies[key.scope];
    if (
      key.scope === 'account' &&
      target.isKnownSource &&
      entry.sources &&
      !entry.sources.has(target.source)
    ) {
      return null;
    }
    const until = this.waitEnd(key.scope, entry);
    if (until > now.getTime()) {
      const isRepeat = entry.auditedWaitEnd === until;
      const countedBefore = entry.countedRefusals;
      if (isRepeat) entry.countedRefusals += 1;
      else {
        entry.auditedWaitEnd = until;
        entry.countedRefusals = 0;
      }
      return {
        refused: true,
        key,
        retryAt: new Date(until),
        isBusy: false,
        isRepeat,
        countedBefore: isRepeat ? 0 : countedBefore,
      };
    }
    // Past the free failures, one check at a time: concurrent guesses must not slip in before a count.
    if (entry.inFlight > 0 && entry.failures + entry.inFlight >= policy.freeFailures) {
      return { refused: true, key, retryAt: now, isBusy: true, isRepeat: true, countedBefore: 0 };
    }
    return null;
  }

  private waitEnd(scope: AttemptScope, entry: Entry): number {
    const policy = this.policies[scope];
    if (entry.failures < policy.freeFailures) return 0;
    const doublings = Math.min(entry.failures - policy.freeFailures, 30);
    return entry.lastFailureAt + Math.min(policy.firstWaitMs * 2 ** doublings, policy.maxWaitMs);
  }

  /** The entry, with its count forgotten when it has been quiet long enough. */
  private fresh(key: AttemptKey, now: Date): Entry | null {
    const entry = this.entries.get(keyName(key));
    if (!entry) return null;
    if (
      entry.failures > 0 &&
      now.getTime() - entry.lastFailureAt > this.policies[key.scope].forgetAfterMs
    ) {
      resetCount(entry);
    }
    return entry;
  }

  private create(key: AttemptKey): Entry {
    const entry: Entry = {
      failures: 0,
      lastFailureAt: 0,
      inFlight: 0,
      sources: new Set(),
      auditedWaitEnd: null,
      countedRefusals: 0,
    };
    this.touch(key, entry);
    return entry;
  }

  /** Most recently failed last; past the bound the oldest idle key goes (a source cannot fail fast enough to matter). */
  private touch(key: AttemptKey, entry: Entry): void {
    const name = keyName(key);
    this.entries.delete(name);
    this.entries.set(name, entry);
    if (this.entries.size <= MAX_ENTRIES) return;
    for (const [oldest, candidate] of this.entries) {
      if (candidate.inFlight === 0 && oldest !== name) {
        this.entries.delete(oldest);
        return;
      }
    }
  }

  private dropIfIdle(key: AttemptKey, entry: Entry): void {
    if (entry.failures === 0 && entry.inFlight === 0) this.entries.delete(keyName(key));
  }
}

function resetCount(entry: Entry): void {
  entry.failures = 0;
  entry.lastFailureAt = 0;
  entry.sources = new Set();
  entry.auditedWaitEnd = null;
  entry.countedRefusals = 0;
}

function keysOf(target: AttemptTarget): AttemptKey[] {
  const keys: AttemptKey[] = [];
  if (target.account !== undefined) keys.push({ scope: 'account', id: accountId(target.account) });
  if (target.store !== undefined) keys.push({ scope: 'store', id: target.store });
  keys.push({ scope: 'source', id: target.source });
  return keys;
}
