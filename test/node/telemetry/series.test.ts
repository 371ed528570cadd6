// The one series cache that ingest, charts and SLO reads share: a series an agent starts to send is
// seen by every reader at once, and a label set is one series whatever order its labels arrive in.
import { describe, expect, it } from 'vitest';
import { TelemetryIngest } from '../../../main/fleet/ingest.ts';
import {
  findSeriesId,
  seriesOfHost,
  seriesOfMetric,
  seriesOfModel,
} from '../../../main/telemetry/series.ts';
import { batch, fleetStore, NOW } from '../fleet/fleetStore.ts';

const now = new Date(NOW);

describe('series', () => {
  it("lists a new GPU's series as soon as its first batch is committed, though the lists were read before", () => {
    const store = fleetStore(2);
    const [a, b] = store.hosts;
    const ingest = new TelemetryIngest(store.db);
    ingest.ingest(a!, batch(1, NOW - 2000, { gpu_utilization_percent: 40 }, { gpu: '0' }), now);
    expect(seriesOfMetric(store.db, 'gpu_utilization_percent').map((s) => s.labels)).toEqual([
      { gpu: '0' },
    ]);
    expect(seriesOfHost(store.db, b!.id, 'gpu_utilization_percent')).toEqual([]);

    ingest.ingest(b!, batch(1, NOW - 1000, { gpu_utilization_percent: 55 }, { gpu: '1' }), now);
    expect(
      seriesOfMetric(store.db, 'gpu_utilization_percent').map((s) => [s.hostId, s.labels]),
    ).toEqual([
      [a!.id, { gpu: '0' }],
      [b!.id, { gpu: '1' }],
    ]);
    expect(seriesOfHost(store.db, b!.id, 'gpu_utilization_percent').map((s) => s.labels)).toEqual([
      { gpu: '1' },
    ]);
  });

  it('finds one series for a label set whatever the key order, and none for labels never sent', () => {
    const store = fleetStore(1);
    const [host] = store.hosts;
    new TelemetryIngest(store.db).ingest(
      host!,
      batch(1, NOW - 1000, { requests_total: 7 }, { model: 'llama', version: '3' }),
      now,
    );
    const id = findSeriesId(store.db, host!.id, 'requests_total', { model: 'llama', version: '3' });
    expect(id).not.toBeNull();
    expect(
      findSeriesId(store.db, host!.id, 'requests_total', { version: '3', model: 'llama' }),
    ).toBe(id);
    expect(
      findSeriesId(store.db, host!.id, 'requests_total', { model: 'llama', version: '4' }),
    ).toBeNull();
    expect(seriesOfModel(store.db, 'requests_total', 'llama', '').map((s) => s.id)).toEqual([id]);
    expect(seriesOfModel(store.db, 'requests_total', 'llama', 'another site')).toEqual([]);
  });
});
