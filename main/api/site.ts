// The site's store as the API sees it: not yet created, locked (key not supplied) or open.
import type { AuditEvent } from '../audit/index.ts';
import { appendAudit } from '../audit/index.ts';
import { closeStore, storeExists, type WritableDb } from '../store/db.ts';
import { getSettings } from '../store/repositories/settings.ts';
import type { Settings } from '../../shared/ipc/contract.ts';
import { ApiFailure, type Clock, type KeyProtector } from './types.ts';

export type StoreState = 'uninitialised' | 'locked' | 'ready';

export class Site {
  private db: WritableDb | null = null;
  /** The raw store key, kept only so audit verification can open a second read connection. */
  private storeKey: Buffer | null = null;
  /** Failed unlock attempts happen while the audit log is unreadable; they are written at the next unlock. */
  private pendingAudit: { event: AuditEvent; at: Date }[] = [];
  private openListeners: (() => void)[] = [];

  constructor(
    readonly dataDir: string,
    readonly clock: Clock,
    readonly keyProtector: KeyProtector | undefined,
  ) {}

  state(): StoreState {
    if (this.db) return 'ready';
    return storeExists(this.dataDir) ? 'locked' : 'uninitialised';
  }

  /** The open store, or a clear error saying why there is none. */
  store(): WritableDb {
    if (this.db) return this.db;
    if (this.state() === 'uninitialised') {
      throw new ApiFailure('STORE_UNINITIALISED', 'This site has not been set up yet.');
    }
    throw new ApiFailure('STORE_LOCKED', 'The store is locked: unlock it with the site passphrase.');
  }

  settings(): Settings {
    return getSettings(this.store());
  }

  key(): Buffer | null {
    return this.storeKey;
  }

  /** Runs once the store is open: now if it already is, else when setup or an unlock opens it. */
  onOpen(listener: () => void): void {
    this.openListeners.push(listener);
    if (this.db) listener();
  }

  attach(db: WritableDb, key: Buffer): void {
    const opening = this.db === null;
    this.db = db;
    this.storeKey = Buffer.from(key);
    if (opening) queueMicrotask(() => this.openListeners.forEach((listener) => listener()));
    const pending = this.pendingAudit;
    this.pendingAudit = [];
    if (pending.length === 0) return;
    db.transaction(() => {
      for (const { event, at } of pending) appendAudit(db, event, at);
    })();
  }

  recordWhileLocked(event: AuditEvent): void {
    this.pendingAudit.push({ event, at: this.clock.now() });
  }

  close(): void {
    if (this.db) closeStore(this.db);
    this.db = null;
    this.storeKey?.fill(0);
    this.storeKey = null;
  }
}
