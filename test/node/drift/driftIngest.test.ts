// The console side of drift: windows arriving with telemetry batches are stored, the first large
// enough window of a model version is pinned as its reference, each later window is compared with
// it by the shared drift tests (test and reason recorded), and the results become model signals.
import { describe, expect, it } from 'vitest';
import { DriftLogSchema } from '../../../agent/drift/config.ts';
import { CategoryHasher, DriftWindowAccumulator } from '../../../agent/drift/window.ts';
import { TelemetryIngest, type Telemetry } from '../../../main/fleet/ingest.ts';
import { referenceOf, windowsOf } from '../../../main/drift/repository.ts';
import type { DriftWindow } from '../../../shared/agent-protocol/drift.ts';
import type { DriftResult } from '../../../shared/domain/drift/result.ts';
import { fleetStore, NOW } from '../fleet/fleetStore.ts';

const config = DriftLogSchema.parse({
  model: 'fraud-scorer',
  version: '7',
  path: '/unused',
  numeric: ['amount'],
  categorical: ['channel'],
  prediction: { column: 'decision', probabilityColumn: 'score' },
});

/** Deterministic rows: amount around `centre`, channel web for `webShare` of the rows. */
function window(index: number, rows: number, centre: number, webShare: number): DriftWindow {
  const acc = new DriftWindowAccumulator(config, new CategoryHasher('k'), () => null);
  for (let i = 0; i < rows; i++) {
    const u = (i + 0.5) / rows;
    acc.add({
      amount: centre + 40 * (u - 0.5),
      channel: (i * 7919) % 100 < webShare * 100 ? 'web' : 'app',
      decision: u < 0.2 ? 'fraud' : 'legit',
      score: 0.9,
    });
  }
  return acc.close(NOW + index * 60_000, NOW + (index + 1) * 60_000);
}

const frame = (seq: number, drift: DriftWindow[]): Telemetry => ({
  type: 'telemetry',
  epoch: 'ep_test',
  seq,
  samples: [],
  events: [],
  drift,
});

describe('drift windows in the console', () => {
  it('pins the first window as the reference and flags a shifted feature with the test used and why', () => {
    const store = fleetStore(1);
    const host = store.hosts[0]!;
    const ingest = new TelemetryIngest(store.db);
    const at = (i: number) => new Date(NOW + i * 60_000 + 1000);
    ingest.ingest(host, frame(1, [window(0, 2000, 100, 0.6)]), at(0));
    ingest.ingest(host, frame(2, [window(1, 2000, 100, 0.6)]), at(1));
    ingest.ingest(host, frame(3, [window(2, 2000, 160, 0.1)]), at(2));
    // The agent resends a batch the console already committed: nothing is counted twice.
    ingest.ingest(host, frame(3, [window(2, 2000, 160, 0.1)]), at(2));

    const reference = referenceOf(store.db, 'fraud-scorer', '7');
    expect(reference).toMatchObject({ pinned_by: 'auto', rows: 2000 });
    const rows = windowsOf(store.db, 'fraud-scorer', NOW, NOW + 3_600_000);
    expect(rows).toHaveLength(3);
    const [first, stable, shifted] = rows.map((r) =>
      r.result ? (JSON.parse(r.result) as DriftResult) : null,
    );
    expect(first).toBeNull(); // the reference itself
    expect(stable).toMatchObject({ driftShare: 0, datasetDrift: false });
    expect(shifted).toMatchObject({ driftShare: 1, datasetDrift: true });
    expect(shifted?.features.find((f) => f.name === 'amount')).toMatchObject({
      test: 'wasserstein',
      reason: 'large_reference_numeric',
      drifted: true,
    });
    expect(shifted?.features.find((f) => f.name === 'channel')).toMatchObject({
      test: 'jensenshannon',
      reason: 'large_reference_categorical',
      drifted: true,
    });
    // CBPE from the scores: every prediction was made with 0.9 confidence.
    expect(shifted?.estimatedAccuracy).toBeCloseTo(0.9, 6);

    const metrics = store
      .committed<{ metric: string; labels: string }>(
        'SELECT metric, labels FROM series ORDER BY id',
      )
      .map((s) => `${s.metric} ${s.labels}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^drift_share .*fraud-scorer/),
        expect.stringMatching(/^dataset_drift /),
        expect.stringMatching(/^feature_drift_score .*"feature":"amount"/),
        expect.stringMatching(/^estimated_accuracy_ratio /),
      ]),
    );
  });
});
