// Group commit: batches from several connections share one transaction, and each is acked only
// after it. Against a real encrypted store (no sockets), then end to end over wss + mutual TLS.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TelemetryIngest, type Telemetry } from '../../../main/fleet/ingest.ts';
import { IngestQueue } from '../../../main/fleet/ingestQueue.ts';
import { silentLogger } from '../../../main/log.ts';
import { openRaw } from '../store/rawDb.ts';
import { FakeAgentPeer, samplesAt } from './fakeAgentPeer.ts';
import { batch, fleetStore, NOW, type FleetStore } from './fleetStore.ts';
import { setUpFleetSite, type FleetSite } from './fleetSite.ts';
import { countStoredSamples } from './storedSamples.ts';
import { storedSampleCount } from '../../../main/telemetry/sampleBuffer.ts';
import { minuteTotals, storedMinuteTotals } from './storedSamples.ts';

type Host = FleetStore['hosts'][number];

function queueOf(store: FleetStore, options: { foldNowMaxSeries?: number } = {}): IngestQueue {
  return new IngestQueue({
    db: store.db,
    ingest: new TelemetryIngest(store.db),
    logger: silentLogger,
    now: () => new Date(NOW),
    ...options,
  });
}

/** Submits every batch in the same tick (so they form one group) and settles them all. */
function submitTogether(queue: IngestQueue, batches: [Host, Telemetry][]) {
  return Promise.allSettled(batches.map(([host, frame]) => queue.submit(host, frame)));
}

const count = (store: FleetStore, table: string) =>
  table === 'samples'
    ? storedSampleCount(store.reader)
    : store.committed<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;

describe('group commit', () => {
  it('commits batches from several hosts in one transaction and acks each host cumulatively, only after the commit', async () => {
    const store = fleetStore();
    const [a, b, c] = store.hosts as [Host, Host, Host];
    const queue = queueOf(store, { foldNowMaxSeries: 0 }); // keep the samples in the buffer, where the commit shows
    const arrivals: [Host, Telemetry][] = [
      [a, batch(1, NOW, { host_load1: 1 })],
      [b, batch(1, NOW, { host_load1: 2 })],
      [a, batch(2, NOW + 1000, { host_load1: 3 })],
      [c, batch(1, NOW, { host_load1: 4 })],
      [b, batch(2, NOW + 1000, { host_load1: 5 })],
      [a, batch(3, NOW + 2000, { host_load1: 6 })],
    ];
    const acked: string[] = [];
    await Promise.all(
      arrivals.map(([host, frame]) =>
        queue.submit(host, frame).then((result) => {
          // Another connection already sees the batch when its ack is handed out.
          expect(
            store.committed(
              'SELECT seq FROM ingest_log WHERE host_id = ? AND seq = ?',
              host.id,
              frame.seq,
            ),
          ).toHaveLength(1);
          acked.push(`${host.agentId}#${frame.seq}→${result.ack}`);
        }),
      ),
    );
    queue.close();

    expect(acked).toEqual([
      'agent-1#1→1',
      'agent-2#1→1',
      'agent-1#2→2',
      'agent-3#1→1',
      'agent-2#2→2',
      'agent-1#3→3',
    ]);
    expect(store.committed('SELECT commit_id, count FROM sample_log')).toEqual([
      { commit_id: 1, count: 6 },
    ]);
    expect(store.committed('SELECT id, epoch, acked_seq FROM hosts ORDER BY id')).toEqual([
      { id: a.id, epoch: 'e1', acked_seq: 3 },
      { id: b.id, epoch: 'e1', acked_seq: 2 },
      { id: c.id, epoch: 'e1', acked_seq: 1 },
    ]);
  });

  it('stores a batch repeated within one group once, and acks one that arrived early once the hole before it fills', async () => {
    const store = fleetStore(1);
    const [a] = store.hosts as [Host];
    const queue = queueOf(store);
    const sent = [1, 3, 2, 1, 3].map((seq): [Host, Telemetry] => [
      a,
      batch(seq, NOW + seq * 1000, { gpu_utilization_percent: seq * 10 }, { gpu: '0' }),
    ]);
    const settled = await submitTogether(queue, sent);
    queue.close();

    expect(
      settled.map((s) =>
        s.status === 'fulfilled' ? [s.value.ack, s.value.duplicate] : String(s.reason),
      ),
    ).toEqual([
      [1, false],
      [1, false],
      [3, false],
      [3, true],
      [3, true],
    ]);
    expect(count(store, 'ingest_log')).toBe(3);
    expect(count(store, 'samples')).toBe(3);
    expect(minuteTotals(store.reader)).toEqual({ n: 3, total: 60 });
  });

  it('refuses only the batch the store rejects: it is not acked, leaves nothing behind, and the rest of its group commits', async () => {
    const store = fleetStore();
    const [a, b, c] = store.hosts as [Host, Host, Host];
    store.db
      .exec(`CREATE TRIGGER refuse_one BEFORE INSERT ON ingest_log WHEN NEW.host_id = ${b.id} AND NEW.seq = 2
      BEGIN SELECT RAISE(ABORT, 'the disk refused this batch'); END`);
    const queue = queueOf(store);
    const refused = batch(2, NOW + 1000, { only_in_the_refused_batch: 1 });
    const settled = await submitTogether(queue, [
      [a, batch(1, NOW, { host_load1: 1 })],
      [b, batch(1, NOW, { host_load1: 2 })],
      [b, refused],
      [c, batch(1, NOW, { host_load1: 3 })],
    ]);

    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.ack : String(s.reason)))).toEqual(
      [1, 1, expect.stringMatching(/the disk refused this batch/), 1],
    );
    expect(store.committed('SELECT host_id, seq FROM ingest_log ORDER BY host_id, seq')).toEqual([
      { host_id: a.id, seq: 1 },
      { host_id: b.id, seq: 1 },
      { host_id: c.id, seq: 1 },
    ]);
    expect(
      store.committed("SELECT id FROM series WHERE metric = 'only_in_the_refused_batch'"),
    ).toEqual([]);

    // The agent resends it on its next connection, and now it is stored.
    store.db.exec('DROP TRIGGER refuse_one');
    await expect(queue.submit(b, refused)).resolves.toMatchObject({ ack: 2, duplicate: false });
    queue.close();
    expect(count(store, 'samples')).toBe(4);
  });

  it('acks nothing when the commit itself fails, and remembers nothing of it when the batches come again', async () => {
    const store = fleetStore();
    const [a, b, c] = store.hosts as [Host, Host, Host];
    store.db
      .exec(`CREATE TRIGGER fail_commit BEFORE INSERT ON ingest_log WHEN NEW.host_id = ${c.id} AND NEW.seq = 2
      BEGIN SELECT RAISE(ROLLBACK, 'the store went read-only'); END`);
    const queue = queueOf(store);
    const group: [Host, Telemetry][] = [
      [a, batch(1, NOW, { host_load1: 1 })],
      [c, batch(1, NOW, { host_load1: 2 })],
      [b, batch(1, NOW, { host_load1: 3 })],
      [c, batch(2, NOW + 1000, { host_load1: 4 })],
    ];
    const failed = await submitTogether(queue, group);

    expect(failed.map((s) => s.status === 'rejected' && String(s.reason))).toEqual(
      Array(4).fill(expect.stringMatching(/the store went read-only/)),
    );
    for (const table of ['ingest_log', 'sample_log', 'samples', 'series'])
      expect(count(store, table), table).toBe(0);

    store.db.exec('DROP TRIGGER fail_commit');
    const resent = await submitTogether(queue, group);
    queue.close();
    expect(resent.map((s) => s.status === 'fulfilled' && [s.value.ack, s.value.duplicate])).toEqual(
      [
        [1, false],
        [1, false],
        [1, false],
        [2, false],
      ],
    );
    expect(count(store, 'samples')).toBe(4);
  });
});

