// How a report writes numbers, instants and durations, shared by the HTML/PDF and CSV renderings so
// the two never disagree. Latin digits in both languages so figures match the console and the CSV.
import { format } from 'date-fns';
import { ar, enGB } from 'date-fns/locale';
import { tz } from '@date-fns/tz';
import { fill, type ReportLanguage, type ReportText } from './reportText.ts';

/** What ties an export to the tamper-evident log, and who produced it for which site. */
export interface ReportStamp {
  siteName: string;
  /** The signed checkpoint in full, so the stamp can be checked against later audit bundles. */
  checkpoint: {
    treeSize: number;
    rootHash: string;
    headHash?: string;
    signedAt?: string;
    signature?: string;
    keyFingerprint?: string;
  };
  generatedBy: string;
  language: ReportLanguage;
  /** The checkpoint file written beside the report, named in it for auditors. */
  checkpointFile?: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A CSS string literal that cannot close the string, the rule or the <style> element. */
export function cssString(text: string): string {
  // reason: anything beyond letters, digits and a little punctuation becomes a hex escape.
  const body = Array.from(text, (c) =>
    /^[\p{L}\p{N} .,:#()/_…+-]$/u.test(c) ? c : `\\${c.codePointAt(0)?.toString(16) ?? '0'} `,
  );
  return `"${body.join('')}"`;
}

const dateLocales = { en: enGB, ar } as const;

/** A site-local instant, e.g. `2026-10-01 00:00`; `withZone` adds `UTC+04:00`. */
export function formatInstant(iso: string, timeZone: string, withZone = false): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return format(ms, withZone ? "yyyy-MM-dd HH:mm 'UTC'xxx" : 'yyyy-MM-dd HH:mm', {
    in: tz(timeZone),
  });
}

/** An ISO 8601 instant with the site's offset, e.g. `2026-10-01T00:00:00+04:00` (for the CSV). */
export function isoInSite(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return format(ms, "yyyy-MM-dd'T'HH:mm:ssxxx", { in: tz(timeZone) });
}

/** A calendar day as a reader says it, e.g. `1 October 2026` / `1 أكتوبر 2026`. */
export function formatDay(
  ms: number,
  timeZone: string,
  language: ReportLanguage,
  pattern = 'd MMMM yyyy',
): string {
  return format(ms, pattern, { in: tz(timeZone), locale: dateLocales[language] });
}

/** The zone's offset at an instant, e.g. `UTC+04:00`. */
export function zoneOffset(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : format(ms, "'UTC'xxx", { in: tz(timeZone) });
}

/**
 * A fraction as a percentage. Attainment is floored, never rounded up, so 99.8996 % is not shown
 * as meeting a 99.9 % target.
 */
export function formatPercent(fraction: number | null, digits = 3, isFloored = true): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const scale = 10 ** digits;
  const value = isFloored ? Math.floor(fraction * 100 * scale + 1e-9) / scale : fraction * 100;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`;
}

/** An objective or target as written, e.g. 0.999 → `99.9 %`. */
export function formatObjective(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toLocaleString('en-US', { maximumFractionDigits: 4 })} %`;
}

/** A share of the error budget, e.g. 1.42 → `142.0 %`. */
export function formatBudget(fraction: number | null): string {
  if (fraction === null) return '—';
  if (!Number.isFinite(fraction)) return '∞';
  return `${(fraction * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** A credit percentage, e.g. 10 → `10 %`. */
export function formatCredit(percent: number): string {
  return `${percent.toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
}

/** Minutes between two instants (null while still open). */
export function minutesBetween(startIso: string, endIso: string | null): number | null {
  if (endIso === null) return null;
  const ms = Date.parse(endIso) - Date.parse(startIso);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 60_000)) : null;
}

/** A duration in minutes through the report's own words, e.g. `2 h 05 min` / `45 min`. */
export function formatDuration(
  minutes: number | null,
  words: Pick<ReportText, 'minutes' | 'hoursMinutes'>,
): string {
  if (minutes === null) return '—';
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h > 0
    ? fill(words.hoursMinutes, { h, m: String(m).padStart(2, '0') })
    : fill(words.minutes, { n: m });
}

/** The first 16 hex digits of a root hash, as the footer shows it. */
export function shortRoot(rootHash: string): string {
  return rootHash
    .replace(/[^0-9a-fA-F]/g, '')
    .slice(0, 16)
    .toLowerCase();
}
