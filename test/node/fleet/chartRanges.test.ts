// Long chart ranges on a young site: the roll-up's open bucket is charted from finer data, so the
// 30-day and 7-day views show what the live view shows instead of "No samples in this range".
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../../shared/domain/time.ts';
import { TelemetryIngest } from '../../../main/fleet/ingest.ts';
import { querySeries, type SeriesRange } from '../../../main/telemetry/charts.ts';
import { rollUpHours } from '../../../main/telemetry/rollUp.ts';
import { batch, fleetStore, NOW } from './fleetStore.ts';

const labels = { model: 'llama-3-8b', version: 'v1' };
/** Seven minutes into the hour: the hour's roll-up bucket is still open. */
const at = NOW + 7 * MINUTE_MS + 30_000;

/** A request counter at 20 req/s, one sample every 10 s from `start` (by default, the hour's start). */
async function youngSite(start = NOW) {
  const store = fleetStore(1);
  const host = store.hosts[0]!;
  const ingest = new TelemetryIngest(store.db);
  let seq = 0;
  for (let ts = start; ts <= at; ts += 10_000)
    ingest.ingest(
      host,
      batch(++seq, ts, { requests_total: (ts - start) / 50 }, labels),
      new Date(ts),
    );
  await rollUpHours(store.db, at);
  const query = (range: SeriesRange, bucketValue?: 'mean' | 'last') =>
    querySeries(
      store.db,
      { hostId: host.id, metric: 'requests_total', labels, range, maxPoints: 500, bucketValue },
      at,
    );
  return { query };
}

const rates = (points: [number, number][]) =>
  points.slice(1).map(([t, v], i) => (v - points[i]![1]) / ((t - points[i]![0]) / 1000));

describe('long chart ranges', () => {
  it('chart a counter on 30 d from the minutes and the live tail while the first hour is open', async () => {
    const { query } = await youngSite();
    const month = query('30d', 'last');
    expect(month).toMatchObject({ source: '1h', fromMs: at - 30 * 24 * HOUR_MS, toMs: at });
    // Seven closed minutes, then the raw samples of the minute still filling.
    expect(month.points.length).toBeGreaterThanOrEqual(8);
    expect(month.points.at(-1)).toEqual([at, (at - NOW) / 50]);
    for (const rate of rates(month.points)) expect(rate).toBeCloseTo(20, 6);
  });

  it('draw a gauge on 30 d and 7 d from bucket means, ending at the newest sample', async () => {
    const { query } = await youngSite();
    for (const range of ['30d', '7d'] as const) {
      const points = query(range).points;
      expect(points.length, range).toBeGreaterThanOrEqual(8);
      expect(points[0]![0], range).toBe(NOW);
      expect(points.at(-1)![0], range).toBe(at);
    }
  });

  it('read closed hours from the hourly roll-up, and only the open hour from finer data', async () => {
    const { query } = await youngSite(NOW - 90 * MINUTE_MS);
    const month = query('30d', 'last');
    const hourly = month.points.filter(([t]) => t < NOW);
    expect(hourly.map(([t]) => t)).toEqual([NOW - HOUR_MS - 10_000, NOW - 10_000]); // 04:59:50, 05:59:50
    expect(month.points.length - hourly.length).toBeGreaterThanOrEqual(8);
    for (const rate of rates(month.points)) expect(rate).toBeCloseTo(20, 6);
  });
});
