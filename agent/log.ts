// The agent's structured logger: one JSON line per record on stderr, so journald and log shippers
// can parse it. Tests pass a silent or capturing logger instead.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function write(level: string, message: string, fields?: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ ts: new Date().toISOString(), level, component: 'agent', message, ...fields })}\n`);
}

export const stderrLogger: Logger = {
  info: (message, fields) => write('info', message, fields),
  warn: (message, fields) => write('warn', message, fields),
  error: (message, fields) => write('error', message, fields),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export interface LogRecord {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** Keeps records in memory; tests assert on what was logged (e.g. a refused peer). */
export function memoryLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const push = (level: LogRecord['level']) => (message: string, fields: Record<string, unknown> = {}) => {
    records.push({ level, message, fields });
  };
  return { records, info: push('info'), warn: push('warn'), error: push('error') };
}
