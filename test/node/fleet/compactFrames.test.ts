// Compact telemetry frames into the console: stored exactly once like JSON frames, a malformed one
// refused with the reason (nothing stored, nothing acked), and a fresh dictionary on each connection.
import { expect, it } from 'vitest';
import { encodeColumns, type SeriesDef } from '../../../shared/agent-protocol/columns.ts';
import { eachTestEnrolsFakeAgent } from './enrolledFakeAgent.ts';
import { countStoredSamples } from './storedSamples.ts';

const T0 = Date.parse('2026-11-26T05:00:00.000Z');
const GPUS: SeriesDef[] = [0, 1, 2, 3].map((gpu) => [
  gpu + 1,
  'gpu_utilization_percent',
  { gpu: String(gpu) },
]);

const fixture = eachTestEnrolsFakeAgent();

/** One batch: GPU i at 10·seq + i percent, one second after the last. */
function batch(seq: number, series: SeriesDef[], ids = [1, 2, 3, 4]): Uint8Array {
  return encodeColumns({
    epoch: fixture.agent.epoch,
    seq,
    series,
    events: [],
    t0: T0 + seq * 1000,
    values: Float64Array.from(ids, (id) => 10 * seq + id - 1),
    ids: Int32Array.from(ids),
    offsets: new Int32Array(ids.length),
  });
}

it('stores compact frames once each, and refuses a malformed one with the reason and no ack', async () => {
  const { site, agent } = fixture;
  expect(agent.consoleFeatures).toContain('telemetry_columns');
  agent.sendBinary(batch(1, GPUS));
  agent.sendBinary(batch(2, []));
  await agent.waitFor(() => agent.lastAck === 2, 'ack 2');
  // Seq 3 uses a series it never named: refused, so the ack stays at 2.
  agent.sendBinary(batch(3, [], [1, 2, 9]));
  await agent.waitFor(() => agent.errors.length === 1, 'the error frame');
  expect(agent.errors[0]).toEqual({
    code: 'bad_frame',
    message: expect.stringMatching(
      /sample 2: series id 9 was never named in this session/,
    ) as string,
  });
  agent.sendBinary(batch(3, []));
  await agent.waitFor(() => agent.lastAck === 3, 'ack 3');
  expect(countStoredSamples(site)).toBe(12);
  const [host] = await site.waitForHosts(
    (h) => h[0]?.signals['gpu_utilization_percent'] === 31.5,
    'the live GPU values',
  );
  expect(host?.gpuCount).toBe(4);
});

it('starts a fresh dictionary on each connection: the agent names its series again', async () => {
  const { site, agent } = fixture;
  agent.sendBinary(batch(1, GPUS));
  await agent.waitFor(() => agent.lastAck === 1, 'ack 1');
  const before = agent.connections;
  agent.dropConnections();
  await agent.waitFor(
    () => agent.connections > before && agent.greetedConsoles === 1,
    'the console to reconnect',
  );
  agent.sendBinary(batch(2, []));
  await agent.waitFor(() => agent.errors.length === 1, 'the error frame');
  expect(agent.errors[0]?.message).toMatch(/series id 1 was never named in this session/);
  agent.sendBinary(batch(2, GPUS));
  await agent.waitFor(() => agent.lastAck === 2, 'ack 2');
  expect(countStoredSamples(site)).toBe(8);
});
