// Distances between a reference and a current distribution, for drift. From raw values: the Wasserstein-1
// (earth mover's) distance, as scipy.stats.wasserstein_distance. From histograms or category counts over
// the same bins: PSI (Evidently's formula, an empty bin counted as a 1e-4 share), Jensen–Shannon distance
// (base 2, as scipy.spatial.distance.jensenshannon(p, q, base=2)), Hellinger distance, and Wasserstein
// from bin edges (mass spread evenly inside each bin: an approximation of the raw-value distance).
import { assertCounts, assertFiniteValues, StatsInputError, toShares } from './descriptive.ts';

/** Evidently's stand-in share for an empty bin, so PSI's log stays finite. */
export const EMPTY_BIN_SHARE = 1e-4;

function sameLength(p: readonly number[], q: readonly number[]): void {
  if (p.length !== q.length)
    throw new StatsInputError(
      `${p.length} bins in the reference, ${q.length} in the current window.`,
    );
}

/** Population stability index Σ (r − c) · ln(r / c) over bin shares. */
export function psi(refCounts: readonly number[], curCounts: readonly number[]): number {
  sameLength(refCounts, curCounts);
  const r = toShares(refCounts, 'reference counts').map((s) => (s === 0 ? EMPTY_BIN_SHARE : s));
  const c = toShares(curCounts, 'current counts').map((s) => (s === 0 ? EMPTY_BIN_SHARE : s));
  let sum = 0;
  for (let i = 0; i < r.length; i += 1) sum += (r[i]! - c[i]!) * Math.log(r[i]! / c[i]!);
  return sum;
}

/** Jensen–Shannon distance (the square root of the divergence), base 2: 0 (same) … 1 (disjoint). */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  sameLength(p, q);
  const ps = toShares(p, 'first distribution');
  const qs = toShares(q, 'second distribution');
  let divergence = 0;
  for (let i = 0; i < ps.length; i += 1) {
    const m = (ps[i]! + qs[i]!) / 2;
    if (ps[i]! > 0) divergence += ps[i]! * Math.log2(ps[i]! / m);
    if (qs[i]! > 0) divergence += qs[i]! * Math.log2(qs[i]! / m);
  }
  return Math.sqrt(Math.max(0, divergence / 2));
}

/** Hellinger distance √(1 − Σ √(p·q)) over shares: 0 (same) … 1 (disjoint). */
export function hellinger(p: readonly number[], q: readonly number[]): number {
  sameLength(p, q);
  const ps = toShares(p, 'first distribution');
  const qs = toShares(q, 'second distribution');
  let sum = 0;
  for (let i = 0; i < ps.length; i += 1) sum += (Math.sqrt(ps[i]!) - Math.sqrt(qs[i]!)) ** 2;
  return Math.sqrt(sum / 2);
}

/** Wasserstein-1 distance between two samples: ∫ |F_a(x) − F_b(x)| dx. */
export function wasserstein(a: readonly number[], b: readonly number[]): number {
  assertFiniteValues(a, 'first sample');
  assertFiniteValues(b, 'second sample');
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let total = 0;
  let previous = Math.min(x[0]!, y[0]!);
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    total += Math.abs(i / x.length - j / y.length) * (v - previous);
    previous = v;
    while (i < x.length && x[i] === v) i += 1;
    while (j < y.length && y[j] === v) j += 1;
  }
  return total;
}

function checkEdges(edges: readonly number[], bins: number): void {
  if (edges.length !== bins + 1)
    throw new StatsInputError(`${bins} bins need ${bins + 1} edges, got ${edges.length}.`);
  assertFiniteValues(edges, 'bin edges', 2);
  for (let k = 1; k < edges.length; k += 1)
    if (!(edges[k]! > edges[k - 1]!))
      throw new StatsInputError('Bin edges must increase strictly.');
}

/** ∫ |d(x)| over [0, w] for d linear from d0 to d1. */
function absLinearIntegral(d0: number, d1: number, w: number): number {
  if (d0 * d1 >= 0) return (w * (Math.abs(d0) + Math.abs(d1))) / 2;
  return (w * (d0 * d0 + d1 * d1)) / (2 * (Math.abs(d0) + Math.abs(d1)));
}

/**
 * Wasserstein-1 between two histograms over the same edges, each bin's mass spread evenly across it.
 * Exact for that assumption; against the raw values it differs by at most one bin's width.
 */
export function wassersteinFromHistograms(
  edges: readonly number[],
  countsA: readonly number[],
  countsB: readonly number[],
): number {
  sameLength(countsA, countsB);
  checkEdges(edges, countsA.length);
  const na = assertCounts(countsA, 'first histogram');
  const nb = assertCounts(countsB, 'second histogram');
  let fa = 0;
  let fb = 0;
  let total = 0;
  for (let k = 0; k < countsA.length; k += 1) {
    const d0 = fa - fb;
    fa += countsA[k]! / na;
    fb += countsB[k]! / nb;
    total += absLinearIntegral(d0, fa - fb, edges[k + 1]! - edges[k]!);
  }
  return total;
}

/** Mean and population standard deviation of a histogram, taking each bin's mass at its midpoint. */
export function histogramMoments(
  edges: readonly number[],
  counts: readonly number[],
): { mean: number; std: number } {
  checkEdges(edges, counts.length);
  const n = assertCounts(counts, 'histogram');
  let m = 0;
  for (let k = 0; k < counts.length; k += 1)
    m += (counts[k]! * (edges[k]! + edges[k + 1]!)) / 2 / n;
  let v = 0;
  for (let k = 0; k < counts.length; k += 1)
    v += (counts[k]! * ((edges[k]! + edges[k + 1]!) / 2 - m) ** 2) / n;
  return { mean: m, std: Math.sqrt(v) };
}
