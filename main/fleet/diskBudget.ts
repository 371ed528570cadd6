// Retention by disk budget: when the store uses more than the configured bytes, telemetry is dropped
// oldest first until it fits, finest first: the oldest raw samples hour by hour (their roll-ups stay),
// then the oldest 1-minute roll-ups day by day, then the oldest 1-hour roll-ups week by week. Each
// tier keeps a floor of recent data. Every drop is audited (and so shown to operators) with what went
// and how much the store uses now; a budget that cannot be met says so, never silently.
import { DAY_MS, HOUR_MS } from '../../shared/domain/time.ts';
import {
  MIN_DISK_BUDGET_BYTES,
  readDiskBudget,
} from '../../shared/domain/telemetry/diskBudgetSize.ts';
import { appendAudit } from '../audit/index.ts';
import { storedSetting, storeSetting } from '../core/settingsRepository.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import type { RollupTier } from '../telemetry/samples.ts';
import {
  deleteRawSamplesBefore,
  deleteRollupRowsBefore,
  type RetentionConfig,
} from './retention.ts';

export const DISK_BUDGET_ACTOR = { actor: 'system:retention', role: 'system' } as const;
/** The audit action of a budget pass that dropped telemetry (or found it could not meet the budget). */
export const DISK_BUDGET_ACTION = 'fleet.diskBudget';

interface TierPlan {
  tier: 'raw' | RollupTier;
  /** Where the age retention already cut. */
  fromAgeMs: number;
  /** Each step drops this much more of the oldest data. */
  stepMs: number;
  /** Never drops data younger than this. */
  keepMs: number;
}

export interface DiskBudgetReport {
  budgetBytes: number;
  beforeBytes: number;
  afterBytes: number;
  /** Raw samples and roll-up rows dropped, per tier. */
  dropped: { raw: number; rollups1m: number; rollups1h: number };
  /** The oldest time still kept in each tier that was cut (ms since the epoch). */
  keptFrom: { raw?: number; rollups1m?: number; rollups1h?: number };
  /** False when every tier is down to its floor and the store still uses more than the budget. */
  met: boolean;
}

/**
 * Bytes of the store's file in use: its pages less the free ones (deleted rows free pages that new
 * data reuses, so the file stops growing while its size on disk stays where it was).
 */
export function storeUsedBytes(db: ReadableDb): number {
  const pragma = (name: string) => db.pragma(name, { simple: true }) as number;
  return (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
}

/** Parses a budget as operators write it ("50GB", "512 MiB", "2e9"); throws with the reason. */
export function parseDiskBudget(text: string): number {
  const reading = readDiskBudget(text);
  if (reading.ok && reading.bytes !== null) return reading.bytes;
  if (!reading.ok && reading.problem === 'tooSmall')
    throw new RangeError(
      `The telemetry disk budget "${text}" is below the smallest accepted, ${MIN_DISK_BUDGET_BYTES / 1024 / 1024} MiB.`,
    );
  throw new RangeError(
    `The telemetry disk budget "${text}" is not a size: write it like 50GB, 512MB or 2TB.`,
  );
}

/** The settings key of the budget an admin set in the console (the command line's wins over it). */
export const DISK_BUDGET_SETTING = 'telemetryDiskBudgetBytes';

/** The budget an admin set in Settings, or null for none. */
export function storedDiskBudget(db: ReadableDb): number | null {
  const value = storedSetting(db, DISK_BUDGET_SETTING);
  return typeof value === 'number' ? value : null;
}

export function storeDiskBudget(db: WritableDb, bytes: number | null): void {
  storeSetting(db, DISK_BUDGET_SETTING, bytes);
}

/** The retention a pass keeps: the configured one, with the stored budget where the command line set none. */
export function retentionInForce(db: ReadableDb, config: RetentionConfig): RetentionConfig {
  return { ...config, diskBudgetBytes: config.diskBudgetBytes ?? storedDiskBudget(db) };
}

function plans(config: RetentionConfig): TierPlan[] {
  return [
    { tier: 'raw', fromAgeMs: config.rawMs, stepMs: HOUR_MS, keepMs: HOUR_MS },
    { tier: '1m', fromAgeMs: config.rollup1mMs, stepMs: DAY_MS, keepMs: DAY_MS },
    { tier: '1h', fromAgeMs: config.rollup1hMs, stepMs: 7 * DAY_MS, keepMs: 7 * DAY_MS },
  ];
}

const reportKey = { raw: 'raw', '1m': 'rollups1m', '1h': 'rollups1h' } as const;

/**
 * Keeps the store within `config.diskBudgetBytes` (after the age retention has run): drops the
 * oldest telemetry, tier by tier, step by step, until the store fits or every tier is at its floor.
 * Returns null when no budget is set or the store already fits; otherwise the audited report.
 */
export async function enforceDiskBudget(
  db: WritableDb,
  nowMs: number,
  config: RetentionConfig,
  batch = 2000,
  isStopped: () => boolean = () => false,
): Promise<DiskBudgetReport | null> {
  const budget = config.diskBudgetBytes ?? null;
  if (budget === null) return null;
  const beforeBytes = storeUsedBytes(db);
  if (beforeBytes <= budget) return null;
  const report: DiskBudgetReport = {
    budgetBytes: budget,
    beforeBytes,
    afterBytes: beforeBytes,
    dropped: { raw: 0, rollups1m: 0, rollups1h: 0 },
    keptFrom: {},
    met: false,
  };
  for (const plan of plans(config)) {
    const floor = nowMs - plan.keepMs;
    let cutoff = nowMs - plan.fromAgeMs;
    while (report.afterBytes > budget && cutoff < floor && !isStopped()) {
      cutoff = Math.min(cutoff + plan.stepMs, floor);
      const n =
        plan.tier === 'raw'
          ? await deleteRawSamplesBefore(db, cutoff, batch, isStopped)
          : await deleteRollupRowsBefore(db, plan.tier, cutoff, batch, isStopped);
      report.dropped[reportKey[plan.tier]] += n;
      report.keptFrom[reportKey[plan.tier]] = cutoff;
      report.afterBytes = storeUsedBytes(db);
    }
    if (report.afterBytes <= budget) break;
  }
  report.met = report.afterBytes <= budget;
  // Dropped data is evidence an auditor must see: what went, and whether the budget holds now.
  appendAudit(
    db,
    {
      ...DISK_BUDGET_ACTOR,
      action: DISK_BUDGET_ACTION,
      target: 'telemetry',
      outcome: report.met ? 'success' : 'failure',
      details: {
        budgetBytes: report.budgetBytes,
        beforeBytes: report.beforeBytes,
        afterBytes: report.afterBytes,
        droppedRawSamples: report.dropped.raw,
        droppedRollups1m: report.dropped.rollups1m,
        droppedRollups1h: report.dropped.rollups1h,
        ...Object.fromEntries(
          Object.entries(report.keptFrom).map(([k, v]) => [
            `${k}KeptFrom`,
            new Date(v).toISOString(),
          ]),
        ),
        met: report.met,
      },
    },
    new Date(nowMs),
  );
  return report;
}
