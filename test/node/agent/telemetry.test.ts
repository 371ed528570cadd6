// The paired session: hello, telemetry from the spool in seq order, cumulative acks, resend after
// reconnect, clock, and robustness against bad and oversized frames.
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, type Sample } from '../../../shared/agent-protocol/index.ts';
import { makeConsoleCert } from '../../helpers/agentCerts.ts';
import { openSession, pair, startTestAgent } from './agentFixture.ts';

const sample = (value: number): Sample => ({
  metric: 'host_load1',
  labels: {},
  value,
  tsMs: 1_700_000_000_000 + value,
});

async function pairedAgent() {
  const t = await startTestAgent();
  const cert = await makeConsoleCert();
  await pair(t, cert);
  return { t, cert };
}

describe('telemetry over a paired session', () => {
  it('streams spooled batches in seq order after hello, including the started event', async () => {
    const { t, cert } = await pairedAgent();
    t.agent.sampler.flush(); // the started event
    const c = await openSession(t, cert);
    const first = await c.next('telemetry');
    expect(first.seq).toBe(1);
    expect(first.epoch).toBe(t.agent.epoch);
    expect(first.events.map((e) => e.kind)).toContain('started');
    await t.produce({ samples: [sample(1), sample(2)], events: [] });
    const second = await c.next('telemetry');
    expect(second.seq).toBe(2);
    expect(second.samples.map((s) => s.value)).toEqual([1, 2]);
  });

  it('resends everything unacked after a reconnect, and nothing that was acked', async () => {
    const { t, cert } = await pairedAgent();
    for (let i = 1; i <= 4; i++) await t.produce({ samples: [sample(i)], events: [] });
    const c1 = await openSession(t, cert);
    await c1.next('telemetry', (f) => f.seq === 4);
    c1.send({ type: 'ack', epoch: t.agent.epoch, seq: 2 });
    // A clock round trip proves the ack (sent earlier on the same socket) has been handled.
    c1.send({ type: 'clock', consoleMs: 5 });
    await c1.next('clock');
    expect(t.agent.spool.ackedSeq).toBe(2);
    c1.ws.terminate();
    await c1.closed;

    const c2 = await openSession(t, cert);
    expect(c2.frames.find((f) => f.type === 'hello')).toMatchObject({ headSeq: 4 });
    expect((await c2.next('telemetry')).seq).toBe(3);
    expect((await c2.next('telemetry')).seq).toBe(4);
    await t.produce({ samples: [sample(5)], events: [] });
    expect((await c2.next('telemetry')).seq).toBe(5);
  });

  it('delivers a large backlog completely and in order while honouring socket backpressure', async () => {
    const { t, cert } = await pairedAgent();
    const heavy = (batch: number): Sample[] =>
      Array.from({ length: 4000 }, (_, i) => ({
        metric: 'gpu_memory_used_bytes',
        labels: { gpu: String(i % 8), uuid: `GPU-${batch}-${i}` },
        value: i,
        tsMs: 1_700_000_000_000 + i,
      }));
    for (let b = 0; b < 30; b++) await t.produce({ samples: heavy(b), events: [] });
    const head = t.agent.spool.headSeq;
    const c = await openSession(t, cert);
    const last = await c.next('telemetry', (f) => f.seq === head);
    const seen = c.frames.flatMap((f) => (f.type === 'telemetry' ? [f.seq] : []));
    expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(last.samples).toHaveLength(4000);
  });

  it('answers clock with the agent time', async () => {
    const { t, cert } = await pairedAgent();
    const c = await openSession(t, cert);
    const before = Date.now();
    c.send({ type: 'clock', consoleMs: 123 });
    const reply = await c.next('clock');
    expect(reply.consoleMs).toBe(123);
    expect(reply.agentMs).toBeGreaterThanOrEqual(before);
  });

  it('tells the console about an ack for a stale epoch', async () => {
    const { t, cert } = await pairedAgent();
    const c = await openSession(t, cert);
    c.send({ type: 'ack', epoch: 'ep_old', seq: 9 });
    expect(await c.next('error')).toMatchObject({ code: 'stale_epoch' });
  });

  it('answers garbage with error frames that explain why, and keeps serving', async () => {
    const { t, cert } = await pairedAgent();
    const c = await openSession(t, cert);
    c.send('not json at all');
    expect((await c.next('error')).message).toMatch(/^not JSON/);
    c.send(JSON.stringify({ type: 'telemetry', epoch: 'x' }));
    expect((await c.next('error')).message).toMatch(/^invalid frame: /);
    c.send(Buffer.from([0xff, 0xfe, 0x00]));
    expect((await c.next('error')).code).toBe('bad_frame');
    c.send({ type: 'clock', consoleMs: 1 });
    expect((await c.next('clock')).consoleMs).toBe(1);
    expect(t.logs.records.filter((r) => r.message === 'bad frame from console')).toHaveLength(3);
  });

  it('closes a connection that keeps sending garbage', async () => {
    const { t, cert } = await pairedAgent();
    const c = await openSession(t, cert);
    for (let i = 0; i < 10; i++) c.send(`garbage ${i}`);
    expect(await c.closed).toEqual({ code: 1008, reason: 'too many bad frames' });
  });

  it('closes with 1009 on a frame over 1 MiB', async () => {
    const { t, cert } = await pairedAgent();
    const c = await openSession(t, cert);
    c.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect((await c.closed).code).toBe(1009);
    // The agent still serves the next connection.
    const again = await openSession(t, cert);
    again.send({ type: 'clock', consoleMs: 2 });
    expect((await again.next('clock')).consoleMs).toBe(2);
  });
});

