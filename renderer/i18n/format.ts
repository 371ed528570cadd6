// Timestamps are stored in UTC and always shown in the site's zone; numbers use the UI language.
import type { Language } from '../store/uiSlice.ts';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

const localeOf = (language: Language) => (language === 'ar' ? 'ar-AE' : 'en-GB');

function dateFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/** "2025-03-04 14:05:09" in the site zone: fixed width and digits, for tables auditors compare. */
export function formatTimestamp(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = dateFormat(
    `ts|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const parts = format.formatToParts(date); // once: tables show hundreds of these
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** A readable date and time in the site zone, in the UI language. */
export function formatDateTime(iso: string, timeZone: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(
    `dt|${timeZone}|${language}`,
    () =>
      new Intl.DateTimeFormat(localeOf(language), {
        timeZone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
  ).format(date);
}

/** A time of day to the second in the site zone, e.g. when a held-back sign-in may be tried again. */
export function formatTime(iso: string, timeZone: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(
    `time|${timeZone}|${language}`,
    () =>
      new Intl.DateTimeFormat(localeOf(language), {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(date);
}

/** The site clock: weekday, date and hour:minute in the site zone. */
export function formatClock(date: Date, timeZone: string, language: Language): string {
  return dateFormat(
    `clock|${timeZone}|${language}`,
    () =>
      new Intl.DateTimeFormat(localeOf(language), {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(date);
}

export function formatNumber(value: number, language: Language): string {
  const key = `num|${language}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language));
    cache.set(key, format);
  }
  return format.format(value);
}

export function isKnownTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Unicode bidi isolates: a run inside them is laid out on its own and its neighbours ignore it, so a
// Latin name, "0.56×" or "100 %" keeps its order inside right-to-left text (and a canvas, where no
// <bdi> exists).
const FSI = '\u2068';
const LRI = '\u2066';
const PDI = '\u2069';

/** Text of unknown direction (a host's name, an error from an agent) isolated by its first letter. */
export function isolate(text: string): string {
  return text ? `${FSI}${text}${PDI}` : text;
}

/** A figure with its unit ("0.56×", "100 %", "1 req/s"), always left to right as one piece. */
export function isolateLtr(text: string): string {
  return text ? `${LRI}${text}${PDI}` : text;
}

/** The isolates taken out again: for an export, a file name or a comparison. */
export function stripIsolates(text: string): string {
  return text.replace(/[\u2066-\u2069]/g, '');
}

/** A value with its unit in the UI language's digits, isolated left to right: "1 req/s", "100 %". */
export function formatQuantity(value: number, unit: string, language: Language): string {
  const number = formatNumber(value, language);
  return isolateLtr(unit ? `${number} ${unit}` : number);
}

/** A multiple ("0.56×"): Latin digits, as burn rates and speed-ups read the same in both languages. */
export function formatMultiple(value: number, digits = 2): string {
  return isolateLtr(`${value.toLocaleString('en-US', { maximumFractionDigits: digits })}×`);
}
