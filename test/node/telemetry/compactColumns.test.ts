// The compact encodings of closed chunks and 1-minute roll-up blocks: whatever goes in comes back
// out bit for bit (any double, NaN payloads, ±Inf, -0, sums with rounding), decimal telemetry
// costs a small fraction of Gorilla's bytes, and bad input is refused with a clear error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeCompactChunk,
  isCompactChunk,
} from '../../../shared/domain/telemetry/compactChunk.ts';
import {
  ChunkAppender,
  chunkCount,
  decodeChunk,
} from '../../../shared/domain/telemetry/gorilla.ts';
import {
  decodeMinuteBlock,
  encodeMinuteBlock,
  minuteBlockSize,
  type MinuteRecord,
} from '../../../shared/domain/telemetry/minuteBlock.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const bitsOf = (v: number) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16);
};
/** Bit for bit, but any NaN as NaN: an array of numbers may drop a NaN's payload. */
const sameBits = (a: readonly number[], b: readonly number[]) =>
  expect(a.map((v) => (Number.isNaN(v) ? 'NaN' : bitsOf(v)))).toEqual(
    b.map((v) => (Number.isNaN(v) ? 'NaN' : bitsOf(v))),
  );

/** Any double, including NaN with any payload, ±Inf, -0 and subnormals. */
const anyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 5e-324, Number.MAX_VALUE),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((bits) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, bits);
    return view.getFloat64(0);
  }),
);
/** Decimal telemetry: integers and values with up to four decimals, as agents report them. */
const decimal = fc
  .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }))
  .map(([n, e]) => n / 10 ** e);
const value = fc.oneof(decimal, decimal, anyDouble);

const increasing = fc
  .tuple(
    fc.integer({ min: -(2 ** 45), max: 2 ** 45 }),
    fc.array(fc.integer({ min: 1, max: 2 ** 30 }), { maxLength: 200 }),
  )
  .map(([start, gaps]) => gaps.reduce((ts, g) => [...ts, ts.at(-1)! + g], [start]));

