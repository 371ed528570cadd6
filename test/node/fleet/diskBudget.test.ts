// Retention by disk budget against a real encrypted store: over the budget the oldest telemetry goes
// first (raw before roll-ups), the newest stays, and every drop is in the audit log; no budget, or a
// store within it, drops nothing and says nothing.
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../shared/domain/time.ts';
import { listAudit } from '../../../main/audit/index.ts';
import {
  DISK_BUDGET_ACTION,
  enforceDiskBudget,
  parseDiskBudget,
  storeUsedBytes,
} from '../../../main/fleet/diskBudget.ts';
import { DEFAULT_FLEET_CONFIG, diskBudgetConfig } from '../../../main/fleet/config.ts';
import { FleetMaintenance } from '../../../main/fleet/maintenance.ts';
import { DEFAULT_RETENTION } from '../../../main/fleet/retention.ts';
import { querySeries } from '../../../main/telemetry/charts.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { silentLogger } from '../../../main/log.ts';
import { METRIC, NOW, storeWithTelemetry } from './budgetStore.ts';

const chart = (db: WritableDb, hostId: number, range: 'live' | '24h') =>
  querySeries(db, { hostId, metric: METRIC, labels: { gpu: '0' }, range, maxPoints: 10_000 }, NOW)
    .points;

const budgetAudit = (db: WritableDb) =>
  listAudit(db, { action: DISK_BUDGET_ACTION, limit: 10 }).entries;

describe('retention by disk budget', () => {
  it('drops the oldest telemetry until the store fits, keeps the newest, and audits the drop', async () => {
    const { db, hostId, emptyBytes, fullBytes } = await storeWithTelemetry();
    const liveBefore = chart(db, hostId, 'live');
    expect(liveBefore.length).toBeGreaterThan(25);
    const budget = Math.round(emptyBytes + ((fullBytes - emptyBytes) * 3) / 4);

    const report = await enforceDiskBudget(
      db,
      NOW,
      { ...DEFAULT_RETENTION, diskBudgetBytes: budget },
      500,
    );

    expect(report).not.toBeNull();
    expect(report!.met).toBe(true);
    expect(storeUsedBytes(db)).toBeLessThanOrEqual(budget);
    expect(report!.dropped.raw).toBeGreaterThan(0);
    // Oldest first: roll-ups are cut only once raw samples are down to their newest hour.
    if (report!.dropped.rollups1m > 0) expect(report!.keptFrom.raw).toBe(NOW - HOUR_MS);
    // The newest data is untouched: the live chart reads exactly as before.
    expect(chart(db, hostId, 'live')).toEqual(liveBefore);
    const [entry, ...more] = budgetAudit(db);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: 'system:retention',
      role: 'system',
      target: 'telemetry',
      outcome: 'success',
    });
    expect(entry!.details).toMatchObject({
      budgetBytes: budget,
      beforeBytes: fullBytes,
      afterBytes: report!.afterBytes,
      droppedRawSamples: report!.dropped.raw,
      met: true,
    });
    db.close();
  });

  it('says so when even the minimum it keeps does not fit, and still keeps the newest hour', async () => {
    const { db, hostId } = await storeWithTelemetry();
    const liveBefore = chart(db, hostId, 'live');
    const report = await enforceDiskBudget(db, NOW, { ...DEFAULT_RETENTION, diskBudgetBytes: 1 });
    expect(report).toMatchObject({ met: false, keptFrom: { raw: NOW - HOUR_MS } });
    expect(chart(db, hostId, 'live')).toEqual(liveBefore);
    expect(budgetAudit(db)).toMatchObject([{ outcome: 'failure', details: { met: false } }]);
    db.close();
  });

  it('drops nothing and audits nothing without a budget or within it', async () => {
    const { db, hostId, fullBytes } = await storeWithTelemetry();
    const day = chart(db, hostId, '24h');
    expect(await enforceDiskBudget(db, NOW, DEFAULT_RETENTION)).toBeNull();
    const within = { ...DEFAULT_RETENTION, diskBudgetBytes: fullBytes + 1 };
    expect(await enforceDiskBudget(db, NOW, within)).toBeNull();
    expect(storeUsedBytes(db)).toBe(fullBytes);
    expect(chart(db, hostId, '24h')).toEqual(day);
    expect(budgetAudit(db)).toEqual([]);
    db.close();
  });

  it('runs after the age retention in the fleet upkeep, and tells the log', async () => {
    const { db, emptyBytes, fullBytes } = await storeWithTelemetry();
    const warnings: string[] = [];
    const maintenance = new FleetMaintenance({
      clock: { now: () => new Date(NOW) },
      logger: { ...silentLogger, warn: (message: string) => void warnings.push(message) },
      config: {
        ...DEFAULT_FLEET_CONFIG,
        retention: { ...DEFAULT_RETENTION, diskBudgetBytes: (emptyBytes + 3 * fullBytes) / 4 },
        retentionEveryMs: HOUR_MS,
        rollupEveryMs: HOUR_MS,
      },
    });
    maintenance.start(db, () => true);
    const report = await maintenance.retain();
    maintenance.stop();
    expect(report?.diskBudget?.met).toBe(true);
    expect(warnings).toEqual([
      'fleet: the store was over its disk budget; the oldest telemetry was dropped',
    ]);
    db.close();
  });
});

describe('the disk budget setting', () => {
  it('reads sizes as operators write them', () => {
    expect(parseDiskBudget('50GB')).toBe(50e9);
    expect(parseDiskBudget('512 MiB')).toBe(512 * 1024 ** 2);
    expect(parseDiskBudget('2t')).toBe(2e12);
    expect(parseDiskBudget('100000000')).toBe(1e8);
    expect(diskBudgetConfig(undefined)).toEqual({});
    expect(diskBudgetConfig('1GB').retention).toEqual({
      ...DEFAULT_RETENTION,
      diskBudgetBytes: 1e9,
    });
  });

  it('refuses a size it cannot read, or one too small for the store itself, saying why', () => {
    expect(() => parseDiskBudget('lots')).toThrow(
      'The telemetry disk budget "lots" is not a size: write it like 50GB, 512MB or 2TB.',
    );
    expect(() => parseDiskBudget('10MB')).toThrow(
      'The telemetry disk budget "10MB" is below the smallest accepted, 64 MiB.',
    );
  });
});
