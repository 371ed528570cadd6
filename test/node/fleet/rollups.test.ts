// Roll-ups, retention and chart queries against a real encrypted store (no sockets needed here).
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../../shared/domain/time.ts';
import { TelemetryIngest, type Telemetry } from '../../../main/fleet/ingest.ts';
import { runRetention } from '../../../main/fleet/retention.ts';
import { lastOfEach, querySeries, SERIES_QUERIES } from '../../../main/telemetry/charts.ts';
import { rollUpHours } from '../../../main/telemetry/rollUp.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import type { WritableDb } from '../../../main/store/types.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';
import { insertTestHost } from './testHost.ts';
import { allMinuteRollups, allStoredSamples } from './storedSamples.ts';

const NOW = Date.parse('2026-11-26T06:00:00.000Z');
const now = new Date(NOW);

function fleetDb(): {
  db: WritableDb;
  ingest: TelemetryIngest;
  host: { id: number; agentId: string };
} {
  const db = newEncryptedDb(tempDir());
  migrate(db);
  const host = insertTestHost(db, now);
  return { db, ingest: new TelemetryIngest(db), host };
}

let seq = 0;
function batch(points: [number, number][], metric = 'gpu_utilization_percent'): Telemetry {
  return {
    type: 'telemetry',
    epoch: 'e1',
    seq: ++seq,
    samples: points.map(([tsMs, value]) => ({ metric, labels: { gpu: '0' }, tsMs, value })),
    events: [],
  };
}

type Rollup = {
  bucket_ts: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
};
const rollups = (db: WritableDb, table: 'rollups_1m' | 'rollups_1h'): Rollup[] =>
  table === 'rollups_1m'
    ? allMinuteRollups(db).map(({ bucket, count, sum, min, max, last }) => ({
        bucket_ts: bucket,
        count,
        sum,
        min,
        max,
        last,
      }))
    : (db
        .prepare(`SELECT bucket_ts, count, sum, min, max, last FROM ${table} ORDER BY bucket_ts`)
        .all() as Rollup[]);

describe('1-minute roll-ups', () => {
  it('aggregate each minute exactly, across batches and out-of-order samples', () => {
    const { db, ingest, host } = fleetDb();
    const m0 = NOW - 10 * MINUTE_MS;
    ingest.ingest(
      host,
      batch([
        [m0 + 1_000, 10],
        [m0 + 30_000, 30],
        [m0 + MINUTE_MS + 5_000, 7],
      ]),
      now,
    );
    ingest.ingest(
      host,
      batch([
        [m0 + 59_000, 50],
        [m0 + 20_000, 5],
      ]),
      now,
    ); // the minute's last is the latest timestamp
    ingest.ingest(host, batch([[m0 + 30_000, 999]]), now); // a repeated timestamp is not counted twice
    expect(rollups(db, 'rollups_1m')).toEqual([
      { bucket_ts: m0, count: 4, sum: 95, min: 5, max: 50, last: 50 },
      { bucket_ts: m0 + MINUTE_MS, count: 1, sum: 7, min: 7, max: 7, last: 7 },
    ]);
    db.close();
  });
});