describe('group commit over real connections', () => {
  let site: FleetSite | undefined;
  const agents: FakeAgentPeer[] = [];
  afterEach(async () => {
    site?.cleanup();
    await Promise.all(agents.splice(0).map((a) => a.close()));
  });

  it('while every commit fails no batch is acked and each connection is dropped; afterwards the resent batches are stored exactly once', async () => {
    const s = (site = await setUpFleetSite());
    for (const name of ['gpu-node-01', 'gpu-node-02']) {
      const agent = await FakeAgentPeer.start();
      agents.push(agent);
      await s.admin.must('fleet.enrol', {
        address: agent.address,
        pairingCode: agent.pairingCode,
        name,
        clusterId: s.clusterId,
      });
      await agent.waitFor(
        () => agent.connections >= 2 && agent.greetedConsoles === 1,
        'the console to connect',
      );
    }
    // An operator's tool on the same store file makes every telemetry commit fail.
    const writer = openRaw(join(s.dataDir, 'mirqab.db'), s.recoveryKey);
    try {
      writer.exec(
        "CREATE TRIGGER store_refuses BEFORE INSERT ON ingest_log BEGIN SELECT RAISE(ROLLBACK, 'the store refuses commits'); END",
      );
      const dialled = agents.map((a) => a.connections);
      for (const [i, agent] of agents.entries()) {
        for (let k = 0; k < 5; k++)
          agent.enqueue(
            samplesAt(NOW + k * 1000, { gpu_utilization_percent: 10 * i + k }, { gpu: '0' }),
          );
      }
      // Dropped, redialled, resent and dropped again: the console acks none of it.
      await Promise.all(
        agents.map((a, i) =>
          a.waitFor(
            () => a.connections >= dialled[i]! + 2,
            'the console to drop the connection twice',
          ),
        ),
      );
      expect(agents.map((a) => a.acks)).toEqual([[], []]);
      writer.exec('DROP TRIGGER store_refuses');
    } finally {
      writer.close();
    }

    await Promise.all(
      agents.map((a) => a.waitFor(() => a.lastAck === 5, 'every batch to be acked')),
    );
    for (const agent of agents)
      expect(agent.acks.map((ack) => ack.seq)).toEqual(
        [...agent.acks.map((ack) => ack.seq)].sort((x, y) => x - y),
      );
    expect(
      s.query(
        'SELECT h.agent_id AS agentId, count(*) AS n FROM ingest_log l JOIN hosts h ON h.id = l.host_id GROUP BY h.agent_id ORDER BY h.agent_id',
      ),
    ).toEqual(
      agents
        .map((a) => ({ agentId: a.agentId, n: 5 }))
        .sort((x, y) => x.agentId.localeCompare(y.agentId)),
    );
    expect(countStoredSamples(s)).toBe(10);
    expect(storedMinuteTotals(s).n).toBe(10);
  });
});
