// What the console knows about a model service's versions: which runs where now, which was last
// known good, and marks by operators and incidents (each audited). The rules, for operators:
// - current: on each host, the versions reported since the last arrival of another version there;
// - known good: marked good by a person, or served the soak period on some host without being
//   marked suspect (an incident marks suspect a version deployed within the window before it);
// - last known good: of those, the one that served most recently.
import type {
  CurrentVersion,
  ModelVersionInfo,
  VersionChange,
  VersionPolicy,
} from '../../shared/ipc/modelSchemas.ts';
import { HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';
import { auditBy } from '../audit/index.ts';
import { DomainError } from '../core/errors.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import {
  arrivalRows,
  changeRows,
  findVersion,
  hostVersionRows,
  insertChange,
  policyRow,
  setVersionState,
  versionRows,
  type HostVersionRow,
  type PolicyRow,
} from './repository.ts';

export const DEFAULT_VERSION_POLICY: PolicyRow = { soakMs: HOUR_MS, suspectWindowMs: HOUR_MS };
/** A version not reported for this long while others were is no longer counted as running. */
export const STALE_MS = 10 * MINUTE_MS;
/** Marks the console makes itself (an incident's suspect mark). */
export const MODELS_SYSTEM_ACTOR = { username: 'system:models', role: 'system' } as const;

