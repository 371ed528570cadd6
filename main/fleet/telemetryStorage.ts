// Telemetry storage as operators and auditors see it in Settings: the store's size on disk, the disk
// budget in force and where it comes from, the age retention, the oldest data kept and the last time
// the budget dropped data. An admin sets the budget here (audited, applied by a retention pass started
// at once) unless the command line set one, which wins.
import { statSync } from 'node:fs';
import type { TelemetryStorage } from '../../shared/ipc/contract.ts';
import { auditBy, listAudit } from '../audit/index.ts';
import type { EventBus } from '../core/events.ts';
import { DomainError } from '../core/errors.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { oldestKept } from '../telemetry/oldestKept.ts';
import { DISK_BUDGET_ENV, type FleetConfig } from './config.ts';
import {
  DISK_BUDGET_ACTION,
  DISK_BUDGET_SETTING,
  parseDiskBudget,
  storeDiskBudget,
  storedDiskBudget,
  storeUsedBytes,
} from './diskBudget.ts';

/** The audit action of an admin changing the disk budget in Settings. */
export const DISK_BUDGET_CHANGE_ACTION = 'settings.telemetryDiskBudget';

export interface TelemetryStorageDeps {
  store: () => WritableDb;
  events: EventBus;
  config: FleetConfig;
  /** One retention pass now (by age, then by the budget in force); resolves when it is done. */
  retainNow: () => Promise<unknown>;
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // no write-ahead log yet (or an in-memory store)
  }
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const count = (value: unknown) => (typeof value === 'number' ? value : 0);

function lastBudgetDrop(db: ReadableDb): TelemetryStorage['lastBudgetDrop'] {
  const [entry] = listAudit(db, { action: DISK_BUDGET_ACTION, limit: 1 }).entries;
  if (!entry) return null;
  const d = entry.details;
  return {
    at: entry.ts,
    met: d.met === true,
    budgetBytes: count(d.budgetBytes),
    afterBytes: count(d.afterBytes),
    droppedRawSamples: count(d.droppedRawSamples),
    droppedRollups1m: count(d.droppedRollups1m),
    droppedRollups1h: count(d.droppedRollups1h),
  };
}

export class TelemetryStorageSettings {
  constructor(private readonly deps: TelemetryStorageDeps) {}

  /** The budget the command line set, or null: then the one stored in Settings is in force. */
  private get commandLineBudget(): number | null {
    return this.deps.config.retention.diskBudgetBytes ?? null;
  }

  async read(): Promise<TelemetryStorage> {
    const db = this.deps.store();
    const { rawMs, rollup1mMs, rollup1hMs } = this.deps.config.retention;
    const fromCommandLine = this.commandLineBudget;
    const oldest = await oldestKept(db);
    return {
      databaseBytes: fileBytes(db.name),
      walBytes: fileBytes(`${db.name}-wal`),
      usedBytes: storeUsedBytes(db),
      diskBudget:
        fromCommandLine === null
          ? { bytes: storedDiskBudget(db), source: 'settings' }
          : { bytes: fromCommandLine, source: 'commandLine' },
      retention: { rawMs, rollup1mMs, rollup1hMs },
      oldest: {
        raw: isoOrNull(oldest.raw),
        rollup1m: isoOrNull(oldest.rollup1m),
        rollup1h: isoOrNull(oldest.rollup1h),
      },
      lastBudgetDrop: lastBudgetDrop(db),
    };
  }

  /**
   * Sets the budget an admin wrote ("50 GB"; empty: no budget), audited with who, before and after;
   * a retention pass starts at once, and telemetryStorage.changed says when it is done.
   */
  async setDiskBudget(
    text: string,
    by: { username: string; role: string },
    now: Date,
  ): Promise<TelemetryStorage> {
    if (this.commandLineBudget !== null)
      throw new DomainError(
        'CONFLICT',
        `The telemetry disk budget is set by the command line (--telemetry-disk-budget or ${DISK_BUDGET_ENV}); change it there.`,
      );
    let bytes: number | null = null;
    try {
      bytes = text.trim() === '' ? null : parseDiskBudget(text);
    } catch (error) {
      throw new DomainError('BAD_REQUEST', error instanceof Error ? error.message : String(error));
    }
    const db = this.deps.store();
    const before = storedDiskBudget(db);
    if (before === bytes) return this.read();
    db.transaction(() => {
      storeDiskBudget(db, bytes);
      auditBy(
        db,
        by,
        {
          action: DISK_BUDGET_CHANGE_ACTION,
          target: 'settings',
          outcome: 'success',
          details: { [DISK_BUDGET_SETTING]: { from: before, to: bytes } },
        },
        now,
      );
    })();
    const { events } = this.deps;
    events.emit('telemetryStorage.changed', {});
    const done = () => events.emit('telemetryStorage.changed', {});
    void this.deps.retainNow().then(done, done);
    return this.read();
  }
}
