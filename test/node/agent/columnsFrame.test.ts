// The compact telemetry frame: every batch an agent spools reaches the console exactly as it was
// collected, series are named once per session, and a malformed frame is refused with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../../agent/spool.ts';
import {
  ColumnsDecoder,
  encodeColumns,
  isColumnsFrame,
  MAX_COLUMN_SAMPLES,
} from '../../../shared/agent-protocol/columns.ts';
import { MAX_FRAME_BYTES, type Sample } from '../../../shared/agent-protocol/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';

/** An agent's spool and one session's view of it: what the console has been told so far. */
class AgentSide {
  readonly spool: Spool;
  private named = new Set<number>();

  constructor(dir = tempDir('mirqab-columns-')) {
    this.spool = Spool.open({ dir, maxBytes: 64 * 1024 * 1024, durable: false });
  }

  /** Spools a batch and returns the compact frame the session sends for it (null: JSON). */
  send(samples: Sample[]): Uint8Array | null {
    const { seq } = this.spool.append(samples, []);
    return this.spool.columnsFrame(this.spool.next(seq - 1)!, this.named);
  }

  /** A new session: the console's hello starts an empty dictionary. */
  reconnect(): void {
    this.named = new Set();
  }
}

const sample = fc.record({
  metric: fc.constantFrom('gpu_utilization_percent', 'host_cpu_utilization', 'requests_total'),
  labels: fc.dictionary(fc.constantFrom('gpu', 'model', 'host'), fc.string({ maxLength: 12 }), {
    maxKeys: 3,
  }),
  value: fc.double().filter((v) => v !== Infinity && v !== -Infinity),
  tsMs: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_000 + 2 ** 31 - 1 }),
});

function roundTrip(decoder: ColumnsDecoder, frame: Uint8Array | null) {
  expect(frame).not.toBeNull();
  const decoded = decoder.decode(frame!);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.frame;
}

function reason(decoder: ColumnsDecoder, frame: Uint8Array): string {
  const decoded = decoder.decode(frame);
  expect(decoded.ok).toBe(false);
  return decoded.ok ? '' : decoded.reason;
}

const columns = (n: number, ids: number[], values: number[] = ids.map(() => 1)) => ({
  epoch: 'ep_test',
  seq: 1,
  series: [] as [number, string, Record<string, string>][],
  events: [],
  t0: 1_000,
  values: Float64Array.from(values),
  ids: Int32Array.from(ids),
  offsets: new Int32Array(n),
});

