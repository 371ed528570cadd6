// Fleet timings: heartbeat, redial backoff, retention and how often upkeep and notices run.
import { MINUTE_MS, SECOND_MS } from '../../shared/domain/time.ts';
import { DEFAULT_BACKOFF, type Backoff } from './connection.ts';
import { parseDiskBudget } from './diskBudget.ts';
import { DEFAULT_RETENTION, type RetentionConfig } from './retention.ts';

export interface FleetConfig {
  heartbeatMs?: number;
  backoff: Backoff;
  retention: RetentionConfig;
  retentionEveryMs: number;
  rollupEveryMs: number;
  /** fleet.changed at most this often: hundreds of hosts must not flood the renderer. */
  notifyEveryMs: number;
  enrolTimeoutMs: number;
  /** Telemetry waits at most this long before it is folded into the rollups SLOs read (default 20 s). */
  foldAfterMs?: number;
  /** The longest a telemetry batch waits to share a commit (default 100 ms; a drill at full speed lowers it). */
  ingestFlushMs?: number;
  /** Past this many unfolded samples the console stops reading telemetry until it has folded (default 8 M). */
  maxUnfoldedSamples?: number;
}

export const DEFAULT_FLEET_CONFIG: FleetConfig = {
  backoff: DEFAULT_BACKOFF,
  retention: DEFAULT_RETENTION,
  retentionEveryMs: 10 * MINUTE_MS,
  rollupEveryMs: 30 * SECOND_MS,
  notifyEveryMs: 500,
  enrolTimeoutMs: 15 * SECOND_MS,
};

/** The environment variable (and `mirqab serve` option) that sets the telemetry disk budget. */
export const DISK_BUDGET_ENV = 'MIRQAB_TELEMETRY_DISK_BUDGET';

/**
 * Fleet config for a telemetry disk budget written as operators write sizes ("50GB"); none when
 * `text` is absent or empty. Throws a RangeError that says what is wrong with a bad size.
 */
export function diskBudgetConfig(text: string | undefined): Partial<FleetConfig> {
  if (text === undefined || text.trim() === '') return {};
  return { retention: { ...DEFAULT_RETENTION, diskBudgetBytes: parseDiskBudget(text) } };
}
