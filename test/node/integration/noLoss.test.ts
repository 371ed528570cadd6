// No loss through a faulty network: the real agent samples at a high rate while a TCP fault proxy
// between it and the real console drops, stalls and cuts the link for 60 s. Afterwards every
// (agent, epoch, seq) the agent spooled is in the store exactly once, with every sample, and the
// console reconnected by itself each time.
import { afterEach, expect, it, vi } from 'vitest';
import type { Collector } from '../../../agent/collectors/collector.ts';
import type { Sample } from '../../../shared/agent-protocol/index.ts';
import { startFaultProxy, type FaultProxy } from '../../helpers/faultProxy.ts';
import { startTestAgent } from '../agent/agentFixture.ts';
import { setUpFleetSite, type FleetSite } from '../fleet/fleetSite.ts';
import { countStoredSamples, storedMinuteTotals } from '../fleet/storedSamples.ts';

const SAMPLES_PER_COLLECT = 200;
const CUT_MS = 60_000;

let site: FleetSite | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  site?.cleanup();
  await proxy?.close();
});

/** A collector that produces SAMPLES_PER_COLLECT distinct points every 50 ms until switched off. */
function burstCollector() {
  const t0 = Date.now();
  let tick = 0;
  const state = { produced: 0, isOn: true };
  const collector: Collector = {
    name: 'burst',
    intervalMs: 50,
    collect() {
      if (!state.isOn) return Promise.resolve({ samples: [], events: [] });
      const tsMs = t0 + tick++;
      const samples: Sample[] = Array.from({ length: SAMPLES_PER_COLLECT }, (_, k) => ({
        metric: 'load_test_value',
        labels: { series: String(k) },
        value: tick,
        tsMs,
      }));
      state.produced += samples.length;
      return Promise.resolve({ samples, events: [] });
    },
  };
  return { collector, state };
}

it('every batch the agent spools reaches the store exactly once through drops, a stall and a 60 s cut', async () => {
  site = await setUpFleetSite();
  const s = site;
  const burst = burstCollector();
  const t = await startTestAgent({ batchIntervalMs: 100, collectors: [burst.collector] });
  const spool = t.agent.spool;
  proxy = await startFaultProxy({ port: t.agent.port });
  const p = proxy;
  const host = await s.admin.must('fleet.enrol', {
    address: p.address,
    pairingCode: t.pairingCode,
    name: 'gpu-node-01',
    clusterId: s.clusterId,
  });

  const waitAck = (seq: number, what: string, timeout = 30_000) =>
    vi.waitFor(() => expect(spool.ackedSeq, what).toBeGreaterThanOrEqual(seq), {
      timeout,
      interval: 50,
    });
  const waitSpooled = (count: number, what: string, timeout = 10_000) => {
    const from = spool.headSeq;
    return vi.waitFor(() => expect(spool.headSeq - from, what).toBeGreaterThanOrEqual(count), {
      timeout,
      interval: 50,
    });
  };
  const waitState = (ok: (state: string) => boolean, what: string, timeout = 10_000) =>
    s.waitForHosts((hosts) => ok(hosts.find((h) => h.id === host.id)?.state ?? ''), what, timeout);

  await waitAck(20, 'the first batches acked');

  // Drop: every connection is reset on arrival while the agent keeps spooling.
  let dials = p.accepted;
  p.drop();
  await waitState((state) => state !== 'online', 'the console to see the drop');
  await waitSpooled(10, 'batches spooled during the drop');
  p.pass();
  await waitAck(spool.headSeq, 'the backlog after the drop');
  expect(p.accepted).toBeGreaterThan(dials);

  // Stall: bytes stop, sockets stay open; the console's heartbeat notices and redials.
  dials = p.accepted;
  p.stall();
  await waitState(
    (state) => state === 'silent' || state === 'offline',
    'the console to notice the stall',
  );
  await waitSpooled(10, 'batches spooled during the stall');
  p.pass();
  await waitAck(spool.headSeq, 'the backlog after the stall');
  await waitState((state) => state === 'online', 'the host online after the stall');

  // Cut: nothing gets through for 60 s; the spool holds everything meanwhile.
  dials = p.accepted;
  const headBeforeCut = spool.headSeq;
  const healed = p.cut(CUT_MS);
  await waitState((state) => state !== 'online', 'the console to see the cut');
  await healed;
  expect(spool.headSeq - headBeforeCut).toBeGreaterThan(300); // ~10 batches a second for 60 s
  expect(p.refused).toBeGreaterThan(10); // the console kept redialling through the cut
  await waitAck(spool.headSeq, 'the 60 s backlog', 60_000);
  expect(p.accepted).toBeGreaterThan(dials);

  // Stop producing, spool what is pending, and let the last batches through.
  burst.state.isOn = false;
  await t.agent.sampler.collectAll();
  t.agent.sampler.flush();
  const head = spool.headSeq;
  await waitAck(head, 'the final batch');
  await waitState((state) => state === 'online', 'the host online at the end');

  const log = s.query<{
    epoch: string;
    n: number;
    distinctSeqs: number;
    minSeq: number;
    maxSeq: number;
    samples: number;
  }>(
    'SELECT epoch, count(*) AS n, count(DISTINCT seq) AS distinctSeqs, min(seq) AS minSeq, max(seq) AS maxSeq, sum(samples) AS samples FROM ingest_log WHERE host_id = ? GROUP BY epoch',
    host.id,
  );
  expect(log).toEqual([
    {
      epoch: t.agent.epoch,
      n: head,
      distinctSeqs: head,
      minSeq: 1,
      maxSeq: head,
      samples: burst.state.produced,
    },
  ]);
  const ids = s.query<{ id: number }>('SELECT id FROM series WHERE host_id = ?', host.id);
  expect(
    countStoredSamples(
      s,
      ids.map((r) => r.id),
    ),
  ).toBe(burst.state.produced);
  expect(
    storedMinuteTotals(
      s,
      ids.map((r) => r.id),
    ).n,
  ).toBe(burst.state.produced);
  expect(s.query('SELECT acked_seq FROM hosts WHERE id = ?', host.id)).toEqual([
    { acked_seq: head },
  ]);
}, 180_000);