describe('compact telemetry frames', () => {
  it('deliver every batch of a session bit for bit (NaN, -0 and label order included)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(sample, { maxLength: 40 }), { maxLength: 6 }), (batches) => {
        const agent = new AgentSide();
        const decoder = new ColumnsDecoder();
        batches.forEach((samples, i) => {
          const frame = roundTrip(decoder, agent.send(samples));
          expect(frame.epoch).toBe(agent.spool.epoch);
          expect(frame.seq).toBe(i + 1);
          expect(frame.samples.length).toBe(samples.length);
          frame.samples.forEach((got, j) => {
            const want = samples[j]!;
            expect([got.metric, got.labels, got.tsMs]).toEqual([
              want.metric,
              want.labels,
              want.tsMs,
            ]);
            expect(Object.keys(got.labels)).toEqual(Object.keys(want.labels));
            expect(Object.is(got.value, want.value)).toBe(true);
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('name a series once per session: later batches carry only its id', () => {
    const samples = Array.from({ length: 500 }, (_, i) => ({
      metric: 'gpu_utilization_percent',
      labels: { gpu: String(i % 8), host: 'gpu-node-01', series: `s${i}` },
      value: i / 3,
      tsMs: 1_700_000_000_000 + i,
    }));
    const agent = new AgentSide();
    const first = agent.send(samples)!;
    const second = agent.send(samples)!;
    expect(second.byteLength).toBeLessThan(first.byteLength / 3);
    expect(second.byteLength).toBeLessThan(JSON.stringify(samples).length / 4);
    const decoder = new ColumnsDecoder();
    roundTrip(decoder, first);
    expect(roundTrip(decoder, second).samples.map((s) => s.labels.series)).toEqual(
      samples.map((s) => s.labels.series),
    );
  });

  it('start a new dictionary on each connection: ids from an earlier session are refused', () => {
    const samples = [{ metric: 'host_load1', labels: { host: 'a' }, value: 0.5, tsMs: 10 }];
    const dir = tempDir('mirqab-columns-');
    const agent = new AgentSide(dir);
    agent.send(samples);
    const stale = agent.send(samples)!;
    // After a reconnect the console holds a fresh dictionary.
    expect(reason(new ColumnsDecoder(), stale)).toMatch(
      /series id 1 was never named in this session/,
    );
    // The agent also starts afresh at the console's hello, so the next frame names its series again.
    agent.reconnect();
    expect(roundTrip(new ColumnsDecoder(), agent.send(samples)).samples).toEqual(samples);
    // A restarted agent reads its dictionary back, so spooled batches resend intact.
    agent.spool.close();
    const restarted = new AgentSide(dir);
    const replayed = restarted.spool.columnsFrame(restarted.spool.next(0)!, new Set());
    expect(roundTrip(new ColumnsDecoder(), replayed).samples).toEqual(samples);
  });

  it('leave a batch whose timestamps are more than 24 days apart to the JSON frame', () => {
    const samples = [
      { metric: 'host_load1', labels: {}, value: 1, tsMs: 0 },
      { metric: 'host_load1', labels: {}, value: 1, tsMs: 2 ** 31 },
    ];
    const agent = new AgentSide();
    expect(agent.send(samples)).toBeNull();
    expect(agent.spool.contents(agent.spool.next(0)!).samples).toEqual(samples);
  });

  it('refuse malformed frames with a reason', () => {
    const named = (ids: number[], values?: number[]) => {
      const c = columns(ids.length, ids, values);
      c.series = [...new Set(ids)].map((id) => [id, 'host_load1', { host: `h${id}` }]);
      return c;
    };
    const good = encodeColumns(named([1, 2]));
    expect(new ColumnsDecoder().decode(good).ok).toBe(true);

    expect(reason(new ColumnsDecoder(), good.subarray(0, good.length - 4))).toMatch(
      /bytes, but a head of \d+ bytes and 2 samples make/,
    );
    expect(reason(new ColumnsDecoder(), encodeColumns(columns(1, [7])))).toMatch(
      /sample 0: series id 7 was never named/,
    );
    expect(reason(new ColumnsDecoder(), encodeColumns(named([1], [Infinity])))).toMatch(
      /value Infinity is not finite/,
    );
    expect(new ColumnsDecoder().decode(encodeColumns(named([1], [NaN]))).ok).toBe(true);

    const negative = named([1]);
    negative.offsets[0] = -5;
    expect(reason(new ColumnsDecoder(), encodeColumns(negative))).toMatch(/offset -5 is negative/);

    const decoder = new ColumnsDecoder();
    roundTrip(decoder, good);
    const renamed = named([1]);
    renamed.series = [[1, 'gpu_power_watts', { host: 'h1' }]];
    expect(reason(decoder, encodeColumns(renamed))).toMatch(
      /series id 1 is already host_load1, not gpu_power_watts/,
    );

    const headless = new Uint8Array(good);
    headless.set(new TextEncoder().encode('xxxxxx'), 8);
    expect(reason(new ColumnsDecoder(), headless)).toMatch(/head is not JSON/);

    const runaway = new Uint8Array(good);
    new DataView(runaway.buffer).setUint32(4, 1 << 30, true);
    expect(reason(new ColumnsDecoder(), runaway)).toMatch(/runs past the end of the frame/);

    const tooMany = named([1]);
    expect(
      reason(
        new ColumnsDecoder(),
        patchHead(encodeColumns(tooMany), (h) => ({ ...h, count: MAX_COLUMN_SAMPLES + 1 })),
      ),
    ).toMatch(/head: count: .*20000/);
    expect(
      reason(
        new ColumnsDecoder(),
        patchHead(encodeColumns(tooMany), (h) => ({ ...h, epoch: '' })),
      ),
    ).toMatch(/head: epoch/);
    expect(reason(new ColumnsDecoder(), new Uint8Array(MAX_FRAME_BYTES + 1))).toMatch(
      /exceeds 1048576/,
    );
    expect(reason(new ColumnsDecoder(), new TextEncoder().encode('{"type":"ack"}'))).toMatch(
      /does not start with "MQTC"/,
    );
  });

  it('never throw on arbitrary bytes after the magic, and leave the dictionary untouched when refusing', () => {
    const decoder = new ColumnsDecoder();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => {
        const data = new Uint8Array(tail.length + 4);
        data.set(new TextEncoder().encode('MQTC'));
        data.set(tail, 4);
        expect(isColumnsFrame(data)).toBe(data.length >= 8);
        const decoded = decoder.decode(data);
        if (!decoded.ok) expect(decoded.reason).toMatch(/^invalid compact telemetry frame: ./);
      }),
      { numRuns: 3000 },
    );
    const bad = columns(2, [1, 9]);
    bad.series = [[1, 'host_load1', {}]];
    reason(decoder, encodeColumns(bad));
    expect(decoder.size).toBe(0);
  });
});

/** Rewrites a frame's JSON head (the columns after it move with it). */
function patchHead(
  frame: Uint8Array,
  change: (head: Record<string, unknown>) => Record<string, unknown>,
): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset);
  const length = view.getUint32(4, true);
  const head = JSON.parse(new TextDecoder().decode(frame.subarray(8, 8 + length))) as Record<
    string,
    unknown
  >;
  const text = new TextEncoder().encode(JSON.stringify(change(head)));
  const start = (8 + length + 7) & ~7;
  const newStart = (8 + text.length + 7) & ~7;
  const out = new Uint8Array(newStart + frame.length - start);
  out.set(frame.subarray(0, 8));
  new DataView(out.buffer).setUint32(4, text.length, true);
  out.set(text, 8);
  out.fill(0x20, 8 + text.length, newStart);
  out.set(frame.subarray(start), newStart);
  return out;
}
