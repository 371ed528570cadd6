// Backpressure: a console whose sample log may hold fewer samples than one batch carries is sent
// more telemetry than it can fold. It stops reading the agent's socket each time the log passes the
// bound (logged, shown in the storage status), folds, reads again, and in the end every batch the
// agent spooled is stored exactly once, with every sample counted once in the roll-ups.
import { afterEach, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../shared/util/logger.ts';
import { startTestAgent } from '../agent/agentFixture.ts';
import { setUpFleetSite, type FleetSite } from '../fleet/fleetSite.ts';
import { countStoredSamples, storedMinuteTotals } from '../fleet/storedSamples.ts';

const SERIES = 600; // more than a commit the console folds at once
const BATCHES = 12;
const BOUND = 500; // unfolded samples: less than one batch

let site: FleetSite | undefined;
afterEach(() => site?.cleanup());

const batchAt = (tsMs: number, value: number) => ({
  samples: Array.from({ length: SERIES }, (_, k) => ({
    metric: 'load_test_value',
    labels: { series: String(k) },
    value: value + k,
    tsMs,
  })),
  events: [],
});

it('pauses intake while the sample log is over its bound, then stores every spooled batch exactly once', async () => {
  const log = memoryLogger();
  site = await setUpFleetSite({ logger: log, fleet: { maxUnfoldedSamples: BOUND } });
  const s = site;
  const t = await startTestAgent(); // stopped when the test ends
  const spool = t.agent.spool;
  // The agent spools its backlog before the console ever connects: it arrives all at once.
  const t0 = Date.now() - BATCHES * 1000;
  for (let i = 0; i < BATCHES; i++) await t.produce(batchAt(t0 + i * 1000, i * 10_000));
  const head = spool.headSeq;
  expect(head).toBe(BATCHES);

  const host = await s.admin.must('fleet.enrol', {
    address: `127.0.0.1:${t.agent.port}`,
    pairingCode: t.pairingCode,
    name: 'gpu-node-01',
    clusterId: s.clusterId,
  });
  const records = (message: string) => log.records.filter((r) => r.message === message);
  await vi.waitFor(() => expect(spool.ackedSeq, 'every batch acked').toBe(head), {
    timeout: 60_000,
    interval: 50,
  });
  await vi.waitFor(
    async () =>
      expect(await s.admin.must('fleet.storageStatus', {})).toMatchObject({
        loggedSamples: 0,
        intake: { paused: false, unfoldedSamples: 0 },
      }),
    { timeout: 30_000, interval: 50 },
  );

  const paused = records('fleet: telemetry intake paused while the sample log is folded');
  const resumed = records('fleet: telemetry intake resumed');
  expect(paused.length).toBeGreaterThanOrEqual(1);
  expect(resumed.length).toBe(paused.length);
  expect(paused[0]!.fields).toMatchObject({ maxUnfoldedSamples: BOUND });
  const status = await s.admin.must('fleet.storageStatus', {});
  expect(status.intake).toMatchObject({ pauses: paused.length, maxUnfoldedSamples: BOUND });

  // Nothing lost, nothing twice: each batch once in the ingest log, each sample once stored and rolled up.
  expect(
    s.query(
      'SELECT count(*) AS n, count(DISTINCT seq) AS seqs, sum(samples) AS samples FROM ingest_log WHERE host_id = ?',
      host.id,
    ),
  ).toEqual([{ n: BATCHES, seqs: BATCHES, samples: BATCHES * SERIES }]);
  const ids = s
    .query<{ id: number }>('SELECT id FROM series WHERE host_id = ?', host.id)
    .map((r) => r.id);
  expect(ids).toHaveLength(SERIES);
  expect(countStoredSamples(s, ids)).toBe(BATCHES * SERIES);
  expect(storedMinuteTotals(s, ids).n).toBe(BATCHES * SERIES);
  expect((await s.admin.must('fleet.list', {})).find((h) => h.id === host.id)?.state).toBe(
    'online',
  );
}, 120_000);
