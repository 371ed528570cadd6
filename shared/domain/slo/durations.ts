// Durations and targets as SLO files write them (OpenSLO shorthand `4w`/`1M`, percent objectives).

export type ShorthandUnit = 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';
export interface Shorthand {
  value: number;
  unit: ShorthandUnit;
}

const MINUTES: Partial<Record<ShorthandUnit, number>> = { m: 1, h: 60, d: 1440, w: 10_080 };
export const ROLLING_DAYS = [7, 14, 28, 30] as const;
export type RollingDays = (typeof ROLLING_DAYS)[number];

/** OpenSLO's duration shorthand: a whole number and one unit (m = minute, M = month, Q = quarter). */
export function parseShorthand(text: string): Shorthand | undefined {
  const match = /^(\d+)([mhdwMQY])$/.exec(text.trim());
  if (!match) return undefined;
  return { value: Number(match[1]), unit: match[2] as ShorthandUnit };
}

/** Minutes in a shorthand of fixed length (m, h, d, w); undefined for months, quarters and years. */
export function shorthandMinutes(shorthand: Shorthand): number | undefined {
  const per = MINUTES[shorthand.unit];
  return per === undefined ? undefined : shorthand.value * per;
}

/** The shortest exact shorthand for whole minutes: 1440 → 1d, 90 → 90m. */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

export function asRollingDays(minutes: number): RollingDays | undefined {
  return ROLLING_DAYS.find((days) => days * 1440 === minutes);
}

/** Whether a percent objective (as Sloth and Pyrra write it) leaves some error budget. */
export function isObjectivePercent(percent: number): boolean {
  return percent > 0 && percent < 100;
}

/** 99.9 → 0.999 exactly (not 0.9990000000000001), by shifting the decimal point in the text. */
export function percentToRatio(percent: number): number {
  const text = String(percent);
  return text.includes('e') ? percent / 100 : Number(`${text}e-2`);
}

/** "Good experience" → "good-experience", for naming the SLOs split from several objectives. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