describe('1-hour roll-ups', () => {
  it('are computed from the 1-minute ones, and redone for an hour that receives late data', async () => {
    const { db, ingest, host } = fleetDb();
    const h0 = NOW - 3 * HOUR_MS;
    ingest.ingest(
      host,
      batch([
        [h0, 1],
        [h0 + 10 * MINUTE_MS, 3],
        [h0 + HOUR_MS, 100],
      ]),
      now,
    );
    expect(await rollUpHours(db, NOW)).toBe(3); // h0, h0+1h and the current hour (h0+2h has no data)
    expect(rollups(db, 'rollups_1h')).toEqual([
      { bucket_ts: h0, count: 2, sum: 4, min: 1, max: 3, last: 3 },
      { bucket_ts: h0 + HOUR_MS, count: 1, sum: 100, min: 100, max: 100, last: 100 },
    ]);
    // A spool resent after an outage brings data for an hour already rolled up.
    ingest.ingest(host, batch([[h0 + 30 * MINUTE_MS, -2]]), now);
    await rollUpHours(db, NOW);
    expect(rollups(db, 'rollups_1h')[0]).toEqual({
      bucket_ts: h0,
      count: 3,
      sum: 2,
      min: -2,
      max: 3,
      last: -2,
    });
    db.close();
  });

  it('are written a slice of series at a time, and late data for an hour being rolled up sends it back to be redone', async () => {
    const { db, ingest, host } = fleetDb();
    const h0 = NOW - 3 * HOUR_MS;
    // 2,500 series (more than one slice), each with a sample in h0.
    const wide: Telemetry = {
      type: 'telemetry',
      epoch: 'e1',
      seq: ++seq,
      samples: Array.from({ length: 2500 }, (_, i) => ({
        metric: 'gpu_utilization_percent',
        labels: { gpu: String(i) },
        tsMs: h0 + 1000,
        value: i,
      })),
      events: [],
    };
    ingest.ingest(host, wide, now);
    const running = rollUpHours(db, NOW);
    // The first slice is written; before the next, a spool resent late brings more for h0 to gpu 0.
    expect(hourRows(db, h0)).toHaveLength(2000);
    ingest.ingest(
      host,
      { ...wide, seq: ++seq, samples: [{ ...wide.samples[0]!, tsMs: h0 + 2000, value: 40 }] },
      now,
    );
    await running;
    expect(hourRows(db, h0)).toHaveLength(2500);
    await rollUpHours(db, NOW);
    expect(hourRows(db, h0)[0]).toMatchObject({ count: 2, sum: 40 });
    db.close();
  });

  it('redo an hour whose roll-up stopped part way', async () => {
    const { db, ingest, host } = fleetDb();
    const h0 = NOW - 3 * HOUR_MS;
    ingest.ingest(host, batch([[h0 + 1000, 7]]), now);
    await rollUpHours(db, NOW);
    // As if the console stopped after moving the cursor past h0 and before writing its slices.
    db.prepare('DELETE FROM rollups_1h').run();
    db.prepare("INSERT INTO fleet_state (key, value) VALUES ('rollup_1h.rolling', ?)").run(h0);
    await rollUpHours(db, NOW);
    expect(hourRows(db, h0)).toEqual([expect.objectContaining({ count: 1, sum: 7 })]);
    expect(
      db.prepare("SELECT count(*) FROM fleet_state WHERE key = 'rollup_1h.rolling'").pluck().get(),
    ).toBe(0);
    db.close();
  });
});

const hourRows = (db: WritableDb, hour: number) =>
  db
    .prepare('SELECT series_id, count, sum FROM rollups_1h WHERE bucket_ts = ? ORDER BY series_id')
    .all(hour) as { series_id: number; count: number; sum: number }[];

describe('retention', () => {
  it('deletes only rows older than each tier keeps, in small batches', async () => {
    const { db, ingest, host } = fleetDb();
    const day = 24 * HOUR_MS;
    const times = [
      NOW - 401 * day,
      NOW - 31 * day,
      NOW - 3 * day,
      NOW - 47 * HOUR_MS,
      NOW - MINUTE_MS,
    ];
    for (const t of times)
      ingest.ingest(
        host,
        batch([
          [t, 1],
          [t + 1000, 2],
        ]),
        now,
      );
    await rollUpHours(db, NOW, 100_000);
    const report = await runRetention(db, NOW, undefined, 3);
    expect(report.raw).toBe(6); // the three oldest timestamps, two samples each
    const left = (q: string) => (db.prepare(q).all() as { t: number }[]).map((r) => r.t);
    expect([...new Set(allStoredSamples(db).map(([, t]) => t - (t % MINUTE_MS)))]).toEqual(
      times.slice(3).map((t) => t - (t % MINUTE_MS)),
    );
    expect(allMinuteRollups(db).map((m) => m.bucket)).toEqual(
      times.slice(2).map((t) => t - (t % MINUTE_MS)),
    );
    expect(left('SELECT bucket_ts AS t FROM rollups_1h ORDER BY t')).toEqual(
      times.slice(1).map((t) => t - (t % HOUR_MS)),
    );
    expect(report).toMatchObject({ rollups1m: 2, rollups1h: 1 });
    db.close();
  });
});

