// The single source of truth for the renderer ↔ backend API: every channel's input and output
// schema and the permission it needs, plus the events the backend pushes. No channel string
// appears anywhere else.
import { z } from 'zod';
import { PERMISSIONS, ROLES, type Permission } from '../domain/roles.ts';
import { FaultSpecSchema } from '../domain/faults.ts';

// ── Shared shapes ────────────────────────────────────────────────────────────────────────────

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);

const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

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

export const VerifyReportSchema = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  headHash: z.string(),
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  checkpoint: CheckpointSchema.nullable(),
  checkedAt: z.string(),
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

// ── Fleet ─────────────────────────────────────────────────────────────────────────────────────

export const CLUSTER_KINDS = ['gpu_cluster', 'cpu_pool'] as const;
export const HOST_STATES = ['connecting', 'online', 'silent', 'offline', 'refused', 'revoked'] as const;
export const SERIES_RANGES = ['live', '1h', '24h', '7d', '30d'] as const;

const LabelsSchema = z.record(z.string().max(128), z.string().max(1024));

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
  gpus: z.array(z.object({ gpu: z.string(), labels: LabelsSchema, metrics: z.record(z.string(), z.number()) })),
  modelServices: z.array(
    z.object({ model: z.string(), version: z.string(), labels: LabelsSchema, metrics: z.record(z.string(), z.number()) }),
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
            min: z.number().int().optional(),
            max: z.number().int().optional(),
            required: z.boolean(),
          }),
        )
        .default([]),
      timeoutMs: z.number().int().optional(),
    }),
  ),
  events: z.array(AgentEventRowSchema),
});
export type FleetHostDetail = z.infer<typeof FleetHostDetailSchema>;

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

export const SeriesPointsSchema = z.object({
  range: z.enum(SERIES_RANGES),
  source: z.enum(['raw', '1m', '1h']),
  fromMs: z.number().int(),
  toMs: z.number().int(),
  points: z.array(z.tuple([z.number(), z.number()])), // [tsMs, value]; rollups give the bucket mean
});
export type SeriesPoints = z.infer<typeof SeriesPointsSchema>;

const empty = z.object({}).strict();
const ok = z.object({ done: z.literal(true) });

// ── Channels ─────────────────────────────────────────────────────────────────────────────────

/** 'public': no session needed; 'session': any signed-in operator; otherwise a permission. */
export type Access = 'public' | 'session' | Permission;

interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  access: Access;
  /** Allowed while the operator's session is locked for inactivity. */
  whileLocked?: true;
}

const channel = <I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  access: Access;
  whileLocked?: true;
}) => spec satisfies ChannelSpec;