export type { VersionChange } from '../../shared/ipc/modelSchemas.ts';
export interface Marker {
  username: string;
  role: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function versionPolicy(db: ReadableDb): PolicyRow {
  return policyRow(db) ?? DEFAULT_VERSION_POLICY;
}

export function policyForApi(db: ReadableDb): VersionPolicy {
  const p = versionPolicy(db);
  return {
    soakMinutes: Math.round(p.soakMs / MINUTE_MS),
    suspectWindowMinutes: Math.round(p.suspectWindowMs / MINUTE_MS),
  };
}

/** Of one host's rows, those still running: none arrived after it was last seen, and not stale. */
function runningOf(rows: readonly HostVersionRow[]): HostVersionRow[] {
  const newest = Math.max(...rows.map((r) => r.last_seen_at));
  return rows.filter(
    (r) =>
      r.last_seen_at >= newest - STALE_MS &&
      !rows.some((s) => s !== r && s.arrived_at > r.last_seen_at),
  );
}

function byHost(rows: readonly HostVersionRow[]): Map<number, HostVersionRow[]> {
  const hosts = new Map<number, HostVersionRow[]>();
  for (const r of rows) hosts.set(r.host_id, [...(hosts.get(r.host_id) ?? []), r]);
  return hosts;
}

/** The version(s) each host runs now (several where a server serves more than one). */
export function currentVersions(db: ReadableDb, model: string): CurrentVersion[] {
  const out: CurrentVersion[] = [];
  for (const rows of byHost(hostVersionRows(db, model)).values())
    for (const r of runningOf(rows))
      out.push({
        hostId: r.host_id,
        hostName: r.host_name,
        version: r.version,
        since: iso(r.arrived_at),
      });
  return out.sort(
    (a, b) =>
      a.hostName.localeCompare(b.hostName, 'en', { numeric: true }) ||
      a.version.localeCompare(b.version),
  );
}

/** When each version first completed the soak period on some host (absent: never). */
function soakedAt(db: ReadableDb, model: string, soakMs: number): Map<string, number> {
  const hostRows = hostVersionRows(db, model);
  const lastSeen = new Map(hostRows.map((r) => [`${r.host_id}\u0001${r.version}`, r.last_seen_at]));
  const soaked = new Map<string, number>();
  const arrivals = arrivalRows(db, model, null);
  arrivals.forEach((a, i) => {
    const startMs = Date.parse(a.at);
    const next = arrivals
      .slice(i + 1)
      .find((b) => b.hostId === a.hostId && b.version !== a.version);
    const endMs = next
      ? Date.parse(next.at)
      : (lastSeen.get(`${a.hostId}\u0001${a.version}`) ?? startMs);
    if (endMs - startMs < soakMs) return;
    const at = startMs + soakMs;
    soaked.set(a.version, Math.min(soaked.get(a.version) ?? at, at));
  });
  return soaked;
}

/** Every version of a model with its state and whether the soak rule counts it good. */
export function versionInfos(db: ReadableDb, model: string): ModelVersionInfo[] {
  const soaked = soakedAt(db, model, versionPolicy(db).soakMs);
  const hostRows = hostVersionRows(db, model);
  const running = [...byHost(hostRows).values()].flatMap(runningOf);
  return versionRows(db, model).map((v) => {
    const mine = hostRows.filter((r) => r.version === v.version);
    const isSoaked = v.state !== 'suspect' && soaked.has(v.version);
    return {
      version: v.version,
      state: v.state === 'unknown' && isSoaked ? 'known_good' : v.state,
      isSoaked: isSoaked && v.state !== 'known_good',
      stateReason: v.state_reason,
      stateBy: v.state_by,
      stateAt: v.state_at === null ? null : iso(v.state_at),
      firstSeenAt: iso(v.first_seen_at),
      lastSeenAt: iso(Math.max(v.first_seen_at, ...mine.map((r) => r.last_seen_at))),
      hosts: running.filter((r) => r.version === v.version).length,
    };
  });
}

/**
 * The version to roll back to: the known-good version (marked good, or soaked with no suspect mark)
 * that served most recently; `since` is when it became known good. Null when none is.
 */
export function lastKnownGood(
  db: ReadableDb,
  model: string,
): { version: string; since: string } | null {
  const soaked = soakedAt(db, model, versionPolicy(db).soakMs);
  const hostRows = hostVersionRows(db, model);
  let best: { version: string; sinceMs: number; lastMs: number } | null = null;
  for (const v of versionRows(db, model)) {
    if (v.state === 'suspect') continue;
    const sinceMs =
      v.state === 'known_good' ? (v.state_at ?? v.first_seen_at) : soaked.get(v.version);
    if (sinceMs === undefined) continue;
    const lastMs = Math.max(
      v.first_seen_at,
      ...hostRows.filter((r) => r.version === v.version).map((r) => r.last_seen_at),
    );
    if (!best || lastMs > best.lastMs || (lastMs === best.lastMs && sinceMs > best.sinceMs))
      best = { version: v.version, sinceMs, lastMs };
  }
  return best && { version: best.version, since: iso(best.sinceMs) };
}

/** The model's version history, newest first: arrivals on hosts and marks. */
export function versionHistory(db: ReadableDb, model: string): VersionChange[] {
  return changeRows(db, model);
}

function mark(
  db: WritableDb,
  input: {
    model: string;
    version: string;
    state: 'known_good' | 'suspect';
    reason: string;
    by: Marker;
    now: Date;
    incidentId: number | null;
  },
): void {
  const { model, version, state, reason, by, now, incidentId } = input;
  db.transaction(() => {
    if (!findVersion(db, model, version))
      throw new DomainError(
        'NOT_FOUND',
        `The console has not seen version "${version}" of model "${model}".`,
      );
    setVersionState(db, model, version, state, reason, by.username, now.getTime());
    insertChange(db, {
      model,
      hostId: null,
      kind: state === 'suspect' ? 'marked_suspect' : 'marked_good',
      source: incidentId !== null ? 'incident' : 'operator',
      version,
      fromVersion: null,
      actor: by.username,
      reason,
      incidentId,
      atMs: now.getTime(),
    });
    auditBy(
      db,
      by,
      {
        action: state === 'suspect' ? 'models.markSuspect' : 'models.markGood',
        target: `model:${model}`,
        outcome: 'success',
        details: { version, reason, ...(incidentId !== null ? { incidentId } : {}) },
      },
      now,
    );
  })();
}

/** Marks a version suspect (never offered as a rollback target until marked good again); audited. */
export function markSuspect(
  db: WritableDb,
  model: string,
  version: string,
  reason: string,
  now: Date,
  by: Marker = MODELS_SYSTEM_ACTOR,
  incidentId: number | null = null,
): void {
  mark(db, { model, version, state: 'suspect', reason, by, now, incidentId });
}

/** Marks a version known good by a person's word, whatever the soak rule says; audited. */
export function markKnownGood(
  db: WritableDb,
  model: string,
  version: string,
  by: Marker,
  reason: string,
  now: Date,
): void {
  mark(db, { model, version, state: 'known_good', reason, by, now, incidentId: null });
}
