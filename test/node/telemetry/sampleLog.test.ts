// The sample log's row format: every logged sample comes back as committed, in order, with its
// value's exact bits; a cut-short row is an error, never a shorter commit; rows an earlier version
// wrote (three float64 columns) are still read after an upgrade.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLog, encodeLog } from '../../../main/telemetry/sampleLog.ts';

type Logged = [number, number, number];

function decoded(data: Uint8Array): Logged[] {
  const out: Logged[] = [];
  decodeLog(data, (id, t, v) => out.push([id, t, v]));
  return out;
}

const bits = (v: number) => Buffer.from(new Float64Array([v]).buffer).toString('hex');

/** A commit: parts (batches) of samples, each naming its series. */
const commits = fc.array(
  fc.array(
    fc.record({
      id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      tsMs: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      value: fc.double(),
    }),
    { maxLength: 60 },
  ),
  { maxLength: 5 },
);

describe('sample log rows', () => {
  it('decode to the committed samples, in order and bit for bit, for any ids, times and doubles', () => {
    fc.assert(
      fc.property(commits, (parts) => {
        const input = parts.map((p) => ({ ids: p.map((s) => s.id), samples: p }));
        const { count, data } = encodeLog(input);
        const expected = parts.flat().map((s) => [s.id, s.tsMs, bits(s.value)]);
        expect(count).toBe(expected.length);
        expect(decoded(data).map(([id, t, v]) => [id, t, bits(v)])).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('fall back to float64 columns for ids or times past 2^52, exactly', () => {
    const samples = [
      { tsMs: Number.MAX_SAFE_INTEGER, value: 1 },
      { tsMs: 0, value: 2 },
    ];
    const { data } = encodeLog([{ ids: [1, 2 ** 53 - 2], samples }]);
    expect(data.byteLength).toBe(49);
    expect(decoded(data)).toEqual([
      [1, Number.MAX_SAFE_INTEGER, 1],
      [2 ** 53 - 2, 0, 2],
    ]);
  });

  it('keep NaN payloads, -0 and ±Infinity exactly', () => {
    const nan = new Float64Array(new BigUint64Array([0x7ff8_0000_dead_beefn]).buffer)[0]!;
    const values = [nan, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE];
    const { data } = encodeLog([
      { ids: values.map((_, i) => 7 + i), samples: values.map((value) => ({ tsMs: 5, value })) },
    ]);
    expect(decoded(data).map(([, , v]) => bits(v))).toEqual(values.map(bits));
  });

  it('take a batch of one time and consecutive series at about 10 bytes a sample', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => ({
      tsMs: 1_790_000_000_000,
      value: i / 7,
    }));
    const { data } = encodeLog([{ ids: samples.map((_, i) => 501 + i), samples }]);
    expect(data.byteLength / samples.length).toBeLessThan(10.1);
  });

  it('refuse a row cut short anywhere, rather than replay part of a commit silently', () => {
    const samples = [3, 1, 2].map((v, i) => ({ tsMs: 1000 * i, value: v }));
    const { data } = encodeLog([{ ids: [9, 9, 12], samples }]);
    for (let end = 1; end < data.byteLength; end++)
      expect(() => decoded(data.subarray(0, end)), `cut at ${end}`).toThrow(/truncated/);
  });

  it('still read rows of the earlier format (series ids, times and values as float64 columns)', () => {
    const cols = new Float64Array([4, 5, 1000, 2000, 0.5, -0]);
    expect(decoded(new Uint8Array(cols.buffer)).map(([id, t, v]) => [id, t, bits(v)])).toEqual([
      [4, 1000, bits(0.5)],
      [5, 2000, bits(-0)],
    ]);
  });
});
