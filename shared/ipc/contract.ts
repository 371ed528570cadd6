// The single source of truth for the renderer ↔ backend API: every channel's input and output
// schema and the permission it needs, plus the events the backend pushes. No channel string
// appears anywhere else.
import { z } from 'zod';
import { channel } from './channel.ts';
import { sloChannels, sloEvents } from './sloChannels.ts';
import { incidentChannels, incidentEvents } from './incidentChannels.ts';
import { oncallChannels, oncallEvents } from './oncallChannels.ts';
import { notifyChannels, notifyEvents } from './notifyChannels.ts';
import { alertRuleChannels } from './alertRuleChannels.ts';
import { modelChannels, modelEvents } from './modelChannels.ts';
import { runbookChannels, runbookEvents } from './runbookChannels.ts';
import { postmortemChannels, postmortemEvents } from './postmortemChannels.ts';
import { drillChannels, drillEvents } from './drillChannels.ts';
import { experimentChannels, experimentEvents } from './experimentChannels.ts';
import { governanceChannels, governanceEvents } from './governanceChannels.ts';
import { driftChannels, driftEvents } from './driftChannels.ts';
import { telemetryStorageChannels, telemetryStorageEvents } from './telemetryStorageChannels.ts';
import { FaultSpecSchema } from '../domain/faults.ts';
import {
  RoleSchema,
  UsernameSchema,
  PasswordSchema,
  PassphraseSchema,
  RecoveryKeySchema,
  TimeZoneSchema,
  OperatorSchema,
  SessionInfoSchema,
  SettingsSchema,
  AppStatusSchema,
  AUDIT_OUTCOMES,
  AuditEntrySchema,
  CheckpointSchema,
  VerifyReportSchema,
  SessionRowSchema,
  LOCKOUT_SCOPES,
  LockoutSchema,
  CLUSTER_KINDS,
  SERIES_RANGES,
  LabelsSchema,
  ClusterSchema,
  FleetHostSchema,
  FleetHostDetailSchema,
  ActionResultSchema,
  SeriesPointsSchema,
  BUCKET_VALUES,
  FleetGpuSchema,
  boundedName,
} from './schemas.ts';

export * from './schemas.ts';
export * from './sloSchemas.ts';
export * from './incidentSchemas.ts';
export * from './oncallSchemas.ts';
export * from './notifySchemas.ts';
export * from './modelSchemas.ts';
export * from './runbookSchemas.ts';
export * from './postmortemSchemas.ts';
export * from './governanceSchemas.ts';
export type { TelemetryStorage } from './telemetryStorageChannels.ts';

const empty = z.object({}).strict();
const ok = z.object({ done: z.literal(true) });

// ── Channels ─────────────────────────────────────────────────────────────────────────────────

export type { Access } from './channel.ts';

