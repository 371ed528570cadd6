// Incident history as evidence about versions: an incident on a model service marks suspect the
// version that arrived by deploy on a host within the suspect window before the incident started
// (a version that came back by rollback had served before, and is left alone).
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';
import { arrivalRows, findVersion } from './repository.ts';
import { markSuspect, versionPolicy, type Marker } from './versions.ts';

/** Alerts start from sample times, a deploy is recorded when its result arrives: allow for the gap. */
const ARRIVAL_SLACK_MS = 2 * MINUTE_MS;

export interface SuspectVersion {
  version: string;
  hostName: string | null;
  deployedAtMs: number;
}

/** The versions an incident that started at `startedAtMs` on `model` (on `hostName`, if named) points at. */
export function suspectVersionsAt(
  db: ReadableDb,
  model: string,
  hostName: string | null,
  startedAtMs: number,
): SuspectVersion[] {
  const { suspectWindowMs } = versionPolicy(db);
  const latest = new Map<number | null, ReturnType<typeof arrivalRows>[number]>();
  for (const a of arrivalRows(db, model, null)) {
    if (hostName !== null && a.hostName !== hostName) continue;
    if (Date.parse(a.at) <= startedAtMs + ARRIVAL_SLACK_MS) latest.set(a.hostId, a);
  }
  const out: SuspectVersion[] = [];
  for (const a of latest.values()) {
    const atMs = Date.parse(a.at);
    if (a.kind !== 'deployed' || atMs < startedAtMs - suspectWindowMs) continue;
    if (!out.some((s) => s.version === a.version))
      out.push({ version: a.version, hostName: a.hostName, deployedAtMs: atMs });
  }
  return out;
}

/** Marks suspect what suspectVersionsAt finds (versions already suspect are left as they are). */
export function markSuspectFromIncident(
  db: WritableDb,
  input: {
    model: string;
    hostName: string | null;
    startedAtMs: number;
    incidentId: number;
    now: Date;
    by: Marker;
  },
): SuspectVersion[] {
  const found = suspectVersionsAt(db, input.model, input.hostName, input.startedAtMs).filter(
    (s) => findVersion(db, input.model, s.version)?.state !== 'suspect',
  );
  for (const s of found) {
    const minutes = Math.max(0, Math.round((input.startedAtMs - s.deployedAtMs) / MINUTE_MS));
    const where = s.hostName ? ` on ${s.hostName}` : '';
    markSuspect(
      db,
      input.model,
      s.version,
      `Incident #${input.incidentId} started ${minutes} min after version ${s.version} was deployed${where}.`,
      input.now,
      input.by,
      input.incidentId,
    );
  }
  return found;
}
