// The site's store and its lifecycle: not yet created, locked (key not supplied) or open.
import type { AuditEntry, AuditEvent } from '../audit/index.ts';
import { appendAudit, observeAuditAppends } from '../audit/index.ts';
import { closeStore, storeExists, type WritableDb } from '../store/db.ts';
import { getSettings } from './settingsRepository.ts';
import { SCRYPT_COST, type ScryptCost } from '../store/scrypt.ts';
import type { Settings } from '../../shared/ipc/contract.ts';
import type { Clock } from './clock.ts';
import { DomainError } from './errors.ts';
import type { KeyProtector } from './keyProtection.ts';

export type StoreState = 'uninitialised' | 'locked' | 'ready';

/** Audit entries kept while the store is locked; past this, further ones are only counted. */
const MAX_PENDING_AUDIT = 100;

export class Site {
  private db: WritableDb | null = null;
  /** The raw store key, kept only so audit verification can open a second read connection. */
  private storeKey: Buffer | null = null;
  /** Failed unlock attempts happen while the audit log is unreadable; they are written at the next unlock. */
  private pendingAudit: { event: AuditEvent; at: Date }[] = [];
  /** Entries beyond MAX_PENDING_AUDIT, by action, written as one summary each at the next unlock. */
  private talliedAudit = new Map<string, { count: number; first: Date; last: Date }>();
  private openListeners: (() => void)[] = [];
  private appendListeners: ((entry: AuditEntry) => void)[] = [];
  private stopObserving: (() => void) | null = null;
  private isUnlocking = false;

  constructor(
    readonly dataDir: string,
    readonly clock: Clock,
    readonly keyProtector: KeyProtector | undefined,
    /** scrypt cost for new keyrings and password hashes; older records are raised to it on use. */
    readonly kdf: ScryptCost = SCRYPT_COST,
  ) {}

  state(): StoreState {
    if (this.db) return 'ready';
    return storeExists(this.dataDir) ? 'locked' : 'uninitialised';
  }

  /** The open store, or a clear error saying why there is none. */
  store(): WritableDb {
    if (this.db) return this.db;
    if (this.state() === 'uninitialised') {
      throw new DomainError('STORE_UNINITIALISED', 'This site has not been set up yet.');
    }
    throw new DomainError(
      'STORE_LOCKED',
      'The store is locked: unlock it with the site passphrase.',
    );
  }

  settings(): Settings {
    return getSettings(this.store());
  }

  /** The site's zone for times shown to operators; UTC while the store (and so the setting) is locked. */
  timeZone(): string {
    return this.db ? this.settings().timeZone : 'UTC';
  }

  key(): Buffer | null {
    return this.storeKey;
  }

  /** Runs once the store is open: now if it already is, else when setup or an unlock opens it. */
  onOpen(listener: () => void): void {
    this.openListeners.push(listener);
    if (this.db) listener();
  }

  /** Told of every audit entry appended to the open store, whoever wrote it (an API call, ingest, a schedule). */
  onAuditAppended(listener: (entry: AuditEntry) => void): void {
    this.appendListeners.push(listener);
  }

  /**
   * Runs one unlock at a time: a second one while the first is still checking its secret is refused
   * at once, so a burst of guesses cannot pile up scrypt work (128 MiB each) or memory.
   */
  async unlockOnce<T>(work: () => Promise<T>): Promise<T> {
    if (this.isUnlocking) {
      throw new DomainError(
        'TOO_MANY_ATTEMPTS',
        'Another unlock attempt is being checked; try again when it has finished.',
      );
    }
    this.isUnlocking = true;
    try {
      return await work();
    } finally {
      this.isUnlocking = false;
    }
  }

  attach(db: WritableDb, key: Buffer): void {
    const opening = this.db === null;
    this.db = db;
    this.storeKey = Buffer.from(key);
    this.stopObserving?.();
    this.stopObserving = observeAuditAppends(db, (entry) =>
      this.appendListeners.forEach((listener) => listener(entry)),
    );
    if (opening) queueMicrotask(() => this.openListeners.forEach((listener) => listener()));
    const pending = this.pendingAudit;
    const tallied = this.talliedAudit;
    this.pendingAudit = [];
    this.talliedAudit = new Map();
    if (pending.length === 0) return;
    db.transaction(() => {
      for (const { event, at } of pending) appendAudit(db, event, at);
      for (const [action, { count, first, last }] of tallied) {
        appendAudit(
          db,
          {
            actor: 'unknown',
            role: 'none',
            action,
            target: 'store',
            outcome: 'failure',
            details: {
              reason: 'further attempts while the store was locked, counted but not itemised',
              count,
              first: first.toISOString(),
              last: last.toISOString(),
            },
          },
          last,
        );
      }
    })();
  }

  /** Keeps an audit entry until the store opens; memory stays bounded however many arrive. */
  recordWhileLocked(event: AuditEvent, at: Date = this.clock.now()): void {
    if (this.db) {
      appendAudit(this.db, event, at);
      return;
    }
    if (this.pendingAudit.length < MAX_PENDING_AUDIT) {
      this.pendingAudit.push({ event, at });
      return;
    }
    const tally = this.talliedAudit.get(event.action);
    if (tally) {
      tally.count += 1;
      tally.last = at;
    } else {
      this.talliedAudit.set(event.action, { count: 1, first: at, last: at });
    }
  }

  close(): void {
    this.stopObserving?.();
    this.stopObserving = null;
    if (this.db) closeStore(this.db);
    this.db = null;
    this.storeKey?.fill(0);
    this.storeKey = null;
  }
}
