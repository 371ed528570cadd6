// How host facts read in the table and detail: relative "last seen", clock offset, key signals.
import type { Language } from '../../store/uiSlice.ts';

const relative = new Map<Language, Intl.RelativeTimeFormat>();

/** "12 seconds ago" / "قبل ١٢ ثانية", from the UTC instant and now. */
export function formatAgo(iso: string, nowMs: number, language: Language): string {
  let f = relative.get(language);
  if (!f) {
    f = new Intl.RelativeTimeFormat(language === 'ar' ? 'ar-AE' : 'en-GB', {
      numeric: 'auto',
      style: 'short',
    });
    relative.set(language, f);
  }
  // "Last seen" is never in the future: a moment ahead of the page's clock reads as "now".
  const seconds = Math.min(0, Math.round((new Date(iso).getTime() - nowMs) / 1000));
  const abs = Math.abs(seconds);
  if (abs < 60) return f.format(seconds, 'second');
  if (abs < 3600) return f.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return f.format(Math.round(seconds / 3600), 'hour');
  return f.format(Math.round(seconds / 86_400), 'day');
}

/** Audit evidence needs trustworthy time: an agent more than a second off is flagged. */
export const CLOCK_OFFSET_WARN_MS = 1000;

// One formatter per precision: toLocaleString builds a new one per call, which a 200-host table
// refreshing every second (ten cells a row) pays thousands of times.
const numbers = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
  let f = numbers.get(digits);
  if (!f)
    numbers.set(digits, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })));
  return f;
}

export function formatOffset(ms: number): string {
  const sign = ms > 0 ? '+' : ms < 0 ? '−' : '±';
  return `${sign}${numberFormat(0).format(Math.abs(Math.round(ms)))} ms`;
}

export function formatSignal(value: number | undefined, unit: string, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return `${numberFormat(digits).format(value)}${unit ? ` ${unit}` : ''}`;
}

/** A duration that fits a narrow column: "182 ms", "10.0 s", "2.5 min". */
export function formatSeconds(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 1) return `${numberFormat(0).format(seconds * 1000)} ms`;
  if (abs < 60) return `${seconds.toFixed(1)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}