describe('ingest log retention', () => {
  const frame = (epoch: string, s: number, tsMs: number): Telemetry => ({
    type: 'telemetry',
    epoch,
    seq: s,
    samples: [{ metric: 'gpu_temp_celsius', labels: { gpu: '0' }, tsMs, value: s }],
    events: [],
  });
  const logged = (db: WritableDb) =>
    db.prepare('SELECT epoch, seq FROM ingest_log ORDER BY epoch, seq').all() as {
      epoch: string;
      seq: number;
    }[];

  it('drops rows behind the current ack after an hour, keeps the ack row and earlier epochs, and still refuses a resend', async () => {
    const { db, ingest, host } = fleetDb();
    const old = new Date(NOW - 2 * HOUR_MS);
    // An earlier epoch (a spool the agent moved aside), then the current one, both two hours ago…
    ingest.ingest(host, frame('e0', 1, NOW - 3 * HOUR_MS), old);
    for (let s = 1; s <= 4; s++) ingest.ingest(host, frame('e1', s, NOW - 2 * HOUR_MS + s), old);
    // …and one batch of the current epoch just now.
    ingest.ingest(host, frame('e1', 5, NOW - 1000), now);
    const report = await runRetention(db, NOW);
    expect(report.ingestLog).toBe(4);
    expect(logged(db)).toEqual([
      { epoch: 'e0', seq: 1 },
      { epoch: 'e1', seq: 5 },
    ]);
    // A batch behind the ack sent again is recognised by the ack and stored no second time.
    const again = new TelemetryIngest(db).ingest(host, frame('e1', 2, NOW - 2 * HOUR_MS + 2), now);
    expect(again).toMatchObject({ duplicate: true, ack: 5 });
    expect(allStoredSamples(db)).toHaveLength(6);
    db.close();
  });
});

describe('raw retention', () => {
  it('drops whole chunks only: a chunk that reaches past the cutoff is kept with all its samples', async () => {
    const { db, ingest, host } = fleetDb();
    const cutoff = NOW - 48 * HOUR_MS;
    // A sample a minute: 120 wholly before the cutoff (one chunk), then 120 across it, then an open head.
    const times = Array.from({ length: 250 }, (_, i) => cutoff - 150 * MINUTE_MS + i * MINUTE_MS);
    ingest.ingest(host, batch(times.map((t, i) => [t, i])), now);
    const report = await runRetention(db, NOW);
    expect(report.raw).toBe(120);
    expect(allStoredSamples(db).map(([, t]) => t)).toEqual(times.slice(120));
    expect(times[120]).toBeLessThan(cutoff);
    db.close();
  });
});

