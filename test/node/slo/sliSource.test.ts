// Reading indicators from the fleet's roll-ups: latency from histogram buckets, quality and GPU
// saturation judged per minute, counter restarts, and hours where retention left only 1-hour roll-ups.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SliReader } from '../../../main/slo/sliSource.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { SloSpecSchema, type SloSpecInput } from '../../../shared/domain/slo/spec.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-26T04:00:00.000Z');
let db: WritableDb;
let hostId = 0;

function host(site = 'Abu Dhabi DC1'): number {
  db.prepare('INSERT INTO clusters (name, site, kind, created_at) VALUES (?, ?, ?, ?)').run(
    `c${hostId}`,
    site,
    'gpu_cluster',
    'x',
  );
  const cluster = Number(db.prepare('SELECT max(id) AS id FROM clusters').pluck().get());
  return Number(
    db
      .prepare(
        "INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, enrolled_at) VALUES (?, 'h', '127.0.0.1:1', ?, 'f', 'x')",
      )
      .run(`a${++hostId}`, cluster).lastInsertRowid,
  );
}

function series(
  hostId: number,
  metric: string,
  labels: Record<string, string>,
  values: readonly number[],
  table = 'rollups_1m',
  from = T0,
  step = MINUTE,
): void {
  const id = Number(
    db
      .prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)')
      .run(hostId, metric, JSON.stringify(labels)).lastInsertRowid,
  );
  values.forEach((v, i) =>
    db
      .prepare(
        `INSERT INTO ${table} (series_id, bucket_ts, count, sum, min, max, last, last_ts) VALUES (?, ?, 2, ?, ?, ?, ?, ?)`,
      )
      .run(id, from + i * step, 2 * v, v, v, v, from + i * step + 1),
  );
}

const spec = (indicator: SloSpecInput['indicator'], extra: Partial<SloSpecInput> = {}) =>
  SloSpecSchema.parse({
    name: 'x',
    service: { model: 'llama' },
    indicator,
    window: { type: 'rolling', days: 7 },
    objective: 0.99,
    budgetingMethod:
      indicator.type === 'latency' || indicator.type === 'availability'
        ? 'Occurrences'
        : 'Timeslices',
    ...extra,
  });

beforeEach(() => {
  db = newEncryptedDb(tempDir());
  migrate(db);
});
afterEach(() => db.close());

