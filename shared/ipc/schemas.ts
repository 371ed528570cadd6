// The shapes the API carries (operators, sessions, settings, audit entries, fleet hosts…), kept
// apart from the channel map in contract.ts, which re-exports them all.
import { z } from 'zod';
import { HOST_STATES } from '../domain/fleet/hostStates.ts';
import { GPU_HEALTH, GPU_HEALTH_REASONS } from '../domain/gpuHealth.ts';
import { PERMISSIONS, ROLES } from '../domain/roles.ts';

// ── Shared shapes ────────────────────────────────────────────────────────────────────────────

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);

/** A trimmed, non-empty display name of at most `max` characters. */
export const boundedName = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const UsernameSchema = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9._-]+$/, 'use lower-case letters, digits, dot, dash or underscore');

export const PasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');

export const PassphraseSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(1024, 'must be at most 1024 characters');

export const RecoveryKeySchema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters');

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known IANA time zone');

export const OperatorSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(), // ISO 8601, UTC
});
export type Operator = z.infer<typeof OperatorSchema>;

export const SessionInfoSchema = z.object({
  operator: OperatorSchema,
  permissions: z.array(PermissionSchema),
  locked: z.boolean(),
  lockAfterMinutes: z.number().int(),
  /** Signed in with a temporary password an admin set: every other call waits for a new one. */
  mustChangePassword: z.boolean().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const SettingsSchema = z.object({
  siteName: z.string(),
  timeZone: z.string(),
  lockAfterMinutes: z.number().int(),
  residency: z.string(), // ISO 3166-1 alpha-2 country the data must stay in, e.g. "AE"
});
export type Settings = z.infer<typeof SettingsSchema>;

export const AppStatusSchema = z.object({
  state: z.enum(['uninitialised', 'locked', 'ready']),
  siteName: z.string().nullable(),
  timeZone: z.string(),
  shell: z.enum(['desktop', 'browser']),
  version: z.string(),
  signedIn: SessionInfoSchema.nullable(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  ts: z.string(), // ISO 8601, UTC, millisecond precision
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const CheckpointSchema = z.object({
  treeSize: z.number().int(),
  rootHash: z.string(),
  headHash: z.string(),
  signedAt: z.string(),
  signature: z.string(), // base64 Ed25519 signature
  keyFingerprint: z.string(), // SHA-256 of the public key (SPKI DER), hex
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** A paired agent that cosigns checkpoints, and the newest one it cosigned. */
export const WitnessSummarySchema = z.object({
  witnessId: z.string(),
  name: z.string(),
  keyFingerprint: z.string(), // SHA-256 of the witness's Ed25519 public key (SPKI DER), hex
  treeSize: z.number().int(),
  cosignedAt: z.string(),
});

export const VerifyReportSchema = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  headHash: z.string(),
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  checkpoint: CheckpointSchema.nullable(),
  checkedAt: z.string(),
  witnesses: z.array(WitnessSummarySchema).optional(),
});
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

export const SessionRowSchema = z.object({
  id: z.string(), // public id (not the secret token)
  username: z.string(),
  role: RoleSchema,
  client: z.string(),
  createdAt: z.string(),
  lastActiveAt: z.string(),
  current: z.boolean(),
});
export type SessionRow = z.infer<typeof SessionRowSchema>;

/** What failed attempts hold back: an account (by username), a client (by its label), the store passphrase. */
export const LOCKOUT_SCOPES = ['account', 'source', 'store'] as const;
export const LockoutSchema = z.object({
  scope: z.enum(LOCKOUT_SCOPES),
  id: z.string(),
  failures: z.number().int(),
  lockedUntil: z.string(), // ISO 8601, UTC; never more than minutes ahead
});
export type Lockout = z.infer<typeof LockoutSchema>;

// ── Fleet ─────────────────────────────────────────────────────────────────────────────────────

export const CLUSTER_KINDS = ['gpu_cluster', 'cpu_pool'] as const;
export { HOST_STATES };
export const SERIES_RANGES = ['live', '1h', '24h', '7d', '30d'] as const;

export const LabelsSchema = z.record(z.string().max(128), z.string().max(1024));

export const ClusterSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  site: z.string(),
  kind: z.enum(CLUSTER_KINDS),
  labels: LabelsSchema,
  createdAt: z.string(),
});
export type Cluster = z.infer<typeof ClusterSchema>;

export const FleetHostSchema = z.object({
  id: z.number().int(),
  agentId: z.string(),
  name: z.string(),
  address: z.string(),
  clusterId: z.number().int(),
  clusterName: z.string(),
  state: z.enum(HOST_STATES),
  /** Why the connection is in its state, for the operator ("certificate does not match the pinned one"). */
  stateReason: z.string().nullable(),
  lastSeenAt: z.string().nullable(), // ISO 8601, UTC
  clockOffsetMs: z.number().nullable(), // agent clock minus console clock
  simulated: z.boolean(),
  enrolledAt: z.string(),
  revokedAt: z.string().nullable(),
  gpuCount: z.number().int(),
  /** Latest value of each key signal (host CPU, memory, mean GPU utilisation, request rate, ...). */
  signals: z.record(z.string(), z.number()),
});
export type FleetHost = z.infer<typeof FleetHostSchema>;

export const AgentEventRowSchema = z.object({
  tsMs: z.number().int(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const FleetHostDetailSchema = z.object({
  host: FleetHostSchema,
  gpus: z.array(
    z.object({
      gpu: z.string(),
      labels: LabelsSchema,
      /** The GPU's model as nvidia-smi names it ("NVIDIA H100 80GB HBM3"), when the agent reports it. */
      name: z.string().optional(),
      metrics: z.record(z.string(), z.number()),
    }),
  ),
  modelServices: z.array(
    z.object({
      model: z.string(),
      version: z.string(),
      labels: LabelsSchema,
      metrics: z.record(z.string(), z.number()),
    }),
  ),
  hostMetrics: z.record(z.string(), z.number()),
  /** What the agent's own config declares (from its hello); the console can run these, never add one. */
  actions: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      params: z
        .array(
          z.object({
            name: z.string(),
            type: z.enum(['string', 'integer', 'boolean']),
            pattern: z.string().optional(),
            /** The only values the agent accepts (a string parameter): the editor offers them as a list. */
            enum: z.array(z.string()).optional(),
            min: z.number().int().optional(),
            max: z.number().int().optional(),
            required: z.boolean(),
            /** The value names a host (or model) of the fleet: the editor offers those and the console checks it. */
            refersTo: z.enum(['host', 'model']).optional(),
          }),
        )
        .default([]),
      timeoutMs: z.number().int().optional(),
    }),
  ),
  events: z.array(AgentEventRowSchema),
});
export type FleetHostDetail = z.infer<typeof FleetHostDetailSchema>;

/** One GPU's latest reading with its host, for the cluster heatmaps (fleet.gpus: all of them in one call). */
export const FleetGpuSchema = z.object({
  hostId: z.number().int(),
  hostName: z.string(),
  clusterId: z.number().int(),
  hostState: z.enum(HOST_STATES),
  /** The key the host detail and GPU detail use for this GPU (its gpu, uuid or index label). */
  gpu: z.string(),
  index: z.number().int().nullable(),
  uuid: z.string().nullable(),
  name: z.string().nullable(),
  utilizationPercent: z.number().nullable(),
  memoryUsedBytes: z.number().nullable(),
  memoryTotalBytes: z.number().nullable(),
  temperatureC: z.number().nullable(),
  powerW: z.number().nullable(),
  powerLimitW: z.number().nullable(),
  health: z.enum(GPU_HEALTH),
  healthReasons: z.array(z.enum(GPU_HEALTH_REASONS)),
  /** Newest sample time of this GPU (agent clock, ms); values are last known when the host is not online. */
  updatedAtMs: z.number().nullable(),
});
export type FleetGpu = z.infer<typeof FleetGpuSchema>;

/** What an agent reported for one action run (its exit code, truncated output and duration). */
export const ActionResultSchema = z.object({
  commandId: z.string(),
  status: z.enum(['ok', 'failed', 'rejected', 'timeout']),
  exitCode: z.number().int().nullable(),
  output: z.string(),
  durationMs: z.number(),
  /** Why it failed or was rejected, in the agent's words. */
  reason: z.string().nullable(),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;

/** Which value of a roll-up bucket a chart reads: its mean, or its last sample (bitmasks, states). */
export const BUCKET_VALUES = ['mean', 'last'] as const;

export const SeriesPointsSchema = z.object({
  range: z.enum(SERIES_RANGES),
  source: z.enum(['raw', '1m', '1h']),
  /** null for raw samples; 'last' points sit at the bucket's last sample time. */
  bucketValue: z.enum(BUCKET_VALUES).nullable(),
  fromMs: z.number().int(),
  toMs: z.number().int(),
  points: z.array(z.tuple([z.number(), z.number()])), // [tsMs, value]
});
export type SeriesPoints = z.infer<typeof SeriesPointsSchema>;