describe('chart queries', () => {
  it('read raw for short ranges and roll-ups for long ones, each with one range seek by series and time', () => {
    const { db, ingest, host } = fleetDb();
    const points: [number, number][] = Array.from({ length: 3000 }, (_, i) => [
      NOW - 3000_000 + i * 1000,
      i % 100,
    ]);
    ingest.ingest(host, batch(points), now);
    const hour = querySeries(
      db,
      {
        hostId: host.id,
        metric: 'gpu_utilization_percent',
        labels: { gpu: '0' },
        range: '1h',
        maxPoints: 300,
      },
      NOW,
    );
    expect(hour).toMatchObject({ source: 'raw', fromMs: NOW - HOUR_MS, toMs: NOW });
    expect(hour.points).toHaveLength(300);
    const day = querySeries(
      db,
      {
        hostId: host.id,
        metric: 'gpu_utilization_percent',
        labels: { gpu: '0' },
        range: '24h',
        maxPoints: 1000,
      },
      NOW,
    );
    expect(day.source).toBe('1m');
    expect(day.points).toHaveLength(50); // 3000 s of samples ending on a minute boundary fill 50 buckets
    expect(
      querySeries(
        db,
        { hostId: host.id, metric: 'nope', labels: {}, range: '30d', maxPoints: 10 },
        NOW,
      ).points,
    ).toEqual([]);

    for (const [source, query] of Object.entries(SERIES_QUERIES)) {
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(1, 0, NOW) as { detail: string }[]
      )
        .map((p) => p.detail)
        .join('\n');
      expect(plan, source).toMatch(
        /SEARCH \w+ USING (PRIMARY KEY|INDEX rollup_minutes_series) \(series_id=\? AND (start_ts|bucket_ts|hour_ts)>\? AND (start_ts|bucket_ts|hour_ts)<\?\)/,
      );
      expect(plan, source).not.toMatch(/TEMP B-TREE/);
    }
    db.close();
  });
});

describe('clock event reasons on long ranges', () => {
  const MASK = 'gpu_clock_event_reasons_mask';
  const request = (range: '24h' | '30d', bucketValue?: 'mean' | 'last') => ({
    hostId: 0,
    metric: MASK,
    labels: { gpu: '0' },
    range,
    maxPoints: 1000,
    bucketValue,
  });

  it("read each bucket's last mask at its own time, so a reason decodes where the mean would not", async () => {
    const { db, ingest, host } = fleetDb();
    const m0 = NOW - 10 * MINUTE_MS;
    // Minute 0: idle, then power capped at its end. Minute 1: power cap + HW thermal, then idle at its end.
    ingest.ingest(
      host,
      batch(
        [
          [m0 + 10_000, 1],
          [m0 + 50_000, 4],
          [m0 + MINUTE_MS + 10_000, 4 | 64],
          [m0 + MINUTE_MS + 40_000, 1],
        ],
        MASK,
      ),
      now,
    );
    const last = querySeries(db, { ...request('24h', 'last'), hostId: host.id }, NOW);
    expect(last).toMatchObject({ source: '1m', bucketValue: 'last' });
    expect(last.points).toEqual([
      [m0 + 50_000, 4],
      [m0 + MINUTE_MS + 40_000, 1],
    ]);
    const mean = querySeries(db, { ...request('24h'), hostId: host.id }, NOW);
    expect(mean.bucketValue).toBe('mean');
    expect(mean.points.map(([, v]) => v)).toEqual([2.5, 34.5]); // no longer masks the agent sent

    // 30 d reads the 1 h roll-ups: the hour's last mask is the last minute's.
    await rollUpHours(db, NOW);
    const month = querySeries(db, { ...request('30d', 'last'), hostId: host.id }, NOW);
    expect(month).toMatchObject({
      source: '1h',
      bucketValue: 'last',
      points: [[m0 + MINUTE_MS + 40_000, 1]],
    });
    // Raw ranges have no buckets: the flag is ignored and said to be.
    expect(
      querySeries(db, { ...request('24h', 'last'), hostId: host.id, range: '1h' }, NOW),
    ).toMatchObject({ source: 'raw', bucketValue: null });
    db.close();
  });

  it('thin to maxPoints by keeping the last point of each run, ending on the newest', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i, i * 10] as [number, number]);
    expect(lastOfEach(rows, 20)).toEqual(rows);
    expect(lastOfEach(rows, 5)).toEqual([
      [1, 10],
      [3, 30],
      [5, 50],
      [7, 70],
      [9, 90],
    ]);
    expect(lastOfEach(rows, 3).at(-1)).toEqual([9, 90]);
  });
});
