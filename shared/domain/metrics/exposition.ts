// Entry point for scraped metrics text: Prometheus text format 0.0.4 or OpenMetrics 1.0, chosen by
// the caller (from the Content-Type) or detected by the "# EOF" line OpenMetrics must end with.
import { parseOpenMetricsLines } from './openMetrics.ts';
import { parsePrometheusLines } from './prometheusText.ts';
import type { ExpositionFormat, ExpositionResult, ParseIssue } from './types.ts';
import { MAX_ISSUES } from './types.ts';

export type {
  Exemplar,
  ExpositionFormat,
  ExpositionResult,
  Labels,
  MetricFamily,
  MetricType,
  ParseIssue,
  Sample,
} from './types.ts';

export interface ExpositionOptions {
  format?: ExpositionFormat | 'auto';
}

const NEWLINE = 0x0a;

/**
 * Splits into lines. Bytes are decoded line by line so that invalid UTF-8 rejects only its own line,
 * with its number (a decoded string would have silently turned it into U+FFFD).
 */
function splitLines(input: string | Uint8Array, errors: ParseIssue[]): (string | null)[] {
  if (typeof input === 'string') return input.split('\n');
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lines: (string | null)[] = [];
  let start = 0;
  for (let i = 0; i <= input.length; i++) {
    if (i < input.length && input[i] !== NEWLINE) continue;
    try {
      lines.push(decoder.decode(input.subarray(start, i)));
    } catch {
      lines.push(null);
      if (errors.length < MAX_ISSUES)
        errors.push({ line: lines.length, message: 'the line is not valid UTF-8' });
    }
    start = i + 1;
  }
  return lines;
}

export function detectFormat(lines: readonly (string | null)[]): ExpositionFormat {
  return lines.some((line) => line === '# EOF' || line === '# EOF\r')
    ? 'openmetrics'
    : 'prometheus';
}

/**
 * Parses a whole exposition. Never throws; `errors` is empty exactly when the input is valid.
 * With `auto`, a text ending in "# EOF" is read as OpenMetrics; if that fails but the same text is
 * valid Prometheus text (some 0.0.4 exporters end with "# EOF" too), the Prometheus reading wins.
 */
export function parseExposition(
  input: string | Uint8Array,
  options: ExpositionOptions = {},
): ExpositionResult {
  const decodeErrors: ParseIssue[] = [];
  const lines = splitLines(input, decodeErrors);
  const run = (format: ExpositionFormat): ExpositionResult => {
    const errors = [...decodeErrors];
    const families =
      format === 'openmetrics'
        ? parseOpenMetricsLines(lines, errors)
        : parsePrometheusLines(lines, errors);
    errors.sort((a, b) => a.line - b.line);
    return { format, families, errors };
  };
  if (options.format !== undefined && options.format !== 'auto') return run(options.format);
  const detected = run(detectFormat(lines));
  if (detected.format === 'prometheus' || detected.errors.length === 0) return detected;
  const fallback = run('prometheus');
  return fallback.errors.length === 0 ? fallback : detected;
}
