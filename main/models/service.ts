// Model versions as a service: learns from each committed telemetry batch and each finished agent
// action, answers the API, records marks and the policy (audited), and announces models.changed.
import type {
  ModelServiceSummary,
  ModelVersionsDetail,
  VersionPolicy,
} from '../../shared/ipc/modelSchemas.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { auditBy } from '../audit/index.ts';
import type { Clock } from '../core/clock.ts';
import { DomainError } from '../core/errors.ts';
import type { EventBus } from '../core/events.ts';
import type { FleetService } from '../fleet/service.ts';
import type { Logger } from '../log.ts';
import type { WritableDb } from '../store/types.ts';
import { ModelVersionRecorder } from './recorder.ts';
import { modelNames, putPolicy } from './repository.ts';
import {
  currentVersions,
  lastKnownGood,
  markKnownGood,
  markSuspect,
  policyForApi,
  versionHistory,
  versionInfos,
  type Marker,
} from './versions.ts';

export interface ModelVersionServiceOptions {
  store: () => WritableDb;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  fleet: FleetService;
}

export class ModelVersionService {
  private readonly recorder = new ModelVersionRecorder();

  constructor(private readonly options: ModelVersionServiceOptions) {
    const { fleet, logger, clock } = options;
    fleet.ingestEvents.onSamplesCommitted((hostId, samples) => {
      try {
        this.announce(this.recorder.recordSamples(options.store(), hostId, samples));
      } catch (error) {
        logger.error('models: recording versions from telemetry failed', { error: String(error) });
      }
    });
    fleet.onActionFinished((db, request, result, actor) => {
      try {
        const model = this.recorder.recordAction(db, {
          hostId: request.hostId,
          action: request.action,
          params: request.params,
          status: result.status,
          actor,
          now: clock.now(),
        });
        if (model) this.announce([model]);
      } catch (error) {
        logger.error('models: recording a version change failed', { error: String(error) });
      }
    });
  }

  list(): ModelServiceSummary[] {
    const db = this.options.store();
    return modelNames(db).map((model) => {
      const current = currentVersions(db, model);
      const versions = versionInfos(db, model);
      const [latest] = versionHistory(db, model);
      return {
        model,
        currentVersions: [...new Set(current.map((c) => c.version))].sort(),
        hosts: new Set(current.map((c) => c.hostId)).size,
        lastKnownGood: lastKnownGood(db, model),
        suspectVersions: versions.filter((v) => v.state === 'suspect').map((v) => v.version),
        lastChangeAt: latest?.at ?? null,
      };
    });
  }

  detail(model: string): ModelVersionsDetail {
    const db = this.options.store();
    const versions = versionInfos(db, model);
    if (versions.length === 0)
      throw new DomainError('NOT_FOUND', `No host has reported a version of model "${model}".`);
    return {
      model,
      current: currentVersions(db, model),
      lastKnownGood: lastKnownGood(db, model),
      versions,
      history: versionHistory(db, model),
      policy: policyForApi(db),
    };
  }

  mark(
    state: 'known_good' | 'suspect',
    input: { model: string; version: string; reason: string },
    by: Marker,
  ): { done: true } {
    const db = this.options.store();
    const now = this.options.clock.now();
    if (state === 'known_good')
      markKnownGood(db, input.model, input.version, by, input.reason, now);
    else markSuspect(db, input.model, input.version, input.reason, now, by);
    this.announce([input.model]);
    return { done: true };
  }

  setPolicy(policy: VersionPolicy, by: Marker): VersionPolicy {
    const db = this.options.store();
    const now = this.options.clock.now();
    db.transaction(() => {
      const before = policyForApi(db);
      putPolicy(
        db,
        {
          soakMs: policy.soakMinutes * MINUTE_MS,
          suspectWindowMs: policy.suspectWindowMinutes * MINUTE_MS,
        },
        by.username,
        now.getTime(),
      );
      auditBy(
        db,
        by,
        {
          action: 'models.setPolicy',
          target: 'models',
          outcome: 'success',
          details: { from: before, to: policy },
        },
        now,
      );
    })();
    this.announce(modelNames(db));
    return policyForApi(db);
  }

  /** Writes the last-seen times still held in memory (before the store closes). */
  flush(): void {
    try {
      this.recorder.flush(this.options.store());
    } catch (error) {
      this.options.logger.warn('models: last-seen times not written', { error: String(error) });
    }
  }

  private announce(models: readonly string[]): void {
    if (models.length > 0)
      this.options.events.emit('models.changed', { models: [...new Set(models)] });
  }
}
