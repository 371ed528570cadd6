// How SLO figures read everywhere: percentages with the precision an objective needs, burn rates
// as multiples, windows in minutes or hours. Latin digits, isolated left-to-right in the markup.
import type { TFunction } from 'i18next';
import type { SloSummary } from '../../../shared/ipc/contract.ts';

const DASH = '—';

// toLocaleString builds a formatter per call; a list of 1,000 SLOs formats thousands of figures.
const formats = new Map<number, Intl.NumberFormat>();
function fixed(value: number, digits: number): string {
  let f = formats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    formats.set(digits, f);
  }
  return f.format(value);
}

/** 0.9995 → "99.95 %"; three decimals keep the gap between 99.9 and 99.95 visible. */
export function formatPercent(fraction: number | null | undefined, digits = 3): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return `${fixed(fraction * 100, digits)} %`;
}

/** Error budget left: one decimal, none once it is overspent by 10× or more ("-1,299 %", which fits its column). */
export function formatBudget(fraction: number | null | undefined): string {
  return formatPercent(
    fraction,
    fraction !== null && fraction !== undefined && Math.abs(fraction) >= 10 ? 0 : 1,
  );
}

/** A burn rate as a multiple of the sustainable rate: "14.4×". */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  const digits = rate >= 100 ? 0 : rate >= 10 ? 1 : 2;
  return `${fixed(rate, digits)}×`;
}

/** Minutes until the budget runs out, as "3d 4h" / "5h 20m" / "45m" in the UI language. */
export function formatDuration(minutes: number | null, t: TFunction): string {
  if (minutes === null || !Number.isFinite(minutes)) return DASH;
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  if (days > 0) return t('slo.duration.dh', { d: days, h: hours });
  if (hours > 0) return t('slo.duration.hm', { h: hours, m: m % 60 });
  return t('slo.duration.m', { m });
}

/** Tone of a remaining budget: overspent is danger, under a quarter a warning. */
export function budgetTone(
  summary: Pick<SloSummary, 'budgetRemaining'>,
): 'danger' | 'warning' | 'ok' | 'none' {
  const b = summary.budgetRemaining;
  if (b === null) return 'none';
  if (b <= 0) return 'danger';
  return b < 0.25 ? 'warning' : 'ok';
}
