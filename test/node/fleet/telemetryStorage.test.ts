// Telemetry storage in Settings, against a real encrypted store: what it reports (size on disk,
// retention, oldest data kept, the last budget drop), an admin setting the disk budget (validated,
// audited with who/before/after, kept in the store, applied by the next retention pass), and the
// command line's budget winning over it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../shared/domain/time.ts';
import {
  diskBudgetText,
  readDiskBudget,
  sizeParts,
} from '../../../shared/domain/telemetry/diskBudgetSize.ts';
import { listAudit } from '../../../main/audit/index.ts';
import { EventBus } from '../../../main/core/events.ts';
import { DEFAULT_FLEET_CONFIG, type FleetConfig } from '../../../main/fleet/config.ts';
import {
  DISK_BUDGET_ACTION,
  storeDiskBudget,
  storedDiskBudget,
} from '../../../main/fleet/diskBudget.ts';
import { FleetMaintenance } from '../../../main/fleet/maintenance.ts';
import { DEFAULT_RETENTION } from '../../../main/fleet/retention.ts';
import {
  DISK_BUDGET_CHANGE_ACTION,
  TelemetryStorageSettings,
} from '../../../main/fleet/telemetryStorage.ts';
import { silentLogger } from '../../../main/log.ts';
import { oldestKept } from '../../../main/telemetry/oldestKept.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import {
  ADMIN_PASSWORD,
  PASSPHRASE,
  clientOf,
  setUpSite,
  type TestSite,
} from '../../helpers/console.ts';
import { FIRST_SAMPLE_MS, NOW, storeWithTelemetry } from './budgetStore.ts';

const ADMIN = { username: 'admin', role: 'admin' };

/** The service over a store with telemetry, with the fleet's upkeep running on it. */
async function storageOver(commandLineBudget: number | null = null) {
  const store = await storeWithTelemetry();
  const events = new EventBus();
  const config: FleetConfig = {
    ...DEFAULT_FLEET_CONFIG,
    retention: { ...DEFAULT_RETENTION, diskBudgetBytes: commandLineBudget },
  };
  const budgetDrops: number[] = [];
  const maintenance = new FleetMaintenance({
    clock: { now: () => new Date(NOW) },
    logger: silentLogger,
    config,
    onBudgetDrop: () => budgetDrops.push(NOW),
  });
  maintenance.start(store.db, () => true);
  const storage = new TelemetryStorageSettings({
    store: () => store.db,
    events,
    config,
    retainNow: () => maintenance.retain(),
  });
  /** Resolves on the next telemetryStorage.changed. */
  const nextChange = () =>
    new Promise<void>((resolve) => {
      const off = events.on((event) => {
        if (event !== 'telemetryStorage.changed') return;
        off();
        resolve();
      });
    });
  const close = () => {
    maintenance.stop();
    store.db.close();
  };
  return { ...store, storage, maintenance, budgetDrops, nextChange, close };
}

const audit = (db: WritableDb, action: string) => listAudit(db, { action, limit: 10 }).entries;

describe('telemetry storage as Settings shows it', () => {
  it('reports the size on disk, the retention by age, the oldest data kept and no budget yet', async () => {
    const s = await storageOver();
    const info = await s.storage.read();
    expect(info.databaseBytes).toBeGreaterThan(0);
    expect(info.usedBytes).toBe(s.fullBytes);
    expect(info.databaseBytes + info.walBytes).toBeGreaterThanOrEqual(info.usedBytes);
    expect(info.diskBudget).toEqual({ bytes: null, source: 'settings' });
    expect(info.retention).toEqual({
      rawMs: 48 * HOUR_MS,
      rollup1mMs: 720 * HOUR_MS,
      rollup1hMs: 9600 * HOUR_MS,
    });
    expect(info.oldest).toEqual({
      raw: new Date(FIRST_SAMPLE_MS).toISOString(),
      rollup1m: new Date(FIRST_SAMPLE_MS).toISOString(),
      rollup1h: new Date(FIRST_SAMPLE_MS).toISOString(),
    });
    expect(info.lastBudgetDrop).toBeNull();
    // Read a page of series at a time: one series a page finds the same.
    expect(await oldestKept(s.db, 1)).toEqual({
      raw: FIRST_SAMPLE_MS,
      rollup1m: FIRST_SAMPLE_MS,
      rollup1h: FIRST_SAMPLE_MS,
    });
    s.close();
  });

  it('applies a budget stored in Settings on the next retention pass, and shows what it dropped', async () => {
    const s = await storageOver();
    const budget = Math.round((s.emptyBytes + 3 * s.fullBytes) / 4);
    storeDiskBudget(s.db, budget);
    const report = await s.maintenance.retain();
    expect(report?.diskBudget).toMatchObject({ budgetBytes: budget, met: true });
    expect(s.budgetDrops).toHaveLength(1);
    const info = await s.storage.read();
    expect(info.usedBytes).toBeLessThanOrEqual(budget);
    expect(Date.parse(info.oldest.raw!)).toBeGreaterThan(FIRST_SAMPLE_MS);
    expect(info.lastBudgetDrop).toEqual({
      at: new Date(NOW).toISOString(),
      met: true,
      budgetBytes: budget,
      afterBytes: report!.diskBudget!.afterBytes,
      droppedRawSamples: report!.diskBudget!.dropped.raw,
      droppedRollups1m: report!.diskBudget!.dropped.rollups1m,
      droppedRollups1h: report!.diskBudget!.dropped.rollups1h,
    });
    s.close();
  });
});