describe('compact telemetry frames', () => {
  const gpuSamples = (batch: number): Sample[] =>
    Array.from({ length: 16 }, (_, i) => ({
      metric: 'gpu_utilization_percent',
      labels: { gpu: String(i % 8), host: 'gpu-node-01', uuid: `GPU-${i}` },
      value: batch * 100 + i,
      tsMs: 1_700_000_000_000 + batch * 1000,
    }));

  it('go to a console that offers them, and an older console still gets JSON frames', async () => {
    const { t, cert } = await pairedAgent();
    await t.produce({ samples: gpuSamples(1), events: [] });
    const older = await openSession(t, cert, ['result_ack']);
    expect((await older.next('telemetry')).samples).toEqual(gpuSamples(1));
    expect(older.compactFrames).toBe(0);
    older.ws.terminate();
    await older.closed;

    const c = await openSession(t, cert, ['result_ack', 'telemetry_columns']);
    const hello = c.frames.find((f) => f.type === 'hello');
    expect(hello?.type === 'hello' && hello.features).toContain('telemetry_columns');
    expect((await c.next('telemetry')).samples).toEqual(gpuSamples(1));
    await t.produce({ samples: gpuSamples(2), events: [] });
    expect((await c.next('telemetry', (f) => f.seq === 2)).samples).toEqual(gpuSamples(2));
    expect(c.compactFrames).toBe(2);
  });

  it('name their series again after a reconnect, so the unacked batches resend intact', async () => {
    const { t, cert } = await pairedAgent();
    for (let b = 1; b <= 3; b++) await t.produce({ samples: gpuSamples(b), events: [] });
    const c1 = await openSession(t, cert, ['telemetry_columns']);
    await c1.next('telemetry', (f) => f.seq === 3);
    c1.send({ type: 'ack', epoch: t.agent.epoch, seq: 1 });
    c1.ws.terminate();
    await c1.closed;

    // A new session starts with an empty dictionary: a batch naming no series would be refused.
    const c2 = await openSession(t, cert, ['telemetry_columns']);
    const resent = await c2.next('telemetry', (f) => f.seq === 3);
    expect(resent.samples).toEqual(gpuSamples(3));
    expect(c2.compactFrames).toBeGreaterThanOrEqual(2);
  });
});