export const channels = {
  'app.status': channel({ input: empty, output: AppStatusSchema, access: 'public' }),
  'setup.create': channel({
    input: z
      .object({
        siteName: boundedName(120),
        timeZone: TimeZoneSchema.default('Asia/Dubai'),
        passphrase: PassphraseSchema,
        adminUsername: UsernameSchema,
        adminDisplayName: boundedName(120),
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
        displayName: boundedName(120),
        role: RoleSchema,
        password: PasswordSchema,
      })
      .strict(),
    output: OperatorSchema,
    access: 'operators.manage',
  }),
  /** Sets a temporary password for another operator, ends their sessions and makes them choose a new one at sign-in. */
  'operators.resetPassword': channel({
    input: z.object({ username: UsernameSchema, password: PasswordSchema }).strict(),
    output: ok,
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
  /** Accounts, clients and the store passphrase currently held back after failed attempts. */
  'operators.lockouts': channel({
    input: empty,
    output: z.array(LockoutSchema),
    access: 'operators.read',
  }),
  'operators.clearLockout': channel({
    input: z
      .object({ scope: z.enum(LOCKOUT_SCOPES), id: z.string().trim().min(1).max(200) })
      .strict(),
    output: ok,
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
  /** A new one-time sign-in link for the browser console (shown once; browser mode only). */
  'sessions.issueLink': channel({
    input: empty,
    output: z.object({ url: z.string(), expiresAt: z.string() }),
    access: 'sessions.manage',
  }),
  'settings.get': channel({ input: empty, output: SettingsSchema, access: 'settings.read' }),
  'settings.update': channel({
    input: z
      .object({
        siteName: boundedName(120).optional(),
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
        bucketValue: z.enum(BUCKET_VALUES).default('mean'),
      })
      .strict(),
    output: SeriesPointsSchema,
    access: 'fleet.read',
  }),
  /** Every GPU's latest reading (one cluster's, or the whole fleet's) in one call, for the heatmaps. */
  'fleet.gpus': channel({
    input: z.object({ clusterId: z.number().int().positive().optional() }).strict(),
    output: z.array(FleetGpuSchema),
    access: 'fleet.read',
  }),
  'fleet.enrol': channel({
    input: z
      .object({
        address: z
          .string()
          .trim()
          .max(300)
          .regex(
            /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/,
            'must be host:port, e.g. 10.0.4.17:7443',
          ),
        pairingCode: z.string().trim().min(1).max(300),
        name: boundedName(120),
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
        params: z
          .record(z.string().max(64), z.union([z.string().max(1024), z.number(), z.boolean()]))
          .default({}),
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
  /** Stops the demo site and deletes its simulated hosts, clusters and telemetry (admins; audited). */
  'fleet.removeDemo': channel({
    input: empty,
    output: z.object({ hosts: z.number().int(), clusters: z.number().int() }),
    access: 'fleet.manage',
  }),
  /** Breaks something on the demo site for a while (drills and demos only; never a real host). */
  'fleet.demoFault': channel({ input: FaultSpecSchema, output: ok, access: 'fleet.manage' }),
  'fleet.clusters': channel({ input: empty, output: z.array(ClusterSchema), access: 'fleet.read' }),
  /** Telemetry storage: whether a store written a row per sample is still being converted, and how far. */
  'fleet.storageStatus': channel({
    input: empty,
    output: z.object({
      converting: z.boolean(),
      seriesDone: z.number().int(),
      seriesTotal: z.number().int(),
      loggedSamples: z.number().int(),
      /** Backpressure: intake pauses (agents keep their batches) while the unfolded log is over its bound. */
      intake: z
        .object({
          paused: z.boolean(),
          pauses: z.number().int(),
          pausedMs: z.number(),
          unfoldedSamples: z.number().int(),
          maxUnfoldedSamples: z.number().int(),
        })
        .nullable(),
    }),
    access: 'fleet.read',
  }),
  'fleet.createCluster': channel({
    input: z
      .object({
        name: boundedName(120),
        site: z.string().trim().max(120).default(''),
        kind: z.enum(CLUSTER_KINDS),
        labels: LabelsSchema.default({}),
      })
      .strict(),
    output: ClusterSchema,
    access: 'fleet.manage',
  }),

  ...sloChannels,
  ...incidentChannels,
  ...oncallChannels,
  ...notifyChannels,
  ...alertRuleChannels,
  ...modelChannels,
  ...runbookChannels,
  ...postmortemChannels,
  ...drillChannels,
  ...experimentChannels,
  ...governanceChannels,
  ...driftChannels,
  ...telemetryStorageChannels,
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
  ...sloEvents,
  ...incidentEvents,
  ...oncallEvents,
  ...notifyEvents,
  ...modelEvents,
  ...driftEvents,
  ...runbookEvents,
  ...postmortemEvents,
  ...drillEvents,
  ...experimentEvents,
  ...governanceEvents,
  ...telemetryStorageEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

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
  'WRONG_CURRENT_PASSWORD', // changing one's own password: the current one given is wrong
  'WEAK_PASSWORD', // a new password too easy to guess
  'PASSWORD_CHANGE_REQUIRED', // signed in with a temporary password: set a new one first
  'TOO_MANY_ATTEMPTS', // too many wrong secrets: wait until the time the message names (never permanent)
  'CONFLICT',
  'NOT_FOUND',
  'SIMULATED_DATA_ONLY', // a real report asked for where only simulated (demo) hosts have data
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** TOO_MANY_ATTEMPTS: when the next attempt will be accepted (ISO 8601, UTC). */
  retryAt?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The surface both shells give the renderer (preload's window.mirqab and the web host bridge). */
export interface MirqabBridge {
  invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>>;
  subscribe<E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ): () => void;
}
