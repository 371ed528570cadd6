// Retraining triggers: rules evaluated on a timer against the console's readings and SLOs; a rule
// that holds (and is out of its cool-down, with no request of its own still open) files a retraining
// request with its evidence and hands it to the site's pipeline. A new version of the model reported
// by the agents afterwards closes the request and opens a change record to promote it (four eyes).
import type {
  PipelineSettings,
  RetrainingRequest,
  TriggerRule,
  TriggerRuleInput,
} from '../../shared/ipc/governanceSchemas.ts';
import type { SloSummary } from '../../shared/ipc/sloSchemas.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import type { Logger } from '../log.ts';
import { versionInfos } from '../models/index.ts';
import type { WritableDb } from '../store/types.ts';
import type { ChangeActor, ChangeRecords } from './changeRecords.ts';
import { deliverRequest } from './delivery.ts';
import {
  closeRequest,
  findRequest,
  findRule,
  insertRequest,
  lastFiredAt,
  listRequests,
  listRules,
  markDelivery,
  openRequestsOf,
  putPipeline,
  readPipeline,
  saveRule,
  undeliveredRequests,
} from './repository.ts';
import { evaluateCondition } from './signals.ts';

export const RETRAINING_SYSTEM_ACTOR = { username: 'system:retraining', role: 'system' } as const;
/** A failed delivery is tried again on later ticks, up to this many attempts in all. */
const MAX_ATTEMPTS = 20;

export interface RetrainingTriggersOptions {
  store: () => WritableDb;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  changes: ChangeRecords;
  siteName: () => string;
  sloSummaries: () => readonly SloSummary[];
}

export class RetrainingTriggers {
  private isTicking = false;

  constructor(private readonly options: RetrainingTriggersOptions) {}

  rules(): TriggerRule[] {
    return listRules(this.options.store());
  }

  requests(): RetrainingRequest[] {
    return listRequests(this.options.store());
  }

  request(id: number): RetrainingRequest {
    const found = findRequest(this.options.store(), id);
    if (!found) throw new DomainError('NOT_FOUND', `There is no retraining request ${id}.`);
    return found;
  }

  pipeline(): PipelineSettings | null {
    return readPipeline(this.options.store());
  }

  setPipeline(settings: PipelineSettings, by: ChangeActor): PipelineSettings {
    const db = this.options.store();
    const now = this.options.clock.now();
    db.transaction(() => {
      putPipeline(db, settings, by.username, now.getTime());
      const where = settings.kind === 'webhook' ? settings.url : settings.directory;
      auditBy(
        db,
        by,
        {
          action: 'retraining.setPipeline',
          target: 'retraining',
          outcome: 'success',
          details: { kind: settings.kind, where },
        },
        now,
      );
    })();
    this.announce(null);
    return settings;
  }

  saveRule(id: number | null, input: TriggerRuleInput, by: ChangeActor): TriggerRule {
    const db = this.options.store();
    const now = this.options.clock.now();
    const saved = db.transaction(() => {
      if (id !== null && !findRule(db, id))
        throw new DomainError('NOT_FOUND', `There is no trigger rule ${id}.`);
      if (listRules(db).some((r) => r.name === input.name && r.id !== id))
        throw new DomainError('CONFLICT', `A trigger rule is already named "${input.name}".`);
      const ruleId = saveRule(db, id, {
        name: input.name,
        model: input.model,
        condition: input.condition,
        cooldownMs: input.cooldownMinutes * MINUTE_MS,
        isEnabled: input.isEnabled,
        by: by.username,
        nowMs: now.getTime(),
      });
      auditBy(
        db,
        by,
        {
          action: id === null ? 'retraining.createRule' : 'retraining.updateRule',
          target: `trigger:${ruleId}`,
          outcome: 'success',
          details: { ...input },
        },
        now,
      );
      return ruleId;
    })();
    this.announce(null);
    return findRule(db, saved)!;
  }

  /** Evaluates every enabled rule, files what holds, then delivers what is waiting. */
  async tick(): Promise<void> {
    if (this.isTicking) return;
    this.isTicking = true;
    try {
      this.evaluate();
      await this.deliver();
    } finally {
      this.isTicking = false;
    }
  }

