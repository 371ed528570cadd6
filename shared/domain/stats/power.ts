// Sample size per arm for a two-sided test at level alpha to detect a minimum detectable effect (MDE)
// with the given power, by the normal approximation: for proportions the unpooled-under-the-alternative
// formula n = (z₁₋α/₂·√(2·p̄(1−p̄)) + z_power·√(p₁(1−p₁) + p₂(1−p₂)))² / δ² (Fleiss, no continuity
// correction); for means n = 2·(z₁₋α/₂ + z_power)²·σ² / δ².
import { normalQuantile } from './distributions.ts';
import { StatsInputError } from './descriptive.ts';

export interface PowerOptions {
  /** Smallest absolute difference worth detecting. */
  minimumDetectableEffect: number;
  alpha?: number;
  power?: number;
}

function quantiles(options: PowerOptions): { za: number; zb: number; delta: number } {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (!(alpha > 0 && alpha < 1)) throw new StatsInputError('alpha must lie between 0 and 1.');
  if (!(power > 0 && power < 1)) throw new StatsInputError('power must lie between 0 and 1.');
  const delta = Math.abs(options.minimumDetectableEffect);
  if (!(delta > 0) || !Number.isFinite(delta))
    throw new StatsInputError('The minimum detectable effect must be a number other than 0.');
  return { za: normalQuantile(1 - alpha / 2), zb: normalQuantile(power), delta };
}

export function sampleSizeForProportions(options: PowerOptions & { baselineRate: number }): number {
  const { za, zb, delta } = quantiles(options);
  const p1 = options.baselineRate;
  const p2 = p1 + options.minimumDetectableEffect;
  if (!(p1 > 0 && p1 < 1)) throw new StatsInputError('The baseline rate must lie between 0 and 1.');
  if (!(p2 > 0 && p2 < 1))
    throw new StatsInputError('The baseline rate plus the effect must stay between 0 and 1.');
  const pBar = (p1 + p2) / 2;
  const root =
    za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / (delta * delta));
}

export function sampleSizeForMeans(options: PowerOptions & { standardDeviation: number }): number {
  const { za, zb, delta } = quantiles(options);
  const sd = options.standardDeviation;
  if (!(sd > 0) || !Number.isFinite(sd))
    throw new StatsInputError('The standard deviation must be a number above 0.');
  return Math.ceil((2 * (za + zb) ** 2 * sd * sd) / (delta * delta));
}
