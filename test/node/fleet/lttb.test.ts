import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lttb, type Point } from '../../../shared/domain/lttb.ts';

const line = (n: number, f: (i: number) => number): Point[] =>
  Array.from({ length: n }, (_, i) => [i * 1000, f(i)] as const);

describe('LTTB downsampling', () => {
  it('returns the series unchanged when it already fits', () => {
    const points = line(5, (i) => i * i);
    expect(lttb(points, 5)).toEqual(points);
    expect(lttb(points, 50)).toEqual(points);
    expect(lttb([], 10)).toEqual([]);
  });

  it('keeps the first and last points and exactly the requested count', () => {
    const points = line(1000, (i) => Math.sin(i / 20));
    const out = lttb(points, 100);
    expect(out).toHaveLength(100);
    expect(out[0]).toEqual(points[0]);
    expect(out.at(-1)).toEqual(points.at(-1));
  });

  it('keeps a lone spike that averaging would flatten (what an operator must not miss)', () => {
    const points = line(10_000, (i) => (i === 5_123 ? 95 : 20));
    const out = lttb(points, 200);
    expect(out).toContainEqual([5_123_000, 95]);
  });

  it('handles the small thresholds', () => {
    const points = line(10, (i) => i);
    expect(lttb(points, 0)).toEqual([]);
    expect(lttb(points, 1)).toEqual([[0, 0]]);
    expect(lttb(points, 2)).toEqual([
      [0, 0],
      [9000, 9],
    ]);
    expect(() => lttb(points, -1)).toThrow(RangeError);
  });

  it('always returns a time-ordered subset of the input of the right size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { maxLength: 400 }),
        fc.integer({ min: 2, max: 100 }),
        (ys, threshold) => {
          const points = ys.map((y, i) => [i, y] as const);
          const out = lttb(points, threshold);
          expect(out).toHaveLength(Math.min(threshold, points.length));
          const keys = new Set(points.map(([x, y]) => `${x}:${y}`));
          for (let i = 0; i < out.length; i++) {
            expect(keys.has(`${out[i]![0]}:${out[i]![1]}`)).toBe(true);
            if (i > 0) expect(out[i]![0]).toBeGreaterThan(out[i - 1]![0]);
          }
        },
      ),
    );
  });
});
