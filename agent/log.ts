// The agent's logger: the shared JSON-line shape on stderr, each record marked component 'agent'
// so journald and log shippers can tell it from the console's.
import { jsonLineLogger } from '../shared/util/logger.ts';

export { memoryLogger, silentLogger, type Logger, type LogRecord } from '../shared/util/logger.ts';

export const stderrLogger = jsonLineLogger((line) => process.stderr.write(line), {
  component: 'agent',
});