  /** Files a request for each rule that holds now; returns their ids. */
  evaluate(): number[] {
    const db = this.options.store();
    const nowMs = this.options.clock.now().getTime();
    const filed: number[] = [];
    for (const rule of listRules(db)) {
      if (!rule.isEnabled) continue;
      if (openRequestsOf(db, rule.model).some((r) => r.ruleId === rule.id)) continue;
      const last = lastFiredAt(db, rule.id);
      if (last !== null && nowMs - last < rule.cooldownMinutes * MINUTE_MS) continue;
      const evidence = evaluateCondition(
        db,
        rule.model,
        rule.condition,
        nowMs,
        this.options.sloSummaries,
      );
      if (!evidence) continue;
      const versions = versionInfos(db, rule.model)
        .filter((v) => v.hosts > 0)
        .map((v) => v.version);
      const id = db.transaction(() => {
        const requestId = insertRequest(db, {
          ruleId: rule.id,
          model: rule.model,
          versions,
          evidence,
          nowMs,
        });
        auditBy(
          db,
          RETRAINING_SYSTEM_ACTOR,
          {
            action: 'retraining.request',
            target: `retraining:${requestId}`,
            outcome: 'success',
            details: {
              rule: rule.name,
              model: rule.model,
              summary: evidence.summary,
              windows: evidence.windows,
            },
          },
          new Date(nowMs),
        );
        return requestId;
      })();
      filed.push(id);
      this.announce(id);
    }
    return filed;
  }

  /** Hands each waiting request to the pipeline; a failure is kept with its reason and retried. */
  async deliver(): Promise<void> {
    const db = this.options.store();
    const pipeline = readPipeline(db);
    if (!pipeline) return;
    for (const r of undeliveredRequests(db)) {
      if (r.attempts >= MAX_ATTEMPTS) continue;
      let to = pipeline.kind === 'webhook' ? pipeline.url : pipeline.directory;
      let error: string | null = null;
      try {
        to = await deliverRequest(pipeline, r, this.options.siteName());
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        this.options.logger.warn('retraining: delivery failed', { request: r.id, error });
      }
      const now = this.options.clock.now();
      const store = this.options.store();
      store.transaction(() => {
        markDelivery(store, r.id, { isOk: error === null, to, error, nowMs: now.getTime() });
        auditBy(
          store,
          RETRAINING_SYSTEM_ACTOR,
          {
            action: 'retraining.deliver',
            target: `retraining:${r.id}`,
            outcome: error === null ? 'success' : 'failure',
            details: { kind: pipeline.kind, to, error },
          },
          now,
        );
      })();
      this.announce(r.id);
    }
  }

  /** A model's versions changed: a version first seen after a request fired closes it. */
  onVersionsChanged(model: string): void {
    const db = this.options.store();
    const infos = versionInfos(db, model);
    for (const r of openRequestsOf(db, model)) {
      const firedMs = Date.parse(r.firedAt);
      const fresh = infos
        .filter((v) => Date.parse(v.firstSeenAt) >= firedMs && !r.versions.includes(v.version))
        .sort((a, b) => Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt))[0];
      if (!fresh) continue;
      const author = findRule(db, r.ruleId)?.updatedBy ?? RETRAINING_SYSTEM_ACTOR.username;
      db.transaction(() => {
        const changeId = this.options.changes.insert(
          db,
          {
            model,
            kind: 'promote_retrained',
            source: 'retraining',
            fromVersion: r.versions[r.versions.length - 1] ?? null,
            toVersion: fresh.version,
            config: { rule: r.ruleName, retrainingRequest: r.id },
            evidence: r.evidence,
            reason: `Retrained after: ${r.evidence.summary}`,
            requestId: r.id,
          },
          { username: author, role: 'trigger rule' },
          false,
          'pending',
        );
        closeRequest(db, r.id, {
          version: fresh.version,
          changeId,
          nowMs: this.options.clock.now().getTime(),
        });
        auditBy(
          db,
          RETRAINING_SYSTEM_ACTOR,
          {
            action: 'retraining.close',
            target: `retraining:${r.id}`,
            outcome: 'success',
            details: { model, version: fresh.version, changeId },
          },
          this.options.clock.now(),
        );
      })();
      this.announce(r.id);
    }
  }

  private announce(requestId: number | null): void {
    this.options.events.emit('governance.changed', { changeId: null, requestId });
  }
}
