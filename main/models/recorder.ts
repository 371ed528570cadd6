// Learns model versions from what agents report and what the console did: each committed telemetry
// batch (series labelled {model, version}) and each finished deploy_model_version / rollback_model.
// A version that appears on a host where another ran is a change; the same version reported again
// only moves its last-seen time (written at most every WRITE_EVERY_MS, at once when a change lands).
import type { Sample } from '../../shared/agent-protocol/index.ts';
import type { VersionChange } from '../../shared/ipc/modelSchemas.ts';
import { MINUTE_MS, SECOND_MS } from '../../shared/domain/time.ts';
import type { WritableDb } from '../store/types.ts';
import {
  claimChange,
  ensureVersion,
  hostModelRows,
  insertChange,
  recentArrival,
  upsertHostVersion,
} from './repository.ts';

const MODEL_LABELS = ['model', 'model_name'];
const VERSION_LABELS = ['version', 'model_version'];
const WRITE_EVERY_MS = 15 * SECOND_MS;
/** An action's result claims the change telemetry reported this recently for the same version. */
const CLAIM_WINDOW_MS = 5 * MINUTE_MS;

/** The agent actions that change a model's version, and how each names the change. */
export const VERSION_ACTIONS = {
  deploy_model_version: { kind: 'deployed', source: 'deploy_action' },
  rollback_model: { kind: 'rolled_back', source: 'rollback_action' },
} as const satisfies Record<string, Pick<VersionChange, 'kind' | 'source'>>;

interface Seen {
  version: string;
  firstSeen: number;
  arrivedAt: number;
  lastSeen: number;
  written: number;
}
/** One host's versions of one model, by version. */
type View = Map<string, Seen>;

export interface ActionFinished {
  hostId: number;
  action: string;
  params: Record<string, string | number | boolean>;
  status: string;
  actor: { username: string; role: string };
  now: Date;
}

function pick(labels: Record<string, string>, names: readonly string[]): string | undefined {
  for (const name of names) if (labels[name] !== undefined) return labels[name];
  return undefined;
}

/** Whether `seen` came back at `t`: another version arrived after it was last seen, by then. */
const isReturn = (view: View, seen: Seen, t: number) =>
  [...view.values()].some((s) => s !== seen && s.arrivedAt > seen.lastSeen && s.arrivedAt <= t);

function latestArrival(view: View, where: (s: Seen) => boolean = () => true): Seen | undefined {
  let latest: Seen | undefined;
  for (const s of view.values())
    if (where(s) && (!latest || s.arrivedAt > latest.arrivedAt)) latest = s;
  return latest;
}

export class ModelVersionRecorder {
  /** Per store connection: `${hostId}\u0001${model}` → that host's versions. */
  private readonly views = new WeakMap<WritableDb, Map<string, View>>();

  /** A committed batch: returns the models whose version changed on the host. */
  recordSamples(db: WritableDb, hostId: number, samples: readonly Sample[]): string[] {
    const byModel = new Map<string, Map<string, { from: number; to: number }>>();
    for (const s of samples) {
      const model = pick(s.labels, MODEL_LABELS);
      const version = model === undefined ? undefined : pick(s.labels, VERSION_LABELS);
      if (model === undefined || version === undefined || version === '') continue;
      let versions = byModel.get(model);
      if (!versions)
        byModel.set(model, (versions = new Map<string, { from: number; to: number }>()));
      const span = versions.get(version);
      if (!span) versions.set(version, { from: s.tsMs, to: s.tsMs });
      else {
        span.from = Math.min(span.from, s.tsMs);
        span.to = Math.max(span.to, s.tsMs);
      }
    }
    const changed: string[] = [];
    for (const [model, versions] of byModel) {
      const view = this.viewOf(db, hostId, model);
      const arrivals: [string, number, number][] = [];
      // Versions still running first, so one that runs beside a newcomer is not taken for a return.
      for (const [version, span] of versions) {
        const seen = view.get(version);
        if (seen && !isReturn(view, seen, span.to))
          seen.lastSeen = Math.max(seen.lastSeen, span.to);
        else arrivals.push([version, span.from, span.to]);
      }
      for (const [version, from, to] of arrivals) {
        this.arrive(db, view, { hostId, model, version, atMs: from, lastMs: to }, null);
        changed.push(model);
      }
      for (const seen of view.values())
        if (seen.lastSeen - seen.written >= WRITE_EVERY_MS) this.write(db, hostId, model, seen);
    }
    return changed;
  }