describe('reading an SLO indicator from roll-ups', () => {
  it('counts requests faster than the threshold from the latency buckets, interpolating between bounds', () => {
    const h = host();
    const labels = { model: 'llama', version: 'v1' };
    // Cumulative bucket counters: each minute adds 100 requests: 50 under 0.5 s, 30 more under 1 s, 15 under 2.5 s, 5 slower.
    const cumulative = (perMinute: number) => [0, 1, 2, 3].map((i) => i * perMinute);
    series(h, 'latency_seconds_bucket', { ...labels, le: '0.5' }, cumulative(50));
    series(h, 'latency_seconds_bucket', { ...labels, le: '1' }, cumulative(80));
    series(h, 'latency_seconds_bucket', { ...labels, le: '2.5' }, cumulative(95));
    series(h, 'latency_seconds_bucket', { ...labels, le: '+Inf' }, cumulative(100));
    const reader = new SliReader(db);
    const exact = reader.read(
      spec({ type: 'latency', thresholdSeconds: 1, source: { kind: 'canonical' } }),
      T0,
      T0 + 4 * MINUTE,
    );
    // The first minute has no earlier value to count an increase from.
    expect(exact).toEqual([1, 2, 3].map((i) => ({ t: T0 + i * MINUTE, good: 80, total: 100 })));
    const between = reader.read(
      spec({ type: 'latency', thresholdSeconds: 2, source: { kind: 'canonical' } }),
      T0,
      T0 + 4 * MINUTE,
    );
    expect(between[0]!.good).toBeCloseTo(80 + (15 * (2 - 1)) / (2.5 - 1), 9);
  });

  it('treats a counter that goes down as restarted, as Prometheus does', () => {
    const h = host();
    series(h, 'requests_total', { model: 'llama', version: 'v1' }, [1000, 1100, 40, 140]);
    series(h, 'errors_total', { model: 'llama', version: 'v1' }, [10, 10, 0, 1]);
    const points = new SliReader(db).read(
      spec({ type: 'availability', source: { kind: 'canonical' } }),
      T0,
      T0 + 4 * MINUTE,
    );
    expect(points.map((p) => [p.total, p.good])).toEqual([
      [100, 100],
      [40, 40],
      [100, 99],
    ]);
  });

  it('judges quality and GPU saturation per minute, and reads only the versions and site the SLO names', () => {
    const h = host();
    series(h, 'model_accuracy_ratio', { model: 'llama', version: 'v1' }, [0.95, 0.91, 0.97]);
    series(h, 'model_accuracy_ratio', { model: 'llama', version: 'v2' }, [0.5, 0.5, 0.5]);
    series(h, 'requests_total', { model: 'llama', version: 'v1' }, [1, 2, 3]);
    series(h, 'gpu_utilization_percent', { gpu: '0' }, [70, 95, 99]);
    series(h, 'gpu_utilization_percent', { gpu: '1' }, [70, 85, 99]);
    series(
      host('Dubai DC2'),
      'model_accuracy_ratio',
      { model: 'llama', version: 'v1' },
      [0.1, 0.1, 0.1],
    );
    const reader = new SliReader(db);
    const accuracy = reader.read(
      spec(
        { type: 'quality', signal: 'accuracy', threshold: 0.93 },
        { service: { model: 'llama', versions: ['v1'], site: 'Abu Dhabi DC1' } },
      ),
      T0,
      T0 + 3 * MINUTE,
    );
    expect(accuracy.map((p) => p.good)).toEqual([1, 0, 1]);
    const gpus = reader.read(
      spec({ type: 'gpu_saturation', signal: 'utilization', ceilingPercent: 90 }),
      T0,
      T0 + 3 * MINUTE,
    );
    expect(gpus.map((p) => p.good)).toEqual([1, 1, 0]); // means 70, 90, 99
  });

  it('reads whole hours from the 1-hour roll-ups where retention dropped the minutes, then minutes', () => {
    const h = host();
    const hourStart = T0 - 3 * 3_600_000;
    // Three hours kept only as hourly buckets (6,000 requests each), then the kept minutes (100 each).
    const id = Number(
      db
        .prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)')
        .run(h, 'requests_total', JSON.stringify({ model: 'llama' })).lastInsertRowid,
    );
    const insert = (table: string, t: number, v: number) =>
      db
        .prepare(
          `INSERT INTO ${table} (series_id, bucket_ts, count, sum, min, max, last, last_ts) VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
        )
        .run(id, t, v, v, v, v, t + 1);
    [6000, 12000, 18000].forEach((v, i) => insert('rollups_1h', hourStart + i * 3_600_000, v));
    [18100, 18200].forEach((v, i) => insert('rollups_1m', T0 + i * MINUTE, v));
    const points = new SliReader(db).read(
      spec({ type: 'throughput', signal: 'requests_per_second', floor: 1.5 }),
      hourStart,
      T0 + 2 * MINUTE,
    );
    // Hours 2 and 3 (100 req/min = 1.67 req/s) count as 60 good minutes each; the kept minutes as one each.
    expect(points).toEqual([
      { t: hourStart + 3_600_000, good: 60, total: 60 },
      { t: hourStart + 7_200_000, good: 60, total: 60 },
      { t: T0, good: 1, total: 1 },
      { t: T0 + MINUTE, good: 1, total: 1 },
    ]);
  });
  it('reads a series that started mid-hour minute by minute (no 1-hour bucket yet)', () => {
    const h = host();
    series(h, 'requests_total', { model: 'llama' }, [10, 70, 130], 'rollups_1m', T0 + 25 * MINUTE);
    const points = new SliReader(db).read(
      spec({ type: 'throughput', signal: 'requests_per_second', floor: 0.5 }),
      T0,
      T0 + 30 * MINUTE,
    );
    expect(points).toEqual([
      { t: T0 + 26 * MINUTE, good: 1, total: 1 },
      { t: T0 + 27 * MINUTE, good: 1, total: 1 },
    ]);
  });

  it('reads the hour retention cut into from its 1-hour bucket, and minutes from the next hour', () => {
    const h = host();
    const id = Number(
      db
        .prepare('INSERT INTO series (host_id, metric, labels) VALUES (?, ?, ?)')
        .run(h, 'requests_total', JSON.stringify({ model: 'llama' })).lastInsertRowid,
    );
    const insert = (table: string, t: number, v: number, count: number) =>
      db
        .prepare(
          `INSERT INTO ${table} (series_id, bucket_ts, count, sum, min, max, last, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, t, count, v, v, v, v, t + 1);
    const hour = T0 - 3_600_000;
    insert('rollups_1h', hour - 3_600_000, 6000, 60);
    insert('rollups_1h', hour, 12000, 60); // 60 samples; retention left only the last 20 minutes of it
    for (let m = 40; m < 60; m++)
      insert('rollups_1m', hour + m * MINUTE, 12000 - (59 - m) * 100, 1);
    insert('rollups_1m', T0, 12100, 1);
    const points = new SliReader(db).read(
      spec({ type: 'throughput', signal: 'requests_per_second', floor: 1.5 }),
      hour,
      T0 + MINUTE,
    );
    expect(points).toEqual([
      { t: hour, good: 60, total: 60 },
      { t: T0, good: 1, total: 1 },
    ]);
  });
});
