// Fleet timings: heartbeat, redial backoff, retention and how often upkeep and notices run.
import { MINUTE_MS, SECOND_MS } from '../../shared/domain/time.ts';
import { DEFAULT_BACKOFF, type Backoff } from './connection.ts';
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
}

export const DEFAULT_FLEET_CONFIG: FleetConfig = {
  backoff: DEFAULT_BACKOFF,
  retention: DEFAULT_RETENTION,
  retentionEveryMs: 10 * MINUTE_MS,
  rollupEveryMs: 30 * SECOND_MS,
  notifyEveryMs: 500,
  enrolTimeoutMs: 15 * SECOND_MS,
};
