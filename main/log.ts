// The console's logger: the shared JSON-line shape, written to stderr. Shells may pass their own.
import { jsonLineLogger } from '../shared/util/logger.ts';

export { silentLogger, type Logger } from '../shared/util/logger.ts';

export const stderrLogger = jsonLineLogger((line) => process.stderr.write(line));
