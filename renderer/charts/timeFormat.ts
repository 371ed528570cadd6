// Chart times in the site's zone (ECharts would use the machine's zone), with Latin digits so
// axis labels line up with the tables' timestamps in both languages.
import { DAY_MS } from '../../shared/domain/time.ts';
import { isolate, isolateLtr } from '../i18n/format.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(
  locale: string,
  timeZone: string,
  kind: 'time' | 'date' | 'full',
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'date'
          ? { day: 'numeric', month: 'short' }
          : {
              day: 'numeric',
              month: 'short',
              hour: '2-digit',
              minute: '2-digit',
              second: '2-digit',
              hourCycle: 'h23',
            };
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone, numberingSystem: 'latn' });
    formats.set(key, f);
  }
  return f;
}

/** An axis label formatter: hours and minutes for spans up to two days, dates beyond. */
export function axisTimeFormatter(
  locale: string,
  timeZone: string,
  spanMs: number,
): (value: number) => string {
  const f = format(locale, timeZone, spanMs > 2 * DAY_MS ? 'date' : 'time');
  return (value) => f.format(value);
}

export function tooltipTime(locale: string, timeZone: string, tsMs: number): string {
  return format(locale, timeZone, 'full').format(tsMs);
}

/** At most one decimal, no trailing zeros, Latin digits; large values grouped. */
export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

/**
 * Canvas text has no <bdi>: on a right-to-left chart each figure with its unit is isolated left to
 * right ("100 %", "1 req/s" rather than "% 100", "req/s 1"), and names and times by their own letters.
 */
export function chartBidi(rtl: boolean) {
  return {
    figure: (value: number, unit: string) =>
      rtl ? isolateLtr(formatValue(value, unit)) : formatValue(value, unit),
    text: (text: string) => (rtl ? isolate(text) : text),
  };
}