  /** A finished action: a successful deploy or rollback is a change, with who asked for it. */
  recordAction(db: WritableDb, finished: ActionFinished): string | null {
    const how = VERSION_ACTIONS[finished.action as keyof typeof VERSION_ACTIONS];
    const { model, version: value } = finished.params;
    // A real agent may declare the version an integer parameter; labels carry it as text.
    const version = typeof value === 'number' ? String(value) : value;
    if (
      !how ||
      finished.status !== 'ok' ||
      typeof model !== 'string' ||
      typeof version !== 'string'
    )
      return null;
    const nowMs = finished.now.getTime();
    const claim = { ...how, actor: finished.actor.username, reason: null };
    const view = this.viewOf(db, finished.hostId, model);
    const seen = view.get(version);
    // Telemetry already showed the version arrive (its result came later): the action claims that change.
    if (seen && seen === latestArrival(view) && seen.arrivedAt >= nowMs - CLAIM_WINDOW_MS) {
      const reported = recentArrival(db, finished.hostId, model, version, seen.arrivedAt);
      if (reported?.source === 'agent') claimChange(db, reported.id, claim);
      return model;
    }
    // The change came after every reading already in: a reading taken at this same instant is older.
    const atMs = Math.max(nowMs, ...[...view.values()].map((s) => s.lastSeen + 1));
    this.arrive(db, view, { hostId: finished.hostId, model, version, atMs, lastMs: atMs }, claim);
    return model;
  }

  private arrive(
    db: WritableDb,
    view: View,
    at: { hostId: number; model: string; version: string; atMs: number; lastMs: number },
    claim: Pick<VersionChange, 'kind' | 'source' | 'actor' | 'reason'> | null,
  ): void {
    const { hostId, model, version, atMs } = at;
    const previous = latestArrival(view, (s) => s.version !== version && s.arrivedAt <= atMs);
    const kind = view.size === 0 ? 'reported' : view.has(version) ? 'rolled_back' : 'deployed';
    const seen = view.get(version) ?? {
      version,
      firstSeen: atMs,
      arrivedAt: atMs,
      lastSeen: at.lastMs,
      written: 0,
    };
    seen.firstSeen = Math.min(seen.firstSeen, atMs);
    seen.arrivedAt = atMs;
    seen.lastSeen = Math.max(seen.lastSeen, at.lastMs);
    view.set(version, seen);
    db.transaction(() => {
      // Every version's true last sighting is written first, so readers see who was superseded.
      for (const other of view.values()) this.write(db, hostId, model, other);
      ensureVersion(db, model, version, seen.firstSeen);
      insertChange(db, {
        model,
        hostId,
        kind: claim?.kind ?? kind,
        source: claim?.source ?? 'agent',
        version,
        fromVersion: previous?.version ?? null,
        actor: claim?.actor ?? null,
        reason: claim?.reason ?? null,
        incidentId: null,
        atMs,
      });
    })();
  }

  private write(db: WritableDb, hostId: number, model: string, seen: Seen): void {
    upsertHostVersion(db, {
      model,
      host_id: hostId,
      version: seen.version,
      first_seen_at: seen.firstSeen,
      arrived_at: seen.arrivedAt,
      last_seen_at: seen.lastSeen,
    });
    seen.written = seen.lastSeen;
  }

  private viewOf(db: WritableDb, hostId: number, model: string): View {
    let views = this.views.get(db);
    if (!views) this.views.set(db, (views = new Map<string, View>()));
    const key = `${hostId}\u0001${model}`;
    let view = views.get(key);
    if (!view) {
      view = new Map(
        hostModelRows(db, hostId, model).map((r) => [
          r.version,
          {
            version: r.version,
            firstSeen: r.first_seen_at,
            arrivedAt: r.arrived_at,
            lastSeen: r.last_seen_at,
            written: r.last_seen_at,
          },
        ]),
      );
      views.set(key, view);
    }
    return view;
  }

  /** Writes every last-seen time not yet written (before the store closes). */
  flush(db: WritableDb): void {
    const views = this.views.get(db);
    if (!views) return;
    db.transaction(() => {
      for (const [key, view] of views) {
        const [hostId, model] = key.split('\u0001') as [string, string];
        for (const seen of view.values())
          if (seen.lastSeen > seen.written) this.write(db, Number(hostId), model, seen);
      }
    })();
  }
}
