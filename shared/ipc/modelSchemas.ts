// Model versions as the API shows them: what runs where, which version is last known good, which
// are suspect, and the history of changes (deploys, rollbacks, marks). Times are ISO 8601, UTC.
import { z } from 'zod';

export const VERSION_STATES = ['known_good', 'suspect', 'unknown'] as const;
export type VersionState = (typeof VERSION_STATES)[number];
/** reported: first seen on a host; deployed / rolled_back: a version arrived where another ran. */
export const VERSION_CHANGE_KINDS = [
  'reported',
  'deployed',
  'rolled_back',
  'marked_good',
  'marked_suspect',
] as const;
export const VERSION_CHANGE_SOURCES = [
  'agent',
  'deploy_action',
  'rollback_action',
  'operator',
  'incident',
] as const;

/** A model name or version as agents report them in labels. */
export const ModelNameSchema = z.string().trim().min(1).max(200);
export const ModelVersionSchema = z.string().trim().min(1).max(128);

export const VersionChangeSchema = z.object({
  id: z.number().int(),
  model: z.string(),
  /** Null for a mark, which is about the version everywhere. */
  hostId: z.number().int().nullable(),
  hostName: z.string().nullable(),
  kind: z.enum(VERSION_CHANGE_KINDS),
  source: z.enum(VERSION_CHANGE_SOURCES),
  version: z.string(),
  fromVersion: z.string().nullable(),
  actor: z.string().nullable(),
  reason: z.string().nullable(),
  incidentId: z.number().int().nullable(),
  at: z.string(),
});
export type VersionChange = z.infer<typeof VersionChangeSchema>;

export const LastKnownGoodSchema = z.object({ version: z.string(), since: z.string() });

export const CurrentVersionSchema = z.object({
  hostId: z.number().int(),
  hostName: z.string(),
  version: z.string(),
  /** When this version (last) arrived on the host. */
  since: z.string(),
});
export type CurrentVersion = z.infer<typeof CurrentVersionSchema>;

export const ModelVersionInfoSchema = z.object({
  version: z.string(),
  state: z.enum(VERSION_STATES),
  /** Known good by the soak rule (served the soak period with no incident), not by a mark. */
  isSoaked: z.boolean(),
  stateReason: z.string().nullable(),
  stateBy: z.string().nullable(),
  stateAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Hosts running it now. */
  hosts: z.number().int(),
});
export type ModelVersionInfo = z.infer<typeof ModelVersionInfoSchema>;

export const VersionPolicySchema = z.object({
  /** A version that served this long with no incident is known good. */
  soakMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  /** An incident marks suspect a version deployed at most this long before it started. */
  suspectWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
});
export type VersionPolicy = z.infer<typeof VersionPolicySchema>;

export const ModelServiceSummarySchema = z.object({
  model: z.string(),
  currentVersions: z.array(z.string()),
  hosts: z.number().int(),
  lastKnownGood: LastKnownGoodSchema.nullable(),
  suspectVersions: z.array(z.string()),
  lastChangeAt: z.string().nullable(),
});
export type ModelServiceSummary = z.infer<typeof ModelServiceSummarySchema>;

export const ModelVersionsDetailSchema = z.object({
  model: z.string(),
  current: z.array(CurrentVersionSchema),
  lastKnownGood: LastKnownGoodSchema.nullable(),
  versions: z.array(ModelVersionInfoSchema),
  /** Newest first. */
  history: z.array(VersionChangeSchema),
  policy: VersionPolicySchema,
});
export type ModelVersionsDetail = z.infer<typeof ModelVersionsDetailSchema>;
