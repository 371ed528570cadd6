// On-call schedules (rotation layers stored as JSON) and their overrides.
import { z } from 'zod';
import {
  LayerSchema,
  type Layer,
  type ScheduleRota,
  type ScheduleSpec,
} from '../../../shared/domain/oncall/index.ts';
import { all, get, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/db.ts';

export interface StoredSchedule {
  id: number;
  name: string;
  description: string;
  layers: Layer[];
  updatedBy: string;
  updatedAtMs: number;
}

export interface StoredOverride {
  id: number;
  scheduleId: number;
  username: string;
  startMs: number;
  endMs: number;
  reason: string;
  createdBy: string;
  createdAtMs: number;
}

interface ScheduleRow {
  id: number;
  name: string;
  description: string;
  layers: string;
  updated_by: string;
  updated_at: number;
}

interface OverrideRow {
  id: number;
  schedule_id: number;
  username: string;
  starts_at: number;
  ends_at: number;
  reason: string;
  created_by: string;
  created_at: number;
}

const LayersSchema = z.array(LayerSchema);

const rowToSchedule = (row: ScheduleRow): StoredSchedule => ({
  id: row.id,
  name: row.name,
  description: row.description,
  layers: LayersSchema.parse(JSON.parse(row.layers)),
  updatedBy: row.updated_by,
  updatedAtMs: row.updated_at,
});

const rowToOverride = (row: OverrideRow): StoredOverride => ({
  id: row.id,
  scheduleId: row.schedule_id,
  username: row.username,
  startMs: row.starts_at,
  endMs: row.ends_at,
  reason: row.reason,
  createdBy: row.created_by,
  createdAtMs: row.created_at,
});

export function listSchedules(db: ReadableDb): StoredSchedule[] {
  return all<ScheduleRow>(db, sql`SELECT * FROM oncall_schedules ORDER BY name, id`).map(
    rowToSchedule,
  );
}

export function findSchedule(db: ReadableDb, id: number): StoredSchedule | null {
  const row = get<ScheduleRow>(db, sql`SELECT * FROM oncall_schedules WHERE id = ${id}`);
  return row ? rowToSchedule(row) : null;
}

export function findScheduleIdByName(db: ReadableDb, name: string): number | null {
  return (
    get<{ id: number }>(db, sql`SELECT id FROM oncall_schedules WHERE name = ${name}`)?.id ?? null
  );
}

export function insertSchedule(
  db: WritableDb,
  spec: ScheduleSpec,
  by: string,
  nowMs: number,
): number {
  const result = run(
    db,
    sql`INSERT INTO oncall_schedules (name, description, layers, created_by, created_at, updated_by, updated_at)
        VALUES (${spec.name}, ${spec.description}, ${JSON.stringify(spec.layers)}, ${by}, ${nowMs}, ${by}, ${nowMs})`,
  );
  return Number(result.lastInsertRowid);
}

export function updateSchedule(
  db: WritableDb,
  id: number,
  spec: ScheduleSpec,
  by: string,
  nowMs: number,
): void {
  run(
    db,
    sql`UPDATE oncall_schedules SET name = ${spec.name}, description = ${spec.description},
        layers = ${JSON.stringify(spec.layers)}, updated_by = ${by}, updated_at = ${nowMs}
        WHERE id = ${id}`,
  );
}

export function deleteSchedule(db: WritableDb, id: number): void {
  run(db, sql`DELETE FROM oncall_schedules WHERE id = ${id}`);
}

/** Overrides of one schedule (or all) that end after `endsAfterMs` and start before `startsBeforeMs`. */
export function listOverrides(
  db: ReadableDb,
  filter: { scheduleId?: number; endsAfterMs: number; startsBeforeMs?: number },
): StoredOverride[] {
  const rows =
    filter.scheduleId === undefined
      ? all<OverrideRow>(
          db,
          sql`SELECT * FROM oncall_overrides WHERE ends_at > ${filter.endsAfterMs}
              AND starts_at < ${filter.startsBeforeMs ?? Number.MAX_SAFE_INTEGER} ORDER BY starts_at, id`,
        )
      : all<OverrideRow>(
          db,
          sql`SELECT * FROM oncall_overrides WHERE schedule_id = ${filter.scheduleId}
              AND ends_at > ${filter.endsAfterMs}
              AND starts_at < ${filter.startsBeforeMs ?? Number.MAX_SAFE_INTEGER} ORDER BY starts_at, id`,
        );
  return rows.map(rowToOverride);
}

export function findOverride(db: ReadableDb, id: number): StoredOverride | null {
  const row = get<OverrideRow>(db, sql`SELECT * FROM oncall_overrides WHERE id = ${id}`);
  return row ? rowToOverride(row) : null;
}

export function insertOverride(
  db: WritableDb,
  override: Omit<StoredOverride, 'id' | 'createdAtMs'>,
  nowMs: number,
): number {
  const result = run(
    db,
    sql`INSERT INTO oncall_overrides (schedule_id, username, starts_at, ends_at, reason, created_by, created_at)
        VALUES (${override.scheduleId}, ${override.username}, ${override.startMs}, ${override.endMs},
                ${override.reason}, ${override.createdBy}, ${nowMs})`,
  );
  return Number(result.lastInsertRowid);
}

export function deleteOverride(db: WritableDb, id: number): void {
  run(db, sql`DELETE FROM oncall_overrides WHERE id = ${id}`);
}

/** What the on-call math needs for one schedule over [fromMs, toMs). */
export function rotaOf(
  db: ReadableDb,
  schedule: StoredSchedule,
  fromMs: number,
  toMs: number,
): ScheduleRota {
  return {
    layers: schedule.layers,
    overrides: listOverrides(db, {
      scheduleId: schedule.id,
      endsAfterMs: fromMs,
      startsBeforeMs: toMs,
    }),
  };
}
