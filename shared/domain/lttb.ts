// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps a chart's visual shape with
// far fewer points. Pure: points in time order in, a subset of the same points out.

export type Point = readonly [number, number];

/**
 * Returns at most `threshold` points of `points` (which must be sorted by x), always keeping the
 * first and the last; returns a copy of the input when it is already small enough.
 */
export function lttb(points: readonly Point[], threshold: number): [number, number][] {
  const n = points.length;
  if (!Number.isInteger(threshold) || threshold < 0)
    throw new RangeError('threshold must be a non-negative integer');
  if (threshold >= n || n <= 2) return points.map(([x, y]) => [x, y]);
  if (threshold === 0) return [];
  if (threshold === 1) return [[points[0]![0], points[0]![1]]];
  if (threshold === 2)
    return [[...points[0]!] as [number, number], [...points[n - 1]!] as [number, number]];

  const out: [number, number][] = [[points[0]![0], points[0]![1]]];
  // The first and last points are fixed, so the middle n-2 points fall into threshold-2 buckets.
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // The average of the next bucket is the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += points[j]![0];
      avgY += points[j]![1];
    }
    const span = Math.max(nextEnd - nextStart, 1);
    avgX /= span;
    avgY /= span;

    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const [ax, ay] = points[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const [x, y] = points[j]!;
      const area = Math.abs((ax - avgX) * (y - ay) - (ax - x) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push([points[best]![0], points[best]![1]]);
    a = best;
  }
  out.push([points[n - 1]![0], points[n - 1]![1]]);
  return out;
}
