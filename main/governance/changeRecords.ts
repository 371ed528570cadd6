// Change records: every change to a model in production (ship a variant, roll back, promote a
// retrained version, deploy, change a threshold) with who requested and who approved it (four eyes:
// never the requester), its evidence, exact versions and config, a reproducibility record and its
// outcome. Each step is appended to the audit trail in the same transaction, carrying the record's
// SHA-256, so the hash chain vouches for the record. Experiments, retraining and the agent's deploy
// and rollback results all come through `propose` / `observe`.
import type {
  ChangeKind,
  ChangeProposal,
  ChangeRecord,
  ChangeSource,
  Evidence,
} from '../../shared/ipc/governanceSchemas.ts';
import { auditBy } from '../audit/index.ts';
import { canonicalJson, sha256Hex } from '../audit/entryHash.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import { currentVersions } from '../models/index.ts';
import type { WritableDb } from '../store/types.ts';
import {
  awaitingOutcome,
  changesOfVersion,
  digestsOf,
  findChange,
  insertChange,
  listChanges,
  putDecision,
  putOutcome,
  putReproducibility,
  runningRunbookStep,
  type VersionDigests,
} from './changeRepository.ts';

export interface ChangeActor {
  username: string;
  role: string;
}

/** What a caller (the experiments service, retraining, an operator) asks to change. */
export interface ChangeRequest extends ChangeProposal {
  source?: ChangeSource;
  evidence?: Evidence | null;
}

export interface ChangeRecordsOptions {
  store: () => WritableDb;
  clock: Clock;
  events: EventBus;
}

/** The change record `id`, or NOT_FOUND. */
function existingChange(db: WritableDb, id: number): ChangeRecord {
  const record = findChange(db, id);
  if (!record) throw new DomainError('NOT_FOUND', `There is no change record ${id}.`);
  return record;
}

export class ChangeRecords {
  constructor(private readonly options: ChangeRecordsOptions) {}

  list(): ChangeRecord[] {
    return listChanges(this.options.store());
  }

  get(id: number): ChangeRecord {
    return existingChange(this.options.store(), id);
  }

  /** A change asked for ahead of time: waits for a second person's approval. */
  propose(request: ChangeRequest, by: ChangeActor): ChangeRecord {
    const db = this.options.store();
    const id = db.transaction(() => this.insert(db, request, by, false, 'pending'))();
    this.announce(id);
    return this.get(id);
  }

  /**
   * A change the agent reported done (a deploy or rollback run from a runbook or a host's actions):
   * it settles an approved record waiting for it, or becomes a retrospective record for review.
   */
  observe(
    db: WritableDb,
    change: {
      model: string;
      kind: ChangeKind;
      fromVersion: string | null;
      toVersion: string;
      host: string;
      hostId: number;
      action: string;
    },
    by: ChangeActor,
  ): number {
    const nowMs = this.options.clock.now().getTime();
    const waiting = awaitingOutcome(db, change.model).find(
      (c) => c.toVersion === change.toVersion && c.approval === 'approved',
    );
    if (waiting) {
      this.settle(
        db,
        waiting.id,
        'applied',
        `${change.toVersion} running on ${change.host}`,
        by,
        nowMs,
      );
      return waiting.id;
    }
    const step = runningRunbookStep(db, change.hostId, change.action, by.username);
    const done = change.kind === 'rollback' ? 'Rolled back' : 'Deployed';
    const request: ChangeRequest = {
      model: change.model,
      kind: change.kind,
      fromVersion: change.fromVersion,
      toVersion: change.toVersion,
      config: step
        ? { host: change.host, runbookRun: step.runId, incident: step.incidentId }
        : { host: change.host },
      reason: step
        ? `${done} on ${change.host} by ${by.username}, runbook run #${step.runId} for incident #${step.incidentId}`
        : `${done} on ${change.host} by ${by.username}`,
      requestId: null,
      source: step ? 'runbook' : 'agent_action',
    };
    return this.insert(db, request, by, true, 'applied');
  }

  /** Four eyes: a second person with the approval permission approves or rejects, with a reason. */
  decide(
    id: number,
    decision: 'approved' | 'rejected',
    reason: string,
    by: ChangeActor,
  ): ChangeRecord {
    const db = this.options.store();
    const nowMs = this.options.clock.now().getTime();
    db.transaction(() => {
      const record = existingChange(db, id);
      if (record.approval !== 'pending')
        throw new DomainError('CONFLICT', `Change record ${id} was already ${record.approval}.`);
      if (record.requestedBy === by.username)
        throw new DomainError(
          'CONFLICT',
          'Four eyes: a change is approved or rejected by someone other than the person who requested it.',
        );
      putDecision(db, id, { approval: decision, by: by.username, reason, nowMs });
      auditBy(
        db,
        by,
        {
          action: decision === 'approved' ? 'changes.approve' : 'changes.reject',
          target: `change:${id}`,
          outcome: 'success',
          details: { model: record.model, kind: record.kind, reason, digest: record.digest },
        },
        new Date(nowMs),
      );
      if (decision === 'rejected' && record.outcome === 'pending')
        this.settle(db, id, 'cancelled', 'Rejected', by, nowMs);
      // A version already running when its change is approved is applied at once.
      else if (decision === 'approved' && record.outcome === 'pending' && record.toVersion) {
        const hosts = currentVersions(db, record.model).filter(
          (c) => c.version === record.toVersion,
        );
        if (hosts.length > 0) {
          const detail = `${record.toVersion} running on ${hosts.map((h) => h.hostName).join(', ')}`;
          this.settle(db, id, 'applied', detail, by, nowMs);
        }
      }
    })();
    this.announce(id);
    return this.get(id);
  }

