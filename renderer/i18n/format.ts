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