describe('compact chunks', () => {
  it('give back every sample bit for bit, through the same readers as Gorilla chunks', () => {
    fc.assert(
      fc.property(
        increasing.chain((ts) =>
          fc.tuple(
            fc.constant(ts),
            fc.array(
              value.filter((v) => !Number.isNaN(v)),
              { minLength: ts.length, maxLength: ts.length },
            ),
          ),
        ),
        ([ts, values]) => {
          const data = encodeCompactChunk(ts, values)!;
          expect(isCompactChunk(data)).toBe(true);
          expect(chunkCount(data)).toBe(ts.length);
          const back = decodeChunk(data);
          expect(back.ts).toEqual(ts);
          sameBits(back.values, values);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('take under half the Gorilla bytes for a scrape of decimal readings every 5 s', () => {
    const a = new ChunkAppender();
    const ts: number[] = [];
    const values: number[] = [];
    let power = 20433;
    for (let i = 0; i < 120; i++) {
      power += ((i * 7919) % 601) - 300;
      ts.push(1_793_577_600_000 + i * 5000 + (i % 3));
      values.push(power / 100);
      a.append(ts[i]!, values[i]!);
    }
    const compact = encodeCompactChunk(ts, values)!;
    expect(compact.length * 2).toBeLessThan(a.bytes().length);
    sameBits(decodeChunk(compact).values, values);
  });

  it('are not made of samples out of time order, non-integer or far-off times, or with a NaN', () => {
    expect(encodeCompactChunk([2, 1], [0, 0])).toBeNull();
    expect(encodeCompactChunk([1.5], [0])).toBeNull();
    expect(encodeCompactChunk([2 ** 48], [0])).toBeNull();
    expect(encodeCompactChunk([], [])).toBeNull();
    // A NaN (a stale marker) keeps its payload only in the Gorilla encoding.
    expect(encodeCompactChunk([1, 2], [1, Number.NaN])).toBeNull();
  });

  it('refuse a truncated or unknown layout with a clear error', () => {
    const data = encodeCompactChunk([1, 2, 3], [0.1, 0.2, 0.3])!;
    expect(() => decodeChunk(data.slice(0, data.length - 1))).toThrow(/truncated/);
    const unknown = data.slice();
    unknown[2] = 9;
    expect(() => decodeChunk(unknown)).toThrow(/unknown format 9/);
  });
});

const record = (hour: number) =>
  fc
    .record({
      minute: fc.integer({ min: 0, max: 59 }),
      count: fc.integer({ min: 1, max: 100_000 }),
      sum: value,
      min: value,
      max: value,
      last: value,
      offset: fc.integer({ min: 0, max: MINUTE - 1 }),
    })
    .map(({ minute, offset, ...r }): MinuteRecord => ({
      ...r,
      bucket: hour + minute * MINUTE,
      lastTs: hour + minute * MINUTE + offset,
    }));

describe('1-minute roll-up blocks', () => {
  it('give back every minute bit for bit (a NaN as NaN), in time order', () => {
    const hour = 1_793_577_600_000;
    fc.assert(
      fc.property(
        fc.uniqueArray(record(hour), { selector: (r) => r.bucket, minLength: 1, maxLength: 60 }),
        (records) => {
          const data = encodeMinuteBlock(hour, records);
          expect(minuteBlockSize(data)).toBe(records.length);
          const back = decodeMinuteBlock(hour, data);
          const sorted = [...records].sort((a, b) => a.bucket - b.bucket);
          expect(back.map((r) => [r.bucket, r.count, r.lastTs])).toEqual(
            sorted.map((r) => [r.bucket, r.count, r.lastTs]),
          );
          for (const col of ['sum', 'min', 'max', 'last'] as const)
            sameBits(
              back.map((r) => r[col]),
              sorted.map((r) => r[col]),
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cost a few bytes a minute for a steady gauge whose sums carry rounding', () => {
    const hour = 1_793_577_600_000;
    const records: MinuteRecord[] = Array.from({ length: 60 }, (_, m) => {
      const samples = Array.from(
        { length: 12 },
        (_, i) => (20433 + (((m * 12 + i) * 37) % 900)) / 100,
      );
      return {
        bucket: hour + m * MINUTE,
        count: 12,
        sum: samples.reduce((a, b) => a + b, 0),
        min: Math.min(...samples),
        max: Math.max(...samples),
        last: samples.at(-1)!,
        lastTs: hour + m * MINUTE + 55_000,
      };
    });
    const data = encodeMinuteBlock(hour, records);
    expect(data.length).toBeLessThan(60 * 16); // a row a minute took over 40 bytes
    sameBits(
      decodeMinuteBlock(hour, data).map((r) => r.sum),
      records.map((r) => r.sum),
    );
  });

  it('refuse minutes outside the hour, a minute twice and a corrupt block', () => {
    const r = { count: 1, sum: 1, min: 1, max: 1, last: 1 };
    expect(() => encodeMinuteBlock(HOUR, [{ ...r, bucket: 2 * HOUR, lastTs: 2 * HOUR }])).toThrow(
      /not a distinct minute/,
    );
    expect(() =>
      encodeMinuteBlock(HOUR, [
        { ...r, bucket: HOUR, lastTs: HOUR },
        { ...r, bucket: HOUR, lastTs: HOUR + 1 },
      ]),
    ).toThrow(/not a distinct minute/);
    const data = encodeMinuteBlock(HOUR, [{ ...r, bucket: HOUR, lastTs: HOUR }]);
    expect(() => decodeMinuteBlock(HOUR, data.slice(0, 5))).toThrow(/truncated/);
    const wrong = data.slice();
    wrong[0] = 2;
    expect(() => decodeMinuteBlock(HOUR, wrong)).toThrow(/disagree/);
  });
});