  /** How an approved change ended (the experiments service, a threshold change, a failed deploy). */
  recordOutcome(
    id: number,
    outcome: 'applied' | 'failed' | 'cancelled',
    detail: string,
    by: ChangeActor,
  ): ChangeRecord {
    const db = this.options.store();
    const nowMs = this.options.clock.now().getTime();
    db.transaction(() => {
      const record = existingChange(db, id);
      if (record.outcome !== 'pending')
        throw new DomainError('CONFLICT', `Change record ${id} already ended: ${record.outcome}.`);
      if (outcome === 'applied' && record.approval !== 'approved')
        throw new DomainError('CONFLICT', `Change record ${id} is not approved yet.`);
      this.settle(db, id, outcome, detail, by, nowMs);
    })();
    this.announce(id);
    return this.get(id);
  }

  /** Inserts a record and its audit entry (inside the caller's transaction); returns its id. */
  insert(
    db: WritableDb,
    request: ChangeRequest,
    by: ChangeActor,
    isRetrospective: boolean,
    outcome: 'pending' | 'applied',
  ): number {
    const nowMs = this.options.clock.now().getTime();
    const evidence = request.evidence ?? null;
    const reproducibility = {
      fromDigests: digestsOf(db, request.model, request.fromVersion),
      toDigests: digestsOf(db, request.model, request.toVersion),
      dataWindows: evidence?.windows ?? [],
    };
    const source = request.source ?? 'operator';
    const body = {
      model: request.model,
      kind: request.kind,
      source,
      fromVersion: request.fromVersion,
      toVersion: request.toVersion,
      config: request.config,
      evidence,
      reproducibility,
      reason: request.reason,
      requestedBy: by.username,
      requestedAt: new Date(nowMs).toISOString(),
      requestId: request.requestId,
    };
    const digest = sha256Hex(canonicalJson(body));
    const id = insertChange(db, {
      ...body,
      source,
      requestedBy: by,
      nowMs,
      isRetrospective,
      outcome,
      digest,
    });
    auditBy(
      db,
      by,
      {
        action: isRetrospective ? 'changes.observe' : 'changes.request',
        target: `change:${id}`,
        outcome: 'success',
        details: {
          model: request.model,
          kind: request.kind,
          from: request.fromVersion,
          to: request.toVersion,
          digest,
        },
      },
      new Date(nowMs),
    );
    return id;
  }

  /** Approved changes waiting for a version: applied once the agent reports it running. */
  settleArrivals(db: WritableDb, model: string, by: ChangeActor): number[] {
    const nowMs = this.options.clock.now().getTime();
    const running = currentVersions(db, model);
    const settled: number[] = [];
    for (const c of awaitingOutcome(db, model)) {
      const hosts = running.filter((r) => r.version === c.toVersion);
      if (c.approval !== 'approved' || !c.toVersion || hosts.length === 0) continue;
      const detail = `${c.toVersion} running on ${hosts.map((h) => h.hostName).join(', ')}`;
      this.settle(db, c.id, 'applied', detail, by, nowMs);
      settled.push(c.id);
    }
    return settled;
  }

  /**
   * An agent reported a version's digests after a record named it (the action's result comes before
   * the version's first telemetry): the record's missing digests are filled in, and audited.
   */
  noteDigests(db: WritableDb, model: string, version: string, digests: VersionDigests): number[] {
    const filled: number[] = [];
    for (const c of changesOfVersion(db, model, version)) {
      const r = c.reproducibility;
      const fill = (side: VersionDigests, isThis: boolean) =>
        isThis && side.model === null && side.code === null ? digests : side;
      const next = {
        ...r,
        fromDigests: fill(r.fromDigests, c.fromVersion === version),
        toDigests: fill(r.toDigests, c.toVersion === version),
      };
      if (next.fromDigests === r.fromDigests && next.toDigests === r.toDigests) continue;
      putReproducibility(db, c.id, next);
      auditBy(
        db,
        { username: 'system:models', role: 'system' },
        {
          action: 'changes.digests',
          target: `change:${c.id}`,
          outcome: 'success',
          details: { model, version, modelDigest: digests.model, codeDigest: digests.code },
        },
        this.options.clock.now(),
      );
      filled.push(c.id);
    }
    return filled;
  }

  private settle(
    db: WritableDb,
    id: number,
    outcome: 'applied' | 'failed' | 'cancelled',
    detail: string,
    by: ChangeActor,
    nowMs: number,
  ): void {
    putOutcome(db, id, { outcome, detail, nowMs });
    auditBy(
      db,
      by,
      {
        action: 'changes.outcome',
        target: `change:${id}`,
        outcome: 'success',
        details: { outcome, detail },
      },
      new Date(nowMs),
    );
  }

  announce(id: number | null): void {
    this.options.events.emit('governance.changed', { changeId: id, requestId: null });
  }
}
