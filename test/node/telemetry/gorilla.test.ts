// The chunk encoding: whatever goes in comes back out, bit for bit, and samples out of time order
// are refused with a clear error rather than stored wrong.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChunkAppender,
  chunkCount,
  decodeChunk,
  MAX_CHUNK_SAMPLES,
} from '../../../shared/domain/telemetry/gorilla.ts';

/** The 64 bits of a double, as a hex string. */
function bitsOf(v: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

function fromBits(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}

/** Strictly increasing timestamps: a start and positive gaps (from 1 ms to decades). */
const timestamps = (gap: fc.Arbitrary<number>) =>
  fc
    .tuple(fc.integer({ min: 0, max: 2 ** 45 }), fc.array(gap, { minLength: 0, maxLength: 300 }))
    .map(([start, gaps]) => {
      const ts = [start];
      for (const g of gaps) ts.push(ts.at(-1)! + g);
      return ts;
    });

const anyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(fromBits),
  fc.integer({ min: 0, max: 100 }).map((n) => n / 4), // repeats and near repeats, as real gauges
);

function roundTrip(ts: number[], values: number[]) {
  const a = new ChunkAppender();
  ts.forEach((t, i) => a.append(t, values[i]!));
  const bytes = a.bytes();
  expect(chunkCount(bytes)).toBe(ts.length);
  return decodeChunk(bytes);
}

describe('gorilla chunks', () => {
  it('decode what was encoded, bit for bit, for any doubles (NaN payloads, ±Inf, -0 included)', () => {
    fc.assert(
      fc.property(
        timestamps(fc.integer({ min: 1, max: 20_000 })).chain((ts) =>
          fc.tuple(
            fc.constant(ts),
            fc.array(anyDouble, { minLength: ts.length, maxLength: ts.length }),
          ),
        ),
        ([ts, values]) => {
          const out = roundTrip(ts, values);
          expect(out.ts).toEqual(ts);
          expect(out.values.map(bitsOf)).toEqual(values.map(bitsOf));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keep huge and irregular gaps between samples', () => {
    fc.assert(
      fc.property(
        timestamps(
          fc.oneof(
            fc.integer({ min: 1, max: 10 }),
            fc.integer({ min: 1, max: 2 ** 40 }),
            fc.constant(2 ** 45),
          ),
        ),
        (ts) => {
          const values = ts.map((_, i) => i * 0.5);
          expect(roundTrip(ts, values).ts).toEqual(ts);
        },
      ),
      { numRuns: 300 },
    );
    const ts = [0, 1, Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER];
    expect(roundTrip(ts, [1, 2, 3, 4]).ts).toEqual(ts);
  });

  it('refuse a timestamp that is not after the previous one, and keep what was appended', () => {
    fc.assert(
      fc.property(
        timestamps(fc.integer({ min: 1, max: 5000 })).filter((ts) => ts.length >= 2),
        fc.nat(),
        (ts, back) => {
          const a = new ChunkAppender();
          ts.forEach((t) => a.append(t, 1));
          const late = ts.at(-1)! - (back % (ts.at(-1)! - ts[0]! + 1));
          expect(() => a.append(late, 2)).toThrow(/not after the chunk's last .* in time order/);
          expect(decodeChunk(a.bytes()).ts).toEqual(ts);
        },
      ),
    );
  });

  it('refuse timestamps that are not whole non-negative milliseconds', () => {
    const a = new ChunkAppender();
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53])
      expect(() => a.append(bad, 0)).toThrow(/not a non-negative integer of milliseconds/);
    expect(a.count).toBe(0);
  });

  it('store regular real-shaped telemetry in about a byte or two per sample', () => {
    const a = new ChunkAppender();
    let t = 1_760_000_000_000;
    for (let i = 0; i < 120; i++) {
      t += 5000 + ((i * 7) % 3) - 1; // a 5 s scrape with a millisecond of jitter
      a.append(t, Math.round(40 + 10 * Math.sin(i / 10)));
    }
    expect(a.bytes().length / 120).toBeLessThan(2);
    expect(a.firstTs).toBeLessThan(a.lastTs);
  });

  it('hold at most the samples its count can name', () => {
    const a = new ChunkAppender();
    for (let i = 0; i < MAX_CHUNK_SAMPLES; i++) a.append(i, 0);
    expect(() => a.append(MAX_CHUNK_SAMPLES, 0)).toThrow(/full/);
    expect(decodeChunk(a.bytes()).ts).toHaveLength(MAX_CHUNK_SAMPLES);
  });
});