describe('an admin setting the disk budget', () => {
  it('keeps it in the store, audits who changed it from what to what, and runs a retention pass', async () => {
    const s = await storageOver();
    const passDone = s.nextChange().then(() => s.nextChange());
    const info = await s.storage.setDiskBudget('50 GB', ADMIN, new Date(NOW));
    expect(info.diskBudget).toEqual({ bytes: 50e9, source: 'settings' });
    expect(storedDiskBudget(s.db)).toBe(50e9);
    await passDone;
    await s.storage.setDiskBudget('', ADMIN, new Date(NOW + 1000));
    expect((await s.storage.read()).diskBudget.bytes).toBeNull();
    expect(audit(s.db, DISK_BUDGET_CHANGE_ACTION)).toMatchObject([
      {
        actor: 'admin',
        role: 'admin',
        target: 'settings',
        outcome: 'success',
        details: { telemetryDiskBudgetBytes: { from: 50e9, to: null } },
      },
      { actor: 'admin', details: { telemetryDiskBudgetBytes: { from: null, to: 50e9 } } },
    ]);
    // Within the budget: the pass it started dropped nothing and said nothing.
    expect(audit(s.db, DISK_BUDGET_ACTION)).toEqual([]);
    expect(s.budgetDrops).toEqual([]);
    s.close();
  });

  it('refuses a size it cannot read or one too small, saying why, and changes nothing', async () => {
    const s = await storageOver();
    await expect(s.storage.setDiskBudget('lots', ADMIN, new Date(NOW))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The telemetry disk budget "lots" is not a size: write it like 50GB, 512MB or 2TB.',
    });
    await expect(s.storage.setDiskBudget('10MB', ADMIN, new Date(NOW))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The telemetry disk budget "10MB" is below the smallest accepted, 64 MiB.',
    });
    expect(storedDiskBudget(s.db)).toBeNull();
    expect(audit(s.db, DISK_BUDGET_CHANGE_ACTION)).toEqual([]);
    s.close();
  });

  it('cannot override the budget the command line set, which the retention pass keeps', async () => {
    const s = await storageOver(1);
    storeDiskBudget(s.db, 50e9);
    expect((await s.storage.read()).diskBudget).toEqual({ bytes: 1, source: 'commandLine' });
    await expect(s.storage.setDiskBudget('60 GB', ADMIN, new Date(NOW))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('set by the command line') as unknown,
    });
    const report = await s.maintenance.retain();
    expect(report?.diskBudget).toMatchObject({ budgetBytes: 1, met: false });
    s.close();
  });
});

describe('through the API', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await setUpSite();
  });
  afterAll(() => site.cleanup());

  it('lets an auditor read telemetry storage and only an admin change the budget', async () => {
    const auditor = await site.operatorWithRole('auditor', 'aud-storage');
    expect((await auditor.must('telemetryStorage.get', {})).diskBudget).toEqual({
      bytes: null,
      source: 'settings',
    });
    const refused = await auditor.call('telemetryStorage.setDiskBudget', { diskBudget: '50GB' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const set = await site.admin.must('telemetryStorage.setDiskBudget', { diskBudget: '512 MiB' });
    expect(set.diskBudget).toEqual({ bytes: 512 * 1024 ** 2, source: 'settings' });
    const bad = await site.admin.call('telemetryStorage.setDiskBudget', { diskBudget: '5 apples' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // Kept in the encrypted store: a reopened console still has it.
    const desk = clientOf(await site.reopen(), 'desk');
    await desk.must('store.unlock', { passphrase: PASSPHRASE });
    await desk.must('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect((await desk.must('telemetryStorage.get', {})).diskBudget.bytes).toBe(512 * 1024 ** 2);
    const [entry] = (await desk.must('audit.list', { action: DISK_BUDGET_CHANGE_ACTION })).entries;
    expect(entry).toMatchObject({
      actor: 'admin',
      details: { telemetryDiskBudgetBytes: { from: null, to: 512 * 1024 ** 2 } },
    });
  });
});

describe('disk budget sizes', () => {
  it('write back as operators write them and read back to the same bytes', () => {
    for (const bytes of [50e9, 512 * 1024 ** 2, 2e12, 1e8, 123_456_789_123])
      expect(readDiskBudget(diskBudgetText(bytes))).toEqual({ ok: true, bytes });
    expect(diskBudgetText(50e9)).toBe('50 GB');
    expect(diskBudgetText(512 * 1024 ** 2)).toBe('512 MiB');
    expect(readDiskBudget('  ')).toEqual({ ok: true, bytes: null });
    expect(sizeParts(1_340_000_000)).toEqual([1.3, 'GB']);
    expect(sizeParts(999)).toEqual([999, 'B']);
  });
});
