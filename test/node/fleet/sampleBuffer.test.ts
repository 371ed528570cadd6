// Samples in chunks: a busy fleet's commits wait in the sample log (one row per group commit) and
// the open chunks in memory, charts show them at once, and folding writes chunks, heads and the
// 1-minute roll-ups exactly once, even if the console dies half way through.
import { describe, expect, it } from 'vitest';
import { TelemetryIngest } from '../../../main/fleet/ingest.ts';
import { IngestQueue } from '../../../main/fleet/ingestQueue.ts';
import { querySeries } from '../../../main/telemetry/charts.ts';
import { CHUNK_SAMPLES } from '../../../main/telemetry/chunkStore.ts';
import { foldAll, foldSteps, storedSamples } from '../../../main/telemetry/sampleBuffer.ts';
import { silentLogger } from '../../../main/log.ts';
import type { ReadableDb } from '../../../main/store/types.ts';
import { batch, fleetStore, NOW, type FleetStore } from './fleetStore.ts';
import { allMinuteRollups, minuteTotals as totalsOfMinutes } from './storedSamples.ts';

const GPU0 = { gpu: '0' };

/** A queue that keeps every commit in the log, as for a fleet with thousands of series. */
function bufferingQueue(store: FleetStore, db = store.db): IngestQueue {
  return new IngestQueue({
    db,
    ingest: new TelemetryIngest(db),
    logger: silentLogger,
    now: () => new Date(NOW),
    foldNowMaxSeries: 0,
  });
}

function liveChart(db: ReadableDb, hostId: number, metric = 'gpu_utilization_percent') {
  return querySeries(db, { hostId, metric, labels: GPU0, range: 'live', maxPoints: 1000 }, NOW)
    .points;
}

const count = (store: FleetStore, table: string) =>
  store.committed<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;
const minuteTotals = (store: FleetStore) => totalsOfMinutes(store.reader);
const stored = (db: ReadableDb) => [...storedSamples(db).values()].flat();

