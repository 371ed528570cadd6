// Site settings, one JSON value per key.
import { z } from 'zod';
import { SettingsSchema, type Settings } from '../../shared/ipc/contract.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/db.ts';

export const DEFAULT_SETTINGS: Settings = {
  siteName: '',
  timeZone: 'Asia/Dubai',
  lockAfterMinutes: 15,
  residency: 'AE',
};

interface SettingRow {
  key: string;
  value: string;
}

export function getSettings(db: ReadableDb): Settings {
  const rows = all<SettingRow>(db, sql`SELECT key, value FROM settings`);
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value) as unknown;
  return SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...stored });
}

export function putSettings(db: WritableDb, changes: Partial<Settings>): Settings {
  const known = SettingsSchema.partial().strict().parse(changes);
  for (const [key, value] of Object.entries(known)) {
    if (value !== undefined) storeSetting(db, key, value);
  }
  return getSettings(db);
}

/** One stored value kept beside the site's settings (e.g. the telemetry disk budget); undefined if never set. */
export function storedSetting(db: ReadableDb, key: string): unknown {
  const row = get<SettingRow>(db, sql`SELECT key, value FROM settings WHERE key = ${key}`);
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export function storeSetting(db: WritableDb, key: string, value: unknown): void {
  run(
    db,
    sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)})
        ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
}

/** Keys whose values differ between two settings objects, for the audit record. */
export function changedSettings(before: Settings, after: Settings): Record<string, unknown> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof Settings)[]) {
    if (before[key] !== after[key]) diff[key] = { from: before[key], to: after[key] };
  }
  return z.record(z.string(), z.unknown()).parse(diff);
}
