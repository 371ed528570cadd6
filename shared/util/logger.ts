// The structured logger every process shares: one JSON object per line. Each process decides where
// the lines go (the console and the agent: stderr); tests pass a silent or capturing logger instead.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

/** A logger that writes `{ ts, level, ...base, message, ...fields }` as one JSON line per record. */
export function jsonLineLogger(
  writeLine: (line: string) => void,
  base: Record<string, unknown> = {},
): Logger {
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) =>
    writeLine(
      `${JSON.stringify({ ts: new Date().toISOString(), level, ...base, message, ...fields })}\n`,
    );
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export interface LogRecord {
  level: LogLevel;
  message: string;
  fields: Record<string, unknown>;
}

/** Keeps records in memory; tests assert on what was logged (e.g. a refused peer). */
export function memoryLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const push =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      records.push({ level, message, fields });
    };
  return { records, info: push('info'), warn: push('warn'), error: push('error') };
}