describe('sample log and chunks', () => {
  it('shows logged samples on charts at once; a fold writes them into heads and roll-ups and cuts the log', async () => {
    const store = fleetStore(1);
    const [host] = store.hosts;
    const queue = bufferingQueue(store);
    for (let seq = 1; seq <= 3; seq++)
      await queue.submit(
        host!,
        batch(seq, NOW - (4 - seq) * 10_000, { gpu_utilization_percent: seq * 10 }, GPU0),
      );
    queue.close();

    const points: [number, number][] = [
      [NOW - 30_000, 10],
      [NOW - 20_000, 20],
      [NOW - 10_000, 30],
    ];
    // Durable before the fold: three log rows, and a console restarted now would replay them.
    expect([count(store, 'sample_log'), count(store, 'series_heads')]).toEqual([3, 0]);
    expect(stored(store.reader)).toEqual(points);
    expect(liveChart(store.db, host!.id)).toEqual(points);

    expect(foldAll(store.db)).toBe(3);
    expect([count(store, 'sample_log'), count(store, 'series_heads')]).toEqual([0, 1]);
    expect(stored(store.reader)).toEqual(points);
    expect(minuteTotals(store)).toEqual({ n: 3, total: 60 });
    expect(liveChart(store.db, host!.id)).toEqual(points);
  });

  it('keeps the first value of a repeated (series, timestamp), on charts and once folded, and counts it once', async () => {
    const store = fleetStore(1);
    const [host] = store.hosts;
    const queue = bufferingQueue(store);
    await queue.submit(host!, batch(1, NOW - 5000, { gpu_utilization_percent: 40 }, GPU0));
    // A restarted agent (new epoch) sends the same point again with another value, in a later commit.
    await queue.submit(host!, batch(1, NOW - 5000, { gpu_utilization_percent: 99 }, GPU0, 'e2'));
    queue.close();

    expect(liveChart(store.db, host!.id)).toEqual([[NOW - 5000, 40]]);
    foldAll(store.db);
    expect(stored(store.reader)).toEqual([[NOW - 5000, 40]]);
    expect(allMinuteRollups(store.reader).map(({ count, sum }) => ({ count, sum }))).toEqual([
      { count: 1, sum: 40 },
    ]);
  });

  it('keeps a sample that arrives after later ones (a spool resent late) in time order, and drops its repeat', async () => {
    const store = fleetStore(1);
    const [host] = store.hosts;
    const queue = bufferingQueue(store);
    const at = (seq: number, t: number, v: number, epoch = 'e1') =>
      queue.submit(host!, batch(seq, NOW - t * 1000, { gpu_utilization_percent: v }, GPU0, epoch));
    await at(1, 10, 1);
    await at(2, 30, 3); // older than the head's newest
    foldAll(store.db);
    await at(1, 30, 99, 'e2'); // the same late point again, now stored in a chunk of its own
    await at(2, 20, 2, 'e2');
    queue.close();
    foldAll(store.db);

    const points: [number, number][] = [
      [NOW - 30_000, 3],
      [NOW - 20_000, 2],
      [NOW - 10_000, 1],
    ];
    expect(liveChart(store.db, host!.id)).toEqual(points);
    expect(stored(store.reader)).toEqual(points);
    expect(minuteTotals(store)).toEqual({ n: 3, total: 6 });
  });

  it('closes a chunk every 120 samples and stores regular telemetry in a few bytes per sample', () => {
    const store = fleetStore(1);
    const [host] = store.hosts;
    const ingest = new TelemetryIngest(store.db);
    const n = 2 * CHUNK_SAMPLES + 30;
    for (let seq = 1; seq <= n; seq++) {
      const frame = batch(
        seq,
        NOW - (n - seq) * 5000,
        { gpu_utilization_percent: 40 + (seq % 7) },
        GPU0,
      );
      ingest.commit([{ host: host!, frame }], new Date(NOW));
    }
    foldAll(store.db);

    expect(store.committed('SELECT count FROM series_chunks ORDER BY start_ts')).toEqual([
      { count: CHUNK_SAMPLES },
      { count: CHUNK_SAMPLES },
    ]);
    const bytes = store.committed<{ b: number }>(
      'SELECT (SELECT sum(length(data)) FROM series_chunks) + (SELECT sum(length(data)) FROM series_heads) AS b',
    )[0]!.b;
    expect(bytes / n).toBeLessThan(2);
    expect(liveChart(store.db, host!.id)).toHaveLength(15 * 12 + 1); // 15 minutes of 5 s samples
  });

  it('a fold cut short between its transactions (the console killed) and run again after a restart counts nothing twice', async () => {
    const store = fleetStore(2);
    const queue = bufferingQueue(store);
    const metrics = (seq: number) =>
      Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`gpu_metric_${k}`, seq + k]));
    await Promise.all(
      store.hosts.flatMap((host) =>
        [1, 2, 3, 4, 5].map((seq) =>
          queue.submit(host, batch(seq, NOW - seq * 1000, metrics(seq), GPU0)),
        ),
      ),
    );
    queue.close();
    const total = 2 * 5 * 100;
    const before = stored(store.reader);
    expect(before).toHaveLength(total);

    // 200 series fold in two transactions: the first one runs, then the console dies.
    const steps = foldSteps(store.db, undefined, 128);
    expect(steps.next()).toEqual({ done: false, value: 128 * 5 });
    expect(count(store, 'series_heads')).toBe(128);
    expect(stored(store.reader)).toEqual(before);

    const restarted = store.reopen();
    expect(foldAll(restarted)).toBe(total - 128 * 5);
    expect(count(store, 'sample_log')).toBe(0);
    expect(stored(store.reader)).toEqual(before);
    expect(minuteTotals(store)).toMatchObject({ n: total });
    // Ingest goes on after the restart, appending after what was replayed.
    const again = bufferingQueue(store, restarted);
    await again.submit(store.hosts[0]!, batch(6, NOW, { gpu_metric_0: 7 }, GPU0));
    again.close();
    expect(foldAll(restarted)).toBe(1);
    expect(stored(store.reader)).toHaveLength(total + 1);
  });

  it('folds at once while a commit spans few series and nothing older waits, so small sites see roll-ups current', async () => {
    const store = fleetStore(1);
    const [host] = store.hosts;
    const queue = new IngestQueue({
      db: store.db,
      ingest: new TelemetryIngest(store.db),
      logger: silentLogger,
      now: () => new Date(NOW),
    });
    await queue.submit(host!, batch(1, NOW, { gpu_utilization_percent: 1, host_load1: 2 }, GPU0));
    queue.close();
    expect([count(store, 'series_heads'), count(store, 'sample_log')]).toEqual([2, 0]);
    expect(minuteTotals(store)).toEqual({ n: 2, total: 3 });
  });
});
