// Chance that a variant's conversion rate beats control's under Beta(1, 1) priors:
// P(p_variant > p_control) = ∫ f_variant(x) F_control(x) dx, by Gauss–Legendre quadrature on the
// narrower posterior's ±12 σ range (the other's cdf is smooth there), so it is exact to ~1e-10, not sampled.
import { betaCdf, betaLogPdf } from './distributions.ts';
import { StatsInputError } from './descriptive.ts';

export interface ConversionCounts {
  conversions: number;
  users: number;
}

// 5-point Gauss–Legendre nodes and weights on [−1, 1].
const NODES = [
  0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664,
] as const;
const WEIGHTS = [
  0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908,
  0.23692688505618908,
] as const;
const PANELS = 40;

function posterior(
  c: ConversionCounts,
  what: string,
): { a: number; b: number; mean: number; sd: number } {
  if (
    !Number.isInteger(c.users) ||
    c.users < 0 ||
    !Number.isInteger(c.conversions) ||
    c.conversions < 0
  )
    throw new StatsInputError(`${what}: users and conversions must be whole numbers ≥ 0.`);
  if (c.conversions > c.users)
    throw new StatsInputError(`${what}: ${c.conversions} conversions from ${c.users} users.`);
  const a = 1 + c.conversions;
  const b = 1 + c.users - c.conversions;
  const mean = a / (a + b);
  return { a, b, mean, sd: Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))) };
}

/** ∫ f_narrow(x) F_wide(x) dx over the narrow posterior's mass. */
function integrate(
  narrow: { a: number; b: number; mean: number; sd: number },
  wide: { a: number; b: number },
): number {
  const lo = Math.max(0, narrow.mean - 12 * narrow.sd);
  const hi = Math.min(1, narrow.mean + 12 * narrow.sd);
  const width = (hi - lo) / PANELS;
  let sum = 0;
  for (let p = 0; p < PANELS; p += 1) {
    const mid = lo + (p + 0.5) * width;
    for (let k = 0; k < NODES.length; k += 1) {
      const x = mid + (NODES[k]! * width) / 2;
      sum += WEIGHTS[k]! * Math.exp(betaLogPdf(x, narrow.a, narrow.b)) * betaCdf(x, wide.a, wide.b);
    }
  }
  return (sum * width) / 2;
}

/** P(variant's conversion rate > control's), Beta(1, 1) priors on both. */
export function chanceToBeatControl(control: ConversionCounts, variant: ConversionCounts): number {
  const c = posterior(control, 'control');
  const v = posterior(variant, 'variant');
  const p = v.sd <= c.sd ? integrate(v, c) : 1 - integrate(c, v);
  return Math.min(1, Math.max(0, p));
}
