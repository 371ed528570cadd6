// Turns one log line into a row of named fields: JSON Lines objects, or CSV lines read against the
// file's header line. A line that is neither is unreadable (counted, never sent).
import { parse } from 'csv-parse/sync';

export type Row = Record<string, unknown>;
/** null: an unreadable line; undefined: a line that is no row (a CSV header). */
export type RowReader = (line: string) => Row | null | undefined;

export function jsonLinesReader(): RowReader {
  return (line) => {
    try {
      const value: unknown = JSON.parse(line);
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Row)
        : null;
    } catch {
      return null;
    }
  };
}

/** The first line seen is the header; a rotated file's own header line is skipped. */
export function csvReader(header?: string): RowReader {
  let headerLine = header ?? null;
  let columns: string[] | null = header ? splitCsv(header) : null;
  return (line) => {
    if (columns === null || headerLine === null) {
      headerLine = line;
      columns = splitCsv(line);
      return undefined;
    }
    if (line === headerLine) return undefined;
    const cells = splitCsv(line);
    if (!cells || cells.length !== columns?.length) return null;
    const row: Row = {};
    columns.forEach((name, i) => (row[name] = cells[i]));
    return row;
  };
}

function splitCsv(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',');
  try {
    const cells: unknown = parse(line, { relax_column_count: true })[0];
    if (!Array.isArray(cells)) return null;
    return cells.map((c) => String(c));
  } catch {
    return null;
  }
}

/** A number from a JSON number or a numeric CSV cell; null when missing or not a number. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A category from a string, number or boolean; null when missing. */
export function categoryOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