export const channels = {
  'app.status': channel({ input: empty, output: AppStatusSchema, access: 'public' }),
  'setup.create': channel({
    input: z
      .object({
        siteName: name(120),
        timeZone: TimeZoneSchema.default('Asia/Dubai'),
        passphrase: PassphraseSchema,
        adminUsername: UsernameSchema,
        adminDisplayName: name(120),
        adminPassword: PasswordSchema,
      })
      .strict(),
    output: z.object({ recoveryKey: z.string() }),
    access: 'public',
  }),
  'store.unlock': channel({
    input: z.union([
      z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
      z.object({ recoveryKey: RecoveryKeySchema }).strict(),
    ]),
    output: ok,
    access: 'public',
  }),
  'auth.signIn': channel({
    input: z
      .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
      .strict(),
    output: SessionInfoSchema,
    access: 'public',
  }),
  'auth.signOut': channel({ input: empty, output: ok, access: 'session', whileLocked: true }),
  'auth.unlock': channel({
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    output: SessionInfoSchema,
    access: 'session',
    whileLocked: true,
  }),
  'auth.lock': channel({
    input: z.object({ reason: z.enum(['manual', 'inactivity']) }).strict(),
    output: ok,
    access: 'session',
    whileLocked: true,
  }),
  'auth.whoami': channel({
    input: empty,
    output: SessionInfoSchema,
    access: 'session',
    whileLocked: true,
  }),
  'auth.changePassword': channel({
    input: z.object({ current: z.string().min(1).max(256), next: PasswordSchema }).strict(),
    output: ok,
    access: 'session',
  }),
  'overview.get': channel({
    input: empty,
    output: z.object({
      siteName: z.string(),
      timeZone: z.string(),
      residency: z.string(),
      operatorCount: z.number().int(),
      activeSessions: z.number().int(),
      auditCount: z.number().int(),
      recentAudit: z.array(AuditEntrySchema), // empty when the role may not read the audit log
    }),
    access: 'overview.read',
  }),
  'audit.list': channel({
    input: z
      .object({
        text: z.string().max(200).optional(),
        action: z.string().max(100).optional(),
        actor: z.string().max(100).optional(),
        outcome: z.enum(AUDIT_OUTCOMES).optional(),
        beforeSeq: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: z.object({ entries: z.array(AuditEntrySchema), total: z.number().int() }),
    access: 'audit.read',
  }),
  'audit.verify': channel({ input: empty, output: VerifyReportSchema, access: 'audit.verify' }),
  'audit.export': channel({
    input: empty,
    output: z.object({
      directory: z.string(),
      files: z.array(z.string()),
      entries: z.number().int(),
      checkpoint: CheckpointSchema,
    }),
    access: 'audit.export',
  }),
  'operators.list': channel({
    input: empty,
    output: z.array(OperatorSchema),
    access: 'operators.read',
  }),
  'operators.create': channel({
    input: z
      .object({
        username: UsernameSchema,
        displayName: name(120),
        role: RoleSchema,
        password: PasswordSchema,
      })
      .strict(),
    output: OperatorSchema,
    access: 'operators.manage',
  }),
  'operators.setRole': channel({
    input: z.object({ username: UsernameSchema, role: RoleSchema }).strict(),
    output: OperatorSchema,
    access: 'operators.manage',
  }),
  'operators.setDisabled': channel({
    input: z.object({ username: UsernameSchema, disabled: z.boolean() }).strict(),
    output: OperatorSchema,
    access: 'operators.manage',
  }),
  'sessions.list': channel({
    input: empty,
    output: z.array(SessionRowSchema),
    access: 'sessions.read',
  }),
  'sessions.revoke': channel({
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: ok,
    access: 'sessions.manage',
  }),
  'settings.get': channel({ input: empty, output: SettingsSchema, access: 'settings.read' }),
  'settings.update': channel({
    input: z
      .object({
        siteName: name(120).optional(),
        timeZone: TimeZoneSchema.optional(),
        lockAfterMinutes: z.number().int().min(1).max(480).optional(),
      })
      .strict(),
    output: SettingsSchema,
    access: 'settings.manage',
  }),
  'store.changePassphrase': channel({
    input: z.object({ current: z.string().min(1).max(1024), next: PassphraseSchema }).strict(),
    output: ok,
    access: 'store.manage',
  }),
  'store.rotateKey': channel({
    // The site passphrase re-wraps the new key, so the admin must know it.
    input: z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
    output: z.object({ recoveryKey: z.string() }),
    access: 'store.manage',
  }),
  'fleet.list': channel({ input: empty, output: z.array(FleetHostSchema), access: 'fleet.read' }),
  'fleet.host': channel({
    input: z.object({ hostId: z.number().int().positive() }).strict(),
    output: FleetHostDetailSchema,
    access: 'fleet.read',
  }),
  'fleet.series': channel({
    input: z
      .object({
        hostId: z.number().int().positive(),
        metric: z.string().min(1).max(200),
        labels: LabelsSchema.default({}),
        range: z.enum(SERIES_RANGES),
        maxPoints: z.number().int().min(3).max(10_000).default(600),
      })
      .strict(),
    output: SeriesPointsSchema,
    access: 'fleet.read',
  }),
  'fleet.enrol': channel({
    input: z
      .object({
        address: z
          .string()
          .trim()
          .max(300)
          .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port, e.g. 10.0.4.17:7443'),
        pairingCode: z.string().trim().min(1).max(300),
        name: name(120),
        clusterId: z.number().int().positive(),
      })
      .strict(),
    output: FleetHostSchema,
    access: 'fleet.manage',
  }),
  'fleet.revoke': channel({
    input: z.object({ hostId: z.number().int().positive() }).strict(),
    output: ok,
    access: 'fleet.manage',
  }),
  'fleet.runAction': channel({
    input: z
      .object({
        hostId: z.number().int().positive(),
        action: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'an action name the agent declares'),
        params: z.record(z.string().max(64), z.union([z.string().max(1024), z.number(), z.boolean()])).default({}),
      })
      .strict(),
    output: ActionResultSchema,
    access: 'fleet.act',
  }),
  /** Starts a simulated fleet inside the console and enrols it (marked SIMULATED everywhere). */
  'fleet.startDemo': channel({
    input: z
      .object({
        hosts: z.number().int().min(1).max(50).default(6),
        gpusPerHost: z.number().int().min(1).max(8).default(8),
      })
      .strict(),
    output: z.object({ hosts: z.number().int(), clusterId: z.number().int() }),
    access: 'fleet.manage',
  }),
  /** Breaks something on the demo site for a while (drills and demos only; never a real host). */
  'fleet.demoFault': channel({ input: FaultSpecSchema, output: ok, access: 'fleet.manage' }),
  'fleet.clusters': channel({ input: empty, output: z.array(ClusterSchema), access: 'fleet.read' }),
  'fleet.createCluster': channel({
    input: z
      .object({
        name: name(120),
        site: z.string().trim().max(120).default(''),
        kind: z.enum(CLUSTER_KINDS),
        labels: LabelsSchema.default({}),
      })
      .strict(),
    output: ClusterSchema,
    access: 'fleet.manage',
  }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

// ── Pushed events (backend → renderer) ────────────────────────────────────────────────────────

export const events = {
  'audit.changed': z.object({ seq: z.number().int() }),
  'operators.changed': z.object({}),
  'sessions.changed': z.object({}),
  'settings.changed': SettingsSchema,
  'session.locked': z.object({ reason: z.enum(['inactivity', 'revoked', 'signed-out']) }),
  /** Coalesced: at most one every 500 ms, naming the hosts whose state or signals changed. */
  'fleet.changed': z.object({ hostIds: z.array(z.number().int()) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

// ── Results cross the boundary as data ───────────────────────────────────────────────────────

export const ERROR_CODES = [
  'BAD_REQUEST', // input failed validation, or an unknown channel
  'UNAUTHENTICATED', // no signed-in session
  'SESSION_LOCKED', // session locked for inactivity: sign in again with the password
  'FORBIDDEN', // the role may not do this
  'STORE_UNINITIALISED',
  'STORE_LOCKED',
  'WRONG_KEY', // wrong passphrase or recovery key
  'INVALID_CREDENTIALS',
  'CONFLICT',
  'NOT_FOUND',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The surface both shells give the renderer (preload's window.mirqab and the web host bridge). */
export interface MirqabBridge {
  invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wire frames of the web host's WebSocket bridge. */
export const HostRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown(),
});
export type HostRequest = z.infer<typeof HostRequestSchema>;
export type HostFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'error'; error: ApiError };
