// The ingest queue's bound on unfolded samples: intake pauses when a batch would take the log past
// it, and resumes once a fold has brought it under half, with every sample stored once.
import { expect, it } from 'vitest';
import { TelemetryIngest } from '../../../main/fleet/ingest.ts';
import { IngestQueue } from '../../../main/fleet/ingestQueue.ts';
import { silentLogger } from '../../../main/log.ts';
import { storedSamples } from '../../../main/telemetry/sampleBuffer.ts';
import { batch, fleetStore, NOW } from './fleetStore.ts';

const metrics = (seq: number) =>
  Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`gpu_metric_${k}`, seq * 100 + k]));

it('pauses intake past the bound, folds at once instead of waiting, resumes under half, and stores each sample once', async () => {
  const store = fleetStore(1);
  const [host] = store.hosts;
  const told: boolean[] = [];
  let resumed: () => void = () => {};
  const resumedOnce = new Promise<void>((resolve) => (resumed = resolve));
  const queue = new IngestQueue({
    db: store.db,
    ingest: new TelemetryIngest(store.db),
    logger: silentLogger,
    now: () => new Date(NOW),
    foldNowMaxSeries: 0, // a large fleet: commits wait in the log
    foldAfterMs: 3_600_000, // only the bound starts a fold here
    maxLoggedSamples: 25,
    onIntake: (paused) => {
      told.push(paused);
      if (!paused) resumed();
    },
  });
  await Promise.all(
    [1, 2, 3].map((seq) => queue.submit(host!, batch(seq, NOW - (4 - seq) * 1000, metrics(seq)))),
  );
  expect(told).toEqual([true]);
  expect(queue.intakeStatus()).toMatchObject({ paused: true, pauses: 1, unfoldedSamples: 30 });

  await resumedOnce;
  expect(told).toEqual([true, false]);
  expect(queue.intakeStatus()).toMatchObject({ paused: false, pauses: 1, unfoldedSamples: 0 });
  expect(store.committed<{ n: number }>('SELECT count(*) AS n FROM sample_log')).toEqual([
    { n: 0 },
  ]);
  queue.close();
  expect([...storedSamples(store.reader).values()].flat()).toHaveLength(30);
});

it('refuses a bound below one sample', () => {
  const store = fleetStore(1);
  expect(
    () =>
      new IngestQueue({
        db: store.db,
        ingest: new TelemetryIngest(store.db),
        logger: silentLogger,
        now: () => new Date(NOW),
        maxLoggedSamples: 0,
      }),
  ).toThrow('maxLoggedSamples must be at least 1');
});
