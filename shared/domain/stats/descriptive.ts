// Summaries of samples (count, mean, sample variance with n − 1) and the input checks every statistic
// shares, so a bad input fails with the same clear message wherever it enters.

/** A sample as the agent or a warehouse reports it: size, mean and sample variance (n − 1 denominator). */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

/** Bad input to a statistic: names what is wrong in words an operator can act on. */
export class StatsInputError extends Error {
  override readonly name = 'StatsInputError';
}

export function assertFiniteValues(values: ArrayLike<number>, what: string, minLength = 1): void {
  if (values.length < minLength)
    throw new StatsInputError(
      `${what} needs at least ${minLength} value(s), got ${values.length}.`,
    );
  for (let i = 0; i < values.length; i += 1)
    if (!Number.isFinite(values[i]))
      throw new StatsInputError(`${what}[${i}] is not a finite number (${String(values[i])}).`);
}

export function assertCounts(counts: ArrayLike<number>, what: string): number {
  let total = 0;
  for (let i = 0; i < counts.length; i += 1) {
    const c = counts[i]!;
    if (!Number.isFinite(c) || c < 0)
      throw new StatsInputError(`${what}[${i}] must be a count ≥ 0, got ${String(c)}.`);
    total += c;
  }
  if (total <= 0) throw new StatsInputError(`${what} holds no observations.`);
  return total;
}

export function assertSummary(s: SampleSummary, what: string, minN = 2): void {
  if (!Number.isFinite(s.n) || s.n < minN)
    throw new StatsInputError(`${what}: n must be at least ${minN}, got ${String(s.n)}.`);
  if (!Number.isFinite(s.mean)) throw new StatsInputError(`${what}: mean is not a finite number.`);
  if (!Number.isFinite(s.variance) || s.variance < 0)
    throw new StatsInputError(`${what}: variance must be a finite number ≥ 0.`);
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i]!;
  return sum / values.length;
}

/** Count, mean and sample variance in one pass (Welford, so large offsets keep their digits). */
export function summarize(values: ArrayLike<number>): SampleSummary {
  let m = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i += 1) {
    const delta = values[i]! - m;
    m += delta / (i + 1);
    m2 += delta * (values[i]! - m);
  }
  const n = values.length;
  return { n, mean: m, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/** Sample covariance (n − 1) of two equally long samples. */
export function covariance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sum = 0;
  for (let i = 0; i < x.length; i += 1) sum += (x[i]! - mx) * (y[i]! - my);
  return sum / (x.length - 1);
}

/** Shares that sum to 1 from non-negative counts or weights. */
export function toShares(counts: ArrayLike<number>, what: string): number[] {
  const total = assertCounts(counts, what);
  return Array.from(counts, (c) => c / total);
}
