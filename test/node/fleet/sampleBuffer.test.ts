// The sample buffer: a busy fleet's samples wait in samples_recent, charts show them at once, and
// folding moves them into samples_raw and the 1-minute roll-ups exactly once, even if cut short.
import { describe, expect, it } from 'vitest';
import { TelemetryIngest } from '../../../main/fleet/ingest.ts';
import { IngestQueue } from '../../../main/fleet/ingestQueue.ts';
import { querySeries } from '../../../main/telemetry/charts.ts';
import { foldAll, foldSteps } from '../../../main/telemetry/sampleBuffer.ts';
import { silentLogger } from '../../../main/log.ts';
import { migrate } from '../../../main/store/migrations/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { newEncryptedDb } from '../store/rawDb.ts';
import { batch, fleetStore, NOW, type FleetStore } from './fleetStore.ts';

const GPU0 = { gpu: '0' };

/** A queue that keeps every commit in the buffer, as for a fleet with thousands of series. */
function bufferingQueue(store: FleetStore): IngestQueue {
  return new IngestQueue({
    db: store.db,
    ingest: new TelemetryIngest(store.db),
    logger: silentLogger,
    now: () => new Date(NOW),
    foldNowMaxSeries: 0,
  });
}

function liveChart(store: FleetStore, hostId: number) {
  return querySeries(
    store.db,
    { hostId, metric: 'gpu_utilization_percent', labels: GPU0, range: 'live', maxPoints: 100 },
    NOW,
  ).points;
}

const count = (store: FleetStore, table: string) =>
  store.committed<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;

describe('sample buffer', () => {
  it('shows buffered samples on charts at once, and a fold moves them into samples_raw and the roll-ups', async () => {
    const store = fleetStore(1);
    const [host] = store.hosts;
    const queue = bufferingQueue(store);
    for (let seq = 1; seq <= 3; seq++)
      await queue.submit(
        host!,
        batch(seq, NOW - (4 - seq) * 10_000, { gpu_utilization_percent: seq * 10 }, GPU0),
      );
    queue.close();

    expect(count(store, 'samples_raw')).toBe(0);
    const points: [number, number][] = [
      [NOW - 30_000, 10],
      [NOW - 20_000, 20],
      [NOW - 10_000, 30],
    ];
    expect(liveChart(store, host!.id)).toEqual(points);

    expect(foldAll(store.db)).toBe(3);
    expect(count(store, 'samples_recent')).toBe(0);
    expect(
      store
        .committed<{ ts_ms: number; value: number }>(
          'SELECT ts_ms, value FROM samples_raw ORDER BY ts_ms',
        )
        .map((r) => [r.ts_ms, r.value]),
    ).toEqual(points);
    expect(store.committed('SELECT sum(count) AS n, sum(sum) AS total FROM rollups_1m')).toEqual([
      { n: 3, total: 60 },
    ]);
    expect(liveChart(store, host!.id)).toEqual(points);
  });

  it('keeps the first value of a repeated (series, timestamp), on charts and once folded, and counts it once', async () => {
    const store = fleetStore(1);
    const [host] = store.hosts;
    const queue = bufferingQueue(store);
    await queue.submit(host!, batch(1, NOW - 5000, { gpu_utilization_percent: 40 }, GPU0));
    // A restarted agent (new epoch) sends the same point again with another value, in a later commit.
    await queue.submit(host!, batch(1, NOW - 5000, { gpu_utilization_percent: 99 }, GPU0, 'e2'));
    queue.close();

    expect(liveChart(store, host!.id)).toEqual([[NOW - 5000, 40]]);
    foldAll(store.db);
    expect(store.committed('SELECT value FROM samples_raw')).toEqual([{ value: 40 }]);
    expect(store.committed('SELECT count, sum FROM rollups_1m')).toEqual([{ count: 1, sum: 40 }]);
  });

  it('a fold cut short between its transactions (the console killed) and run again counts nothing twice', async () => {
    const store = fleetStore(2);
    const queue = bufferingQueue(store);
    await Promise.all(
      store.hosts.flatMap((host) =>
        [1, 2, 3, 4, 5].map((seq) =>
          queue.submit(
            host,
            batch(
              seq,
              NOW - seq * 1000,
              { gpu_utilization_percent: seq, gpu_temperature_celsius: 40 + seq },
              GPU0,
            ),
          ),
        ),
      ),
    );
    queue.close();

    // The first step copies every series (they fit one chunk) into samples_raw; the buffer is not dropped yet.
    const steps = foldSteps(store.db);
    expect(steps.next()).toEqual({ done: false, value: 20 });
    expect([count(store, 'samples_raw'), count(store, 'samples_recent')]).toEqual([20, 20]);
    expect(liveChart(store, store.hosts[0]!.id)).toHaveLength(5); // a point in both tables shows once

    expect(foldAll(store.db)).toBe(0); // after a restart: everything is already in samples_raw
    expect([count(store, 'samples_raw'), count(store, 'samples_recent')]).toEqual([20, 0]);
    expect(store.committed('SELECT sum(count) AS n FROM rollups_1m')).toEqual([{ n: 20 }]);
  });

  it('folds at once while a commit spans few series and nothing older waits, so small sites see samples_raw current', async () => {
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
    expect([count(store, 'samples_raw'), count(store, 'samples_recent')]).toEqual([2, 0]);
  });

  it('migration 0050 adds the buffer (STRICT, WITHOUT ROWID) and keeps the samples stored at schema 40', () => {
    const db = newEncryptedDb(tempDir());
    migrate(db, { to: 40 });
    db.exec("INSERT INTO clusters (name, kind, created_at) VALUES ('pod', 'gpu_cluster', 'now')");
    db.exec(
      "INSERT INTO hosts (agent_id, name, address, cluster_id, fingerprint, state, enrolled_at) VALUES ('a1', 'h1', '127.0.0.1:1', 1, 'f', 'online', 'now')",
    );
    db.exec("INSERT INTO series (host_id, metric, labels) VALUES (1, 'host_load1', '{}')");
    db.exec('INSERT INTO samples_raw (series_id, ts_ms, value) VALUES (1, 1000, 0.5)');
    migrate(db, { to: 50 });

    expect(db.prepare('SELECT series_id, ts_ms, value FROM samples_raw').all()).toEqual([
      { series_id: 1, ts_ms: 1000, value: 0.5 },
    ]);
    const table = (db.pragma('table_list') as { name: string; strict: number; wr: number }[]).find(
      (t) => t.name === 'samples_recent',
    );
    expect(table).toMatchObject({ strict: 1, wr: 1 });
    expect(() =>
      db.exec(
        "INSERT INTO samples_recent (commit_id, series_id, ts_ms, value) VALUES (1, 1, 'soon', 1)",
      ),
    ).toThrow(/datatype mismatch|cannot store/);
    db.close();
  });
});
